/**
 * A lazily parsed view of a shared file, for the warm path: `idc configure export-credentials`
 * and `idc status` read one profile (and its sso-session and source profiles) out of files that
 * may hold thousands. A first pass checks every line by the reader's rules without slicing it and
 * records where each section starts; a section's properties are read (by the same reader,
 * `readRawSections`) only when its name is first looked up. Listing the names (`Object.keys`,
 * `for…in`) reads every section, so callers that list see exactly what the eager parser gives.
 *
 * The first pass accepts only lines whose meaning is plain (blank, comment, header ending in `]`,
 * `key = value` with no comment character before the `=`, continuation lines after a property);
 * any other line sends the whole file to the eager parser, so its error messages and every rule
 * of the cross-SDK suite stay in one place. Hand-written because no library parses these files
 * by the SDKs' rules, let alone lazily.
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
  type ConfigFileKind,
  type ConfigSection,
  type ParseSharedConfigFileOptions,
  type SharedConfig,
} from './parse-config-file.js'

/**
 * A dictionary whose entries are computed on first access from `resolve`; listing its keys
 * computes them all. Writes and deletes work on the computed entries.
 * @internal
 */
export function lazyDictionary<T>(names: Iterable<string>, resolve: (name: string) => T): Record<string, T> {
  const order = [...names]
  const pending = new Set(order)
  const target = createDictionary<T>()
  const materialize = (name: string | symbol) => {
    if (typeof name !== 'string' || !pending.has(name)) return
    pending.delete(name)
    target[name] = resolve(name)
  }
  let listed = false
  const materializeAll = () => {
    if (listed) return
    listed = true
    for (const name of order) materialize(name)
    // Re-insert in file order, so listing gives the order the eager parser would have.
    const later = Object.keys(target).filter((name) => !order.includes(name))
    for (const name of [...order, ...later]) {
      const value = target[name] as T
      delete target[name]
      target[name] = value
    }
  }
  return new Proxy(target, {
    get: (t, name) => (name === NAMES ? order : (materialize(name), Reflect.get(t, name))),
    has: (t, name) => (typeof name === 'string' && pending.has(name)) || Reflect.has(t, name),
    ownKeys: (t) => (materializeAll(), Reflect.ownKeys(t)),
    getOwnPropertyDescriptor: (t, name) => (materialize(name), Reflect.getOwnPropertyDescriptor(t, name)),
    set: (t, name, value) => (materialize(name), Reflect.set(t, name, value)),
    defineProperty: (t, name, descriptor) => (materialize(name), Reflect.defineProperty(t, name, descriptor)),
    deleteProperty: (t, name) => (materialize(name), Reflect.deleteProperty(t, name)),
  })
}

const NAMES = Symbol('names')

/** The names of a dictionary, without reading the sections of a lazy one. @internal */
export function namesOf(dictionary: Record<string, unknown>): readonly string[] {
  return (dictionary as { [NAMES]?: readonly string[] })[NAMES] ?? Object.keys(dictionary)
}

/** One section header: where its body is, and what it names. */
interface SectionSpan {
  header: string
  /** Offset of the header line and of the end of the section's last line. */
  start: number
  end: number
}

/**
 * Parses like {@link parseSharedConfigFile}, reading each section only when it is first used.
 * Throws `ConfigParseError` for a malformed file, as the eager parser does, before returning.
 */
export function parseSharedConfigLazily(text: string, options: ParseSharedConfigFileOptions): SharedConfig {
  const spans = scanSections(text)
  if (spans === undefined) return parseSharedConfigFile(text, options)
  const kind: ConfigFileKind = options.kind
  const byTarget: Record<keyof SharedConfig, Map<string, SectionSpan[]>> = {
    profiles: new Map(),
    ssoSessions: new Map(),
    services: new Map(),
  }
  const named = spans.map((span) => ({ span, name: classifySection(span.header, kind) }))
  // `[profile default]` wins over `[default]` wholesale, wherever the two appear.
  const ignoreBareDefault = named.some(
    ({ name }) => name?.target === 'profiles' && name.prefixed && name.name === 'default',
  )
  for (const { span, name } of named) {
    if (name === undefined) continue
    if (ignoreBareDefault && name.target === 'profiles' && !name.prefixed) continue
    const list = byTarget[name.target].get(name.name)
    if (list) list.push(span)
    else byTarget[name.target].set(name.name, [span])
  }
  const file = options.file ?? `${kind} file`
  const read = (list: SectionSpan[]): ConfigSection => {
    const section = createRecord<ConfigSection[string]>()
    for (const span of list) {
      for (const raw of readRawSections(text.slice(span.start, span.end), file)) {
        for (const [key, value] of raw.properties) if (isIdentifier(key)) section[key] = value
      }
    }
    return section
  }
  const view = (target: keyof SharedConfig) => {
    const spansByName = byTarget[target]
    return lazyDictionary(spansByName.keys(), (name) => read(spansByName.get(name)!))
  }
  return { profiles: view('profiles'), ssoSessions: view('ssoSessions'), services: view('services') }
}

/**
 * The first pass: the headers and their spans, or undefined when some line is not plainly valid
 * (the eager parser then decides, and reports errors with their line numbers).
 */
function scanSections(text: string): SectionSpan[] | undefined {
  const spans: SectionSpan[] = []
  // 0: before any section, 1: after a header, 2: after a property with a value, 3: after `key =` (sub-properties).
  let state = 0
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0
  while (start <= text.length) {
    let next = text.indexOf('\n', start)
    if (next === -1) next = text.length
    const lineStart = start
    start = next + 1
    // Like the reader: the line ends before the LF and one CR before it.
    const end = next > lineStart && text.charCodeAt(next - 1) === 13 ? next - 1 : next
    let i = lineStart
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++
    if (i === end) continue
    const first = text.charCodeAt(lineStart)
    if (first === 35 /* # */ || first === 59 /* ; */) continue
    if (first === 91 /* [ */) {
      const inner = stripComment(text.slice(lineStart, end), false)
      if (inner.charCodeAt(inner.length - 1) !== 93 /* ] */) return undefined
      const previous = spans[spans.length - 1]
      if (previous) previous.end = lineStart
      spans.push({ header: inner.slice(1, -1), start: lineStart, end: text.length })
      state = 1
      continue
    }
    const continuation = i > lineStart
    if (state === 0 || (continuation && state === 1)) return undefined
    if (continuation && state === 2) continue
    // A property (or sub-property) line: an `=` with a name before it and no comment character
    // before it; anything subtler goes to the eager parser.
    const equals = text.indexOf('=', i)
    if (equals === -1 || equals >= end || equals === i) return undefined
    for (let j = i; j < equals; j++) {
      const c = text.charCodeAt(j)
      if (c === 35 || c === 59) return undefined
    }
    if (continuation) continue
    let v = equals + 1
    while (v < end && (text.charCodeAt(v) === 32 || text.charCodeAt(v) === 9)) v++
    state = v === end || text.charCodeAt(v) === 35 || text.charCodeAt(v) === 59 ? 3 : 2
  }
  return spans
}
