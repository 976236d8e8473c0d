/**
 * What the SSO portal commands (`idc sso list-accounts`, `idc sso list-account-roles`) share: the
 * portal's region and endpoint for a profile or sso-session, and an access token — the one given
 * with `--access-token`, else the cached (and, when due, refreshed) token of the session.
 *
 * @module
 */
import { resolveEndpointUrl } from '../../../core/config/endpoints.js'
import { loadSharedConfig } from '../../../core/config/load-shared-config.js'
import { resolveProfileName, resolveRegion } from '../../../core/config/profile.js'
import { NO_REGION_MESSAGE } from '../../../core/credentials/messages.js'
import { ConfigError } from '../../../core/errors.js'
import { resolveSsoLoginSession } from '../../../core/sso/sso-config.js'
import { resolveSsoAccessToken } from '../../../core/sso/token-provider.js'
import type { CliEnv } from '../../cli-env.js'
import type { OptionSpec, ParsedArgs } from '../../command.js'
import type { GlobalOptions } from '../../globals.js'

/** The flags that select a session and token. */
export interface PortalAccessOptions {
  profile?: string | undefined
  ssoSession?: string | undefined
  accessToken?: string | undefined
  /** `--region`. */
  region?: string | undefined
  /** `--endpoint-url`. */
  endpointUrl?: string | undefined
}

/** The flags of the portal commands that choose the session and token. */
export const PORTAL_ACCESS_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'sso-session': {
    type: 'string',
    description: 'The [sso-session] whose cached token to use.',
    placeholder: '<name>',
  },
  'access-token': {
    type: 'string',
    description: 'An access token to use instead of the cached one.',
    placeholder: '<token>',
  },
}

/** Reads {@link PORTAL_ACCESS_OPTIONS} and `--profile`. */
export function parsePortalAccess(args: ParsedArgs, globals: GlobalOptions): PortalAccessOptions {
  return {
    profile: globals.profile,
    ssoSession: args.values['sso-session'] as string | undefined,
    accessToken: args.values['access-token'] as string | undefined,
    region: globals.region,
    endpointUrl: globals.endpointUrl,
  }
}

/** The SSO portal to call and the token to call it with. */
export interface PortalAccess {
  accessToken: string
  target: { region: string; endpoint: string | undefined }
}

/**
 * Resolves the portal target and a token. With `--access-token`, as in the AWS CLI, no SSO
 * configuration is needed: the region is the usual one (`--region`, `AWS_REGION`, the profile's
 * `region`). Otherwise the profile's (or `--sso-session`'s) session gives the region and token.
 */
export async function resolvePortalAccess(env: CliEnv, options: PortalAccessOptions): Promise<PortalAccess> {
  const config = await loadSharedConfig({ env })
  const profileName = resolveProfileName(env, options.profile)
  const endpoint = resolveEndpointUrl(env, config, { serviceId: 'SSO', profileName, endpointUrl: options.endpointUrl })
  if (options.accessToken) {
    const region = resolveRegion(env, config.profiles[profileName], options.region)
    if (!region) throw new ConfigError(NO_REGION_MESSAGE)
    return { accessToken: options.accessToken, target: { region, endpoint } }
  }
  const session = resolveSsoLoginSession(config, { profileName, ssoSession: options.ssoSession })
  const target = { region: session.region, endpoint }
  const oidcEndpoint = resolveEndpointUrl(env, config, { serviceId: 'SSO OIDC', profileName })
  const token = await resolveSsoAccessToken(env, session, {
    clients: env.clients,
    oidcEndpoint,
    ...(options.ssoSession ? {} : { profileName }),
  })
  return { accessToken: token.accessToken, target }
}
