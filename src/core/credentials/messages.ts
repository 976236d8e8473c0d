/**
 * botocore's credential error messages, word for word (`aws-cli-behaviour.md` §1.3, §8, §9, §11).
 *
 * @module
 */

/** `PartialCredentialsError`. */
export function partialCredentialsMessage(provider: string, missing: string): string {
  return `Partial credentials found in ${provider}, missing: ${missing}`
}

/** `CredentialRetrievalError`. */
export function credentialRetrievalMessage(provider: string, detail: string): string {
  return `Error when retrieving credentials from ${provider}: ${detail}`
}

/** `ProfileNotFound`. */
export function profileNotFoundMessage(profile: string): string {
  return `The config profile (${profile}) could not be found`
}

/** `InfiniteLoopConfigError`; the visited list prints as a Python list. */
export function infiniteLoopMessage(sourceProfile: string, visited: readonly string[]): string {
  const list = `[${visited.map((p) => `'${p}'`).join(', ')}]`
  return `Infinite loop in credential configuration detected. Attempting to load from profile ${sourceProfile} which has already been visited. Visited profiles: ${list}`
}

/** `NoCredentialsError` as the AWS CLI prints it. */
export const NO_CREDENTIALS_MESSAGE =
  'An error occurred (NoCredentials): Unable to locate credentials. You can configure credentials by running "idc configure sso".'

/** `NoRegionError` as the AWS CLI prints it. */
export const NO_REGION_MESSAGE =
  'An error occurred (NoRegion): You must specify a region. You can also configure your region by running "idc configure".'

/** MFA-based role credentials cannot be refreshed without a person to type the code. */
export const MFA_REFRESH_MESSAGE = 'Cannot refresh credentials: MFA token required.'
