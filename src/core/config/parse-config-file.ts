/**
 * Parses one AWS shared config or credentials file by the cross-SDK rules (the smithy-rs profile
 * parser test suite, `test/vectors/profile-parser/`). Parsing happens in two steps, as in the
 * SDKs: a literal line reader that only rejects malformed lines, then a normalisation step that
 * sorts sections into profiles, sso-sessions and services and silently drops invalid names.
 *
 * The reader is a single pass over the text with index arithmetic (no regular expressions per
 * line), so thousands of profiles parse in a few milliseconds.
 *
 * @module
 */
import { ConfigParseError } from '../errors.js'

/** A property value: a plain string, or a record for a property with indented sub-properties. */
export type ConfigValue = string | Record<string, string>

/** The properties of one section (keys lower-cased, as the SDKs compare them). */
export type ConfigSection = Record<string, ConfigValue>

/** Which of the two shared files a text comes from; they name their sections differently. */
export type ConfigFileKind = 'config' | 'credentials'

/** The profiles, sso-sessions and services sections of the shared files. */
export interface SharedConfig {
  /** Profiles by name (`[default]`, `[profile NAME]` in config; `[NAME]` in credentials). */
  profiles: Record<string, ConfigSection>
  /** `[sso-session NAME]` sections by name (config file only). */
  ssoSessions: Record<string, ConfigSection>
  /** `[services NAME]` sections by name (config file only); each service maps to a record. */
  services: Record<string, ConfigSection>
}

/** Options for {@link parseSharedConfigFile}. */
export interface ParseSharedConfigFileOptions {
  /** Which file the text is: section names are read differently in each. */
  kind: ConfigFileKind
  /** The path named in parse errors (default `<kind> file`). */
  file?: string
}

/** One `[...]` section as written, before names are validated. */
export interface RawSection {
  /** The text between the brackets, comments removed. */
  header: string
  /** 1-based line number of the header. */
  line: number
  /** Properties in file order; later duplicates have already replaced earlier ones. */
  properties: Map<string, ConfigValue>
}

const PROFILE_PREFIX = 'profile'
const SSO_SESSION_PREFIX = 'sso-session'
const SERVICES_PREFIX = 'services'
const DEFAULT_PROFILE = 'default'

// An empty, frozen prototype: records inherit nothing (no `constructor`, no `__proto__` setter),
// yet V8 keeps them in fast mode, which `Object.create(null)` objects are not.
const EMPTY_PROTOTYPE: object = Object.freeze(Object.create(null) as object)

/** Creates an empty record that inherits nothing, so names like `constructor` are plain keys. @internal */
export function createRecord<T>(): Record<string, T> {
  return Object.create(EMPTY_PROTOTYPE) as Record<string, T>
}

/** Creates an empty map for many keys (profile names); it starts, and stays, in dictionary mode. @internal */
export function createDictionary<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}

/** Creates an empty {@link SharedConfig}. */
export function createEmptySharedConfig(): SharedConfig {
  return { profiles: createDictionary(), ssoSessions: createDictionary(), services: createDictionary() }
}

/** Parses the text of one shared config or credentials file. Throws {@link ConfigParseError}. */
export function parseSharedConfigFile(text: string, options: ParseSharedConfigFileOptions): SharedConfig {
  const file = options.file ?? `${options.kind} file`
  return normalizeSections(readRawSections(text, file), options.kind)
}

/**
 * Reads the sections of a file literally: headers, properties, continuation lines and
 * sub-properties. Section names are not interpreted yet. Throws {@link ConfigParseError}.
 */
export function readRawSections(text: string, file: string): RawSection[] {
  const sections: RawSection[] = []
  let section: RawSection | undefined
  let property: string | undefined
  let subProperties = false
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0
  let lineNumber = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    lineNumber++
    // Like Rust's `str::lines()`: split on LF and drop one CR before it.
    const line = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end)
    start = end + 1
    if (isBlank(line)) continue
    const first = line.charCodeAt(0)
    if (first === 35 /* # */ || first === 59 /* ; */) continue
    if (first === 91 /* [ */) {
      const inner = stripComment(line, false)
      if (inner.charCodeAt(inner.length - 1) !== 93 /* ] */) {
        throw new ConfigParseError(file, lineNumber, "Profile definition must end with ']'")
      }
      section = { header: inner.slice(1, -1), line: lineNumber, properties: new Map() }
      sections.push(section)
      property = undefined
      subProperties = false
    } else if (first === 32 || first === 9) {
      if (section === undefined) throw new ConfigParseError(file, lineNumber, 'Expected a profile definition')
      if (property === undefined) {
        throw new ConfigParseError(file, lineNumber, 'Expected a property definition, found continuation')
      }
      const current = section.properties.get(property)
      if (subProperties) {
        const [key, value] = splitProperty(line, file, lineNumber, 'sub-property')
        const record = typeof current === 'object' ? current : createRecord<string>()
        record[key] = value
        section.properties.set(property, record)
      } else {
        section.properties.set(property, `${current as string}\n${trimWhitespace(line)}`)
      }
    } else {
      if (section === undefined) throw new ConfigParseError(file, lineNumber, 'Expected a profile definition')
      const [key, value] = splitProperty(line, file, lineNumber, 'property')
      property = key.toLowerCase()
      subProperties = value === ''
      section.properties.set(property, value)
    }
  }
  return sections
}

