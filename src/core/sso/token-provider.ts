/**
 * Resolves an SSO access token from the shared token cache, refreshing sso-session tokens the way
 * botocore's `SSOTokenProvider` does: inside the 15-minute window, with the cached refresh token,
 * keeping a still-valid token when the service rejects the refresh. Refreshes are single-flight
 * across processes: one lock per session around "re-read, decide, refresh, write", so processes
 * that lose the race read the winner's token instead of refreshing again.
 *
 * @module
 */
import type { AwsClientFactory } from '../aws/clients.js'
import type { Env } from '../env.js'
import { CredentialsError } from '../errors.js'
import { withFileLock } from '../files/lock.js'
import {
  newSsoTokenFile,
  parseCacheTime,
  readSsoToken,
  ssoTokenCachePath,
  writeSsoToken,
  type SsoTokenFile,
} from './cache.js'
import {
  formatLoginHint,
  loginCommandHint,
  SESSION_EXPIRED_MESSAGE,
  TOKEN_REFRESH_FAILED_MESSAGE,
  tokenDoesNotExistMessage,
  tokenInvalidMessage,
} from './messages.js'
import { isServiceError } from '../aws/service-errors.js'
import { createSsoToken } from './oidc.js'

/** An SSO session's configuration; `sessionName` undefined means a legacy profile. */
export interface SsoSessionConfig {
  sessionName?: string
  startUrl: string
  region: string
  registrationScopes?: string[]
}

/** How to reach SSO-OIDC for a refresh, and which profile asked (for hints). */
export interface SsoTokenOptions {
  clients: AwsClientFactory
  /** The resolved SSO-OIDC endpoint override, if any. */
  oidcEndpoint?: string | undefined
  /** The profile being resolved, named in the sign-in hint. */
  profileName?: string
}

/** A usable access token. */
export interface SsoAccessToken {
  accessToken: string
  expiresAt: Date
}

/** botocore's `_REFRESH_WINDOW`: refresh when fewer than 15 minutes remain. */
export const SSO_TOKEN_REFRESH_WINDOW_MS = 15 * 60 * 1000

/** Returns a valid access token for `session`, refreshing it when it is about to expire. */
export async function resolveSsoAccessToken(
  env: Env,
  session: SsoSessionConfig,
  options: SsoTokenOptions,
): Promise<SsoAccessToken> {
  const identifier = session.sessionName ?? session.startUrl
  const hint = formatLoginHint(loginCommandHint({ sessionName: session.sessionName, profileName: options.profileName }))
  const first = await loadToken(env, session, identifier, hint)
  if (session.sessionName === undefined) {
    // Legacy tokens are never refreshed; an expired one fails before any request.
    if (first.expiresAtMs <= env.now()) throw new CredentialsError(SESSION_EXPIRED_MESSAGE, { hint })
    return toResult(first)
  }
  if (first.expiresAtMs - env.now() > SSO_TOKEN_REFRESH_WINDOW_MS) return toResult(first)

  const token = await withFileLock(env, ssoTokenCachePath(env, identifier), async () => {
    // Another process may have refreshed while we waited for the lock.
    const current = await loadToken(env, session, identifier, hint)
    if (current.expiresAtMs - env.now() > SSO_TOKEN_REFRESH_WINDOW_MS) return current
    return (await refreshToken(env, session, identifier, current, options)) ?? current
  })
  if (token.expiresAtMs <= env.now()) throw new CredentialsError(TOKEN_REFRESH_FAILED_MESSAGE, { hint })
  return toResult(token)
}

interface LoadedToken {
  file: SsoTokenFile
  accessToken: string
  expiresAtMs: number
}

function toResult(token: LoadedToken): SsoAccessToken {
  return { accessToken: token.accessToken, expiresAt: new Date(token.expiresAtMs) }
}

async function loadToken(env: Env, session: SsoSessionConfig, identifier: string, hint: string): Promise<LoadedToken> {
  const file = await readSsoToken(env, identifier)
  if (!file) throw new CredentialsError(tokenDoesNotExistMessage(identifier), { hint })
  const expiresAtMs = parseCacheTime(file.expiresAt)
  if (typeof file.accessToken !== 'string' || !file.accessToken || expiresAtMs === undefined) {
    throw new CredentialsError(tokenInvalidMessage(session.startUrl), { hint })
  }
  return { file, accessToken: file.accessToken, expiresAtMs }
}

/** One refresh attempt; undefined when it cannot be tried or the service rejected it. */
async function refreshToken(
  env: Env,
  session: SsoSessionConfig,
  identifier: string,
  current: LoadedToken,
  options: SsoTokenOptions,
): Promise<LoadedToken | undefined> {
  const { clientId, clientSecret, refreshToken: refresh, registrationExpiresAt } = current.file
  const registrationExpiresMs = parseCacheTime(registrationExpiresAt)
  if (!clientId || !clientSecret || !refresh || registrationExpiresMs === undefined) return undefined
  if (registrationExpiresMs <= env.now()) return undefined
  let response
  try {
    response = await createSsoToken(
      options.clients,
      { region: session.region, endpoint: options.oidcEndpoint },
      { grantType: 'refresh_token', clientId, clientSecret, refreshToken: refresh },
    )
  } catch (error) {
    // A rejected refresh is not fatal while the old token is valid; a network failure is.
    if (isServiceError(error)) return undefined
    throw error
  }
  const expiresAtMs = env.now() + response.expiresIn * 1000
  const file = newSsoTokenFile(session, { ...response, expiresAtMs }, { clientId, clientSecret, registrationExpiresAt })
  await writeSsoToken(env, identifier, file)
  return { file, accessToken: response.accessToken, expiresAtMs: Math.floor(expiresAtMs / 1000) * 1000 }
}
