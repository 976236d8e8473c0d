/**
 * A lazily parsed view of a shared file, for the warm path: `idc configure export-credentials`
 * and `idc status` read one profile (and its sso-session and source profiles) out of files that
 * may hold thousands. Both steps search the whole text natively instead of walking its lines in
 * JavaScript, which a short-lived process runs interpreted:
 *
 * 1. One regular expression pass (V8 compiles it to machine code) checks that every line is
 *    plainly valid (`isPlainlyValid`). Any line it is unsure of sends the whole file to the eager
 *    parser, so its error messages and every rule of the cross-SDK suite stay in one place.
 * 2. When a name is first looked up (membership too), `indexOf` finds the header lines that contain
 *    it; each is interpreted by the eager parser's own rules (`classifySection`) and its section
 *    read by the same reader (`readRawSections`). Listing the names (`Object.keys`, `for…in`)
 *    parses the file eagerly, so callers that list see exactly what the eager parser gives.
 *
 * Hand-written because no library parses these files by the SDKs' rules, let alone lazily.
 *
 * @module
 */
import {
  classifySection,
  createDictionary,
  createRecord,
  isIdentifier,
  parseSharedConfigFile,
  readRawSections,
  stripComment,
  type ConfigSection,
  type ParseSharedConfigFileOptions,
  type SharedConfig,
} from './parse-config-file.js'

/**
 * A dictionary whose entries are looked up on first access (`lookup` answers undefined for a name
 * with no entry); listing its keys settles every name `listNames` gives, in that order. Writes and
 * deletes work on the settled entries.
 * @internal
 */
export function lazyDictionary<T>(
  lookup: (name: string) => T | undefined,
  listNames: () => Iterable<string>,
): Record<string, T> {
  const target = createDictionary<T>()
  const settled = new Set<string>()
  const settle = (name: string | symbol) => {
    if (typeof name !== 'string' || settled.has(name)) return
    settled.add(name)
    const value = lookup(name)
    if (value !== undefined) target[name] = value
  }
  let listed = false
  const settleAll = () => {
    if (listed) return
    listed = true
    const order = [...listNames()]
    for (const name of order) settle(name)
    // Re-insert in listing order, then the names a caller added, so keys come out as the eager
    // parser gives them; a name the caller deleted stays deleted.
    const known = new Set(order)
    const later = Object.keys(target).filter((name) => !known.has(name))
    for (const name of [...order, ...later]) {
      if (!(name in target)) continue
      const value = target[name] as T
      delete target[name]
      target[name] = value
    }
  }
  return new Proxy(target, {
    get: (t, name) => (settle(name), Reflect.get(t, name)),
    has: (t, name) => (settle(name), Reflect.has(t, name)),
    ownKeys: (t) => (settleAll(), Reflect.ownKeys(t)),
    getOwnPropertyDescriptor: (t, name) => (settle(name), Reflect.getOwnPropertyDescriptor(t, name)),
    set: (t, name, value) => (settle(name), Reflect.set(t, name, value)),
    defineProperty: (t, name, descriptor) => (settle(name), Reflect.defineProperty(t, name, descriptor)),
    deleteProperty: (t, name) => (settle(name), Reflect.deleteProperty(t, name)),
  })
}

/** Where one section is: from the start of its header line to the start of the next header. */
interface SectionSpan {
  start: number
  end: number
}

type SpansByTarget = Record<keyof SharedConfig, SectionSpan[]>

/**
 * Parses like {@link parseSharedConfigFile}, reading a section only when its name is first looked
 * up. Throws `ConfigParseError` for a malformed file, as the eager parser does, before returning.
 */
export function parseSharedConfigLazily(text: string, options: ParseSharedConfigFileOptions): SharedConfig {
  if (!isPlainlyValid(text)) return parseSharedConfigFile(text, options)
  const file = options.file ?? `${options.kind} file`
  let eager: SharedConfig | undefined
  // One search per name serves every target: a profile and an sso-session often share a name.
  const found = new Map<string, SpansByTarget>()
  const spansNamed = (name: string) => {
    let spans = found.get(name)
    if (spans === undefined) found.set(name, (spans = findSections(text, options, name)))
    return spans
  }
  const view = (target: keyof SharedConfig) =>
    lazyDictionary(
      (name) => (eager ? eager[target][name] : readSections(text, spansNamed(name)[target], file)),
      () => Object.keys((eager ??= parseSharedConfigFile(text, options))[target]),
    )
  return { profiles: view('profiles'), ssoSessions: view('ssoSessions'), services: view('services') }
}

/** Reads sections that share a name and merges them in file order (later keys win), as the eager parser does. */
function readSections(text: string, spans: readonly SectionSpan[], file: string): ConfigSection | undefined {
  if (spans.length === 0) return undefined
  const section = createRecord<ConfigSection[string]>()
  for (const span of spans) {
    for (const raw of readRawSections(text.slice(span.start, span.end), file)) {
      for (const [key, value] of raw.properties) if (isIdentifier(key)) section[key] = value
    }
  }
  return section
}

/**
 * The sections a name is given to, by target. A header that names it contains it, so only the
 * header lines containing the name are interpreted, each by the eager parser's rules.
 */
