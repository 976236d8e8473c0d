/**
 * How Python prints JSON-like values, since the AWS CLI is Python: `str()` of scalars in the text
 * and table formats (`True`, `None`, `1e-05`) and `repr()` of floats in JSON and YAML.
 *
 * @module
 */

import { formatPythonIsoformat } from '../../core/credentials/time-format.js'
import { formatPythonNumber } from '../../core/sso/python-json.js'

/** A value as the AWS CLI's formatters see it after {@link toPlainData}. */
export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue }

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

/**
 * Turns a command's result into plain JSON-like data: drops `undefined` members and the SDK's
 * `$metadata` (the CLI drops `ResponseMetadata`), prints dates as the CLI v2 does and bytes as base64.
 */
export function toPlainData(value: unknown, top = true): PlainValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return value
  if (typeof value === 'bigint') return Number(value)
  if (value instanceof Date) return formatPythonIsoformat(value)
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
