import { readFileSync } from 'node:fs'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import {
  clientRegistrationCacheKey,
  formatCacheTime,
  formatSsoTokenFile,
  parseCacheTime,
  readClientRegistration,
  readSsoToken,
  ssoTokenCacheKey,
  ssoTokenCachePath,
  writeClientRegistration,
  writeSsoToken,
} from './cache.js'
import { pythonJsonDumps } from './python-json.js'
import { vectorPath } from '../../../test/helpers/vectors.js'

const vectors = JSON.parse(readFileSync(vectorPath('sso/cache-keys.json'), 'utf8'))

describe('ssoTokenCacheKey', () => {
  it.each<[string, string]>(vectors.ssoTokenCacheKey.map((c: any): [string, string] => [c.input, c.expectedCacheKey]))(
    'hashes %s to %s',
    (input: string, key: string) => {
      expect(ssoTokenCacheKey(input as string)).toBe(key)
    },
  )
  it('matches the AWS CLI reference examples', () => {
    expect(ssoTokenCacheKey('my-sso')).toBe('0ad374308c5a4e22f723adf10145eafad7c4031c')
    expect(ssoTokenCacheKey('https://d-1234567890.awsapps.com/start')).toBe('7487b5b67d5fa1132cf33fa93ae51ef38cc37752')
  })
})

describe('ssoTokenCachePath', () => {
  it.each<[string, string, string]>(
    vectors.ssoTokenCachePath.map((c: any): [string, string, string] => [c.identifier, c.home, c.expectedPath]),
  )('puts %s under HOME %s', (id: string, home: string, expected: string) => {
    const env = createTestCliEnv({ vars: { HOME: home as string } })
    expect(ssoTokenCachePath(env, id as string)).toBe(expected)
  })
})

describe('clientRegistrationCacheKey', () => {
  it.each<[string, any]>(vectors.clientRegistrationCacheKey.map((c: any): [string, any] => [c.hashedString, c]))(
    'hashes %s',
    (text: string, c: any) => {
      expect(pythonJsonDumps(c.args, { sortKeys: true })).toBe(text)
      expect(
        clientRegistrationCacheKey({
          startUrl: c.args.startUrl,
          region: c.args.region,
          scopes: c.args.scopes ?? undefined,
          sessionName: c.args.session_name ?? undefined,
        }),
      ).toBe(c.expectedCacheKey)
    },
  )
  it('matches the AWS CLI reference examples', () => {
    const startUrl = 'https://d-1234567890.awsapps.com/start'
    expect(
      clientRegistrationCacheKey({
        startUrl,
        region: 'us-east-1',
        scopes: ['sso:account:access'],
        sessionName: 'my-sso',
      }),
    ).toBe('a8343d65418848d0bc13a5f25cbb32508ceec5d1')
    expect(clientRegistrationCacheKey({ startUrl, region: 'us-east-1' })).toBe(
      '365414a68be7c9bfc776c660981dbdbd942acea4',
    )
  })
})

describe('pythonJsonDumps', () => {
  it.each<[string, unknown]>(vectors.assumeRoleCacheKey.map((c: any): [string, unknown] => [c.hashedString, c.args]))(
    'writes %s',
    (text: string, args: unknown) => {
      expect(pythonJsonDumps(args, { sortKeys: true })).toBe(text)
    },
  )
  it.each<[string, unknown]>(
    vectors.ssoRoleCredentialCacheKey.map((c: any): [string, unknown] => [c.hashedString, c.args]),
  )('writes compact %s', (text: string, args: unknown) => {
    expect(pythonJsonDumps(args, { sortKeys: true, compact: true })).toBe(text)
  })
  it('escapes non-ASCII like ensure_ascii', () => {
    expect(pythonJsonDumps({ a: 'é\u007f' })).toBe('{"a": "\\u00e9\\u007f"}')
  })
})