/** Sorts raw sections into profiles, sso-sessions and services, dropping invalid names. */
export function normalizeSections(sections: readonly RawSection[], kind: ConfigFileKind): SharedConfig {
  const result = createEmptySharedConfig()
  const named = sections.map((section) => ({ section, name: classifySection(section.header, kind) }))
  // `[profile default]` wins over `[default]` wholesale, wherever the two appear.
  const ignoreBareDefault = named.some(
    ({ name }) => name?.target === 'profiles' && name.prefixed && name.name === DEFAULT_PROFILE,
  )
  for (const { section, name } of named) {
    if (name === undefined) continue
    if (ignoreBareDefault && name.target === 'profiles' && !name.prefixed) continue
    const target = (result[name.target][name.name] ??= createRecord())
    for (const [key, value] of section.properties) {
      if (isIdentifier(key)) target[key] = value
    }
  }
  return result
}

/** Where a section goes once its header is interpreted. */
export interface ClassifiedSection {
  /** The map the section belongs to. */
  target: keyof SharedConfig
  /** The profile, sso-session or services name. */
  name: string
  /** True when the header had a prefix (`profile default` as opposed to `default`). */
  prefixed: boolean
}

/** Interprets a section header for one kind of file; undefined when the SDKs ignore it. */
export function classifySection(header: string, kind: ConfigFileKind): ClassifiedSection | undefined {
  const trimmed = trimWhitespace(header)
  let split = -1
  for (let i = 0; i < trimmed.length; i++) {
    const code = trimmed.charCodeAt(i)
    if (code === 32 || code === 9) {
      split = i
      break
    }
  }
  if (split === -1) {
    if (kind === 'credentials')
      return isIdentifier(trimmed) ? { target: 'profiles', name: trimmed, prefixed: false } : undefined
    return trimmed === DEFAULT_PROFILE ? { target: 'profiles', name: trimmed, prefixed: false } : undefined
  }
  // Prefixed sections exist only in the config file.
  if (kind === 'credentials') return undefined
  const prefix = trimmed.slice(0, split)
  const name = trimmed.slice(split + 1).trim()
  if (!isIdentifier(name)) return undefined
  if (prefix === PROFILE_PREFIX) return { target: 'profiles', name, prefixed: true }
  if (prefix === SSO_SESSION_PREFIX) return { target: 'ssoSessions', name, prefixed: true }
  if (prefix === SERVICES_PREFIX) return { target: 'services', name, prefixed: true }
  return undefined
}

/** True for names the SDKs accept for profiles and keys: `[A-Za-z0-9_\-/.%@:+]*`. */
export function isIdentifier(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    const ok =
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      c === 95 ||
      c === 45 ||
      c === 47 ||
      c === 46 ||
      c === 37 ||
      c === 64 ||
      c === 58 ||
      c === 43
    if (!ok) return false
  }
  return true
}

function splitProperty(
  line: string,
  file: string,
  lineNumber: number,
  what: 'property' | 'sub-property',
): [string, string] {
  const prepared = stripComment(line, true)
  const equals = prepared.indexOf('=')
  if (equals === -1) throw new ConfigParseError(file, lineNumber, `Expected an '=' sign defining a ${what}`)
  const key = trimWhitespace(prepared.slice(0, equals))
  if (key === '') {
    throw new ConfigParseError(
      file,
      lineNumber,
      `${what === 'property' ? 'Property' : 'Sub-property'} did not have a name`,
    )
  }
  if (what === 'property') return [key, trimWhitespace(prepared.slice(equals + 1))]
  // Sub-property values keep their text as written (comments included), as the SDKs store them.
  const raw = trimWhitespace(line)
  return [key, trimWhitespace(raw.slice(raw.indexOf('=') + 1))]
}

/**
 * Trims spaces and tabs and cuts a trailing `#` or `;` comment. On property lines a comment
 * must follow whitespace (`a = b#c` keeps `b#c`); on section lines it need not.
 */
export function stripComment(line: string, needsWhitespace: boolean): string {
  const trimmed = trimWhitespace(line)
  // Most lines have no comment character at all; skip the character walk for them.
  if (trimmed.indexOf('#') === -1 && trimmed.indexOf(';') === -1) return trimmed
  let previousWhitespace = false
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i)
    if ((c === 35 || c === 59) && (previousWhitespace || !needsWhitespace)) return trimWhitespace(trimmed.slice(0, i))
    previousWhitespace = isUnicodeWhitespace(c)
  }
  return trimmed
}

/** Trims only spaces and tabs, the two characters the profile format counts as whitespace. */
export function trimWhitespace(value: string): string {
  let start = 0
  let end = value.length
  while (start < end && isSpaceOrTab(value.charCodeAt(start))) start++
  while (end > start && isSpaceOrTab(value.charCodeAt(end - 1))) end--
  return start === 0 && end === value.length ? value : value.slice(start, end)
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (!isSpaceOrTab(line.charCodeAt(i))) return false
  return true
}

function isSpaceOrTab(code: number): boolean {
  return code === 32 || code === 9
}

function isUnicodeWhitespace(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true
  return code > 127 && /\s/.test(String.fromCharCode(code))
}

/**
 * Writes a value the way the cross-SDK test suite spells it: sub-properties become the raw text
 * `"\nname = value\nname2 = value2"`.
 */
export function flattenConfigValue(value: ConfigValue): string {
  if (typeof value === 'string') return value
  let text = ''
  for (const key in value) text += value[key] === '' ? `\n${key} =` : `\n${key} = ${value[key]}`
  return text
}
