// A bounded fuzz test of the config parser and the comment-keeping writer. Each run generates a
// shared file from a grammar of what people really write (odd spacing, inline and whole-line
// comments, continuations, sub-properties, duplicate and unknown sections, CRLF, a BOM, no final
// newline, non-ASCII text) plus the occasional malformed line, and one edit. Properties:
// - the parser either reads the file or throws ConfigParseError, nothing else;
// - parse -> edit -> parse changes exactly the keys edited in the section edited, and nothing
//   else anywhere in the file;
// - every line the edit removed belongs to an edited key, every line it added is an edited key
//   or the new section's header: all other bytes stay as they were;
// - the same edit applied again changes nothing.
// IDC_FUZZ_RUNS sets the number of runs (default 2000, about a second); IDC_FUZZ_SEED replays a
// run of a failure, whose seed the failure message prints.
import { describe, expect, it } from 'vitest'
import { ConfigParseError } from '../errors.js'
import { editSharedConfigText, type SectionUpdate } from './config-writer.js'
import {
  parseSharedConfigFile,
  type ConfigFileKind,
  type ConfigSection,
  type SharedConfig,
} from './parse-config-file.js'
import { fuzzPlan, pick, runFuzz, type Random } from './testdata/fuzz.js'

const PLAN = fuzzPlan(2000)

const KEYS = ['region', 'Region', 'output', 'sso_session', 'k1', 'k2', 'note', 's3']
const WORDS = [
  'a',
  'us-east-1',
  'json',
  'x/y:z',
  'caf\u00e9',
  '\u30ab\u30d5\u30a7',
  'a#b',
  'a;b',
  'x=y',
  '1',
  'http://h:1/p',
]
const HEADERS: Record<ConfigFileKind, string[]> = {
  config: [
    '[default]',
    '[profile a]',
    '[ profile  b ] # b',
    '[profile "c d"]',
    '[profile default]',
    '[sso-session s]',
    '[services x]',
    '[plugins]',
    '[profile]',
    '[default] ; the usual',
  ],
  credentials: ['[default]', '[a]', '[ b ]', '[c d]', '[profile a]'],
}
const TARGETS: Record<ConfigFileKind, { section: string; read: (c: SharedConfig) => ConfigSection | undefined }[]> = {
  config: [
    { section: 'default', read: (c) => c.profiles.default },
    { section: 'profile a', read: (c) => c.profiles.a },
    { section: 'profile b', read: (c) => c.profiles.b },
    { section: 'profile new', read: (c) => c.profiles.new },
    { section: 'sso-session s', read: (c) => c.ssoSessions.s },
  ],
  credentials: [
    { section: 'default', read: (c) => c.profiles.default },
    { section: 'a', read: (c) => c.profiles.a },
    { section: 'b', read: (c) => c.profiles.b },
    { section: 'new', read: (c) => c.profiles.new },
  ],
}

function value(random: Random): string {
  const words = Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(random, WORDS))
  return words.join(' ')
}

/** One line (or a few) of a section body. */
function bodyLines(random: Random): string[] {
  const key = pick(random, KEYS)
  switch (Math.floor(random() * 12)) {
    case 0:
      return ['']
    case 1:
      return [pick(random, ['# comment', '; comment', '#', '   ', '\t'])]
    case 2:
      return [`${key}=${value(random)}`]
    case 3:
      return [`${key}   =\t${value(random)}  `]
    case 4:
      return [`${key} = ${value(random)} ${pick(random, ['# why', '; why'])}`]
    case 5:
      return [`${key} = ${value(random)}`, `  ${value(random)}`, ...(random() < 0.5 ? [`\t${value(random)}`] : [])]
    case 6:
      return [`${key} =`, '  max_concurrent = 10', ...(random() < 0.5 ? ['', '\tuse_accelerate=true # c'] : [])]
    case 7:
      return [`${key} = ${value(random)}`, '# between', `  ${value(random)}`]
    case 8:
      // Rare malformed lines: the file must then be refused, not half-read.
      return random() < 0.2 ? [pick(random, ['no equals sign', '= no key', '[unclosed'])] : [`${key} = v`]
    default:
      return [`${key} = ${value(random)}`]
  }
}

function generateFile(random: Random, kind: ConfigFileKind): string {
  const lines: string[] = []
  if (random() < 0.3) lines.push(pick(random, ['# top of file', '', '; settings']))
  if (random() < 0.03) lines.push(`  ${value(random)}`) // a continuation before any section
  for (let s = Math.floor(random() * 5); s > 0; s--) {
    lines.push(pick(random, HEADERS[kind]))
    for (let b = Math.floor(random() * 5); b > 0; b--) lines.push(...bodyLines(random))
  }
  const eol = pick(random, ['\n', '\n', '\r\n'])
  const bom = random() < 0.05 ? '\ufeff' : ''
  return bom + lines.join(eol) + (lines.length > 0 && random() < 0.8 ? eol : '')
}

