// A bounded fuzz test of the lazy reader against the eager parser. Each run generates a shared
// file from a grammar of what people and tools write (prefixes and odd spacing in headers, repeated
// sections and keys, `[default]` beside `[profile default]`, comments, continuations,
// sub-properties, CRLF, a BOM, names that contain one another), then sometimes sprinkles in a few
// characters that change how lines read (`[`, `=`, `#`, tabs, CRs, newlines). Properties:
// - the lazy reader throws exactly when the eager parser does, with the same message;
// - before anything is listed, every name a resolver could ask for (a profile, its source_profile,
//   its sso_session, its services section, `default`, names that are not there) reads the same:
//   `in` and the section;
// - listing afterwards gives the eager parser's names, order and sections.
// IDC_FUZZ_RUNS sets the number of runs (default 3000); IDC_FUZZ_SEED replays the run of a failure,
// whose seed the failure message prints.
import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import { isPlainlyValid, parseSharedConfigLazily } from './lazy-config.js'
import { parseSharedConfigFile, type ConfigFileKind, type SharedConfig } from './parse-config-file.js'
import { fuzzPlan, pick, runFuzz, type Random } from './testdata/fuzz.js'

const PLAN = fuzzPlan(3000)

// Names that contain one another, so a search for one finds the others' headers too.
const NAMES = ['dev', 'dev2', 'a-dev', 'default', 'prod.eu', 'x+y', 'org-1', 'org-10', 'profile', 'DEV']
const KEYS = ['region', 'Region', 'sso_session', 'source_profile', 'services', 's3', 'output', 'k']
const SPACE = ['', ' ', '  ', '\t']

function header(random: Random, kind: ConfigFileKind): string {
  const name = pick(random, NAMES)
  const gap = pick(random, [' ', ' ', '  ', '\t', ' \u00a0'])
  const inner =
    kind === 'credentials' && random() < 0.8
      ? name
      : `${pick(random, ['profile', 'profile', 'sso-session', 'services', 'plugins', 'Profile'])}${gap}${name}`
  const bare = random() < 0.15 ? 'default' : inner
  const comment = random() < 0.15 ? pick(random, [' # note', ';note', ' ; [x]']) : ''
  return `[${pick(random, SPACE)}${bare}${pick(random, SPACE)}]${pick(random, SPACE)}${comment}`
}

function bodyLines(random: Random): string[] {
  const key = pick(random, KEYS)
  const value = () => pick(random, [...NAMES, 'us-east-1', 'a#b', 'x = y', 'caf\u00e9', '1 # c', ''])
  switch (Math.floor(random() * 10)) {
    case 0:
      return [pick(random, ['', '   ', '# comment', '; comment', '\t'])]
    case 1:
      return [`${key} =`, `  ${pick(random, ['endpoint_url', 'max'])} = ${value()}`, `\tk = v # c`]
    case 2:
      return [`${key} = ${value()}`, `  ${value()} more`, '', `\t${value()}`]
    case 3:
      return [`${key}=${value()}`, '# between', `  continued`]
    default:
      return [`${key}${pick(random, SPACE)}=${pick(random, SPACE)}${value()}`]
  }
}

function generateFile(random: Random, kind: ConfigFileKind): string {
  const lines: string[] = []
  if (random() < 0.3) lines.push(pick(random, ['# generated', '', '; top']))
  for (let s = 1 + Math.floor(random() * 6); s > 0; s--) {
    lines.push(header(random, kind))
    for (let b = Math.floor(random() * 5); b > 0; b--) lines.push(...bodyLines(random))
  }
  const eol = pick(random, ['\n', '\n', '\r\n'])
  return (random() < 0.05 ? '\ufeff' : '') + lines.join(eol) + (random() < 0.8 ? eol : '')
}

/** A few characters inserted or replaced where they change how a line reads. */
function mutate(random: Random, text: string): string {
  let result = text
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    const at = Math.floor(random() * (result.length + 1))
    const piece = pick(random, ['[', ']', '=', '#', ';', ' ', '\t', '\r', '\n', '\n ', '\n[', 'dev', '\u2028', '\r\r'])
    result = result.slice(0, at) + piece + result.slice(at + (random() < 0.3 ? 1 : 0))
  }
  return result
}

function parseOrError(parse: () => SharedConfig): SharedConfig | { error: string } {
  try {
    return parse()
  } catch (error) {
    return { error: (error as Error).message }
  }
}

const TARGETS = ['profiles', 'ssoSessions', 'services'] as const

/** The names a resolver could look up: every name in the file, what its keys point at, and some that are not there. */
function namesToLookUp(eager: SharedConfig): string[] {
  const names = new Set<string>([...NAMES, 'nowhere', '', 'dev ', 'constructor', '__proto__'])
  for (const target of TARGETS) {
    for (const [name, section] of Object.entries(eager[target])) {
      names.add(name)
      for (const key of ['source_profile', 'sso_session', 'services']) {
        if (typeof section[key] === 'string') names.add(section[key])
      }
    }
  }
  return [...names]
}

function runOnce(random: Random): 'lazy' | 'eager' | 'refused' {
  const kind: ConfigFileKind = random() < 0.25 ? 'credentials' : 'config'
  const generated = generateFile(random, kind)
  const text = random() < 0.4 ? mutate(random, generated) : generated
  const options = { kind, file: 'f' }
  const eager = parseOrError(() => parseSharedConfigFile(text, options))
  const lazy = parseOrError(() => parseSharedConfigLazily(text, options))
  if ('error' in eager) {
    expect(lazy).toEqual(eager)
    return 'refused'
  }
  if ('error' in lazy) throw new Error(`the lazy reader refused what the eager parser read: ${lazy.error}`)
  // Looked up one by one, in a random order, before anything lists the names.
  const lookups = namesToLookUp(eager).flatMap((name) => TARGETS.map((target) => ({ name, target })))
  lookups.sort(() => random() - 0.5)
  for (const { name, target } of lookups) {
    const where = `${target}[${JSON.stringify(name)}] of ${JSON.stringify(text)}`
    // (expect() only on a difference: thousands of calls per run would dominate the time.)
    if (name in lazy[target] !== name in eager[target]) expect(name in lazy[target], where).toBe(name in eager[target])
    if (!isDeepStrictEqual({ ...lazy[target][name] }, { ...eager[target][name] }))
      expect(lazy[target][name], where).toEqual(eager[target][name])
  }
  for (const target of TARGETS) {
    expect(Object.keys(lazy[target])).toEqual(Object.keys(eager[target]))
    expect({ ...lazy[target] }).toEqual({ ...eager[target] })
  }
  return isPlainlyValid(text) ? 'lazy' : 'eager'
}

describe('lazy reader, fuzzed against the eager parser', () => {
  const timeout = Math.max(20_000, PLAN.runs * 5)
  it(`reads every looked-up name as the eager parser does (${PLAN.runs} runs)`, { timeout }, () => {
    const counts = runFuzz(PLAN, 'src/core/config/lazy-config.fuzz.test.ts', runOnce)
    // Every path must occur, or the generator has drifted into testing only one: most files take
    // the lazy path, some valid ones go to the eager parser, some are refused.
    if (!PLAN.replay) {
      expect(counts.lazy).toBeGreaterThan(PLAN.runs / 2)
      expect(counts.eager).toBeGreaterThan(0)
      expect(counts.refused).toBeGreaterThan(0)
    }
  })
})
