/**
 * `idc configure export-credentials`: prints the resolved credentials as `credential_process`
 * JSON or shell variables, byte for byte as `aws configure export-credentials` does
 * (`aws-cli-behaviour.md` §8), so it can serve as `credential_process` for the CLI and the SDKs.
 * With cached role credentials this is the warm path: config parsing plus one cache file read.
 *
 * @module
 */
import { resolveProfileName } from '../../../core/config/profile.js'
import {
  EXPORT_FORMATS,
  formatExportedCredentials,
  type ExportFormat,
} from '../../../core/credentials/export-formats.js'
import {
  createCredentialProvider,
  type ResolveCredentialsOptions,
} from '../../../core/credentials/resolve-credentials.js'
import { ConfigError, ConfigParseError, isIdcError } from '../../../core/errors.js'
import { cliCredentialOptions } from '../../cli-credentials.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'
import type { GlobalOptions } from '../../globals.js'

/** Options of `idc configure export-credentials`. */
export interface ExportCredentialsOptions {
  format: ExportFormat
  globals: GlobalOptions
}

/** The CLI's recursion guard between nested `credential_process` exports. */
export const PROFILE_CHAIN_VAR = '_AWS_CLI_PROFILE_CHAIN'
const MAX_RECURSION = 4

/** Resolves credentials and prints them in the chosen format. */
export async function runExportCredentials(options: ExportCredentialsOptions, env: CliEnv): Promise<void> {
  const { globals } = options
  const profile = resolveProfileName(env, globals.profile)
  const seen = (env.vars[PROFILE_CHAIN_VAR] ?? '').split(',').filter((p) => p !== '')
  if (seen.length >= MAX_RECURSION) {
    throw configurationError(
      `Maximum recursive credential process resolution reached (${MAX_RECURSION}).\nProfiles seen: ${seen.join(' -> ')}`,
    )
  }
  if (seen.includes(profile)) {
    throw configurationError(
      `Credential process resolution detected an infinite loop, profile cycle: ${[...seen, profile].join(' -> ')}`,
    )
  }
  const resolveOptions: ResolveCredentialsOptions = cliCredentialOptions(env, globals, {
    processVars: { [PROFILE_CHAIN_VAR]: [...seen, profile].join(',') },
  })
  let planned
  try {
    planned = await createCredentialProvider(env, resolveOptions)
  } catch (error) {
    // The AWS CLI reads both shared files before any command runs: one it cannot parse fails
    // as itself (exit 255), not as a credentials error.
    if (error instanceof ConfigParseError) throw error
    // Errors while building the chain are configuration errors (exit 253), as in the CLI, which
    // strips the original message and ends it with a line break (seen in the json error format).
    // An unknown profile prints plainly: the CLI cannot read its error format (error-output.ts).
    const text = (error instanceof Error ? error.message : String(error)).trim()
    if (/^An error occurred \(NoCredentials\): /.test(text)) {
      throw configurationError('Unable to retrieve credentials: no credentials found', error)
    }
    throw configurationError(`Unable to retrieve credentials: ${text}\n`, error)
  }
  const credentials = await planned.provider()
  env.stdout.write(formatExportedCredentials(credentials, options.format))
}

function configurationError(message: string, cause?: unknown): ConfigError {
  return new ConfigError(`An error occurred (Configuration): ${message}`, {
    cause,
    hint: isIdcError(cause) ? cause.hint : undefined,
  })
}

export const command = defineCommand<ExportCredentialsOptions>({
  name: 'configure export-credentials',
  summary: 'Print resolved credentials as JSON or shell variables.',
  description:
    'Resolves credentials for the profile the way every AWS tool does (environment, assume-role, IAM Identity Center, credential_process, static keys) and prints them in the chosen format. The process format makes idc usable as `credential_process = idc configure export-credentials --profile NAME`.',
  examples: [
    'idc configure export-credentials --profile dev',
    'eval "$(idc configure export-credentials --profile dev --format env)"',
  ],
  options: {
    format: {
      type: 'string',
      description:
        'The output format: process (credential_process JSON, the default), env, env-no-export, powershell, windows-cmd or fish.',
      choices: EXPORT_FORMATS,
      placeholder: '<format>',
    },
  },
  parse: (args, { globals }) => ({ format: (args.values.format as ExportFormat | undefined) ?? 'process', globals }),
  run: runExportCredentials,
})
