/**
 * Prints an error the way the AWS CLI v2 does in the chosen error format: `--cli-error-format`,
 * else `AWS_CLI_ERROR_FORMAT`, else the profile's `cli_error_format`, else `enhanced`. The text
 * itself is built in `exit-codes.ts`; this module finds the format and loads the renderers of the
 * json, yaml, text and table formats only when an error needs them.
 *
 * @module
 */
import { namedProfile } from './cli-credentials.js'
import type { CliEnv } from './cli-env.js'
import { ERROR_FORMATS, reportError, structuredErrorOf, type ErrorFormat, type ErrorReport } from './exit-codes.js'

function validFormat(value: string): ErrorFormat {
  // The CLI lower-cases the setting and falls back to enhanced (with a log warning) when unknown.
  return ERROR_FORMATS.find((f) => f === value.toLowerCase()) ?? 'enhanced'
}

/** The value of a global option in argv (`--name value` or `--name=value`). */
function optionValue(argv: readonly string[], name: string): string | undefined {
  const at = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`))
  if (at < 0) return undefined
  const token = argv[at] as string
  return token.includes('=') ? token.slice(token.indexOf('=') + 1) : argv[at + 1]
}

/**
 * The error format for this run, read from argv itself as the error may be in the global options.
 * Undefined when the CLI could not look the setting up (the profile named does not exist, a
 * shared file cannot be read): it then prints every error plainly, as in the legacy format.
 */
export async function resolveErrorFormat(argv: readonly string[], env: CliEnv): Promise<ErrorFormat | undefined> {
  // An option value that is not one of the choices is itself the error, and counts for nothing.
  const flag = ERROR_FORMATS.find((f) => f === optionValue(argv, 'cli-error-format'))
  if (flag) return flag
  // A variable set to nothing still ends the search, as in botocore.
  const variable = env.vars.AWS_CLI_ERROR_FORMAT
  if (variable !== undefined) return variable ? validFormat(variable) : 'enhanced'
  try {
    const { loadSharedConfigWithOrigins } = await import('../core/config/load-shared-config.js')
    const { resolveProfileName } = await import('../core/config/profile.js')
    const { configText } = await import('../core/config/config-value.js')
    const config = await loadSharedConfigWithOrigins(env)
    const name = resolveProfileName(env, optionValue(argv, 'profile'))
    // botocore's ProfileNotFound: a profile that was named must exist.
    if (!Object.hasOwn(config.profiles, name)) {
      return namedProfile(env, optionValue(argv, 'profile')) === undefined ? 'enhanced' : undefined
    }
    const value = configText(config.profiles[name]?.cli_error_format)
    return value ? validFormat(value) : 'enhanced'
  } catch {
    return undefined
  }
}

/** The exit code and stderr text for an error, in `format`. */
export async function formatErrorReport(
  error: unknown,
  options: { format: ErrorFormat | undefined; debug: boolean },
): Promise<ErrorReport> {
  const { format, debug } = options
  const structured = structuredErrorOf(error)
  if (structured === undefined || format === undefined || format === 'legacy' || format === 'enhanced') {
    return reportError(error, { format, debug })
  }
  const { renderOutput } = await import('./output/print.js')
  const text = await renderOutput(structured.fields as Parameters<typeof renderOutput>[0], format, {
    title: 'error',
    terminalWidth: 80,
    color: false,
  })
  return reportError(error, { format, debug, render: () => text })
}
