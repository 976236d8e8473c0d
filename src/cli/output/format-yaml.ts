/**
 * The `yaml` and `yaml-stream` output formats of the AWS CLI v2, byte for byte. The CLI dumps with
 * ruamel.yaml (safe, block style, keys sorted) through its libyaml emitter, resolving plain
 * scalars with YAML 1.2 rules; top-level scalars are written as JSON. The `yaml` npm package
 * chooses quotes and line folds differently, so this module carries its own emitter: libyaml's
 * scalar analysis, style choice and folding at column 80, and ruamel's 1.2 implicit resolvers.
 *
 * @module
 */
import { encodeJsonValue } from './format-json.js'
import { sortKeys } from './format-text.js'
import { formatPythonNumber } from '../../core/sso/python-json.js'
import { isContainer, type PlainValue } from './python-repr.js'

const BEST_WIDTH = 80
const BEST_INDENT = 2

/** Renders data as `--output yaml`; `{}` prints nothing, scalars print as JSON. */
export function formatYaml(data: PlainValue): string {
  if (isEmptyDict(data)) return ''
  if (!isContainer(data)) return `${encodeJsonValue(data)}\n`
  return emitDocument(data)
}

/** Renders one response as `--output yaml-stream`: each response becomes an item of one list. */
export function formatYamlStream(data: PlainValue): string {
  if (isEmptyDict(data)) return ''
  return emitDocument([data])
}

function isEmptyDict(data: PlainValue): boolean {
  return isContainer(data) && !Array.isArray(data) && Object.keys(data).length === 0
}

// Implicit resolvers of ruamel.yaml for YAML 1.2: a plain scalar matching one of these would not
// read back as a string, so it must be quoted.
const IMPLICIT_RESOLVERS: readonly { firstChars: string; re: RegExp }[] = [
  { firstChars: 'tTfF', re: /^(?:true|True|TRUE|false|False|FALSE)$/ },
  {
    firstChars: '-+0123456789.',
    re: /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  },
  { firstChars: '-+0123456789', re: /^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$/ },
  { firstChars: '<', re: /^(?:<<)$/ },
  { firstChars: '~nN', re: /^(?:~|null|Null|NULL)$/ },
  {
    firstChars: '0123456789',
    re: /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  },
  { firstChars: '=', re: /^(?:=)$/ },
]

/** True when a string written plain would read back as a string under ruamel's YAML 1.2 rules. */
function resolvesToString(value: string): boolean {
  // The empty string resolves to null; other resolvers are tried only for their first characters.
  if (value === '') return false
  // Python's `$` also matches before one trailing newline.
  const candidate = value.endsWith('\n') ? value.slice(0, -1) : value
  const first = value[0] as string
  return !IMPLICIT_RESOLVERS.some((r) => r.firstChars.includes(first) && r.re.test(candidate))
}

class Writer {
  out = ''
  column = 0
  whitespace = true
  indention = true
  indent = -1
  private readonly indents: number[] = []

  put(text: string): void {
    this.out += text
    this.column += Array.from(text).length
  }
  lineBreak(): void {
    this.out += '\n'
    this.column = 0
  }
  writeIndent(): void {
    const indent = Math.max(this.indent, 0)
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.lineBreak()
    if (this.column < indent) this.put(' '.repeat(indent - this.column))
    this.whitespace = true
    this.indention = true
  }
  indicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ')
    this.put(text)
    this.whitespace = isWhitespace
    this.indention = this.indention && isIndention
  }
  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent)
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0
    else if (!indentless) this.indent += BEST_INDENT
  }
  popIndent(): void {
    this.indent = this.indents.pop() ?? -1
  }
}

interface NodeContext {
  mapping: boolean
  simpleKey: boolean
}

function emitDocument(data: PlainValue): string {
  const w = new Writer()
  emitNode(w, data, { mapping: false, simpleKey: false })
  w.writeIndent()
  return w.out
}

