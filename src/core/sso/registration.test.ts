import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { createFakeAwsClients } from '../../../test/helpers/fake-aws-clients.js'
import { readClientRegistration } from './cache.js'
import { getClientRegistration } from './registration.js'

const session = { sessionName: 'my-sso', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1' }

function clients() {
  let n = 0
  return createFakeAwsClients({
    RegisterClientCommand: () => ({
      clientId: `cid-${++n}`,
      clientSecret: 's',
      clientSecretExpiresAt: Date.parse('2026-11-22T01:00:00Z') / 1000,
    }),
  })
}

describe('getClientRegistration', () => {
  it('reuses a registration for the same flow while it has at least 15 minutes left', async () => {
    const env = createTestCliEnv()
    const c = clients()
    const opts = {
      clients: c,
      target: { region: 'us-east-1' },
      flow: 'device-code' as const,
      issuerUrl: session.startUrl,
    }
    expect((await getClientRegistration(env, session, opts)).clientId).toBe('cid-1')
    expect((await getClientRegistration(env, session, opts)).clientId).toBe('cid-1')
    env.advance(45 * 60 * 1000 + 1)
    expect((await getClientRegistration(env, session, opts)).clientId).toBe('cid-2')
  })

  it('re-registers when the flow changes, overwriting the same file', async () => {
    const env = createTestCliEnv()
    const c = clients()
    const base = { clients: c, target: { region: 'us-east-1' }, issuerUrl: session.startUrl }
    await getClientRegistration(env, session, { ...base, flow: 'device-code' })
    await getClientRegistration(env, session, { ...base, flow: 'auth-code' })
    await getClientRegistration(env, session, { ...base, flow: 'device-code' })
    expect(c.calls.map((x) => x.input.grantTypes)).toEqual([
      undefined,
      ['authorization_code', 'refresh_token'],
      undefined,
    ])
    const cached = await readClientRegistration(env, {
      startUrl: session.startUrl,
      region: 'us-east-1',
      sessionName: 'my-sso',
    })
    expect(cached).toEqual({ clientId: 'cid-3', clientSecret: 's', expiresAt: '2026-11-22T01:00:00Z' })
  })

  it('names legacy clients after the clock and sends no scopes', async () => {
    const env = createTestCliEnv()
    const c = clients()
    await getClientRegistration(
      env,
      { startUrl: session.startUrl, region: 'us-east-1' },
      { clients: c, target: { region: 'us-east-1' }, flow: 'device-code', issuerUrl: 'x' },
    )
    expect(c.calls[0]!.input).toEqual({
      clientName: `botocore-client-${Math.floor(env.now() / 1000)}`,
      clientType: 'public',
    })
  })
})
