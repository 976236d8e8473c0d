/**
 * The `text` output format, as `awscli/text.py` writes it: scalars of a dict on one tab-separated
 * line (keys sorted), nested structures on their own lines prefixed with the upper-cased key, lists
 * of dicts as rows over the union of their scalar keys.
 *
 * @module
 */
import { IdcError } from '../../core/errors.js'
import { isContainer, pythonStr, type PlainValue } from './python-repr.js'

type Dict = { [key: string]: PlainValue }

/** Thrown when the CLI itself would fail on the data; carries what was printed before. */
export class TextFormatError extends IdcError {
  override readonly name = 'TextFormatError'
  readonly partial: string
  constructor(message: string, partial: string) {
    super('general', message)
    this.partial = partial
  }
}

/** Renders data as the AWS CLI's `text` output. */
export function formatText(data: PlainValue): string {
  const lines: string[] = []
  try {
    formatItem(data, lines, undefined, undefined)
  } catch (error) {
    if (error instanceof TextFormatError) throw new TextFormatError(error.message, lines.join(''))
    throw error
  }
  return lines.join('')
}

function formatItem(
  item: PlainValue,
  out: string[],
  identifier: string | undefined,
  scalarKeys: string[] | undefined,
): void {
  if (Array.isArray(item)) formatList(item, out, identifier)
  else if (isContainer(item)) formatDict(item, out, identifier, scalarKeys)
  else out.push(`${pythonStr(item)}\n`)
}

function formatList(items: PlainValue[], out: string[], identifier: string | undefined): void {
  if (items.length === 0) return
  if (items.some((el) => isContainer(el) && !Array.isArray(el))) {
    const allKeys = allScalarKeys(items)
    for (const element of items) formatItem(element, out, identifier, allKeys)
  } else if (items.some((el) => Array.isArray(el))) {
    const scalars = items.filter((el) => !isContainer(el))
    if (scalars.length > 0) formatScalarList(scalars, out, identifier)
    for (const nested of items.filter(isContainer)) formatItem(nested, out, identifier, undefined)
  } else {
    formatScalarList(items, out, identifier)
  }
}

function formatScalarList(elements: PlainValue[], out: string[], identifier: string | undefined): void {
  if (identifier !== undefined) {
    for (const item of elements) out.push(`${identifier.toUpperCase()}\t${pythonStr(item)}\n`)
  } else {
    out.push(`${elements.map(pythonStr).join('\t')}\n`)
  }
}

function formatDict(item: Dict, out: string[], identifier: string | undefined, scalarKeys: string[] | undefined): void {
  const scalars: string[] = []
  const nonScalars: [string, PlainValue][] = []
  if (scalarKeys === undefined) {
    for (const key of sortKeys(Object.keys(item))) {
      const value = item[key] as PlainValue
      if (isContainer(value)) nonScalars.push([key, value])
      else scalars.push(pythonStr(value))
    }
  } else {
    for (const key of scalarKeys) scalars.push(key in item ? pythonStr(item[key] as PlainValue) : '')
    for (const key of sortKeys(Object.keys(item).filter((k) => !scalarKeys.includes(k))))
      nonScalars.push([key, item[key] as PlainValue])
  }
  if (scalars.length > 0) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase())
    out.push(`${scalars.join('\t')}\n`)
  }
  for (const [key, value] of nonScalars) formatItem(value, out, key, undefined)
}

/** The sorted scalar keys of every dict in a list; a non-dict element fails as in the CLI. */
function allScalarKeys(items: PlainValue[]): string[] {
  const seen = new Set<string>()
  for (const item of items) {
    if (!isContainer(item) || Array.isArray(item)) {
      throw new TextFormatError(`'${pythonTypeName(item)}' object has no attribute 'items'`, '')
    }
    for (const [key, value] of Object.entries(item)) if (!isContainer(value)) seen.add(key)
  }
  return sortKeys([...seen])
}

/** Python's sort order for str: by code point. */
export function sortKeys(keys: string[]): string[] {
  return keys.sort((a, b) => {
    const x = Array.from(a)
    const y = Array.from(b)
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!
      if (d !== 0) return d
    }
    return x.length - y.length
  })
}

/** The Python type name of a value, for error messages that quote the CLI's. */
export function pythonTypeName(value: PlainValue): string {
  if (value === null) return 'NoneType'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float'
  if (typeof value === 'string') return 'str'
  return Array.isArray(value) ? 'list' : 'dict'
}
