/**
 * Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` (or the older
 * `AWS_SECURITY_TOKEN`), `AWS_CREDENTIAL_EXPIRATION` and `AWS_ACCOUNT_ID`, as botocore's
 * `EnvProvider` reads them. Blank values count as unset.
 *
 * @module
 */
import type { EnvVars } from '../env.js'
import { CredentialsError } from '../errors.js'
import { partialCredentialsMessage } from './messages.js'
import { parseIsoTime } from './time-format.js'
import type { AwsCredentials, CredentialProvider } from './types.js'

/** Options for {@link fromEnv}. */
export interface FromEnvInit {
  vars: EnvVars
}

/** True when the environment names an access key, so the env provider applies. */
export function hasEnvCredentials(vars: EnvVars): boolean {
  return nonBlank(vars.AWS_ACCESS_KEY_ID) !== undefined
}

/** Reads credentials from the environment; moves on (`tryNextLink`) when there are none. */
export function fromEnv(init: FromEnvInit): CredentialProvider {
  return async () => {
    const { vars } = init
    const accessKeyId = nonBlank(vars.AWS_ACCESS_KEY_ID)
    if (accessKeyId === undefined)
      throw new CredentialsError('No credentials in the environment', { tryNextLink: true })
    const secretAccessKey = nonBlank(vars.AWS_SECRET_ACCESS_KEY)
    if (secretAccessKey === undefined)
      throw new CredentialsError(partialCredentialsMessage('env', 'AWS_SECRET_ACCESS_KEY'))
    const credentials: AwsCredentials = { accessKeyId, secretAccessKey }
    const sessionToken = nonBlank(vars.AWS_SESSION_TOKEN) ?? nonBlank(vars.AWS_SECURITY_TOKEN)
    if (sessionToken !== undefined) credentials.sessionToken = sessionToken
    const expiration = parseIsoTime(vars.AWS_CREDENTIAL_EXPIRATION)
    if (expiration) credentials.expiration = expiration
    const accountId = nonBlank(vars.AWS_ACCOUNT_ID)
    if (accountId !== undefined) credentials.accountId = accountId
    return credentials
  }
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}
