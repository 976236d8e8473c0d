/**
 * Edits the shared config and credentials files line by line, like the AWS CLI's
 * `ConfigFileWriter` (`awscli/customizations/configure/writer.py`): only the lines that must
 * change are touched; comments, blank lines, ordering, odd spacing, unknown sections and CRLF
 * line endings survive byte for byte. Existing keys are replaced in place as `key = value`,
 * missing keys go after the last key line of the section, missing sections are appended at the
 * end (with no blank line before them, as the CLI writes them).
 *
 * Where the file holds a section twice, every occurrence of a key is rewritten and new keys go
 * into the last copy, so the value read back is the new one under the SDKs' merge rules. For the
 * default profile, `[profile default]` is edited when present, since it hides `[default]`.
 *
 * @module
 */
import type { Env } from '../env.js'
import { ConfigError, IdcError, fileErrorFrom } from '../errors.js'
import { writeFileAtomic } from '../files/atomic-write.js'
import { withFileLock } from '../files/lock.js'
import { expandHome } from './file-paths.js'
import { parseSharedConfigFile, stripComment, trimWhitespace } from './parse-config-file.js'
import { readSharedFileText } from './read-shared-file.js'

/** One section's changes. A record value writes a key with indented sub-properties. */
export interface SectionUpdate {
  /** The file to edit (a leading `~` is expanded). */
  file: string
  /** The text inside the brackets: 'default', 'profile dev', 'sso-session my-sso', or 'dev' in the credentials file. */
  section: string
  /** Keys to set; existing lines are replaced in place. */
  set?: Record<string, string | Record<string, string>>
  /** Keys to remove, with their continuation and sub-property lines. */
  unset?: string[]
  /** Remove the whole section (header, keys and the comments between them); `set`/`unset` are then ignored. */
  remove?: boolean
  /** A comment line (without `# `) written under the header when this update creates the section. */
  comment?: string
  /**
   * Which file this is. Only matters for the default profile: in the config file (the default)
   * an existing `[profile default]` is edited instead of `[default]`, which it hides.
   */
  kind?: 'config' | 'credentials'
}

/** The section name for a profile: config `default` / `profile NAME`, credentials `NAME`. */
export function profileSectionName(profile: string, kind: 'config' | 'credentials'): string {
  if (kind === 'credentials' || profile === 'default') return profile
  // The AWS CLI quotes names containing whitespace with POSIX shell quoting (shlex.quote).
  return /\s/.test(profile) ? `profile ${shellQuote(profile)}` : `profile ${profile}`
}

/** Applies updates to one file inside its lock, re-reading it there; all updates must name the same file. */
export async function updateSharedConfigFile(env: Env, updates: SectionUpdate | SectionUpdate[]): Promise<void> {
  const list = Array.isArray(updates) ? updates : [updates]
  if (list.length === 0) return
  const file = expandHome(env, list[0]!.file)
  for (const update of list) {
    if (expandHome(env, update.file) !== file) {
      throw new IdcError('general', `All updates must target the same file: ${file} and ${update.file}`)
    }
    validateUpdate(update)
  }
  const kind = list[0]!.kind ?? 'config'
  await withFileLock(env, file, async () => {
    // Never rewrite what cannot be round-tripped: a file that is not UTF-8 or does not parse is
    // refused as the AWS CLI refuses it, and stays byte for byte as it was.
    const before = (await readSharedFileText(env, file, kind)) ?? ''
    parseSharedConfigFile(before, { kind, file })
    const after = editSharedConfigText(before, list)
    if (after === before) return
    parseSharedConfigFile(after, { kind, file })
    // A rename would replace a symlinked ~/.aws/config (dotfile managers) with a plain file;
    // write through the link instead, as the AWS CLI does, giving up atomicity in that case.
    if (await isSymbolicLink(env, file)) {
      await env.fs.writeFile(file, after, 'utf8').catch((error: unknown) => {
        throw fileErrorFrom(error, file, 'write')
      })
    } else {
      await writeFileAtomic(env, file, after)
    }
  })
}

