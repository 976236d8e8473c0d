/**
 * The AWS CLI's `aws login` messages, word for word (`aws-login.md` §1.1, §1.5, §4.2), with `idc`
 * where the CLI names itself.
 *
 * @module
 */

/** The cache has no file for the profile's `login_session`. */
export function loginSessionMissingMessage(session: string): string {
  return `Error loading login session token: Unable to load a existing login session for session ${session}, Please reauthenticate with 'idc login'.`
}

/** The cache file lacks `accessToken`, `refreshToken`, `dpopKey` or `clientId`. */
export const LOGIN_TOKEN_INVALID_MESSAGE =
  'Error loading login session token: Failed to load access token from token cache, missing one or more required fields.'

/** AccessDeniedException `TOKEN_EXPIRED` on refresh. */
export const LOGIN_SESSION_EXPIRED_MESSAGE = "Your session has expired. Please reauthenticate using 'idc login'."

/** AccessDeniedException `USER_CREDENTIALS_CHANGED` on refresh. */
export const LOGIN_PASSWORD_CHANGED_MESSAGE =
  "Unable to refresh login credentials because of a change in your password. Please reauthenticate with your new password using 'idc login'."

/** AccessDeniedException `INSUFFICIENT_PERMISSIONS`, at login or on refresh. */
export const LOGIN_INSUFFICIENT_PERMISSIONS_MESSAGE =
  "Unable to create or refresh login credentials due to insufficient permissions. You may be missing permission for the 'signin:CreateOAuth2Token' action."

/** Any other AccessDeniedException on refresh. */
export const LOGIN_REFRESH_UNSPECIFIED_MESSAGE =
  'An unspecified error happened when resolving AWS credentials or refreshing a login session profile.'

/** AccessDeniedException `AUTHCODE_EXPIRED` at login. */
export const AUTHCODE_EXPIRED_MESSAGE =
  "Error loading or redeeming a login authorization code: Unable to complete the login process due to an expired authorization code. Please reauthenticate using 'idc login'. "

/** The callback came back with `error=` or without a code. */
export const LOGIN_AUTH_CODE_FAILED_MESSAGE =
  'Error loading or redeeming a login authorization code: Failed to retrieve an authorization code. '

/** The callback or the pasted code carried another `state`. */
export function loginStateMismatchMessage(got: string, expected: string): string {
  return `Error loading or redeeming a login authorization code: State parameter ${got} does not match expected value ${expected}. `
}

/** The pasted code is not base64 of UTF-8 text. */
export const VERIFICATION_CODE_UNDECODABLE_MESSAGE = 'Failed to decode the verification code.'

/** The pasted code decodes but lacks `state` or `code`. */
export const VERIFICATION_CODE_INCOMPLETE_MESSAGE =
  'Failed to retrieve an auth_code or state from the verification code'

/** `aws logout` for one profile. */
export function logoutProfileMessage(profile: string): string {
  return `Removed cached login credentials for profile '${profile}'. Note, any local developer tools that have already loaded the access token may continue to use it until its expiration. Access tokens expire in 15 minutes.`
}

/** `aws logout` for a profile without `login_session` (stderr). */
export function logoutNoSessionMessage(profile: string): string {
  return `warning: no login session found for profile '${profile}'`
}

/** `aws logout --all`. */
export function logoutAllMessage(count: number): string {
  if (count === 0) return 'No cached login session tokens found.'
  const noun = count === 1 ? 'credential' : 'credentials'
  return `Removed ${count} cached login ${noun}. Note, any local developer tools that have already loaded access tokens may continue to use them until their expiration. Access tokens expire in 15 minutes.`
}

/** The sentence under a refresh error naming the command that signs in again. */
export function loginHint(profileName: string): string {
  return `To sign in again, run: idc login${profileName === 'default' ? '' : ` --profile ${profileName}`}`
}