describe('cache times', () => {
  it('formats times without fractional seconds', () => {
    expect(formatCacheTime(Date.parse('2026-11-22T09:30:55.789Z'))).toBe('2026-11-22T09:30:55Z')
  })
  it.each([
    ['2026-11-22T09:30:55Z', '2026-11-22T09:30:55.000Z'],
    ['2026-11-22T09:30:55.123Z', '2026-11-22T09:30:55.123Z'],
    ['2026-11-22T09:30:55+00:00', '2026-11-22T09:30:55.000Z'],
    ['2026-11-22T10:30:55+01:00', '2026-11-22T09:30:55.000Z'],
    ['2002-10-18T03:52:38UTC', '2002-10-18T03:52:38.000Z'],
    ['2026-11-22T09:30:55', '2026-11-22T09:30:55.000Z'],
  ])('reads %s', (text, iso) => {
    expect(new Date(parseCacheTime(text)!).toISOString()).toBe(iso)
  })
  it.each(['', 'soon', 42, undefined])('rejects %s', (text) => {
    expect(parseCacheTime(text)).toBeUndefined()
  })
})

describe('token files', () => {
  const cliWritten =
    '{"startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", "accessToken": "at-1", "expiresAt": "2026-11-22T09:30:55Z", "clientId": "cid-1", "clientSecret": "cs-1", "registrationExpiresAt": "2027-02-20T01:30:55Z", "refreshToken": "rt-1"}'

  it('round-trips a file the AWS CLI wrote byte for byte', async () => {
    const env = createTestCliEnv()
    const path = ssoTokenCachePath(env, 'my-sso')
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, cliWritten)
    const token = await readSsoToken(env, 'my-sso')
    expect(formatSsoTokenFile(token!)).toBe(cliWritten)
    await writeSsoToken(env, 'my-sso', token!)
    expect(await readFile(path, 'utf8')).toBe(cliWritten)
  })

  it('writes new files 0600 and drops unknown fields, as the CLI does', async () => {
    const env = createTestCliEnv()
    await writeSsoToken(env, 'my-sso', { accessToken: 'a', expiresAt: '2026-11-22T09:30:55Z', extra: 1 })
    const path = ssoTokenCachePath(env, 'my-sso')
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect(await readFile(path, 'utf8')).toBe('{"accessToken": "a", "expiresAt": "2026-11-22T09:30:55Z"}')
  })

  it('reads a token another SDK wrote pretty-printed with milliseconds', async () => {
    const env = createTestCliEnv()
    const path = ssoTokenCachePath(env, 'js')
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, JSON.stringify({ accessToken: 'x', expiresAt: '2026-11-22T09:30:55.000Z' }, null, 2))
    const token = await readSsoToken(env, 'js')
    expect(parseCacheTime(token!.expiresAt)).toBe(Date.parse('2026-11-22T09:30:55Z'))
  })

  it('reports a missing file as undefined', async () => {
    expect(await readSsoToken(createTestCliEnv(), 'nothing')).toBeUndefined()
  })
})

describe('registration files', () => {
  it('writes the CLI field order and reads it back', async () => {
    const env = createTestCliEnv()
    const args = {
      startUrl: 'https://d-1234567890.awsapps.com/start',
      region: 'us-east-1',
      scopes: ['sso:account:access'],
      sessionName: 'my-sso',
    }
    await writeClientRegistration(env, args, {
      grantTypes: ['authorization_code', 'refresh_token'],
      scopes: ['sso:account:access'],
      expiresAt: '2027-02-20T01:30:37Z',
      clientSecret: 's',
      clientId: 'c',
    })
    const path = join(env.home, '.aws/sso/cache/a8343d65418848d0bc13a5f25cbb32508ceec5d1.json')
    expect(await readFile(path, 'utf8')).toBe(
      '{"clientId": "c", "clientSecret": "s", "expiresAt": "2027-02-20T01:30:37Z", "scopes": ["sso:account:access"], "grantTypes": ["authorization_code", "refresh_token"]}',
    )
    expect((await readClientRegistration(env, args))?.clientId).toBe('c')
  })
})
