// StartDeviceAuthorization and CreateToken's device-code grant through app.request(): the codes and
// URIs, polling (pending, slow down, once only), denial and expiry.
import { describe, expect, it } from 'vitest'
import {
  approveDevice,
  createDeviceToken,
  registerClient,
  setupOidc as setup,
  startDeviceAuthorization,
} from '../../../test/helpers/server/oidc-flows.js'

const ACCOUNT_ACCESS = { scopes: ['sso:account:access'] }

describe('device authorization', () => {
  it('starts with a XXXX-XXXX user code, /device URIs, expiresIn 600 and interval 1', async () => {
    const s = setup()
    const c = await registerClient(s.post, ACCOUNT_ACCESS)
    const r = await startDeviceAuthorization(s.post, c)
    expect(r.status).toBe(200)
    expect(r.body.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/)
    expect(r.body.verificationUri).toBe('http://localhost/device')
    expect(r.body.verificationUriComplete).toBe(`http://localhost/device?user_code=${r.body.userCode}`)
    expect(r.body).toMatchObject({ expiresIn: 600, interval: 1 })
  })

  it('with --device-url-without-code, answers a complete URL that does not hold the user code', async () => {
    const s = setup({ options: { deviceUrlWithoutCode: true } })
    const c = await registerClient(s.post, ACCOUNT_ACCESS)
    const first = await startDeviceAuthorization(s.post, c)
    const second = await startDeviceAuthorization(s.post, c)
    expect(first.status).toBe(200)
    expect(first.body.verificationUri).toBe('http://localhost/device')
    expect(first.body.verificationUriComplete).toMatch(/^http:\/\/localhost\/device\?ref=[\w-]+$/)
    expect(first.body.verificationUriComplete).not.toContain(first.body.userCode)
    expect(second.body.verificationUriComplete).not.toBe(first.body.verificationUriComplete)
  })

  it('answers 401 InvalidClientException for a wrong client secret', async () => {
    const s = setup()
    const c = await registerClient(s.post, ACCOUNT_ACCESS)
    const r = await startDeviceAuthorization(s.post, { ...c, clientSecret: 'wrong' })
    expect([r.status, r.type, r.body.error]).toEqual([401, 'InvalidClientException', 'invalid_client'])
  })

  it('polls pending, lets the first two polls through, then slows down fast pollers, then issues tokens once', async () => {
    const s = setup()
    const c = await registerClient(s.post, ACCOUNT_ACCESS)
    const start = (await startDeviceAuthorization(s.post, c)).body
    const poll = () => createDeviceToken(s.post, c, start.deviceCode)
    const first = await poll()
    expect([first.status, first.type, first.body]).toEqual([
      400,
      'AuthorizationPendingException',
      { error: 'authorization_pending', error_description: 'Authorization is still pending' },
    ])
    expect((await poll()).type).toBe('AuthorizationPendingException')
    expect((await poll()).type).toBe('SlowDownException')
    s.deps.advance(1000)
    expect((await poll()).type).toBe('AuthorizationPendingException')
    approveDevice(s.deps.store, start.userCode)
    s.deps.advance(1000)
    const ok = await poll()
    expect(ok.status).toBe(200)
    expect(ok.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 3600,
      refreshToken: expect.any(String),
    })
    s.deps.advance(1000)
    expect((await poll()).type).toBe('InvalidGrantException')
  })

  it('reports expired_token after ten minutes and access_denied when the user denies', async () => {
    const s = setup()
    const c = await registerClient(s.post, ACCOUNT_ACCESS)
    const a = (await startDeviceAuthorization(s.post, c)).body
    const b = (await startDeviceAuthorization(s.post, c)).body
    s.deps.store.decideDeviceAuthorization(b.userCode, 'denied', s.deps.store.findUserByName('alice')!.id)
    const denied = await createDeviceToken(s.post, c, b.deviceCode)
    expect([denied.status, denied.type, denied.body.error]).toEqual([400, 'AccessDeniedException', 'access_denied'])
    s.deps.advance(600_000)
    const expired = await createDeviceToken(s.post, c, a.deviceCode)
    expect([expired.status, expired.type, expired.body.error]).toEqual([400, 'ExpiredTokenException', 'expired_token'])
  })
})
