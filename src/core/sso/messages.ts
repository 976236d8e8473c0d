/**
 * The AWS CLI's SSO messages, word for word (`aws-cli-behaviour.md` §3, §5, §9), with `idc` where
 * the CLI names itself.
 *
 * @module
 */

/** The token cache has no file for the session or start URL. */
export function tokenDoesNotExistMessage(identifier: string): string {
  return `Error loading SSO Token: Token for ${identifier} does not exist`
}

/** The token file lacks `accessToken` or `expiresAt` (the CLI names the start URL even for sessions). */
export function tokenInvalidMessage(startUrl: string): string {
  return `Error loading SSO Token: Token for ${startUrl} is invalid`
}

/** An sso-session token expired and could not be refreshed. */
export const TOKEN_REFRESH_FAILED_MESSAGE = 'Error when retrieving token from sso: Token has expired and refresh failed'

/** A legacy token expired, or the portal rejected the token. */
export const SESSION_EXPIRED_MESSAGE =
  'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run idc sso login with the corresponding profile.'

/** The device code or the wait for the browser expired. */
export const PENDING_AUTHORIZATION_EXPIRED_MESSAGE =
  'The pending authorization to retrieve an SSO token has expired. The login flow to retrieve an SSO token must be restarted.'

/** The browser came back with an `error` parameter. */
export const AUTH_CODE_FAILED_MESSAGE = 'Error loading authorization code: Failed to retrieve an authorization code.'

/** The browser came back with another `state`. */
export const STATE_MISMATCH_MESSAGE = 'Error loading authorization code: State parameter does not match expected value.'

/** The command that signs in again, for hints. */
export function loginCommandHint(options: {
  sessionName?: string | undefined
  profileName?: string | undefined
}): string {
  if (options.profileName && options.profileName !== 'default') return `idc sso login --profile ${options.profileName}`
  if (options.sessionName) return `idc sso login --sso-session ${options.sessionName}`
  return 'idc sso login'
}

/** Wraps a hint command in the sentence printed under an error. */
export function formatLoginHint(command: string): string {
  return `To sign in again, run: ${command}`
}