function emitNode(w: Writer, value: PlainValue, ctx: NodeContext): void {
  if (Array.isArray(value)) {
    if (value.length === 0) return emitEmptyFlow(w, '[', ']')
    w.increaseIndent(false, ctx.mapping && !w.indention)
    for (const item of value) {
      w.writeIndent()
      w.indicator('-', true, false, true)
      emitNode(w, item, { mapping: false, simpleKey: false })
    }
    return w.popIndent()
  }
  if (isContainer(value)) {
    const keys = sortKeys(Object.keys(value))
    if (keys.length === 0) return emitEmptyFlow(w, '{', '}')
    w.increaseIndent(false, false)
    for (const key of keys) {
      w.writeIndent()
      if (isSimpleKey(key)) {
        emitScalar(w, key, true, { mapping: false, simpleKey: true })
        w.indicator(':', false, false, false)
      } else {
        w.indicator('?', true, false, true)
        emitScalar(w, key, true, { mapping: false, simpleKey: false })
        w.writeIndent()
        w.indicator(':', true, false, true)
      }
      emitNode(w, value[key] as PlainValue, { mapping: true, simpleKey: false })
    }
    return w.popIndent()
  }
  if (typeof value === 'string') return emitScalar(w, value, resolvesToString(value), ctx)
  emitScalar(w, representScalar(value), true, ctx)
}

function emitEmptyFlow(w: Writer, open: string, close: string): void {
  w.indicator(open, true, true, false)
  w.increaseIndent(true, false)
  w.popIndent()
  w.indicator(close, false, false, false)
}

/** ruamel's representation of non-string scalars. */
function representScalar(value: number | boolean | null): string {
  if (value === null) return 'null'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (Number.isNaN(value)) return '.nan'
  if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf'
  return formatPythonNumber(value).toLowerCase()
}

function isSimpleKey(key: string): boolean {
  return Buffer.byteLength(key, 'utf8') <= 128 && !analyze(key).multiline
}

interface Analysis {
  empty: boolean
  multiline: boolean
  blockPlain: boolean
  singleQuoted: boolean
}

const BREAKS = '\n\x85\u2028\u2029'

function isBreak(ch: string | undefined): boolean {
  return ch !== undefined && (ch === '\r' || BREAKS.includes(ch))
}

function isBlankOrEnd(ch: string | undefined): boolean {
  return ch === undefined || ch === ' ' || ch === '\t' || ch === '\0' || isBreak(ch)
}

/** libyaml's IS_PRINTABLE: no control characters, no BOM, nothing outside the BMP. */
function isPrintable(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  )
}

/** libyaml's yaml_emitter_analyze_scalar, reduced to the styles a block emitter can choose. */
function analyze(text: string): Analysis {
  const chars = Array.from(text)
  if (chars.length === 0) return { empty: true, multiline: false, blockPlain: true, singleQuoted: true }
  let blockIndicators = text.startsWith('---') || text.startsWith('...')
  let lineBreaks = false
  let special = false
  let leadingSpace = false
  let leadingBreak = false
  let trailingSpace = false
  let trailingBreak = false
  let breakSpace = false
  let spaceBreak = false
  let precededByWhitespace = true
  let previousSpace = false
  let previousBreak = false
  chars.forEach((ch, i) => {
    const followedByWhitespace = isBlankOrEnd(chars[i + 1])
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true
      if ((ch === '?' || ch === ':') && followedByWhitespace) blockIndicators = true
      if (ch === '-' && followedByWhitespace) blockIndicators = true
    } else {
      if (ch === ':' && followedByWhitespace) blockIndicators = true
      if (ch === '#' && precededByWhitespace) blockIndicators = true
    }
    if (!isPrintable(ch)) special = true
    if (isBreak(ch)) lineBreaks = true
    if (ch === ' ') {
      if (i === 0) leadingSpace = true
      if (i === chars.length - 1) trailingSpace = true
      if (previousBreak) breakSpace = true
      previousSpace = true
      previousBreak = false
    } else if (isBreak(ch)) {
      if (i === 0) leadingBreak = true
      if (i === chars.length - 1) trailingBreak = true
      if (previousSpace) spaceBreak = true
      previousSpace = false
      previousBreak = true
    } else {
      previousSpace = false
      previousBreak = false
    }
    precededByWhitespace = isBlankOrEnd(ch)
  })
  let blockPlain = true
  let singleQuoted = true
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false
  if (breakSpace) blockPlain = singleQuoted = false
  if (spaceBreak || special) blockPlain = singleQuoted = false
  if (lineBreaks) blockPlain = false
  if (blockIndicators) blockPlain = false
  return { empty: false, multiline: lineBreaks, blockPlain, singleQuoted }
}

