/**
 * The one place that turns errors into exit codes and stderr text, as the AWS CLI v2 does
 * (`awscli/errorhandler.py`): 252 parameter validation, 253 configuration, 254 service error,
 * 255 everything else, 130 Ctrl-C, and 1 for the commands that print their own error and return 1.
 *
 * The CLI gives some errors a code and prints them in the chosen error format
 * (`--cli-error-format`, see `error-output.ts`): parameter errors (`ParamValidation`),
 * configuration errors (`Configuration`, `NoRegion`, `NoCredentials`) and service errors. Every
 * other error (a network failure, an expired sign-in, an unknown profile, a file it cannot read)
 * is printed as one plain `[ERROR]` line in every format.
 *
 * @module
 */
import { isIdcError, ServiceError, UsageError, type ErrorKind } from '../core/errors.js'
import { USAGE_LINES } from './help.js'

/** Exit codes by error kind. */
export const EXIT_CODES: Readonly<Record<ErrorKind, number>> = {
  usage: 252,
  config: 253,
  service: 254,
  general: 255,
  cancelled: 130,
  failed: 1,
}

/**
 * The outcomes of `idc status` that are not errors, outside the AWS CLI's range: 0 credentials
 * can be had without a person, 3 a person must sign in (or type an MFA code) first, 4 they cannot
 * be had at all.
 */
export const STATUS_EXIT_CODES = { ready: 0, 'sign-in-needed': 3, unavailable: 4 } as const

/** The outcomes of `idc doctor`: 0 nothing found, 5 warnings only, 6 problems that will make something fail. */
export const DOCTOR_EXIT_CODES = { ok: 0, warnings: 5, problems: 6 } as const

/** The structured error formats of the AWS CLI (2.34): `--cli-error-format` and friends. */
export const ERROR_FORMATS = ['legacy', 'json', 'yaml', 'text', 'table', 'enhanced'] as const
/** A structured error format. */
export type ErrorFormat = (typeof ERROR_FORMATS)[number]

/** What to print and how to exit for an error. */
export interface ErrorReport {
  exitCode: number
  /** Text for stderr, ending with a newline (empty after Ctrl-C). */
  message: string
  /** Text for stdout: the line break the CLI ends a prompt interrupted by Ctrl-C with. */
  stdout?: string
}

/** An error the CLI prints in the chosen error format. */
export interface StructuredError {
  /** The fields shown by the json, yaml, text and table formats (`Code`, `Message`, …). */
  fields: Record<string, unknown>
  /** The line the enhanced format prints (`An error occurred (Code): …`). */
  summary: string
  /** The line the legacy format prints. */
  legacy: string
}

/** Options for {@link reportError}. */
export interface ReportErrorOptions {
  debug?: boolean
  /**
   * The error format; undefined when the CLI could not work it out (an unknown profile's
   * `cli_error_format`), where it prints every error plainly. Defaults to `enhanced`.
   */
  format?: ErrorFormat | undefined
  /** Renders the fields of a structured error in the json, yaml, text or table format. */
  render?: (fields: Record<string, unknown>, format: ErrorFormat) => string
}

const CODED_MESSAGE = /^An error occurred \(([A-Za-z]+)\): ([\s\S]*)$/

/** The error's code and fields when the AWS CLI prints it in the chosen error format. */
export function structuredErrorOf(error: unknown): StructuredError | undefined {
  if (error instanceof ServiceError) {
    return { fields: { ...error.details }, summary: error.message, legacy: error.message }
  }
  if (!isIdcError(error) || (error.kind !== 'usage' && error.kind !== 'config')) return undefined
  const match = CODED_MESSAGE.exec(error.message)
  if (match) return coded(match[1] as string, match[2] as string)
  // argparse's errors carry the usage lines.
  if (error instanceof UsageError) return coded('ParamValidation', `${error.message}\n\n${USAGE_LINES}\n`)
  return undefined
}

function coded(code: string, message: string): StructuredError {
  return {
    fields: { Code: code, Message: message },
    summary: `An error occurred (${code}): ${message}`,
    legacy: message,
  }
}

