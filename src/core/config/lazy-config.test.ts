import { describe, expect, it } from 'vitest'
import { readVector } from './testdata/vectors.js'
import { lazyDictionary, parseSharedConfigLazily } from './lazy-config.js'
import { parseSharedConfigFile, type ConfigFileKind } from './parse-config-file.js'

interface ParserCase {
  name: string
  input: { configFile?: string; credentialsFile?: string }
}

const suite = readVector<{ tests: ParserCase[] }>('profile-parser/profile-parser-tests.json')

/** The parse as plain data (listing every section), or the error message. */
function outcome(parse: () => unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(parse())) as unknown
  } catch (error) {
    return { error: (error as Error).message }
  }
}

function expectSameAsEager(text: string, kind: ConfigFileKind): void {
  const options = { kind, file: kind }
  expect(outcome(() => parseSharedConfigLazily(text, options))).toEqual(
    outcome(() => parseSharedConfigFile(text, options)),
  )
  // Looked up by name first, then listed: the same again, in the same order.
  const eager = (() => {
    try {
      return parseSharedConfigFile(text, options)
    } catch {
      return undefined
    }
  })()
  if (!eager) return
  const lazy = parseSharedConfigLazily(text, options)
  for (const name of Object.keys(eager.profiles).reverse()) expect(lazy.profiles[name]).toEqual(eager.profiles[name])
  expect(Object.keys(lazy.profiles)).toEqual(Object.keys(eager.profiles))
  expect('no-such-profile' in lazy.profiles).toBe(false)
}

describe('parseSharedConfigLazily', () => {
  it.each(suite.tests.map((test) => [test.name, test.input] as const))('matches the eager parser: %s', (_, input) => {
    expectSameAsEager(input.configFile ?? '', 'config')
    expectSameAsEager(input.credentialsFile ?? '', 'credentials')
    // Each file read as the other kind, too.
    expectSameAsEager(input.configFile ?? '', 'credentials')
    expectSameAsEager(input.credentialsFile ?? '', 'config')
  })

  it('matches the eager parser on lines the quick scan must not misread', () => {
    const pieces = [
      '[profile a]\n',
      '[default]\n',
      '[profile default]\n',
      '[sso-session s]\n',
      '[services x]\n',
      'key = value\n',
      'key =\n',
      'key = # comment\n',
      'key =#notcomment\n',
      '  sub = value\n',
      '  continued\n',
      '  # indented comment\n',
      '# comment\n',
      '; comment\n',
      'a#b = c\n',
      ' = novalue\n',
      'noequals\n',
      '\r\n',
      '\r\r\n',
      'key = v\r\n',
      '[bad\n',
      '[profile b] # c\n',
      '\ufeff[profile c]\n',
      'KEY = upper\n',
      '[123]\n',
      '[profile 7]\n',
    ]
    // A fixed-seed walk through many combinations (deterministic, so a failure reproduces).
    let seed = 12345
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
    for (let n = 0; n < 3000; n++) {
      let text = ''
      const length = 1 + Math.floor(random() * 8)
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)]
      expectSameAsEager(text, 'config')
      expectSameAsEager(text, 'credentials')
    }
  })
})

describe('lazyDictionary', () => {
  it('resolves each name once, on first use, and lists in the given order', () => {
    const resolved: string[] = []
    const dict = lazyDictionary(['b', 'a', '2', '1'], (name) => (resolved.push(name), name.toUpperCase()))
    expect(dict.a).toBe('A')
    expect(dict.a).toBe('A')
    expect(resolved).toEqual(['a'])
    expect('b' in dict).toBe(true)
    expect('z' in dict).toBe(false)
    expect(resolved).toEqual(['a'])
    // Integer-like names first, as in any object; then the given order.
    expect(Object.keys(dict)).toEqual(['1', '2', 'b', 'a'])
    expect(resolved.sort()).toEqual(['1', '2', 'a', 'b'])
    dict.c = 'C'
    delete dict.b
    expect(Object.entries(dict)).toEqual([
      ['1', '1'],
      ['2', '2'],
      ['a', 'A'],
      ['c', 'C'],
    ])
  })
})
