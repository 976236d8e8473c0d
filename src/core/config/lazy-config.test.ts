import { describe, expect, it } from 'vitest'
import { readVector } from './testdata/vectors.js'
import { isPlainlyValid, lazyDictionary, parseSharedConfigLazily } from './lazy-config.js'
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
  // Absent names first, before anything is listed: membership is a lookup too.
  const fresh = parseSharedConfigLazily(text, options)
  for (const name of ['no-such-profile', 'default', 'a', 'b', 's', 'x']) {
    expect(name in fresh.profiles).toBe(name in eager.profiles)
    expect(name in fresh.ssoSessions).toBe(name in eager.ssoSessions)
    expect(fresh.services[name]).toEqual(eager.services[name])
  }
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

describe('isPlainlyValid', () => {
  const populated = [
    '# comments and settings people keep',
    '[default]',
    'region = eu-west-1',
    's3 =',
    '  max_concurrent_requests = 20',
    '\tmultipart_threshold = 64MB # comment',
    '',
    '[sso-session corp]',
    'sso_start_url = https://d-1234567890.awsapps.com/start # the portal',
    'sso_region = us-east-1',
    '',
    '[services local]',
    'sts =',
    '  endpoint_url = http://127.0.0.1:4566',
    '',
    '[profile 111111111111.Admin]',
    '# idc sso populate: generated for sso-session corp (do not edit this line)',
    'sso_session = corp',
    'sso_account_id = 111111111111',
    'sso_role_name = Admin',
    'services = local',
    'note = spans',
    '  two lines',
    '',
  ]

  it.each([
    ['a config as populate and people write it', populated.join('\n')],
    ['the same with CRLF line ends and a byte-order mark', `\ufeff${populated.join('\r\n')}`],
    ['the same without a final line break', populated.join('\n').trimEnd()],
    ['an empty file', ''],
    ['comments only', '# a\n\n; b\n'],
  ])('takes the lazy path for %s', (_, text) => {
    expect(isPlainlyValid(text)).toBe(true)
    expectSameAsEager(text, 'config')
  })

  it.each([
    ['a property before any section', 'region = x\n[default]\n'],
    ['an indented line right after a header', '[default]\n  region = x\n'],
    ['a sub-property line without `=`', '[default]\ns3 =\n  no equals\n'],
    ['a header without its closing bracket', '[default]\nregion = x\n[profile a\n'],
    ['a comment character inside a header', '[profile a#b]\n'],
    ['a line without `=`', '[default]\nregion\n'],
    ['a comment character before `=`', '[default]\na #b = c\n'],
    ['an indented comment before the first header', '  # note\n[default]\n'],
  ])('leaves %s to the eager parser', (_, text) => {
    expect(isPlainlyValid(text)).toBe(false)
    expectSameAsEager(text, 'config')
  })
})

describe('lazyDictionary', () => {
  it('looks each name up once, on first use (membership too), and lists in the given order', () => {
    const looked: string[] = []
    const names = ['b', 'a', '2', '1']
    const dict = lazyDictionary(
      (name) => (looked.push(name), names.includes(name) ? name.toUpperCase() : undefined),
      () => names,
    )
    expect(dict.a).toBe('A')
    expect(dict.a).toBe('A')
    expect(looked).toEqual(['a'])
    expect('b' in dict).toBe(true)
    expect('z' in dict).toBe(false)
    expect(dict.z).toBeUndefined()
    expect(looked).toEqual(['a', 'b', 'z'])
    // Integer-like names first, as in any object; then the given order.
    expect(Object.keys(dict)).toEqual(['1', '2', 'b', 'a'])
    expect(looked.sort()).toEqual(['1', '2', 'a', 'b', 'z'])
    dict.c = 'C'
    delete dict.b
    expect(Object.entries(dict)).toEqual([
      ['1', '1'],
      ['2', '2'],
      ['a', 'A'],
      ['c', 'C'],
    ])
  })

  it('keeps names added or deleted before the first listing as the caller left them', () => {
    const names = ['x', 'y', 'w']
    const dict = lazyDictionary(
      (name) => (names.includes(name) ? name : undefined),
      () => names,
    )
    delete dict.y
    dict.v = 'added'
    dict.x = 'changed'
    expect(Object.entries(dict)).toEqual([
      ['x', 'changed'],
      ['w', 'w'],
      ['v', 'added'],
    ])
  })
})
