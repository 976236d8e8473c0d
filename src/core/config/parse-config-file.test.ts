import { describe, expect, it } from 'vitest'
import { ConfigParseError } from '../errors.js'
import { mergeSharedConfig } from './load-shared-config.js'
import { flattenConfigValue, parseSharedConfigFile, type SharedConfig } from './parse-config-file.js'
import { createRandom, readVector, splitOf } from './testdata/vectors.js'

interface ParserCase {
  name: string
  input: { configFile?: string; credentialsFile?: string }
  output:
    | {
        config: {
          profiles: Record<string, Record<string, string>>
          sso_sessions?: Record<string, Record<string, string>>
        }
      }
    | { errorContaining: string }
}

const suite = readVector<{ tests: ParserCase[] }>('profile-parser/profile-parser-tests.json')

function parseBoth(input: ParserCase['input']): SharedConfig {
  const config = parseSharedConfigFile(input.configFile ?? '', { kind: 'config', file: 'config' })
  const credentials = parseSharedConfigFile(input.credentialsFile ?? '', { kind: 'credentials', file: 'credentials' })
  return mergeSharedConfig(config, credentials)
}

function flatten(sections: SharedConfig['profiles']): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {}
  for (const [name, section] of Object.entries(sections)) {
    out[name] = Object.fromEntries(Object.entries(section).map(([key, value]) => [key, flattenConfigValue(value)]))
  }
  return out
}

const cases = suite.tests.map((test, index) => ({ ...test, index, split: splitOf('profile-parser', index) }))

describe.each(['public', 'holdout'] as const)('profile-parser vectors (%s half)', (half) => {
  it.each(cases.filter((c) => c.split === half).map((c) => [`#${c.index} ${c.name}`, c] as const))(
    '%s',
    (_label, test) => {
      if ('errorContaining' in test.output) {
        let caught: unknown
        try {
          parseBoth(test.input)
        } catch (error) {
          caught = error
        }
        expect(caught).toBeInstanceOf(ConfigParseError)
        expect((caught as Error).message).toContain(test.output.errorContaining)
        return
      }
      const result = parseBoth(test.input)
      expect(flatten(result.profiles)).toEqual(test.output.config.profiles)
      expect(flatten(result.ssoSessions)).toEqual(test.output.config.sso_sessions ?? {})
    },
  )
})

describe('parseSharedConfigFile', () => {
  it('names the file and the 1-based line in parse errors', () => {
    expect(() =>
      parseSharedConfigFile('[default]\nregion = x\n\n[profile broken\n', { kind: 'config', file: '/h/.aws/config' }),
    ).toThrow("Unable to parse config file: /h/.aws/config, line 4: Profile definition must end with ']'")
  })

  it('returns sub-properties as nested records', () => {
    const parsed = parseSharedConfigFile(
      '[profile a]\ns3 =\n  max_concurrency = 10\n  addressing_style = path\nregion = eu-west-1\n',
      { kind: 'config' },
    )
    expect(parsed.profiles.a).toEqual({ s3: { max_concurrency: '10', addressing_style: 'path' }, region: 'eu-west-1' })
  })

  it('reads sso-session and services sections from the config file only', () => {
    const text =
      '[sso-session corp]\nsso_region = us-east-1\n[services local]\nsso_oidc =\n  endpoint_url = http://127.0.0.1:1\n'
    const parsed = parseSharedConfigFile(text, { kind: 'config' })
    expect(parsed.ssoSessions.corp).toEqual({ sso_region: 'us-east-1' })
    expect(parsed.services.local).toEqual({ sso_oidc: { endpoint_url: 'http://127.0.0.1:1' } })
    const asCredentials = parseSharedConfigFile(text, { kind: 'credentials' })
    expect(Object.keys(asCredentials.ssoSessions)).toEqual([])
    expect(Object.keys(asCredentials.profiles)).toEqual([])
  })

  it('treats names such as constructor and __proto__ as ordinary profiles', () => {
    const parsed = parseSharedConfigFile('[profile __proto__]\nregion = a\n[profile constructor]\nregion = b\n', {
      kind: 'config',
    })
    expect(parsed.profiles['__proto__']).toEqual({ region: 'a' })
    expect(parsed.profiles['constructor']).toEqual({ region: 'b' })
    expect(parsed.profiles['toString']).toBeUndefined()
  })

  it('ignores a UTF-8 byte order mark', () => {
    expect(parseSharedConfigFile('\ufeff[default]\nregion = x', { kind: 'config' }).profiles.default).toEqual({
      region: 'x',
    })
  })

  it('keeps CRLF files and lone CR characters apart', () => {
    const parsed = parseSharedConfigFile('[default]\r\nregion = x\r\nnote = a\rb\r\n', { kind: 'config' })
    expect(parsed.profiles.default).toEqual({ region: 'x', note: 'a\rb' })
  })

  it('never throws anything but ConfigParseError on arbitrary input', () => {
    const alphabet = [
      '[',
      ']',
      '=',
      '#',
      ';',
      ' ',
      '\t',
      '\n',
      '\r',
      'a',
      'profile ',
      'default',
      ':',
      '"',
      '\ufeff',
      'é',
    ]
    const next = createRandom(42)
    const random = (n: number) => Math.floor(next() * n)
    for (let i = 0; i < 2000; i++) {
      let text = ''
      for (let j = random(60); j > 0; j--) text += alphabet[random(alphabet.length)]
      for (const kind of ['config', 'credentials'] as const) {
        try {
          parseSharedConfigFile(text, { kind })
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigParseError)
        }
      }
    }
  })

  it('parses a generated file with 5,000 profiles', () => {
    const lines: string[] = [
      '[default]',
      'region = us-east-1',
      '[sso-session corp]',
      'sso_start_url = https://d-1.awsapps.com/start',
      'sso_region = us-east-1',
    ]
    for (let i = 0; i < 5000; i++) {
      lines.push(
        `# profile number ${i}`,
        `[profile p${i}]`,
        'sso_session = corp',
        `sso_account_id = ${String(i).padStart(12, '0')}`,
        'sso_role_name = Admin ; inline',
        'region = eu-west-1',
        '',
      )
    }
    const parsed = parseSharedConfigFile(lines.join('\n'), { kind: 'config' })
    expect(Object.keys(parsed.profiles)).toHaveLength(5001)
    expect(parsed.profiles.p4999).toEqual({
      sso_session: 'corp',
      sso_account_id: '000000004999',
      sso_role_name: 'Admin',
      region: 'eu-west-1',
    })
  })

  it('handles very long lines of comment characters in linear time', () => {
    const text = `[default]\nkey = a${'#'.repeat(200_000)} ${';'.repeat(200_000)}\n`
    const value = parseSharedConfigFile(text, { kind: 'config' }).profiles.default?.key
    expect(value === `a${'#'.repeat(200_000)}`).toBe(true)
  })
})
