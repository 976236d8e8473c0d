/**
 * Refreshing a login session's credentials, once across processes. The AWS CLI rewrites the cache
 * in place, unlocked, while every refresh rotates the refresh token, so two processes refreshing
 * together can lose the session (aws-cli issue #10628). Here the refresh runs under the cache
 * file's lock: re-read, refresh only if the file still needs it, write atomically (0600). Processes
 * that waited for the lock then find the winner's credentials and make no call.
 *
 * @module
 */
import type { AwsClientFactory, ClientTarget } from '../aws/clients.js'
import type { Env } from '../env.js'
import { CredentialsError } from '../errors.js'
import { NO_REGION_MESSAGE } from '../credentials/messages.js'
import type { AwsCredentials } from '../credentials/types.js'
import { writeFileAtomic } from '../files/atomic-write.js'
import { withFileLock } from '../files/lock.js'
import {
  formatLoginExpiry,
  formatLoginToken,
  loginCachePath,
  loginTokenCredentials,
  loginTokenExpiry,
  needsLoginRefresh,
  readLoginToken,
  type LoginToken,
} from './cache.js'
import { loadDpopKey } from './dpop.js'
import {
  LOGIN_INSUFFICIENT_PERMISSIONS_MESSAGE,
  LOGIN_PASSWORD_CHANGED_MESSAGE,
  LOGIN_REFRESH_UNSPECIFIED_MESSAGE,
  LOGIN_SESSION_EXPIRED_MESSAGE,
  loginHint,
} from './messages.js'
import { createOAuth2Token, isAccessDenied, signinErrorCode, toSigninServiceError } from './signin.js'

/** Options for {@link refreshLoginCredentials}. */
export interface RefreshLoginOptions {
  loginSession: string
  /** The profile, for the sign-in hint. */
  profileName: string
  clients: AwsClientFactory
  /** The region to refresh in when the cache does not record the sign-in region. */
  region: () => string | undefined
  /** The Sign-In endpoint override, if any. */
  endpoint: () => string | undefined
}

/** Refreshes the session's credentials unless another process already did; returns the current ones. */
export async function refreshLoginCredentials(env: Env, options: RefreshLoginOptions): Promise<AwsCredentials> {
  const path = loginCachePath(env, options.loginSession)
  return withFileLock(env, path, async () => {
    // Another process (or another tool) may have refreshed while this one waited.
    const token = await readLoginToken(env, options.loginSession)
    if (!needsLoginRefresh(token, env.now())) return loginTokenCredentials(token)
    let updated: LoginToken
    try {
      updated = await requestRefresh(env, token, options)
    } catch (error) {
      // A transient failure need not end the session while its credentials still work.
      if (
        !isAccessDenied(error) &&
        error instanceof Error &&
        loginTokenExpiry(token) > env.now() &&
        isTransient(error)
      ) {
        return loginTokenCredentials(token)
      }
      throw mapRefreshError(error, options.profileName)
    }
    await writeFileAtomic(env, path, formatLoginToken(updated))
    return loginTokenCredentials(updated)
  })
}

async function requestRefresh(env: Env, token: LoginToken, options: RefreshLoginOptions): Promise<LoginToken> {
  const region = (typeof token.signInRegion === 'string' && token.signInRegion) || options.region()
  if (!region) throw new CredentialsError(NO_REGION_MESSAGE, { kind: 'config' })
  const target: ClientTarget = { region, endpoint: options.endpoint() }
  const out = await createOAuth2Token(env, options.clients, target, loadDpopKey(token.dpopKey), {
    clientId: token.clientId,
    refreshToken: token.refreshToken,
    grantType: 'refresh_token',
  })
  const access = out.accessToken
  if (!access?.accessKeyId || !access.secretAccessKey || !access.sessionToken) {
    throw new CredentialsError("'accessToken'")
  }
  if (typeof out.expiresIn !== 'number') throw new CredentialsError("'expiresIn'")
  if (!out.refreshToken) throw new CredentialsError("'refreshToken'")
  return {
    ...token,
    accessToken: {
      ...token.accessToken,
      accessKeyId: access.accessKeyId,
      secretAccessKey: access.secretAccessKey,
      sessionToken: access.sessionToken,
      expiresAt: formatLoginExpiry(env.now() + out.expiresIn * 1000),
    },
    refreshToken: out.refreshToken,
  }
}

function isTransient(error: Error): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
  return status === undefined ? !(error instanceof CredentialsError) : status >= 500 || status === 429
}

function mapRefreshError(error: unknown, profileName: string): unknown {
  if (!isAccessDenied(error)) return toSigninServiceError(error)
  const messages: Record<string, string> = {
    TOKEN_EXPIRED: LOGIN_SESSION_EXPIRED_MESSAGE,
    USER_CREDENTIALS_CHANGED: LOGIN_PASSWORD_CHANGED_MESSAGE,
    INSUFFICIENT_PERMISSIONS: LOGIN_INSUFFICIENT_PERMISSIONS_MESSAGE,
  }
  const message = messages[signinErrorCode(error) ?? ''] ?? LOGIN_REFRESH_UNSPECIFIED_MESSAGE
  return new CredentialsError(message, { cause: error, hint: loginHint(profileName) })
}
