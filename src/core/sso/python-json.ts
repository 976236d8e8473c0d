/**
 * Python's spelling of JSON values, since the AWS CLI is Python: `json.dumps` with default options
 * (`, ` and `: ` separators, or compact ones, `ensure_ascii` escaping, optional key sorting) and
 * `repr()` of numbers, which the CLI's `json`, `yaml`, `text` and `table` outputs print too. Cache
 * file names are SHA-1 digests of such text, so the bytes must match the AWS CLI's.
 *
 * @module
 */

/** Options for {@link pythonJsonDumps}. */
export interface PythonJsonOptions {
  /** Sort object keys, like `sort_keys=True`. */
  sortKeys?: boolean
  /** Use `,` and `:` separators, like `separators=(",", ":")`. */
  compact?: boolean
}

/** Serialises `value` the way Python's `json.dumps` does. */
export function pythonJsonDumps(value: unknown, options: PythonJsonOptions = {}): string {
  const itemSep = options.compact ? ',' : ', '
  const keySep = options.compact ? ':' : ': '
  const write = (v: unknown): string => {
    if (v === null || v === undefined) return 'null'
    if (typeof v === 'string') return quote(v)
    if (typeof v === 'number')
      return Number.isFinite(v) ? formatPythonNumber(v) : v > 0 ? 'Infinity' : v < 0 ? '-Infinity' : 'NaN'
    if (typeof v === 'boolean') return v ? 'true' : 'false'
    if (Array.isArray(v)) return `[${v.map(write).join(itemSep)}]`
    if (typeof v === 'object') {
      let keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      if (options.sortKeys) keys = keys.sort(comparePython)
      return `{${keys.map((k) => `${quote(k)}${keySep}${write((v as Record<string, unknown>)[k])}`).join(itemSep)}}`
    }
    throw new TypeError(`Object of type ${typeof v} is not JSON serializable`)
  }
  return write(value)
}

// Python compares str by code point; JavaScript's default sort compares UTF-16 code units.
function comparePython(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!
    if (d !== 0) return d
  }
  return x.length - y.length
}

function quote(text: string): string {
  // JSON.stringify escapes quotes, backslashes and control characters as Python does; Python's
  // ensure_ascii also escapes everything outside printable ASCII, as \uXXXX (lower-case hex).
  return JSON.stringify(text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form outside 1e-4 ≤ |x| < 1e16. */
export function formatPythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan'
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0'
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string]
  const sign = mantissa.startsWith('-') ? '-' : ''
  const digits = mantissa.replace('-', '').replace('.', '')
  const exponent = Number(exponentText)
  // Python switches to exponent form when the decimal point would sit at or below 1e-5 or past 16 digits.
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
    const expSign = exponent < 0 ? '-' : '+'
    return `${sign}${body}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0')
  const fraction = digits.slice(exponent + 1)
  return `${sign}${whole}.${fraction === '' ? '0' : fraction}`
}

/**
 * A number as Python prints it: integers as `int`, others as `float`. JavaScript has one number
 * type, so integral values beyond 1e16 (where doubles stop being exact) print as Python floats.
 */
export function formatPythonNumber(value: number): string {
  if (Number.isInteger(value) && !Object.is(value, -0) && Math.abs(value) < 1e16) return String(value)
  return formatPythonFloat(value)
}