async function isSymbolicLink(env: Env, file: string): Promise<boolean> {
  try {
    return (await env.fs.lstat(file)).isSymbolicLink()
  } catch {
    return false
  }
}

/** Applies updates to the text of a shared file and returns the new text (pure; validates the updates). */
export function editSharedConfigText(text: string, updates: readonly SectionUpdate[]): string {
  const lines = splitLines(text)
  const eol = lines[0]?.eol || '\n'
  let known: Set<string> | undefined
  for (const update of updates) {
    validateUpdate(update)
    if (update.remove) {
      for (const section of matchingSections(scan(lines), update).reverse())
        lines.splice(section.start, section.lastContent - section.start + 1)
      known = undefined
      continue
    }
    const set = Object.entries(update.set ?? {})
    // A new section is written whole, and the sections known to exist are remembered between such
    // updates: one scan for a run of new sections instead of one per key (populate adds thousands).
    known ??= new Set(scan(lines).map((section) => section.identity ?? ''))
    if (
      set.length > 0 &&
      new Set(set.map(([key]) => key.toLowerCase())).size === set.length &&
      !update.unset?.length &&
      !isDefaultSection(update) &&
      !known.has(sectionIdentity(update.section))
    ) {
      const comment = update.comment === undefined ? [] : [`# ${update.comment}`]
      const keys = set.flatMap(([key, value]) => formatKey(key, value))
      insertLines(lines, lines.length, [`[${update.section}]`, ...comment, ...keys], eol)
      known.add(sectionIdentity(update.section))
      continue
    }
    known = undefined
    for (const key of update.unset ?? []) unsetKey(lines, update, key)
    for (const [key, value] of set) setKey(lines, update, key, value, eol)
  }
  return lines.map((line) => line.text + line.eol).join('')
}

interface Line {
  text: string
  /** '\n', '\r\n', or '' for a last line without a line break. */
  eol: string
}

interface KeyBlock {
  key: string
  /** The key line. */
  start: number
  /** The last continuation or sub-property line (inclusive). */
  end: number
  /** True when the key line has no value, so indented lines are sub-properties. */
  nested: boolean
}

interface SectionBlock {
  identity: string | undefined
  /** The header line. */
  start: number
  /** The last non-blank, non-comment line of the section. */
  lastContent: number
  keys: KeyBlock[]
}

function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  while (start < text.length) {
    const newline = text.indexOf('\n', start)
    if (newline === -1) {
      lines.push({ text: text.slice(start), eol: '' })
      break
    }
    const crlf = newline > start && text.charCodeAt(newline - 1) === 13
    lines.push({ text: text.slice(start, crlf ? newline - 1 : newline), eol: crlf ? '\r\n' : '\n' })
    start = newline + 1
  }
  return lines
}

/** Finds sections and key lines by the same line rules the parser uses. */
function scan(lines: readonly Line[]): SectionBlock[] {
  const sections: SectionBlock[] = []
  let section: SectionBlock | undefined
  let key: KeyBlock | undefined
  for (let i = 0; i < lines.length; i++) {
    // A byte-order mark is not part of the first line, for the parser or for us (found by fuzzing).
    const text = i === 0 ? lines[0]!.text.replace(/^\ufeff/, '') : lines[i]!.text
    const first = text.charCodeAt(0)
    if (trimWhitespace(text) === '' || first === 35 || first === 59) continue
    if (first === 91) {
      const inner = stripComment(text, false)
      const header = inner.endsWith(']') ? inner.slice(1, -1) : undefined
      section = {
        identity: header === undefined ? undefined : sectionIdentity(header),
        start: i,
        lastContent: i,
        keys: [],
      }
      sections.push(section)
      key = undefined
    } else if (section === undefined) {
      continue
    } else if (first === 32 || first === 9) {
      if (key !== undefined) key.end = i
      section.lastContent = i
    } else {
      const prepared = stripComment(text, true)
      const equals = prepared.indexOf('=')
      const name = equals === -1 ? '' : trimWhitespace(prepared.slice(0, equals)).toLowerCase()
      key =
        name === ''
          ? undefined
          : { key: name, start: i, end: i, nested: trimWhitespace(prepared.slice(equals + 1)) === '' }
      if (key !== undefined) section.keys.push(key)
      section.lastContent = i
    }
  }
  return sections
}

