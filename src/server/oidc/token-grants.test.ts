// CreateToken's authorization_code and refresh_token grants through app.request(): PKCE and the
// redirect URI, codes used once, refresh-token rotation, the instance session's end, and metrics.
import { describe, expect, it } from 'vitest'
import { hashSecret } from '../domain/secrets.js'
import {
  DEVICE_GRANT,
  deviceLogin,
  refreshToken,
  registerClient,
  setupOidc as setup,
  type OidcSetup,
} from '../../../test/helpers/server/oidc-flows.js'
import { pkceChallenge } from './oidc-api.js'

describe('authorization_code grant', () => {
  const verifier = 'v'.repeat(20) + 'A1-._~'.repeat(5) + 'x'.repeat(14)
  const redirect = 'http://127.0.0.1:54321/oauth/callback'

  async function withCode(s: OidcSetup) {
    const c = await registerClient(s.post, {
      scopes: ['sso:account:access'],
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'],
      issuerUrl: 'https://d-9567a1b2c3.awsapps.com/start',
    })
    const code = 'the-code-' + 'x'.repeat(30)
    s.deps.store.createAuthorizationCode({
      codeHash: hashSecret(code),
      clientId: c.clientId,
      userId: s.deps.store.findUserByName('bob')!.id,
      redirectUri: redirect,
      codeChallenge: pkceChallenge(verifier),
      scopes: ['sso:account:access'],
      used: false,
      createdAt: s.deps.clock(),
      expiresAt: s.deps.clock() + 300_000,
    })
    const exchange = {
      grantType: 'authorization_code',
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      code,
      redirectUri: redirect,
      codeVerifier: verifier,
    }
    return { exchange }
  }

  it('issues tokens for the right verifier and redirect URI, once', async () => {
    const s = setup()
    const { exchange } = await withCode(s)
    const ok = await s.post('/token', exchange)
    expect(ok.status).toBe(200)
    expect(ok.body.refreshToken).toEqual(expect.any(String))
    const again = await s.post('/token', exchange)
    expect([again.status, again.type]).toEqual([400, 'InvalidGrantException'])
  })

  it.each([
    ['a wrong verifier', { codeVerifier: 'w'.repeat(64) }],
    ['a different redirect port', { redirectUri: 'http://127.0.0.1:54322/oauth/callback' }],
  ])('refuses %s with InvalidGrantException', async (_name, override) => {
    const s = setup()
    const { exchange } = await withCode(s)
    const r = await s.post('/token', { ...exchange, ...override })
    expect([r.status, r.type, r.body.error]).toEqual([400, 'InvalidGrantException', 'invalid_grant'])
  })

  it('refuses an expired code', async () => {
    const s = setup()
    const { exchange } = await withCode(s)
    s.deps.advance(300_001)
    const r = await s.post('/token', exchange)
    expect(r.type).toBe('InvalidGrantException')
  })
})

describe('refresh_token grant', () => {
  it('returns a new refresh token each time and keeps earlier ones usable (concurrent CLIs)', async () => {
    const s = setup()
    const { client, token } = await deviceLogin(s)
    const refresh = (t: string) => refreshToken(s.post, client, t)
    const a = await refresh(token.refreshToken)
    const b = await refresh(token.refreshToken)
    expect([a.status, b.status]).toEqual([200, 200])
    expect(a.body.refreshToken).not.toBe(token.refreshToken)
    expect(a.body.refreshToken).not.toBe(b.body.refreshToken)
    expect((await refresh(a.body.refreshToken)).status).toBe(200)
  })

  it('with --strict-refresh-rotation revokes the family when a used refresh token comes back', async () => {
    const s = setup({ options: { strictRefreshRotation: true } })
    const { client, token } = await deviceLogin(s)
    const refresh = (t: string) => refreshToken(s.post, client, t)
    const a = await refresh(token.refreshToken)
    expect(a.status).toBe(200)
    const reuse = await refresh(token.refreshToken)
    expect([reuse.status, reuse.type]).toEqual([400, 'InvalidGrantException'])
    expect((await refresh(a.body.refreshToken)).type).toBe('InvalidGrantException')
  })

  it('stops at the end of the instance session (8 hours) and caps access tokens there', async () => {
    const s = setup()
    const { client, token } = await deviceLogin(s)
    s.deps.advance(8 * 3600_000 - 1800_000)
    const late = await refreshToken(s.post, client, token.refreshToken)
    expect(late.body.expiresIn).toBe(1800)
    s.deps.advance(1800_000)
    const over = await refreshToken(s.post, client, token.refreshToken)
    expect(over.type).toBe('InvalidGrantException')
  })

  it('counts CreateToken by grant type and outcome in the metrics', async () => {
    const s = setup()
    await deviceLogin(s)
    const text = await (await s.app.request('/_idc/metrics')).text()
    expect(text).toContain(
      `idc_requests_total{grant_type="${DEVICE_GRANT}",operation="CreateToken",outcome="success"} 1`,
    )
    expect(text).toContain('idc_requests_total{operation="RegisterClient",outcome="success"} 1')
  })
})