/** Maps any thrown value to its exit code and stderr text. */
export function reportError(error: unknown, options: ReportErrorOptions = {}): ErrorReport {
  if (!isIdcError(error)) {
    const text = error instanceof Error ? error.message : String(error)
    return { exitCode: EXIT_CODES.general, message: errorLine(text) + stackOf(error, options) }
  }
  const exitCode = EXIT_CODES[error.kind]
  if (error.kind === 'cancelled') return { exitCode, message: '', stdout: '\n' }
  if (error.kind === 'usage' && error.message.startsWith('Unknown options: ')) {
    return { exitCode, message: `\n${USAGE_LINES}\n\n${errorLine(error.message)}` }
  }
  const format = 'format' in options ? options.format : 'enhanced'
  const structured = structuredErrorOf(error)
  let message: string
  if (structured === undefined || format === undefined || format === 'legacy') {
    message = errorLine(structured?.legacy ?? error.message)
  } else if (format === 'enhanced') {
    message = errorLine(structured.summary) + additionalDetails(structured.fields)
  } else if (options.render) {
    return { exitCode, message: options.render(structured.fields, format) }
  } else {
    message = errorLine(structured.summary)
  }
  // idc's own hints are for people: the machine-readable formats above leave them out.
  if (error.kind !== 'usage' && error.hint && hintAddsSomething(error.message, error.hint)) message += `${error.hint}\n`
  return { exitCode, message: message + stackOf(error, options) }
}

/** `\nidc: [ERROR]: <message>\n`, the message trimmed as the CLI trims it. */
function errorLine(message: string): string {
  return message ? `\nidc: [ERROR]: ${message.trim()}\n` : '\nidc: [ERROR]:\n'
}

function stackOf(error: unknown, options: ReportErrorOptions): string {
  return options.debug && error instanceof Error && error.stack ? `${error.stack}\n` : ''
}

/** At most this many simple items are shown inline for a list or map, as in the CLI. */
const MAX_INLINE_ITEMS = 5

/**
 * The enhanced format's list of the fields besides the code and message: simple values as they
 * are, small lists and maps inline, anything bigger as `<complex value>` with a pointer to the
 * structured formats.
 */
export function additionalDetails(fields: Record<string, unknown>): string {
  const extra = Object.entries(fields).filter(([key]) => !['code', 'message'].includes(key.toLowerCase()))
  if (extra.length === 0) return ''
  let text = '\nAdditional error details:\n'
  let complex = false
  for (const [key, value] of extra) {
    const inline = inlineValue(value)
    if (inline === undefined) complex = true
    text += `${key}: ${inline ?? '<complex value>'}\n`
  }
  if (complex) text += 'Use "--cli-error-format json" or another error format to see the full details.\n'
  return text
}

function isSimple(value: unknown): boolean {
  return value === null || value === undefined || ['string', 'number', 'boolean'].includes(typeof value)
}

/** Python's `str()` of a simple value. */
function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None'
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  return String(value)
}

function inlineValue(value: unknown): string | undefined {
  if (isSimple(value)) return pythonStr(value)
  if (Array.isArray(value)) {
    if (value.length >= MAX_INLINE_ITEMS || !value.every(isSimple)) return undefined
    return `[${value.map(pythonStr).join(', ')}]`
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.length >= MAX_INLINE_ITEMS || !entries.every(([, v]) => isSimple(v))) return undefined
    return `{${entries.map(([k, v]) => `${k}: ${pythonStr(v)}`).join(', ')}}`
  }
  return undefined
}

/**
 * False when the message already says what the hint says: the same sentence, or the same command
 * quoted (`Please reauthenticate using 'idc login'.` needs no `To sign in again, run: idc login`).
 */
export function hintAddsSomething(message: string, hint: string): boolean {
  if (message.includes(hint)) return false
  const command = /run:\s*(.+?)\s*$/s.exec(hint)?.[1]
  if (command === undefined) return true
  return !['"', "'", '`'].some((quote) => message.includes(`${quote}${command}${quote}`))
}