/** Whether an update names the default profile, which may live under two headers. */
function isDefaultSection(update: SectionUpdate): boolean {
  const identity = sectionIdentity(update.section)
  return update.kind !== 'credentials' && (identity === 'default' || identity === 'profile default')
}

/** The sections an update to `section` should edit, in file order. */
function matchingSections(sections: readonly SectionBlock[], update: SectionUpdate): SectionBlock[] {
  const identity = sectionIdentity(update.section)
  if (update.kind !== 'credentials' && (identity === 'default' || identity === 'profile default')) {
    const prefixed = sections.filter((s) => s.identity === 'profile default')
    return prefixed.length > 0 ? prefixed : sections.filter((s) => s.identity === 'default')
  }
  return sections.filter((s) => s.identity === identity)
}

function setKey(
  lines: Line[],
  update: SectionUpdate,
  key: string,
  value: string | Record<string, string>,
  eol: string,
): void {
  const sections = matchingSections(scan(lines), update)
  const wanted = key.toLowerCase()
  const occurrences = sections.flatMap((s) => s.keys.filter((k) => k.key === wanted))
  if (occurrences.length > 0) {
    // Bottom-up, so earlier line numbers stay valid.
    for (const block of occurrences.reverse()) replaceBlock(lines, block, key, value, eol)
    return
  }
  const newLines = formatKey(key, value)
  const target = sections.at(-1)
  if (target !== undefined) {
    insertLines(lines, target.lastContent + 1, newLines, eol)
    return
  }
  const comment = update.comment === undefined ? [] : [`# ${update.comment}`]
  insertLines(lines, lines.length, [`[${update.section}]`, ...comment, ...newLines], eol)
}

function replaceBlock(
  lines: Line[],
  block: KeyBlock,
  key: string,
  value: string | Record<string, string>,
  eol: string,
): void {
  if (typeof value === 'object' && block.nested && block.end > block.start) {
    mergeSubProperties(lines, block, value, eol)
    return
  }
  if (typeof value === 'string' && block.end === block.start && currentValue(lines[block.start]!.text) === value) return
  const lastEol = lines[block.end]!.eol
  const replacement = formatKey(key, value).map((text, index, all) => ({
    text,
    eol: index === all.length - 1 ? lastEol : eol,
  }))
  lines.splice(block.start, block.end - block.start + 1, ...replacement)
}

/** The value of a single-line property as the parser reads it. */
function currentValue(text: string): string {
  const prepared = stripComment(text, true)
  return trimWhitespace(prepared.slice(prepared.indexOf('=') + 1))
}

function mergeSubProperties(lines: Line[], block: KeyBlock, values: Record<string, string>, eol: string): void {
  const pending = new Map(Object.entries(values))
  let indent = ''
  for (let i = block.start + 1; i <= block.end; i++) {
    const text = lines[i]!.text
    const first = text.charCodeAt(0)
    // Only indented lines are sub-properties; blank and comment lines may sit between them.
    if ((first !== 32 && first !== 9) || trimWhitespace(text) === '') continue
    const equals = text.indexOf('=')
    let leading = 0
    while (text[leading] === ' ' || text[leading] === '\t') leading++
    if (indent === '') indent = text.slice(0, leading)
    if (equals === -1) continue
    const subKey = trimWhitespace(text.slice(0, equals))
    const value = pending.get(subKey)
    if (value === undefined) continue
    lines[i]!.text = `${text.slice(0, leading)}${subKey} = ${value}`
    pending.delete(subKey)
  }
  const added = [...pending].map(([subKey, value]) => `${indent || '    '}${subKey} = ${value}`)
  insertLines(lines, block.end + 1, added, eol)
}

