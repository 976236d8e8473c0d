// Abuse cases of the OIDC and portal APIs, through app.request(): scopes bound what a registration
// can get, authorization codes work once, and unauthenticated registration is rate-limited.
import { describe, expect, it } from 'vitest'
import { approveDevice } from '../../../test/helpers/server/oidc-flows.js'
import { hiddenOf, pathOf } from '../../../test/helpers/server/test-browser.js'
import {
  pollDeviceToken,
  setupPages,
  signIn,
  startDevice,
  type PagesSetup,
} from '../../../test/helpers/server/page-flows.js'
import { pkceChallenge } from './oidc-api.js'

const VERIFIER = 'abcdefghijklmnopqrstuvwxyz0123456789-._~ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const REDIRECT = 'http://127.0.0.1:43210/oauth/callback'

/** A device-flow login of alice through a registration with `scopes`; returns the token answer. */
async function deviceToken(s: PagesSetup, scopes?: string[]) {
  const { c, d } = await startDevice(s, scopes)
  approveDevice(s.deps.store, d.userCode)
  return { c, token: await pollDeviceToken(s, c, d.deviceCode) }
}

async function portal(s: PagesSetup, path: string, accessToken: string, method = 'GET') {
  const res = await s.app.request(path, { method, headers: { 'x-amz-sso_bearer_token': accessToken } })
  return [res.status, res.headers.get('x-amzn-ErrorType')]
}

async function pkceClient(s: PagesSetup, scopes = ['sso:account:access']) {
  const body = {
    clientName: 'botocore-client-emu',
    clientType: 'public',
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris: ['http://127.0.0.1/oauth/callback'],
    scopes,
  }
  return (await s.api('/client/register', body)).body as { clientId: string; clientSecret: string }
}

function authorizeUrl(clientId: string, scopes: string): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT,
    state: 'st-1',
    code_challenge_method: 'S256',
    scopes,
    code_challenge: pkceChallenge(VERIFIER),
  })
  return `/authorize?${q}`
}

describe('scopes', () => {
  it('gives a token registered for codewhisperer:completions no accounts, roles or role credentials', async () => {
    const s = setupPages()
    const { token } = await deviceToken(s, ['codewhisperer:completions'])
    expect(token.status).toBe(200)
    const access = token.body.accessToken as string
    expect(
      await portal(s, '/federation/credentials?role_name=AdministratorAccess&account_id=123456789011', access),
    ).toEqual([401, 'UnauthorizedException'])
    expect(await portal(s, '/assignment/accounts', access)).toEqual([401, 'UnauthorizedException'])
    expect(await portal(s, '/assignment/roles?account_id=123456789011', access)).toEqual([401, 'UnauthorizedException'])
    // Logging out needs no scope: `aws sso logout` revokes every cached token, an IDE's included.
    expect(await portal(s, '/logout', access, 'POST')).toEqual([200, null])
  })

  it("keeps the AWS CLI's default working: a registration without scopes gets sso:account:access", async () => {
    const s = setupPages()
    const { token } = await deviceToken(s)
    const access = token.body.accessToken as string
    expect(
      await portal(s, '/federation/credentials?role_name=AdministratorAccess&account_id=123456789011', access),
    ).toEqual([200, null])
  })

  it.each([['sso:account:access/admin'], ['SSO:ACCOUNT:ACCESS'], ['sso:*'], ['sso::access']])(
    'refuses to register the malformed scope %s with invalid_scope',
    async (scope) => {
      const s = setupPages()
      const r = await s.api('/client/register', { clientName: 'x', clientType: 'public', scopes: [scope] })
      expect([r.status, r.type, r.body.error]).toEqual([400, 'InvalidScopeException', 'invalid_scope'])
    },
  )

  it('refuses at /authorize a scope the client did not register, redirecting with error=invalid_scope', async () => {
    const s = setupPages()
    const c = await pkceClient(s, ['codewhisperer:completions'])
    await signIn(s, '/start', 'alice', 'Alice-demo-pass-1')
    const res = await s.browser.get(authorizeUrl(c.clientId, 'sso:account:access'))
    const back = new URL(res.location!)
    expect([res.status, back.origin + back.pathname]).toEqual([302, REDIRECT])
    expect([back.searchParams.get('error'), back.searchParams.get('state'), back.searchParams.get('code')]).toEqual([
      'invalid_scope',
      'st-1',
      null,
    ])
  })

  it('refuses a CreateToken scope beyond what the user approved', async () => {
    const s = setupPages()
    const { c, d } = await startDevice(s, ['codewhisperer:completions'])
    const alice = s.deps.store.findUserByName('alice')!
    expect(s.deps.store.decideDeviceAuthorization(d.userCode, 'approved', alice.id)).toBe(true)
    const r = await s.api('/token', {
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      deviceCode: d.deviceCode,
      scope: ['sso:account:access'],
    })
    expect([r.status, r.type, r.body.error]).toEqual([400, 'InvalidScopeException', 'invalid_scope'])
  })
})

describe('authorization codes', () => {
  it('revokes the tokens a code gave when the code comes back, and refuses it with invalid_grant', async () => {
    const s = setupPages()
    const c = await pkceClient(s)
    await signIn(s, '/start', 'alice', 'Alice-demo-pass-1')
    const consent = await s.browser.get(authorizeUrl(c.clientId, 'sso:account:access'))
    const done = await s.browser.post(
      '/authorize',
      { request: hiddenOf(consent.html, 'request'), decision: 'allow' },
      consent,
    )
    const code = new URL(done.location!).searchParams.get('code')
    const exchange = { grantType: 'authorization_code', clientId: c.clientId, clientSecret: c.clientSecret }
    const body = { ...exchange, code, redirectUri: REDIRECT, codeVerifier: VERIFIER }
    const first = await s.api('/token', body)
    expect(first.status).toBe(200)
    expect(await portal(s, '/assignment/accounts', first.body.accessToken)).toEqual([200, null])
    const second = await s.api('/token', body)
    expect([second.status, second.type, second.body.error]).toEqual([400, 'InvalidGrantException', 'invalid_grant'])
    expect(await portal(s, '/assignment/accounts', first.body.accessToken)).toEqual([401, 'UnauthorizedException'])
    const refresh = await s.api('/token', {
      ...exchange,
      grantType: 'refresh_token',
      refreshToken: first.body.refreshToken,
    })
    expect([refresh.status, refresh.type]).toEqual([400, 'InvalidGrantException'])
    expect(pathOf(done.location)).toMatch(/^\/oauth\/callback\?code=/)
  })
})

describe('RegisterClient', () => {
  it('is rate-limited per source: 30 a minute, then SlowDownException, while other sources go on', async () => {
    const s = setupPages()
    const register = (source: string) => s.api('/client/register', { clientName: 'spam', clientType: 'public' }, source)
    const answers: number[] = []
    for (let i = 0; i < 30; i++) answers.push((await register('10.0.0.7')).status)
    expect(answers).toEqual(Array(30).fill(200))
    const refused = await register('10.0.0.7')
    expect([refused.status, refused.type, refused.body.error]).toEqual([400, 'SlowDownException', 'slow_down'])
    expect((await register('10.0.0.8')).status).toBe(200)
    s.deps.advance(60_000)
    expect((await register('10.0.0.7')).status).toBe(200)
  })
})
