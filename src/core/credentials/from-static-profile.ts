/**
 * Static keys from a profile (`aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`,
 * `aws_account_id`), from the credentials file or the config file.
 *
 * @module
 */
import { configText as text } from '../config/config-value.js'
import type { ConfigSection } from '../config/parse-config-file.js'
import { CredentialsError } from '../errors.js'
import { partialCredentialsMessage } from './messages.js'
import type { AwsCredentials, CredentialProvider } from './types.js'

/** Options for {@link fromStaticProfile}. */
export interface FromStaticProfileInit {
  profile: ConfigSection
}

/** True when the profile holds either static key (botocore's `_has_static_credentials`). */
export function hasStaticCredentials(profile: ConfigSection): boolean {
  return 'aws_access_key_id' in profile || 'aws_secret_access_key' in profile
}

/** Reads the static keys, or fails naming the missing one. */
export function readStaticCredentials(profile: ConfigSection): AwsCredentials {
  const accessKeyId = text(profile.aws_access_key_id)
  const secretAccessKey = text(profile.aws_secret_access_key)
  if (!accessKeyId)
    throw new CredentialsError(partialCredentialsMessage('shared-credentials-file', 'aws_access_key_id'))
  if (!secretAccessKey)
    throw new CredentialsError(partialCredentialsMessage('shared-credentials-file', 'aws_secret_access_key'))
  const credentials: AwsCredentials = { accessKeyId, secretAccessKey }
  const sessionToken = text(profile.aws_session_token) ?? text(profile.aws_security_token)
  if (sessionToken) credentials.sessionToken = sessionToken
  const accountId = text(profile.aws_account_id)
  if (accountId) credentials.accountId = accountId
  return credentials
}

/** A provider for a profile's static keys. */
export function fromStaticProfile(init: FromStaticProfileInit): CredentialProvider {
  return async () => readStaticCredentials(init.profile)
}

/** @deprecated Kept for existing importers; read values with `configText` from `config/config-value.ts`. */
export { configText as text } from '../config/config-value.js'
