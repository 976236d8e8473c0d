/**
 * The `table` output format, hand-written to reproduce `awscli/formatter.py` (TableFormatter) and
 * `awscli/table.py` (MultiTable) exactly: no table library draws the AWS CLI's title rows, `|`
 * indentation of nested sections, column scaling and the switch to two-column "vertical" sections
 * when the table is wider than the terminal.
 *
 * @module
 */
import { IdcError } from '../../core/errors.js'
import { isContainer, isPythonTruthy, pythonStr, type PlainValue } from './python-repr.js'
import { pythonTypeName, sortKeys } from './format-text.js'

type Dict = { [key: string]: PlainValue }

/** Options for {@link formatTable}. */
export interface TableOptions {
  /** The title of the outermost section: the operation name, e.g. `GetCallerIdentity`. */
  title: string
  /** The terminal width; the CLI uses 80 when stdout is not a terminal. */
  terminalWidth?: number
  /** Colour as `--color on` (or auto on a terminal) does, with colorama's resets. */
  color?: boolean
}

interface Section {
  title: string
  headers: string[]
  rows: string[][]
  indentLevel: number
  numCols: number | undefined
  maxWidths: number[]
}

const RESET = '\x1b[0m'

/** Renders data as the AWS CLI's `table` output; empty or falsy data prints nothing. */
export function formatTable(data: PlainValue, options: TableOptions): string {
  const sections: Section[] = []
  if (!buildTable(sections, options.title, data, 0)) return ''
  return renderSections(sections, options.terminalWidth ?? 80, options.color ?? false)
}

function newSection(sections: Section[], title: string, indentLevel: number): void {
  sections.push({ title, headers: [], rows: [], indentLevel, numCols: undefined, maxWidths: [] })
}

function current(sections: Section[]): Section {
  const section = sections.at(-1)
  if (!section) throw new IdcError('general', "'NoneType' object has no attribute 'add_row'")
  return section
}

function buildTable(sections: Section[], title: string | undefined, value: PlainValue, indentLevel: number): boolean {
  if (!isPythonTruthy(value)) return false
  if (title !== undefined) newSection(sections, title, indentLevel)
  if (Array.isArray(value)) {
    const first = value[0] as PlainValue
    if (isContainer(first) && !Array.isArray(first)) {
      buildSubTableFromList(sections, value, indentLevel, title)
    } else {
      for (const item of value) {
        if (!isContainer(item)) addRow(current(sections), [item])
        else if (pythonIter(item).every((el) => !isContainer(el))) addRow(current(sections), pythonIter(item))
        else buildTable(sections, undefined, item, 0)
      }
    }
  } else if (isContainer(value)) {
    buildSubTableFromDict(sections, value, indentLevel)
  }
  return true
}

/** What Python's `for el in x` yields: list items, or a dict's keys. */
function pythonIter(value: PlainValue[] | Dict): PlainValue[] {
  return Array.isArray(value) ? value : Object.keys(value)
}

function buildSubTableFromDict(sections: Section[], value: Dict, indentLevel: number): void {
  const { headers, more } = groupScalarKeys(value)
  if (headers.length === 1) {
    const key = headers[0] as string
    addRow(current(sections), [key, value[key] as PlainValue])
  } else if (headers.length > 0) {
    addHeader(current(sections), headers)
    addRow(
      current(sections),
      headers.map((k) => value[k] as PlainValue),
    )
  }
  for (const key of more) buildTable(sections, key, value[key] as PlainValue, indentLevel + 1)
}

function buildSubTableFromList(
  sections: Section[],
  list: PlainValue[],
  indentLevel: number,
  title: string | undefined,
): void {
  const headerSet = new Set<string>()
  const moreSet = new Set<string>()
  for (const item of list) {
    if (!isContainer(item) || Array.isArray(item))
      throw new IdcError('general', `'${pythonTypeName(item)}' object is not a mapping`)
    const { headers, more } = groupScalarKeys(item)
    for (const h of headers) headerSet.add(h)
    for (const m of more) moreSet.add(m)
  }
  const headers = sortKeys([...headerSet])
  const more = sortKeys([...moreSet])
  addHeader(current(sections), headers)
  let first = true
  for (const element of list as Dict[]) {
    if (!first && more.length > 0) {
      newSection(sections, title ?? '', indentLevel)
      addHeader(current(sections), headers)
    }
    first = false
    addRow(
      current(sections),
      headers.map((h) => (h in element ? (element[h] as PlainValue) : '')),
    )
    for (const key of more) {
      if (key in element) buildTable(sections, key, element[key] as PlainValue, indentLevel + 1)
    }
  }
}

