/**
 * The one place that turns errors into exit codes and messages, with the AWS CLI's codes
 * (`awscli/errorhandler.py`): 252 parameter validation, 253 configuration, 254 service error,
 * 255 everything else, 130 Ctrl-C.
 *
 * @module
 */
import { isIdcError, type ErrorKind } from '../core/errors.js'

/** Exit codes by error kind. */
export const EXIT_CODES: Readonly<Record<ErrorKind, number>> = {
  usage: 252,
  config: 253,
  service: 254,
  general: 255,
  cancelled: 130,
}

/**
 * The outcomes of `idc status` that are not errors, outside the AWS CLI's range: 0 credentials
 * can be had without a person, 3 a person must sign in (or type an MFA code) first, 4 they cannot
 * be had at all.
 */
export const STATUS_EXIT_CODES = { ready: 0, 'sign-in-needed': 3, unavailable: 4 } as const

/** The outcomes of `idc doctor`: 0 nothing found, 5 warnings only, 6 problems that will make something fail. */
export const DOCTOR_EXIT_CODES = { ok: 0, warnings: 5, problems: 6 } as const

/** What to print and how to exit for an error. */
export interface ErrorReport {
  exitCode: number
  /** Text for stderr, ending with a newline. */
  message: string
}

/** Maps any thrown value to its exit code and stderr text. */
export function reportError(error: unknown, options: { debug?: boolean } = {}): ErrorReport {
  if (isIdcError(error)) {
    if (error.kind === 'cancelled') return { exitCode: EXIT_CODES.cancelled, message: '\n' }
    let message = `\nidc: [ERROR]: ${error.message}\n`
    if (error.hint && hintAddsSomething(error.message, error.hint)) message += `${error.hint}\n`
    if (options.debug && error.stack) message += `${error.stack}\n`
    return { exitCode: EXIT_CODES[error.kind], message }
  }
  const text = error instanceof Error ? error.message : String(error)
  let message = `\nidc: [ERROR]: ${text}\n`
  if (options.debug && error instanceof Error && error.stack) message += `${error.stack}\n`
  return { exitCode: EXIT_CODES.general, message }
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
