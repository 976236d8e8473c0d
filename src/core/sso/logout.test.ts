import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UnauthorizedException } from '@aws-sdk/client-sso'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { createFakeAwsClients } from '../../../test/helpers/fake-aws-clients.js'
import { logoutAllSsoSessions } from './logout.js'

describe('logoutAllSsoSessions', () => {
  it('logs out tokens with a region, deletes every token and SSO role cache, keeps the rest', async () => {
    const env = createTestCliEnv()
    const sso = join(env.home, '.aws/sso/cache')
    const cli = join(env.home, '.aws/cli/cache')
    await mkdir(sso, { recursive: true })
    await mkdir(cli, { recursive: true })
    const files: Record<string, unknown> = {
      [join(sso, 'a.json')]: { accessToken: 'ta', region: 'us-east-1', expiresAt: 'x' },
      [join(sso, 'b.json')]: { accessToken: 'tb', expiresAt: 'x' },
      [join(sso, 'c.json')]: { accessToken: 'tc', region: 'eu-west-1' },
      [join(sso, 'reg.json')]: { clientId: 'c', clientSecret: 's', expiresAt: 'x' },
      [join(cli, 'sso.json')]: { ProviderType: 'sso', Credentials: {} },
      [join(cli, 'role.json')]: { Credentials: {} },
    }
    for (const [path, value] of Object.entries(files)) await writeFile(path, JSON.stringify(value))
    await writeFile(join(sso, 'junk.json'), 'not json')
    await writeFile(join(cli, 'session.db'), 'SQLite format 3')
    const clients = createFakeAwsClients({
      LogoutCommand: (input) => {
        if (input.accessToken === 'tc') throw new UnauthorizedException({ message: 'no', $metadata: {} })
        return {}
      },
    })
    const result = await logoutAllSsoSessions(env, { clients, ssoEndpoint: 'http://127.0.0.1:1' })
    expect(result).toEqual({ tokensRemoved: 3, roleCredentialsRemoved: 1 })
    expect(clients.calls.map((c) => [c.input.accessToken, c.target.region, c.target.endpoint])).toEqual(
      expect.arrayContaining([
        ['ta', 'us-east-1', 'http://127.0.0.1:1'],
        ['tc', 'eu-west-1', 'http://127.0.0.1:1'],
      ]),
    )
    expect(clients.calls).toHaveLength(2)
    const remaining = ['reg.json', 'junk.json']
      .map((f) => join(sso, f))
      .concat([join(cli, 'role.json'), join(cli, 'session.db')])
    for (const path of remaining) expect(existsSync(path)).toBe(true)
    for (const f of ['a.json', 'b.json', 'c.json']) expect(existsSync(join(sso, f))).toBe(false)
    expect(existsSync(join(cli, 'sso.json'))).toBe(false)
  })

  it('stops and keeps the files when the portal cannot be reached', async () => {
    const env = createTestCliEnv()
    const sso = join(env.home, '.aws/sso/cache')
    await mkdir(sso, { recursive: true })
    await writeFile(join(sso, 'a.json'), JSON.stringify({ accessToken: 'ta', region: 'us-east-1' }))
    const clients = createFakeAwsClients({
      LogoutCommand: () => {
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
      },
    })
    await expect(logoutAllSsoSessions(env, { clients })).rejects.toThrow('ECONNREFUSED')
    expect(existsSync(join(sso, 'a.json'))).toBe(true)
  })
})
