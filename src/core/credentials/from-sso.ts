/**
 * IAM Identity Center role credentials: GetRoleCredentials with the session's access token,
 * cached in the AWS CLI's role-credential cache when this is the top-level provider
 * (`aws-cli-behaviour.md` §6). The token provider and the SDK load only on a cache miss.
 *
 * @module
 */
import type { AwsClientFactory } from '../aws/clients.js'
import type { Env } from '../env.js'
import { CredentialsError } from '../errors.js'
import { ssoRoleCacheKey } from './cache-keys.js'
import type { SsoProfileConfig } from './profile-plan.js'
import { formatSsoCacheEntry, withRoleCache } from './role-cache.js'
import type { AwsCredentials, CredentialProvider } from './types.js'

/** Options for {@link fromSso}. */
export interface FromSsoInit {
  env: Env
  sso: SsoProfileConfig
  clients: AwsClientFactory
  /** Resolves the endpoint overrides (only called on a cache miss). */
  endpoints?: () => { sso?: string | undefined; oidc?: string | undefined }
  /** Use the `~/.aws/cli/cache` file cache (top-level providers only, as in the CLI). */
  fileCache: boolean
}

/** The cache key of an SSO profile's role credentials. */
export function ssoRoleCacheKeyFor(sso: SsoProfileConfig): string {
  return sso.sessionName === undefined
    ? ssoRoleCacheKey({ accountId: sso.accountId, roleName: sso.roleName, startUrl: sso.startUrl })
    : ssoRoleCacheKey({ accountId: sso.accountId, roleName: sso.roleName, sessionName: sso.sessionName })
}

/** Role credentials for an SSO profile. */
export function fromSso(init: FromSsoInit): CredentialProvider {
  return async () => {
    if (!init.fileCache) return fetchRoleCredentials(init)
    return withRoleCache(init.env, {
      key: ssoRoleCacheKeyFor(init.sso),
      fetch: async () => {
        const credentials = await fetchRoleCredentials(init)
        return { credentials, entry: formatSsoCacheEntry(credentials) }
      },
    })
  }
}

async function fetchRoleCredentials(init: FromSsoInit): Promise<AwsCredentials> {
  const { env, sso, clients } = init
  const endpoints = init.endpoints?.() ?? {}
  const [{ resolveSsoAccessToken }, messages, { toServiceError }] = await Promise.all([
    import('../sso/token-provider.js'),
    import('../sso/messages.js'),
    import('../aws/service-errors.js'),
  ])
  const session = { startUrl: sso.startUrl, region: sso.region } as Parameters<typeof resolveSsoAccessToken>[1]
  if (sso.sessionName !== undefined) session.sessionName = sso.sessionName
  if (sso.registrationScopes !== undefined) session.registrationScopes = sso.registrationScopes
  const token = await resolveSsoAccessToken(env, session, {
    clients,
    oidcEndpoint: endpoints.oidc,
    profileName: sso.profileName,
  })
  const client = await clients.sso({ region: sso.region, endpoint: endpoints.sso })
  try {
    const { GetRoleCredentialsCommand } = await import('@aws-sdk/client-sso')
    const out = await client.send(
      new GetRoleCredentialsCommand({
        roleName: sso.roleName,
        accountId: sso.accountId,
        accessToken: token.accessToken,
      }),
    )
    const role = out.roleCredentials
    if (!role?.accessKeyId || !role.secretAccessKey || role.expiration === undefined) {
      throw new CredentialsError('GetRoleCredentials returned incomplete credentials')
    }
    return {
      accessKeyId: role.accessKeyId,
      secretAccessKey: role.secretAccessKey,
      sessionToken: role.sessionToken,
      // The CLI stores whole seconds (`%Y-%m-%dT%H:%M:%SZ`); keep fresh and cached results equal.
      expiration: new Date(Math.floor(role.expiration / 1000) * 1000),
      accountId: sso.accountId,
    }
  } catch (error) {
    if ((error as Error).name === 'UnauthorizedException') {
      const hint = messages.formatLoginHint(
        messages.loginCommandHint({ sessionName: sso.sessionName, profileName: sso.profileName }),
      )
      throw new CredentialsError(messages.SESSION_EXPIRED_MESSAGE, { hint, cause: error })
    }
    throw toServiceError(error, 'GetRoleCredentials')
  } finally {
    client.destroy()
  }
}