function groupScalarKeys(value: Dict): { headers: string[]; more: string[] } {
  const headers: string[] = []
  const more: string[] = []
  for (const [key, item] of Object.entries(value)) (isContainer(item) ? more : headers).push(key)
  return { headers: sortKeys(headers), more: sortKeys(more) }
}

function addHeader(section: Section, headers: string[]): void {
  updateMaxWidths(section, headers)
  if (section.numCols === undefined) section.numCols = headers.length
  section.headers = headers
}

function addRow(section: Section, row: PlainValue[]): void {
  if (section.numCols === undefined) section.numCols = row.length
  if (row.length !== section.numCols) {
    throw new IdcError('general', `Row should have ${section.numCols} elements, instead it has ${row.length}`)
  }
  const cells = row.map(pythonStr)
  section.rows.push(cells)
  updateMaxWidths(section, cells)
}

function updateMaxWidths(section: Section, row: string[]): void {
  if (section.maxWidths.length === 0) section.maxWidths = row.map(textLength)
  else row.forEach((el, i) => (section.maxWidths[i] = Math.max(textLength(el), section.maxWidths[i] ?? 0)))
}

/** Display width as `awscli/table.py` counts it: East Asian wide, full-width and ambiguous count 2. */
export function textLength(text: string): number {
  let total = 0
  for (const ch of text) total += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1
  return total
}

function isWide(cp: number): boolean {
  // Python's unicodedata.east_asian_width in 'W', 'F' or 'A', for the ranges that occur in practice.
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd) ||
    isAmbiguous(cp)
  )
}

function isAmbiguous(cp: number): boolean {
  return (
    cp === 0xa1 ||
    cp === 0xa4 ||
    cp === 0xa7 ||
    cp === 0xa8 ||
    cp === 0xaa ||
    cp === 0xad ||
    cp === 0xae ||
    (cp >= 0xb0 && cp <= 0xb4) ||
    (cp >= 0xb6 && cp <= 0xba) ||
    (cp >= 0xbc && cp <= 0xbf) ||
    cp === 0xc6 ||
    cp === 0xd0 ||
    cp === 0xd7 ||
    cp === 0xd8 ||
    (cp >= 0xde && cp <= 0xe1) ||
    cp === 0xe6 ||
    (cp >= 0xe8 && cp <= 0xea) ||
    cp === 0xec ||
    cp === 0xed ||
    cp === 0xf0 ||
    cp === 0xf2 ||
    cp === 0xf3 ||
    (cp >= 0xf7 && cp <= 0xfa) ||
    cp === 0xfc ||
    cp === 0xfe ||
    (cp >= 0x391 && cp <= 0x3c9) ||
    (cp >= 0x401 && cp <= 0x451) ||
    (cp >= 0x2010 && cp <= 0x2027) ||
    (cp >= 0x2030 && cp <= 0x203e) ||
    cp === 0x20ac ||
    (cp >= 0x2100 && cp <= 0x22ff) ||
    (cp >= 0x2460 && cp <= 0x27ff) ||
    (cp >= 0xe000 && cp <= 0xf8ff) ||
    cp === 0xfffd
  )
}

function columnWidths(section: Section, padding: number, maxWidth?: number): number[] {
  const unscaled = section.maxWidths.map((w) => w + padding)
  if (maxWidth === undefined || unscaled.length === 0) return unscaled
  const sum = unscaled.reduce((a, b) => a + b, 0)
  const scale = maxWidth / sum
  const scaled = unscaled.map((w) => pythonRound(scale * w))
  let offBy = scaled.reduce((a, b) => a + b, 0) - maxWidth
  while (offBy !== 0) {
    const order = [...scaled.keys()]
    if (offBy < 0) order.reverse()
    for (const i of order) {
      if (offBy > 0) {
        scaled[i] = (scaled[i] as number) - 1
        offBy -= 1
      } else {
        scaled[i] = (scaled[i] as number) + 1
        offBy += 1
      }
      if (offBy === 0) break
    }
  }
  return scaled
}

