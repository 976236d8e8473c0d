/**
 * `--debug`: timestamped diagnostic lines on stderr, in the AWS CLI's layout
 * (`2026-11-22 00:00:00,000 - MainThread - idc - DEBUG - message`), with secrets masked.
 * Every message goes through {@link redact}, so callers may log request bodies, headers and
 * file contents as they are.
 *
 * @module
 */
import type { CliEnv } from './cli-env.js'

/** A debug logger; a no-op when `--debug` was not given. */
export type DebugLog = (message: string) => void

/** What replaces a secret. */
export const REDACTED = '****'

// Names of fields that hold secrets, in the spellings of the AWS wire formats, the shared files and
// HTTP headers. Matching is case-insensitive and ignores `_` and `-`.
const SECRET_NAMES = [
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'clientsecret',
  'secretaccesskey',
  'awssecretaccesskey',
  'sessiontoken',
  'awssessiontoken',
  'securitytoken',
  'xamzsecuritytoken',
  'password',
  'passwd',
  'codeverifier',
  'devicecode',
  'code',
  'xamzssobearertoken',
  'authorization',
  'otp',
  'totp',
  'secret',
  'privatekey',
  'dpopkey',
  'token',
]

function isSecretName(name: string): boolean {
  return SECRET_NAMES.includes(name.toLowerCase().replace(/[-_]/g, ''))
}

const NAME = String.raw`[A-Za-z][A-Za-z0-9_-]*`
// "name": "value" (JSON)
const JSON_PAIR = new RegExp(String.raw`("(${NAME})"\s*:\s*)"((?:[^"\\]|\\.)*)"`, 'g')
// name = value / name: value (INI, headers, logs); the value runs to the end of the line.
const LINE_PAIR = new RegExp(String.raw`(^|[\s,;{(])((${NAME})\s*[:=][ \t]*)(?!")([^\r\n]*)`, 'gm')
// name=value in query strings and form bodies
const FORM_PAIR = new RegExp(String.raw`([?&])(${NAME})=([^&\s"]*)`, 'g')
// Bearer tokens anywhere
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/g

/** Masks secrets (tokens, secret keys, session tokens, client secrets, passwords) in text. */
export function redact(text: string): string {
  return text
    .replace(JSON_PAIR, (whole, prefix: string, name: string, value: string) =>
      isSecretName(name) && value !== '' ? `${prefix}"${REDACTED}"` : whole,
    )
    .replace(FORM_PAIR, (whole, sep: string, name: string, value: string) =>
      isSecretName(name) && value !== '' ? `${sep}${name}=${REDACTED}` : whole,
    )
    .replace(LINE_PAIR, (whole, lead: string, prefix: string, name: string, value: string) =>
      isSecretName(name) && value.trim() !== '' && !value.startsWith(REDACTED) ? `${lead}${prefix}${REDACTED}` : whole,
    )
    .replace(BEARER, `$1${REDACTED}`)
}

/** A deep copy of a value with the values of secret-named members masked, for logging objects. */
export function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue)
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSecretName(key) && item !== undefined && item !== null && item !== '' ? REDACTED : redactValue(item)
    }
    return out
  }
  return typeof value === 'string' ? redact(value) : value
}

/** Creates the debug logger: timestamped, redacted lines on stderr when enabled. */
export function createDebugLog(env: CliEnv, enabled: boolean): DebugLog {
  if (!enabled) return () => {}
  return (message: string) => {
    const stamp = formatTimestamp(env.now())
    for (const line of redact(message).split('\n')) env.stderr.write(`${stamp} - MainThread - idc - DEBUG - ${line}\n`)
  }
}

/** Python logging's default time format (`%Y-%m-%d %H:%M:%S,mmm`), in UTC. */
function formatTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)}`
}
