/**
 * Configured endpoint URLs, as botocore resolves them (`ConfiguredEndpointProvider` in
 * `botocore/configprovider.py`), so `AWS_ENDPOINT_URL*` and `[services]` sections send idc to the
 * same place they send the AWS CLI — in particular to a local `idc server`.
 *
 * Order: the client's own endpoint URL; unless configured endpoints are ignored,
 * `AWS_ENDPOINT_URL_<SERVICE_ID>`, `AWS_ENDPOINT_URL`, the profile's `services` section entry
 * (`<service_id> =` with an indented `endpoint_url =`), then the profile's `endpoint_url`.
 *
 * @module
 */
import type { Env } from '../env.js'
import { IdcError } from '../errors.js'
import type { ConfigSection, SharedConfig } from './parse-config-file.js'

/** Options for {@link resolveEndpointUrl}. */
export interface ResolveEndpointUrlOptions {
  /** botocore's serviceId: 'SSO OIDC', 'SSO', 'STS', 'S3', 'SSO Admin', 'identitystore'… */
  serviceId: string
  /** The profile whose `endpoint_url` and `services` apply. */
  profileName: string
  /** An endpoint given to the client itself (e.g. `--endpoint-url`); it always wins. */
  endpointUrl?: string
  /** The client's own `ignore_configured_endpoint_urls` setting. */
  ignoreConfiguredEndpointUrls?: boolean
}

/** The endpoint URL configured for a service, or undefined for the service's default endpoint. */
export function resolveEndpointUrl(
  env: Env,
  config: SharedConfig,
  options: ResolveEndpointUrlOptions,
): string | undefined {
  if (options.endpointUrl) return options.endpointUrl
  const profile = config.profiles[options.profileName]
  if (ignoresConfiguredEndpoints(env, profile, options)) return undefined
  const serviceKey = serviceIdToKey(options.serviceId)
  const fromEnv = env.vars[`AWS_ENDPOINT_URL_${serviceKey.toUpperCase()}`] || env.vars.AWS_ENDPOINT_URL
  if (fromEnv) return fromEnv
  if (profile === undefined) return undefined
  const fromServices = servicesSectionOf(config, profile)?.[serviceKey]
  if (typeof fromServices === 'object' && fromServices.endpoint_url) return fromServices.endpoint_url
  const global = profile.endpoint_url
  return typeof global === 'string' && global !== '' ? global : undefined
}

/** The snake_case form of a service id used in variable names and services sections: 'SSO OIDC' -> 'sso_oidc'. */
export function serviceIdToKey(serviceId: string): string {
  return serviceId
    .trim()
    .replace(/[\s-]+/g, '_')
    .toLowerCase()
}

function ignoresConfiguredEndpoints(
  env: Env,
  profile: ConfigSection | undefined,
  options: ResolveEndpointUrlOptions,
): boolean {
  if (options.ignoreConfiguredEndpointUrls === true) return true
  // botocore's chain: a set variable decides, even when it says "false" over a profile's "true".
  const fromEnv = env.vars.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS
  if (fromEnv !== undefined) return fromEnv.toLowerCase() === 'true'
  const fromProfile = profile?.ignore_configured_endpoint_urls
  return typeof fromProfile === 'string' && fromProfile.toLowerCase() === 'true'
}

function servicesSectionOf(config: SharedConfig, profile: ConfigSection): ConfigSection | undefined {
  const name = profile.services
  if (name === undefined) return undefined
  const section = typeof name === 'string' ? config.services[name] : undefined
  if (section === undefined || Object.keys(section).length === 0) {
    const shown = typeof name === 'string' ? name : ''
    throw new IdcError(
      'general',
      `The profile is configured to use the services section but the "${shown}" services configuration does not exist.`,
    )
  }
  return section
}
