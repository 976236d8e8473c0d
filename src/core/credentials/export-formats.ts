/**
 * The output formats of `aws configure export-credentials` (`exportcreds.py`), byte for byte:
 * `process` is `json.dumps(indent=2)` plus a newline, the shell formats one line per variable.
 * Expiration is Python's `isoformat()` (`+00:00`); no format carries `AccountId`.
 *
 * @module
 */
import { pythonJsonDumps } from '../sso/python-json.js'
import { formatPythonIsoformat } from './time-format.js'
import type { AwsCredentials } from './types.js'

/** The `--format` values, in the CLI's order. */
export const EXPORT_FORMATS = ['process', 'env', 'env-no-export', 'powershell', 'windows-cmd', 'fish'] as const
/** One `--format` value. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

const LINE_FORMATS: Record<Exclude<ExportFormat, 'process'>, (name: string, value: string) => string> = {
  env: (name, value) => `export ${name}=${value}\n`,
  'env-no-export': (name, value) => `${name}=${value}\n`,
  powershell: (name, value) => `$Env:${name}="${value}"\n`,
  'windows-cmd': (name, value) => `set ${name}=${value}\n`,
  fish: (name, value) => `set -gx ${name} "${value}"\n`,
}

/** The environment variables that carry credentials, in the CLI's order. */
export function credentialVariables(credentials: AwsCredentials): [string, string][] {
  const vars: [string, string][] = [
    ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
  ]
  if (credentials.sessionToken !== undefined) vars.push(['AWS_SESSION_TOKEN', credentials.sessionToken])
  if (credentials.expiration !== undefined)
    vars.push(['AWS_CREDENTIAL_EXPIRATION', formatPythonIsoformat(credentials.expiration)])
  return vars
}

/** Formats credentials as `export-credentials --format <format>` prints them. */
export function formatExportedCredentials(credentials: AwsCredentials, format: ExportFormat): string {
  if (format === 'process') {
    const output: Record<string, unknown> = {
      Version: 1,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
    }
    if (credentials.sessionToken !== undefined) output.SessionToken = credentials.sessionToken
    if (credentials.expiration !== undefined) output.Expiration = formatPythonIsoformat(credentials.expiration)
    return `${indentJson(output)}\n`
  }
  const line = LINE_FORMATS[format]
  return credentialVariables(credentials)
    .map(([name, value]) => line(name, value))
    .join('')
}

// json.dumps(indent=2) for a flat object: one key per line, `,` at line ends, ASCII escapes.
function indentJson(value: Record<string, unknown>): string {
  const lines = Object.entries(value).map(([key, item]) => `  ${pythonJsonDumps(key)}: ${pythonJsonDumps(item)}`)
  return `{\n${lines.join(',\n')}\n}`
}
