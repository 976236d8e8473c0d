import { describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import { createTestDeps } from '../../../test/helpers/server/test-deps.js'
import { callJson, type TestCredentials } from '../../../test/helpers/server/test-clients.js'
import { storeAccessToken } from '../../../test/helpers/server/oidc-flows.js'
import { createLimits, type LimitsConfig } from './limits.js'

function setup(config: LimitsConfig) {
  // The real time: the SigV4 signer of `callJson` signs with it.
  const deps = createTestDeps({ now: Date.now() })
  const slept: number[] = []
  deps.limits = createLimits(config, {
    clock: deps.clock,
    ids: deps.ids,
    sleep: async (ms) => void slept.push(ms),
  })
  const app = createApp(deps)
  const accessToken = storeAccessToken(deps, 'bob')
  const portal = async (path: string) => {
    const res = await app.request(path, { headers: { 'x-amz-sso_bearer_token': accessToken } })
    return {
      status: res.status,
      type: res.headers.get('x-amzn-ErrorType'),
      date: res.headers.get('date'),
      body: await res.json(),
    }
  }
  const admin = (target: string) =>
    callJson({
      app,
      credentials: deps.store.getAdminCredentials() as TestCredentials,
      target,
      signingName: target.startsWith('AWSOrganizations') ? 'organizations' : 'sso',
      body: {},
    })
  return { deps, portal, admin, slept }
}

describe('limits at the portal', () => {
  it('answers 429 TooManyRequestsException once the caller is over the rate, and again after a refill', async () => {
    const s = setup({ throttle: { ListAccounts: { rate: 1, burst: 2 } }, faults: {} })
    const answers = [await s.portal('/assignment/accounts'), await s.portal('/assignment/accounts')]
    expect(answers.map((a) => a.status)).toEqual([200, 200])
    const third = await s.portal('/assignment/accounts')
    expect([third.status, third.type, third.body]).toEqual([
      429,
      'TooManyRequestsException',
      { message: 'Too many requests' },
    ])
    s.deps.advance(1000)
    expect((await s.portal('/assignment/accounts')).status).toBe(200)
    expect(s.deps.metrics.render()).toMatch(/operation="ListAccounts",outcome="TooManyRequestsException"/)
  })

  it('injects 5xx, expired sessions, latency and a skewed Date', async () => {
    const s = setup({
      throttle: false,
      faults: {
        ListAccountRoles: { errorRate: 1 },
        ListAccounts: { expiredRate: 1 },
        GetRoleCredentials: { latencyMs: 120, clockSkewSeconds: 600 },
      },
    })
    const roles = await s.portal('/assignment/roles?account_id=123456789011')
    expect([roles.status, roles.type]).toEqual([500, 'InternalServerException'])
    const accounts = await s.portal('/assignment/accounts')
    expect([accounts.status, accounts.type]).toEqual([401, 'UnauthorizedException'])
    const creds = await s.portal('/federation/credentials?account_id=123456789011&role_name=ReadOnly')
    expect(creds.status).toBe(200)
    expect(s.slept).toEqual([120])
    expect(Date.parse(creds.date!)).toBe(Math.floor((s.deps.clock() + 600_000) / 1000) * 1000)
  })

  it('does not meter unauthenticated calls (they get the usual 401)', async () => {
    const s = setup({ throttle: { '*': { rate: 0.001, burst: 1 } }, faults: {} })
    const deps = s.deps
    const app = createApp(deps)
    for (let i = 0; i < 3; i++) {
      const res = await app.request('/assignment/accounts', { headers: { 'x-amz-sso_bearer_token': 'nope' } })
      expect(res.status).toBe(401)
    }
  })
})

describe('limits at the signed AWS APIs', () => {
  it('answers ThrottlingException (sso-admin) and TooManyRequestsException (organizations) in awsJson', async () => {
    const s = setup({
      throttle: { 'sso-admin:*': { rate: 1, burst: 1 }, 'organizations:*': { rate: 1, burst: 1 } },
      faults: {},
    })
    expect((await s.admin('SWBExternalService.ListInstances')).status).toBe(200)
    const throttled = await s.admin('SWBExternalService.ListInstances')
    expect([throttled.status, throttled.headers.get('x-amzn-ErrorType'), throttled.json.__type]).toEqual([
      400,
      'ThrottlingException',
      'ThrottlingException',
    ])
    expect((await s.admin('AWSOrganizationsV20161128.ListAccounts')).status).toBe(200)
    const orgs = await s.admin('AWSOrganizationsV20161128.ListAccounts')
    expect(orgs.json.__type).toBe('TooManyRequestsException')
  })

  it('injects a 500 InternalServerException and an expired token, with a skewed Date', async () => {
    const s = setup({
      throttle: false,
      faults: { ListInstances: { errorRate: 1, clockSkewSeconds: -60 }, ListPermissionSets: { expiredRate: 1 } },
    })
    const failed = await s.admin('SWBExternalService.ListInstances')
    expect([failed.status, failed.json.__type]).toEqual([500, 'InternalServerException'])
    expect(Date.parse(failed.headers.get('date')!)).toBe(Math.floor((s.deps.clock() - 60_000) / 1000) * 1000)
    const expired = await s.admin('SWBExternalService.ListPermissionSets')
    expect([expired.status, expired.json.__type]).toEqual([400, 'ExpiredTokenException'])
  })
})
