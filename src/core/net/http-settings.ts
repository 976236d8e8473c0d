/**
 * The settings every HTTP call of idc shares, resolved as the AWS CLI v2 resolves them
 * (`awscli/botocore/endpoint.py`, `httpsession.py`, `utils.py`):
 *
 * - the CA bundle: `--ca-bundle`, else `AWS_CA_BUNDLE`, else the profile's `ca_bundle`, else
 *   `REQUESTS_CA_BUNDLE`; a value that is empty or only spaces is an error (2.36.6). It replaces
 *   the default trust store, and is read only when an https connection is made, so a bundle that
 *   does not exist matters only to https endpoints.
 * - the proxy: the `https` proxy for https URLs and the `http` proxy for http URLs, from the
 *   `*_proxy` variables as Python's `urllib.request.getproxies_environment` reads them (any case,
 *   lower case winning, an empty lower-case value removing it), unless `no_proxy` matches the host.
 *
 * It also resolves the FIPS and dual-stack choices of the same profile, which every client applies.
 *
 * The proxy rules are hand-written: `proxy-from-env`, the usual package, also reads
 * `npm_config_*_proxy`, falls back to `ALL_PROXY` and matches `no_proxy` ports and wildcards, all
 * of which would route differently from the AWS CLI on the same machine.
 *
 * @module
 */
import { configString } from '../config/config-value.js'
import type { SharedConfig } from '../config/parse-config-file.js'
import type { EnvVars } from '../env.js'
import { IdcError } from '../errors.js'

/** What the HTTP settings are resolved from, besides the environment variables. */
export interface HttpSettingsInput {
  /** `--ca-bundle`. */
  caBundle?: string | undefined
  /** The profile whose `ca_bundle` applies (already resolved: `--profile`, `AWS_PROFILE`, `default`). */
  profile: string
  /** The shared config (its profiles hold `ca_bundle`). */
  config: SharedConfig
}

/** FIPS and dual-stack endpoints, as chosen for the selected profile (undefined: not set). */
export interface EndpointVariants {
  useFipsEndpoint?: boolean
  useDualstackEndpoint?: boolean
}

/** The resolved settings. */
export interface HttpSettings {
  /** The CA bundle file that replaces the default trust store for https, if any. */
  caBundle: string | undefined
  /** `AWS_USE_FIPS_ENDPOINT` / `use_fips_endpoint` and the dual-stack pair, for every client. */
  endpointVariants: EndpointVariants
  /** The proxy URL for `url`, or undefined for a direct connection. */
  proxyFor(url: string): string | undefined
}

/** The AWS CLI's message for a CA bundle setting that is empty or only spaces (exit 255). */
export const EMPTY_CA_BUNDLE_MESSAGE =
  'Invalid CA bundle: the configured value (ca_bundle, AWS_CA_BUNDLE, REQUESTS_CA_BUNDLE, or verify) resolved to an empty or whitespace-only string. Provide a valid path to a CA bundle file.'

/** Resolves the CA bundle and the proxy rules. */
export function resolveHttpSettings(vars: EnvVars, input: HttpSettingsInput): HttpSettings {
  return {
    caBundle: resolveCaBundle(vars, input),
    endpointVariants: resolveEndpointVariants(vars, input),
    proxyFor: (url) => proxyForUrl(url, vars),
  }
}

/**
 * `use_fips_endpoint` and `use_dualstack_endpoint` as botocore reads them: the variable, else the
 * selected profile's value; `true` in any case is true, anything else false. Left to itself the
 * SDK would read them from `AWS_PROFILE` or `[default]`, not from the profile idc was asked to use.
 */
