/**
 * Credentials of an `aws login` session (a profile with `login_session`), as the AWS CLI's login
 * provider gives them (`aws-login.md` §4): read from the login cache while more than 5 minutes
 * remain, otherwise refreshed with the session's refresh token and DPoP key. The warm path is one
 * file read; the refresh code, the lock and the SDK load only when a refresh is due.
 *
 * @module
 */
import type { AwsClientFactory } from '../aws/clients.js'
import type { Env } from '../env.js'
import type { CredentialProvider } from './types.js'

/** Options for {@link fromLogin}. */
export interface FromLoginInit {
  env: Env
  profileName: string
  /** The profile's `login_session` (the principal's ARN). */
  loginSession: string
  clients: AwsClientFactory
  /** The region to refresh in when the cache does not record the sign-in region. */
  region: () => string | undefined
  /** The Sign-In endpoint override, if any. */
  endpoint: () => string | undefined
}

/** Credentials for a `login_session` profile. */
export function fromLogin(init: FromLoginInit): CredentialProvider {
  return async () => {
    // The cache module names files with node:crypto's SHA-256; loading it only here keeps
    // node:crypto off the warm path of every other profile (test/e2e/credentials-warm-path.test.ts).
    const { loginTokenCredentials, needsLoginRefresh, readLoginToken } = await import('../login/cache.js')
    const token = await readLoginToken(init.env, init.loginSession)
    if (!needsLoginRefresh(token, init.env.now())) return loginTokenCredentials(token)
    const { refreshLoginCredentials } = await import('../login/refresh.js')
    return refreshLoginCredentials(init.env, init)
  }
}
