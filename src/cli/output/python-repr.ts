/**
 * How Python prints JSON-like values, since the AWS CLI is Python: `str()` of scalars in the text
 * and table formats (`True`, `None`, `1e-05`) and `repr()` of floats in JSON and YAML.
 *
 * @module
 */

/** A value as the AWS CLI's formatters see it after {@link toPlainData}. */
export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue }

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

/** Python's `str()` of a scalar: `True`, `False`, `None`, numbers as Python prints them. */
export function pythonStr(value: PlainValue): string {
  if (value === null) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'number') return formatPythonNumber(value)
  if (typeof value === 'string') return value
  return pythonContainerRepr(value)
}

/** Python's truthiness, which decides whether the table format prints anything. */
export function isPythonTruthy(value: PlainValue): boolean {
  if (value === null || value === false || value === 0 || value === '') return false
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object') return Object.keys(value).length > 0
  return true
}

/** True for lists and dicts. */
export function isContainer(value: PlainValue): value is PlainValue[] | { [key: string]: PlainValue } {
  return value !== null && typeof value === 'object'
}

/** Python's `str()` of a list or dict, for the rare cells that hold one. */
function pythonContainerRepr(value: PlainValue): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
  if (!isContainer(value)) return pythonStr(value)
  if (Array.isArray(value)) return `[${value.map(pythonContainerRepr).join(', ')}]`
  return `{${Object.entries(value)
    .map(([k, v]) => `${pythonContainerRepr(k)}: ${pythonContainerRepr(v)}`)
    .join(', ')}}`
}

/** Python's `isoformat()` of an aware UTC datetime, as the AWS CLI v2 prints timestamps. */
export function formatPythonIsoDate(date: Date): string {
  const iso = date.toISOString()
  const ms = date.getUTCMilliseconds()
  const base = iso.slice(0, 19)
  return ms === 0 ? `${base}+00:00` : `${base}.${String(ms * 1000).padStart(6, '0')}+00:00`
}

/**
 * Turns a command's result into plain JSON-like data: drops `undefined` members and the SDK's
 * `$metadata` (the CLI drops `ResponseMetadata`), prints dates as the CLI v2 does and bytes as base64.
 */
export function toPlainData(value: unknown, top = true): PlainValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return value
  if (typeof value === 'bigint') return Number(value)
  if (value instanceof Date) return formatPythonIsoDate(value)
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64')
  if (Array.isArray(value)) return value.map((item) => toPlainData(item, false))
  if (typeof value === 'object') {
    const out: { [key: string]: PlainValue } = {}
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || (top && (key === '$metadata' || key === 'ResponseMetadata'))) continue
      out[key] = toPlainData(item, false)
    }
    return out
  }
  return String(value)
}
