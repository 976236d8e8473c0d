/**
 * The shapes shared by the credential providers: a provider is a thunk that resolves credentials,
 * composed with `chain` and `memoize` (the AWS SDK's `property-provider` model).
 *
 * @module
 */
import type { AwsCredentials } from '../aws/clients.js'

export type { AwsCredentials }

/** Resolves credentials; rejects with `CredentialsError` (`tryNextLink` lets a chain move on). */
export type CredentialProvider = () => Promise<AwsCredentials>

/** The outcome of a finished child process (`credential_process`). */
export interface ProcessResult {
  exitCode: number | null
  stdout: string
  stderr: string
}

/**
 * Runs a program without a shell and captures its output. The CLI builds one from its `spawn`;
 * library users can take `createNodeProcessRunner()`.
 */
export type ProcessRunner = (
  command: string,
  args: readonly string[],
  options: { env: Record<string, string | undefined> },
) => Promise<ProcessResult>

/** Asks the user for the current code of an MFA device (`Enter MFA code for <serial>: `). */
export type MfaCodeProvider = (serialNumber: string) => Promise<string>
