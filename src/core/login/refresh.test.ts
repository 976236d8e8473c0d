import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFakeAwsClients } from '../../../test/helpers/fake-aws-clients.js'
import { createTestCliEnv, type TestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { resolveCredentials } from '../credentials/resolve-credentials.js'
import { loginCachePath } from './cache.js'
import { generateDpopKeyPem } from './dpop.js'

const NOW = Date.parse('2026-11-22T00:00:00Z')
const SESSION = 'arn:aws:iam::123456789011:user/legacy-ci'
const CONFIG = `[profile ci]\nlogin_session = ${SESSION}\nregion = eu-west-1\n`

function setup(expiresAt: string, extra: Record<string, unknown> = {}, pretty = false): TestCliEnv {
  const env = createTestCliEnv({ now: NOW, files: { '.aws/config': CONFIG } })
  const token = {
    accessToken: {
      accessKeyId: 'ASIAOLD',
      secretAccessKey: 'old-secret',
      sessionToken: 'old-token',
      accountId: '123456789011',
      expiresAt,
    },
    tokenType: 'aws_sigv4',
    clientId: 'arn:aws:signin:::devtools/same-device',
    refreshToken: 'rt-1',
    idToken: 'a.b.c',
    dpopKey: generateDpopKeyPem(),
    ...extra,
  }
  const path = loginCachePath(env, SESSION)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, pretty ? JSON.stringify(token, null, 2) : JSON.stringify(token), { mode: 0o644 })
  return env
}

function refreshingClients(seen: string[] = []) {
  let n = 0
  return createFakeAwsClients({
    CreateOAuth2TokenCommand: (input) => {
      const tokenInput = input.tokenInput as { refreshToken: string }
      seen.push(tokenInput.refreshToken)
      n += 1
      return {
        tokenOutput: {
          accessToken: { accessKeyId: `ASIANEW${n}`, secretAccessKey: 'new-secret', sessionToken: 'new-token' },
          tokenType: 'aws_sigv4',
          expiresIn: 900,
          refreshToken: `rt-${n + 1}`,
        },
      }
    },
  })
}

describe('login credentials', () => {
  it('returns cached credentials without a call while more than 5 minutes remain', async () => {
    const env = setup('2026-11-22T00:06:00Z')
    const clients = refreshingClients()
    const credentials = await resolveCredentials(env, { profile: 'ci', clients })
    expect(credentials.accessKeyId).toBe('ASIAOLD')
    expect(clients.calls).toHaveLength(0)
  })

  it('reads the JS SDK layout: pretty-printed, toISOString() times', async () => {
    const env = setup('2026-11-22T00:10:00.000Z', {}, true)
    const credentials = await resolveCredentials(env, { profile: 'ci', clients: refreshingClients() })
    expect(credentials.expiration?.toISOString()).toBe('2026-11-22T00:10:00.000Z')
  })

  it('refreshes once with 5 minutes left, in the profile region, and writes the rotated token atomically 0600', async () => {
    const env = setup('2026-11-22T00:05:00Z')
    const clients = refreshingClients()
    const credentials = await resolveCredentials(env, { profile: 'ci', clients })
    expect(credentials).toMatchObject({ accessKeyId: 'ASIANEW1', accountId: '123456789011' })
    expect(clients.calls.map((c) => [c.command, c.target.region])).toEqual([['CreateOAuth2TokenCommand', 'eu-west-1']])
    expect(clients.calls[0]?.input).toEqual({
      tokenInput: {
        clientId: 'arn:aws:signin:::devtools/same-device',
        refreshToken: 'rt-1',
        grantType: 'refresh_token',
      },
    })
    const path = loginCachePath(env, SESSION)
    const text = readFileSync(path, 'utf8')
    expect(JSON.parse(text)).toMatchObject({
      refreshToken: 'rt-2',
      idToken: 'a.b.c',
      accessToken: { accessKeyId: 'ASIANEW1', expiresAt: '2026-11-22T00:15:00Z', accountId: '123456789011' },
    })
    // An existing file keeps its mode (the writer's rule); a new one would be 0600.
    expect(statSync(path).mode & 0o777).toBe(0o644)
  })

  it('refreshes in the recorded sign-in region rather than the current one', async () => {
    const env = setup('2026-11-22T00:01:00Z', { signInRegion: 'ap-northeast-1' })
    const clients = refreshingClients()
    await resolveCredentials(env, { profile: 'ci', region: 'us-west-2', clients })
    expect(clients.calls[0]?.target.region).toBe('ap-northeast-1')
  })

  it('makes one call when many resolutions refresh the same session together', async () => {
    // The test clock runs the lock's waits in order of their wake-up times (virtual time).
    const env = setup('2026-11-22T00:04:00Z')
    const seen: string[] = []
    const clients = refreshingClients(seen)
    const results = await Promise.all(
      Array.from({ length: 8 }, () => resolveCredentials(env, { profile: 'ci', clients })),
    )
    expect(seen).toEqual(['rt-1'])
    expect(new Set(results.map((r) => r.accessKeyId))).toEqual(new Set(['ASIANEW1']))
  })

  it.each([
    ['TOKEN_EXPIRED', "Your session has expired. Please reauthenticate using 'idc login'."],
    [
      'USER_CREDENTIALS_CHANGED',
      "Unable to refresh login credentials because of a change in your password. Please reauthenticate with your new password using 'idc login'.",
    ],
    [
      'INSUFFICIENT_PERMISSIONS',
      "Unable to create or refresh login credentials due to insufficient permissions. You may be missing permission for the 'signin:CreateOAuth2Token' action.",
    ],
    ['CONFLICT', 'An unspecified error happened when resolving AWS credentials or refreshing a login session profile.'],
  ])('maps AccessDeniedException %s to the CLI message', async (code, message) => {
    const { AccessDeniedException } = await import('@aws-sdk/nested-clients/signin')
    const env = setup('2026-11-22T00:01:00Z')
    const clients = createFakeAwsClients({
      CreateOAuth2TokenCommand: () => {
        throw new AccessDeniedException({ error: code as never, message: 'denied', $metadata: {} })
      },
    })
    await expect(resolveCredentials(env, { profile: 'ci', clients })).rejects.toThrow(message)
  })

  it('fails with the CLI message when no region is known', async () => {
    const env = createTestCliEnv({ now: NOW, files: { '.aws/config': `[profile ci]\nlogin_session = ${SESSION}\n` } })
    const source = setup('2026-11-22T00:01:00Z')
    const path = loginCachePath(env, SESSION)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, readFileSync(loginCachePath(source, SESSION)))
    await expect(resolveCredentials(env, { profile: 'ci', clients: refreshingClients() })).rejects.toThrow(
      'You must specify a region',
    )
  })
})