function emitScalar(w: Writer, text: string, plainImplicit: boolean, ctx: NodeContext): void {
  const analysis = analyze(text)
  let style: 'plain' | 'single' | 'double' = 'plain'
  if (!analysis.blockPlain) style = 'single'
  if (analysis.empty && ctx.simpleKey) style = 'single'
  if (!plainImplicit) style = 'single'
  if (style === 'single' && !analysis.singleQuoted) style = 'double'
  w.increaseIndent(true, false)
  const allowBreaks = !ctx.simpleKey
  if (style === 'plain') writePlain(w, text, allowBreaks)
  else if (style === 'single') writeSingleQuoted(w, text, allowBreaks)
  else writeDoubleQuoted(w, text, allowBreaks)
  w.popIndent()
}

function writePlain(w: Writer, text: string, allowBreaks: boolean): void {
  const chars = Array.from(text)
  if (!w.whitespace && chars.length > 0) w.put(' ')
  let spaces = false
  chars.forEach((ch, i) => {
    if (ch === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && chars[i + 1] !== ' ') w.writeIndent()
      else w.put(ch)
      spaces = true
    } else {
      w.put(ch)
      w.indention = false
      spaces = false
    }
  })
  w.whitespace = false
  w.indention = false
}

function writeBreak(w: Writer, ch: string): void {
  if (ch === '\n') w.lineBreak()
  else {
    w.out += ch
    w.column = 0
  }
}

function writeSingleQuoted(w: Writer, text: string, allowBreaks: boolean): void {
  const chars = Array.from(text)
  w.indicator("'", true, false, false)
  let spaces = false
  let breaks = false
  chars.forEach((ch, i) => {
    if (ch === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ')
        w.writeIndent()
      else w.put(ch)
      spaces = true
    } else if (isBreak(ch)) {
      if (!breaks && ch === '\n') w.lineBreak()
      writeBreak(w, ch)
      w.indention = true
      breaks = true
    } else {
      if (breaks) w.writeIndent()
      if (ch === "'") w.put("'")
      w.put(ch)
      w.indention = false
      spaces = false
      breaks = false
    }
  })
  if (breaks) w.writeIndent()
  w.indicator("'", false, false, false)
}

const ESCAPES: Readonly<Record<number, string>> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
}

function writeDoubleQuoted(w: Writer, text: string, allowBreaks: boolean): void {
  const chars = Array.from(text)
  w.indicator('"', true, false, false)
  let spaces = false
  chars.forEach((ch, i) => {
    const cp = ch.codePointAt(0) ?? 0
    if (!isPrintable(ch) || cp === 0xfeff || isBreak(ch) || ch === '"' || ch === '\\') {
      const hex = cp.toString(16).toUpperCase()
      const escape =
        ESCAPES[cp] ??
        (cp <= 0xff
          ? `x${hex.padStart(2, '0')}`
          : cp <= 0xffff
            ? `u${hex.padStart(4, '0')}`
            : `U${hex.padStart(8, '0')}`)
      w.put(`\\${escape}`)
      spaces = false
    } else if (ch === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
        w.writeIndent()
        if (chars[i + 1] === ' ') w.put('\\')
      } else {
        w.put(ch)
      }
      spaces = true
    } else {
      w.put(ch)
      spaces = false
    }
  })
  w.indicator('"', false, false, false)
}
