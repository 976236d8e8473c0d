/**
 * JSON text exactly as Python's `json.dumps` writes it with default options: `, ` and `: `
 * separators (or compact ones), `ensure_ascii` escaping and optional key sorting. Cache file names
 * are SHA-1 digests of such text, so the bytes must match the AWS CLI's.
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
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? 'Infinity' : v < 0 ? '-Infinity' : 'NaN'
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