export function resolveEndpointVariants(vars: EnvVars, input: HttpSettingsInput): EndpointVariants {
  const profile = input.config.profiles[input.profile]
  const flag = (variable: string, key: string): boolean | undefined => {
    const value = vars[variable] ?? configString(profile?.[key])
    return value === undefined ? undefined : value.toLowerCase() === 'true'
  }
  const variants: EndpointVariants = {}
  const fips = flag('AWS_USE_FIPS_ENDPOINT', 'use_fips_endpoint')
  const dualstack = flag('AWS_USE_DUALSTACK_ENDPOINT', 'use_dualstack_endpoint')
  if (fips !== undefined) variants.useFipsEndpoint = fips
  if (dualstack !== undefined) variants.useDualstackEndpoint = dualstack
  return variants
}

/**
 * The CA bundle path, or undefined for the default trust store. botocore treats a variable that is
 * set but empty as set (and then rejects it), so `AWS_CA_BUNDLE=` does not fall through.
 */
export function resolveCaBundle(vars: EnvVars, input: HttpSettingsInput): string | undefined {
  const value =
    input.caBundle ??
    vars.AWS_CA_BUNDLE ??
    configString(input.config.profiles[input.profile]?.ca_bundle) ??
    vars.REQUESTS_CA_BUNDLE
  if (value === undefined) return undefined
  if (value.trim() === '') throw new IdcError('general', EMPTY_CA_BUNDLE_MESSAGE)
  return value
}

/** The `*_proxy` variables by scheme, as Python reads them from the environment. */
function environmentProxies(vars: EnvVars): Map<string, string> {
  const proxies = new Map<string, string>()
  const entries = Object.entries(vars).filter((e): e is [string, string] => e[1] !== undefined)
  for (const [name, value] of entries) {
    if (value && name.toLowerCase().endsWith('_proxy')) proxies.set(name.slice(0, -6).toLowerCase(), value)
  }
  // Python's guard against CGI's Proxy header (httpoxy, CVE-2016-1000110).
  if (vars.REQUEST_METHOD !== undefined) proxies.delete('http')
  // Lower-case names win; an empty lower-case one removes the scheme.
  for (const [name, value] of entries) {
    if (!name.endsWith('_proxy')) continue
    const scheme = name.slice(0, -6).toLowerCase()
    if (value) proxies.set(scheme, value)
    else proxies.delete(scheme)
  }
  return proxies
}

/** The proxy for `url` (with botocore's `http://` added when it has no scheme), or undefined. */
export function proxyForUrl(url: string, vars: EnvVars): string | undefined {
  const proxies = environmentProxies(vars)
  const parsed = new URL(url)
  const proxy = proxies.get(parsed.protocol.slice(0, -1))
  if (!proxy || bypassesProxy(parsed.host, proxies.get('no'))) return undefined
  if (/^https?:/.test(proxy)) return proxy
  return proxy.startsWith('//') ? `http:${proxy}` : `http://${proxy}`
}

/**
 * Python's `proxy_bypass_environment`: `*` bypasses everything; otherwise each comma-separated entry
 * (leading dots ignored, case-insensitive) matches the host with or without its port, or any name
 * ending in `.entry`. No CIDR ranges and no automatic loopback exception, as in the AWS CLI.
 */
function bypassesProxy(hostWithPort: string, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false
  if (noProxy === '*') return true
  const host = hostWithPort.toLowerCase()
  const hostOnly = host.replace(/:\d*$/, '')
  for (const raw of noProxy.split(',')) {
    const name = raw.trim().replace(/^\.+/, '').toLowerCase()
    if (!name) continue
    if (hostOnly === name || host === name) return true
    if (hostOnly.endsWith(`.${name}`) || host.endsWith(`.${name}`)) return true
  }
  return false
}

/** A proxy URL fit for messages: its user name and password replaced by `***`, as botocore does. */
export function maskProxyUrl(proxy: string): string {
  try {
    const url = new URL(proxy)
    let masked = proxy
    if (url.username) masked = masked.replace(url.username, '***')
    if (url.password) masked = masked.replace(url.password, '***')
    return masked
  } catch {
    return proxy
  }
}