function unsetKey(lines: Line[], update: SectionUpdate, key: string): void {
  const wanted = key.toLowerCase()
  const occurrences = matchingSections(scan(lines), update).flatMap((s) => s.keys.filter((k) => k.key === wanted))
  for (const block of occurrences.reverse()) lines.splice(block.start, block.end - block.start + 1)
}

function insertLines(lines: Line[], at: number, texts: readonly string[], eol: string): void {
  if (texts.length === 0) return
  const previous = lines[at - 1]
  if (previous !== undefined && previous.eol === '') previous.eol = eol
  lines.splice(at, 0, ...texts.map((text) => ({ text, eol })))
}

function formatKey(key: string, value: string | Record<string, string>): string[] {
  if (typeof value === 'string') return [`${key} = ${value}`]
  return [`${key} =`, ...Object.entries(value).map(([subKey, subValue]) => `    ${subKey} = ${subValue}`)]
}

/** A section header reduced to `prefix name` with the name's shell quoting removed. */
function sectionIdentity(header: string): string {
  const trimmed = trimWhitespace(header)
  const match = /^([^ \t]+)[ \t]+/.exec(trimmed)
  if (match === null) return trimmed
  return `${match[1]} ${shellUnquote(trimWhitespace(trimmed.slice(match[0].length)))}`
}

/** Removes POSIX shell quoting (single quotes, double quotes, backslashes); unbalanced input is returned as is. */
function shellUnquote(value: string): string {
  if (!/['"\\]/.test(value)) return value
  let out = ''
  let quote: string | undefined
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!
    if (quote === "'") {
      if (c === "'") quote = undefined
      else out += c
    } else if (quote === '"') {
      if (c === '"') quote = undefined
      else if (c === '\\' && (value[i + 1] === '"' || value[i + 1] === '\\')) out += value[++i]
      else out += c
    } else if (c === "'" || c === '"') {
      quote = c
    } else if (c === '\\' && i + 1 < value.length) {
      out += value[++i]
    } else {
      out += c
    }
  }
  return quote === undefined ? out : value
}

/** Python's `shlex.quote`. */
function shellQuote(value: string): string {
  if (value === '') return "''"
  if (/^[\w@%+=:,./-]+$/.test(value)) return value
  return `'${value.replaceAll("'", `'"'"'`)}'`
}

function validateUpdate(update: SectionUpdate): void {
  if (/[\r\n]/.test(update.section) || trimWhitespace(update.section) === '' || update.section.includes(']')) {
    throw new ConfigError(`Invalid section name: ${JSON.stringify(update.section)}`)
  }
  if (update.comment !== undefined && /[\r\n]/.test(update.comment))
    throw new ConfigError('A section comment cannot contain a line break')
  const keys = [...Object.keys(update.set ?? {}), ...(update.unset ?? [])]
  for (const key of keys) {
    if (!/^[^\s=[#;][^\s=]*$/.test(key)) throw new ConfigError(`Invalid config key: ${JSON.stringify(key)}`)
  }
  for (const [key, value] of Object.entries(update.set ?? {})) {
    const values = typeof value === 'string' ? [value] : Object.entries(value).flat()
    if (typeof value === 'object') {
      for (const subKey of Object.keys(value)) {
        if (!/^[^\s=#;][^\s=]*$/.test(subKey))
          throw new ConfigError(`Invalid config key: ${JSON.stringify(`${key}.${subKey}`)}`)
      }
    }
    if (values.some((v) => /[\r\n]/.test(v))) {
      throw new ConfigError(`The value for ${key} cannot contain a line break`)
    }
  }
}