/** Python 3's round(): halves go to the even neighbour. */
function pythonRound(x: number): number {
  const floor = Math.floor(x)
  const diff = x - floor
  if (diff > 0.5) return floor + 1
  if (diff < 0.5) return floor
  return floor % 2 === 0 ? floor : floor + 1
}

function totalWidth(section: Section): number {
  let total = 0
  for (const w of columnWidths(section, 0)) total += w + 4
  total += 2 + section.indentLevel * 2
  return Math.max(textLength(section.title) + 2 + section.indentLevel * 2, total)
}

function toVertical(sections: Section[]): void {
  sections.forEach((section, i) => {
    if (section.rows.length === 1 && section.headers.length > 0) {
      const vertical: Section = {
        title: section.title,
        headers: [],
        rows: [],
        indentLevel: section.indentLevel,
        numCols: undefined,
        maxWidths: [],
      }
      section.headers.forEach((header, j) => {
        const cell = section.rows[0]?.[j]
        if (cell !== undefined) addRow(vertical, [header, cell])
      })
      sections[i] = vertical
    }
  })
}

function renderSections(sections: Section[], terminalWidth: number, color: boolean): string {
  let maxWidth = Math.max(...sections.map(totalWidth))
  if (maxWidth > terminalWidth) {
    toVertical(sections)
    maxWidth = Math.max(...sections.map(totalWidth))
  }
  // colorama (autoreset) appends a reset after every write when colour is on; keep each write apart.
  const writes: string[] = [`${'-'.repeat(maxWidth)}\n`]
  const rowStyle = color ? (t: string) => `\x1b[1m\x1b[34m${t}${RESET}` : (t: string) => t
  const indentChar = color ? `\x1b[2m\x1b[33m|${RESET}` : '|'
  for (const section of sections) renderSection(section, maxWidth, writes, rowStyle, indentChar)
  return color ? writes.map((w) => w + RESET).join('') : writes.join('')
}

function renderSection(
  section: Section,
  fullWidth: number,
  writes: string[],
  rowStyle: (t: string) => string,
  indentChar: string,
): void {
  const indent = indentChar.repeat(section.indentLevel)
  const write = (line: string): void => {
    writes.push(indent, line, indent, '\n')
  }
  const maxWidth = fullWidth - section.indentLevel * 2
  if (section.title) {
    write(centerText(section.title, maxWidth, '|', '|', textLength(section.title)))
    if (section.headers.length === 0 && section.rows.length === 0) write(`+${'-'.repeat(maxWidth - 2)}+`)
  }
  if (section.headers.length > 0) {
    const widths = columnWidths(section, 4, maxWidth)
    let line = ''
    widths.forEach((width, i) => {
      const header = section.headers[i] ?? ''
      line += centerText(header, width, i === 0 ? '|' : '', '|', textLength(header))
    })
    write(lineBreak(widths))
    write(line)
  }
  if (section.rows.length > 0) {
    const widths = columnWidths(section, 4, maxWidth)
    if (widths.length === 0) return
    write(lineBreak(widths))
    for (const row of section.rows) {
      let line = ''
      widths.forEach((width, i) => {
        if (i >= row.length) return
        const cell = row[i] as string
        line += alignLeft(rowStyle(cell), width, i === 0 ? '|' : '', '|', textLength(cell))
      })
      write(line)
    }
    write(lineBreak(widths))
  }
}

function lineBreak(widths: number[]): string {
  return widths
    .map((w, i) => (i === 0 ? `+${'-'.repeat(Math.max(0, w - 2))}+` : `${'-'.repeat(Math.max(0, w - 1))}+`))
    .join('')
}

function centerText(text: string, length: number, left: string, right: string, len: number): string {
  const start = Math.floor(length / 2) - Math.floor(len / 2) - 1
  const soFar = textLength(left) + start + len
  return `${left}${' '.repeat(Math.max(0, start))}${text}${' '.repeat(Math.max(0, length - textLength(right) - soFar))}${right}`
}

function alignLeft(text: string, length: number, left: string, right: string, len: number): string {
  const padding = length - (len + 2 + textLength(left) + textLength(right)) >= 0 ? 2 : 0
  const soFar = left.length + padding + len
  return `${left}${' '.repeat(padding)}${text}${' '.repeat(Math.max(0, length - soFar - right.length))}${right}`
}