function findSections(text: string, options: ParseSharedConfigFileOptions, name: string): SpansByTarget {
  const result: SpansByTarget = { profiles: [], ssoSessions: [], services: [] }
  // Every name the parser accepts is an identifier; nothing else can be found.
  if (!isIdentifier(name)) return result
  const bodyStart = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const named: Array<{ span: SectionSpan; target: keyof SharedConfig; prefixed: boolean }> = []
  // indexOf is a vectorised search; each line that holds the name is looked at once.
  for (let at = text.indexOf(name, bodyStart); at !== -1;) {
    const start = Math.max(bodyStart, at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1)
    const lineEnd = nextNewline(text, at)
    at = lineEnd === text.length ? -1 : text.indexOf(name, lineEnd + 1)
    if (text.charCodeAt(start) !== 91 /* [ */) continue
    const contentEnd = lineEnd > start && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd
    const section = classifySection(stripComment(text.slice(start, contentEnd), false).slice(1, -1), options.kind)
    if (section?.name !== name) continue
    const next = text.indexOf('\n[', lineEnd)
    named.push({ span: { start, end: next === -1 ? text.length : next + 1 }, ...section })
  }
  // `[profile default]` wins over `[default]` wholesale, wherever the two appear.
  const ignoreBare = named.some(({ target, prefixed }) => target === 'profiles' && prefixed && name === 'default')
  for (const { span, target, prefixed } of named) {
    if (!(ignoreBare && target === 'profiles' && !prefixed)) result[target].push(span)
  }
  return result
}

// One line, seen from its first character, that is plainly valid at column 0: blank, a comment, a
// header whose text before any comment ends with `]`, or `key = …` with no comment character
// before the `=`. A line that ends the text ends at `$` (no `m` flag: `$` is the end of the text,
// and `[^\n]` takes the other line terminators as the reader does, as ordinary characters).
const PLAIN_LINE = String.raw`\r?(?:\n|$)|[#;]|\[[^#;\n]*\][ \t]*(?:[#;]|\r?(?:\n|$))|[^ \t#;\[=\n][^=#;\n]*=`
// After a newline: an indented line that is not blank (a continuation, checked in context), or a
// line that is neither indented nor plainly valid.
const LINE_TO_CHECK = String.raw`\n(?:[ \t]+(?=[^ \t\r\n]|\r[^\n])|(?![ \t]|${PLAIN_LINE}))`

/**
 * True when every line of the text is plainly valid, so the eager parser would accept it. Indented
 * lines are continuations: valid after a property, and after an empty `key =` only as
 * `name = value` sub-properties. False sends the text to the eager parser, which decides.
 */
export function isPlainlyValid(text: string): boolean {
  const bodyStart = text.charCodeAt(0) === 0xfeff ? 1 : 0
  // Blank and comment lines before the first header; then a header, or the end of the text.
  const preamble = /(?:(?:[ \t]*\r?|[#;][^\n]*)(?:\n|$))*/y
  preamble.lastIndex = bodyStart
  preamble.exec(text)
  const firstHeader = /\[[^#;\n]*\][ \t]*(?:[#;]|\r?(?:\n|$))|$/y
  firstHeader.lastIndex = preamble.lastIndex
  if (!firstHeader.test(text)) return false
  // One pass over the text: V8 compiles a regular expression run on a long text to machine code.
  const lines = new RegExp(LINE_TO_CHECK, 'g')
  let lastStart = -1
  let lastOpensSubProperties = false
  for (let match = lines.exec(text); match !== null; match = lines.exec(text)) {
    if (match[0].length === 1) return false
    const start = match.index + 1
    const decided = continuedLine(text, bodyStart, match.index, lastStart, lastOpensSubProperties)
    if (decided === undefined) return false
    // After `key =` with no value, an indented line is a sub-property: `name = value`, with no
    // comment character before the `=`.
    if (decided && !/[^=#;\n][^=#;\n]*=/y.test(text.slice(lines.lastIndex, nextNewline(text, start)))) return false
    lastStart = start
    lastOpensSubProperties = decided
  }
  return true
}

/**
 * What the continuation line after the newline at `end` continues, from the nearest line before it
 * that is neither blank nor a comment: true for a property with an empty value (sub-properties
 * follow), false for a property with a value, the previous continuation's answer for a
 * continuation, undefined for a header or nothing (the reader rejects the line).
 */
function continuedLine(
  text: string,
  bodyStart: number,
  end: number,
  lastStart: number,
  lastAnswer: boolean,
): boolean | undefined {
  for (;;) {
    const previous = end === 0 ? bodyStart : Math.max(bodyStart, text.lastIndexOf('\n', end - 1) + 1)
    if (previous === lastStart) return lastAnswer
    const first = text.charCodeAt(previous)
    const skipped = first === 35 /* # */ || first === 59 /* ; */ || isBlank(text, previous, end)
    if (!skipped)
      return first === 91 /* [ */ || first === 32 || first === 9 ? undefined : valueIsEmpty(text, previous, end)
    if (previous === bodyStart) return undefined
    end = previous - 1
  }
}

function nextNewline(text: string, from: number): number {
  const next = text.indexOf('\n', from)
  return next === -1 ? text.length : next
}

/** True when the line from `start` to `end` (its newline) holds only spaces and tabs, after one CR is dropped. */
function isBlank(text: string, start: number, end: number): boolean {
  const contentEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end
  for (let i = start; i < contentEnd; i++) {
    const c = text.charCodeAt(i)
    if (c !== 32 && c !== 9) return false
  }
  return true
}

/**
 * True when a property line's value is empty, or starts with a comment character (which may or
 * may not start a comment: counting it as empty only asks more of the lines that follow).
 */
function valueIsEmpty(text: string, start: number, end: number): boolean {
  const contentEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end
  let v = text.indexOf('=', start) + 1
  while (v < contentEnd && (text.charCodeAt(v) === 32 || text.charCodeAt(v) === 9)) v++
  return v >= contentEnd || text.charCodeAt(v) === 35 || text.charCodeAt(v) === 59
}