function generateUpdate(random: Random, kind: ConfigFileKind, target: string): SectionUpdate {
  const set: Record<string, string | Record<string, string>> = {}
  for (let i = Math.floor(random() * 3); i > 0; i--) {
    const key = pick(random, KEYS)
    set[key] = random() < 0.2 ? { max_concurrent: pick(random, ['20', '1']), extra: value(random) } : value(random)
  }
  const unset = random() < 0.5 ? [pick(random, KEYS)].filter((k) => !Object.keys(set).some((s) => same(s, k))) : []
  if (Object.keys(set).length === 0 && unset.length === 0) set.k9 = value(random)
  return { file: 'f', kind, section: target, set, unset }
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/** The section as the edit should leave it, by the readers' rules. */
function expectedSection(before: ConfigSection | undefined, update: SectionUpdate): ConfigSection | undefined {
  // Unsetting keys of a section that does not exist creates nothing.
  if (before === undefined && Object.keys(update.set ?? {}).length === 0) return undefined
  const result: ConfigSection = { ...before }
  for (const key of update.unset ?? []) delete result[key.toLowerCase()]
  for (const [key, value] of Object.entries(update.set ?? {})) {
    const old = result[key.toLowerCase()]
    result[key.toLowerCase()] = typeof value === 'object' && typeof old === 'object' ? { ...old, ...value } : value
  }
  return result
}

/** Removed and added lines between two texts (a longest-common-subsequence diff). */
function diffLines(a: string[], b: string[]): { removed: number[]; added: string[] } {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!)
    }
  }
  const removed: number[] = []
  const added: string[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++
      j++
    } else if (j < b.length && (i === a.length || table[i]![j + 1]! >= table[i + 1]![j]!)) {
      added.push(b[j++]!)
    } else {
      removed.push(i++)
    }
  }
  return { removed, added }
}

const isIndented = (line: string) => line.startsWith(' ') || line.startsWith('\t')
const isBlankOrComment = (line: string) => /^[ \t]*$/.test(line) || line.startsWith('#') || line.startsWith(';')
const keyOf = (line: string) => line.split('=')[0]!.trim().toLowerCase()

/** The lines of a text without their line breaks (a final line break ends the last line). */
function toLines(text: string): string[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/)
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** Checks that the lines the edit removed and added all belong to the edited keys. */
function checkOnlyEditedLines(before: string, after: string, update: SectionUpdate): void {
  // Lines are compared without their CR; line endings are checked on their own: every CRLF stays.
  const a = toLines(before)
  const b = toLines(after)
  expect(after.startsWith('\ufeff')).toBe(before.startsWith('\ufeff'))
  const lineBreaks = (text: string) => new Set(text.match(/\r?\n/g) ?? [])
  if (lineBreaks(before).size === 1) expect(lineBreaks(after)).toEqual(lineBreaks(before))
  const touched = [...Object.keys(update.set ?? {}), ...(update.unset ?? [])].map((k) => k.toLowerCase())
  const { removed, added } = diffLines(a, b)
  // Removed lines are key lines of edited keys and indented lines (their continuations and
  // sub-properties), with the blank and comment lines among those, never alone.
  for (let n = 0; n < removed.length; n++) {
    const line = a[removed[n]!]!
    const where = `removed line ${JSON.stringify(line)}`
    if (isBlankOrComment(line) && !isIndented(line)) {
      // The diff may align a removed line with any of its identical neighbours (a run of blank
      // lines after the removed block, say), so the run of equal lines around it, or a line just
      // outside that run, must hold another removed line.
      let first = removed[n]!
      let last = removed[n]!
      while (first > 0 && a[first - 1] === line) first--
      while (last < a.length - 1 && a[last + 1] === line) last++
      const nearby = removed.some((other) => other !== removed[n] && other >= first - 1 && other <= last + 1)
      expect(nearby, where).toBe(true)
    } else if (!isIndented(line)) {
      expect(touched, where).toContain(keyOf(line))
    }
  }
  for (const line of added) {
    const ok =
      line === `[${update.section}]` ||
      (isIndented(line) && line.includes(' = ')) ||
      touched.includes(keyOf(line)) ||
      // A file holding only a byte-order mark keeps it on a line of its own.
      (line === '' && before === '\ufeff')
    expect(ok, `added line ${JSON.stringify(line)}`).toBe(true)
  }
}

function runOnce(random: Random): 'edited' | 'refused' {
  const kind: ConfigFileKind = random() < 0.25 ? 'credentials' : 'config'
  const text = generateFile(random, kind)
  let before: SharedConfig
  try {
    before = parseSharedConfigFile(text, { kind, file: 'f' })
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigParseError)
    return 'refused'
  }
  const target = pick(random, TARGETS[kind])
  const update = generateUpdate(random, kind, target.section)
  const edited = editSharedConfigText(text, [update])
  if (process.env.IDC_FUZZ_DEBUG) console.log(JSON.stringify({ kind, text, update, edited }, null, 1))
  const after = parseSharedConfigFile(edited, { kind, file: 'f' })
  expect(target.read(after)).toEqual(expectedSection(target.read(before), update))
  for (const other of TARGETS[kind]) {
    if (other !== target) expect(other.read(after)).toEqual(other.read(before))
  }
  expect(after.services).toEqual(before.services)
  if (kind === 'config' && target.section !== 'sso-session s') expect(after.ssoSessions).toEqual(before.ssoSessions)
  checkOnlyEditedLines(text, edited, update)
  expect(editSharedConfigText(edited, [update])).toBe(edited)
  return 'edited'
}

describe('config parser and writer, fuzzed', () => {
  // More runs (IDC_FUZZ_RUNS) get more time: about 1 ms a run on a slow, busy machine.
  const timeout = Math.max(20_000, PLAN.runs * 2)
  it(`keep every other key and byte through parse -> edit -> parse (${PLAN.runs} runs)`, { timeout }, () => {
    const counts = runFuzz(PLAN, 'src/core/config/config-writer.fuzz.test.ts', runOnce)
    // Both kinds of input must occur, or the generator has drifted into testing only one.
    if (!PLAN.replay) expect(counts.edited).toBeGreaterThan(PLAN.runs / 2)
    if (!PLAN.replay) expect(counts.refused).toBeGreaterThan(0)
  })
})
