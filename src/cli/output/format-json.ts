/**
 * The `json` output format: Python's `json.dump(indent=4, ensure_ascii=False)` byte for byte,
 * including Python's float spelling (`1e-05`), which `JSON.stringify` does not give.
 *
 * @module
 */
import { formatPythonNumber } from '../../core/sso/python-json.js'
import type { PlainValue } from './python-repr.js'

/** Renders data as the AWS CLI's `json` output (with the trailing newline); `{}` prints nothing. */
export function formatJson(data: PlainValue): string {
  if (data !== null && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0) return ''
  return `${encode(data, '')}\n`
}

/** Python-compatible JSON encoding of one value at the given indentation. */
export function encodeJsonValue(value: PlainValue): string {
  return encode(value, '')
}

function encode(value: PlainValue, indent: string): string {
  if (value === null) return 'null'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') return encodeNumber(value)
  if (typeof value === 'string') return JSON.stringify(value)
  const inner = `${indent}    `
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    return `[\n${value.map((item) => inner + encode(item, inner)).join(',\n')}\n${indent}]`
  }
  const entries = Object.entries(value)
  if (entries.length === 0) return '{}'
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${encode(item, inner)}`).join(',\n')}\n${indent}}`
}

function encodeNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity'
  return formatPythonNumber(value)
}
