/**
 * `credential_process`: runs the configured command (split like a shell would, but without one)
 * and reads credentials from its standard output, with botocore's `ProcessProvider` checks and
 * messages (`aws-cli-behaviour.md` §8).
 *
 * @module
 */
import type { EnvVars } from '../env.js'
import { CredentialsError } from '../errors.js'
import { credentialRetrievalMessage } from './messages.js'
import { splitCommand } from './split-command.js'
import { parseIsoTime } from './time-format.js'
import type { AwsCredentials, CredentialProvider, ProcessRunner } from './types.js'

/** Options for {@link fromProcess}. */
export interface FromProcessInit {
  /** The `credential_process` command line. */
  command: string
  /** The profile's `aws_account_id`, used when the output has no `AccountId`. */
  accountId?: string | undefined
  /** Runs the program. */
  runProcess: ProcessRunner
  /** The environment the program gets. */
  vars: EnvVars
}

const PROVIDER = 'custom-process'

/** Runs the command and parses its output as version 1 credentials. */
export function fromProcess(init: FromProcessInit): CredentialProvider {
  return async () => {
    let words: string[]
    try {
      words = splitCommand(init.command)
    } catch (error) {
      throw fail(`could not parse credential_process ${JSON.stringify(init.command)}: ${(error as Error).message}`)
    }
    const [program, ...args] = words
    if (program === undefined) throw fail('credential_process is empty')
    let result
    try {
      result = await init.runProcess(program, args, { env: { ...init.vars } })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw fail(code === 'ENOENT' ? `[Errno 2] No such file or directory: '${program}'` : (error as Error).message)
    }
    if (result.exitCode !== 0) throw fail(result.stderr)
    return parseProcessOutput(result.stdout, init.accountId)
  }
}

/** Checks and converts a credential process's JSON output. */
export function parseProcessOutput(stdout: string, fallbackAccountId?: string): AwsCredentials {
  let parsed: Record<string, unknown>
  try {
    parsed = JSON.parse(stdout) as Record<string, unknown>
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object')
  } catch {
    throw fail('invalid JSON in response')
  }
  const version = 'Version' in parsed ? parsed.Version : '<Version key not provided>'
  if (version !== 1) {
    throw fail(`Unsupported version '${String(version)}' for credential process provider, supported versions: 1`)
  }
  for (const key of ['AccessKeyId', 'SecretAccessKey']) {
    if (!(key in parsed)) throw fail(`Missing required key in response: '${key}'`)
  }
  const credentials: AwsCredentials = {
    accessKeyId: String(parsed.AccessKeyId),
    secretAccessKey: String(parsed.SecretAccessKey),
  }
  if (typeof parsed.SessionToken === 'string') credentials.sessionToken = parsed.SessionToken
  if (parsed.Expiration !== undefined && parsed.Expiration !== null) {
    const expiration = parseIsoTime(parsed.Expiration)
    if (!expiration) throw fail(`Invalid Expiration in response: ${JSON.stringify(parsed.Expiration)}`)
    credentials.expiration = expiration
  }
  const accountId =
    typeof parsed.AccountId === 'string' && parsed.AccountId !== '' ? parsed.AccountId : fallbackAccountId
  if (accountId) credentials.accountId = accountId
  return credentials
}

function fail(detail: string): CredentialsError {
  return new CredentialsError(credentialRetrievalMessage(PROVIDER, detail))
}
