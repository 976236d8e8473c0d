import { describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import { createTestDeps, type TestDeps } from '../../../test/helpers/server/test-deps.js'
import { pkceChallenge } from './oidc-api.js'

const DEVICE = 'urn:ietf:params:oauth:grant-type:device_code'

function setup(options: Parameters<typeof createTestDeps>[0] = {}) {
  const deps = createTestDeps(options)
  const app = createApp(deps)
  const post = async (path: string, body: unknown) => {
    const res = await app.request(path, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    })
    return { status: res.status, type: res.headers.get('x-amzn-ErrorType'), body: (await res.json()) as any, res }
  }
  return { deps, app, post }
}

async function register(post: ReturnType<typeof setup>['post'], extra: Record<string, unknown> = {}) {
  const r = await post('/client/register', {
    clientName: 'botocore-client-emu',
    clientType: 'public',
    scopes: ['sso:account:access'],
    ...extra,
  })
  return r.body as { clientId: string; clientSecret: string; clientIdIssuedAt: number; clientSecretExpiresAt: number }
}

/** Approves a device authorization directly in the store (the pages are tested elsewhere). */
function approve(deps: TestDeps, userCode: string, userName = 'alice') {
  const user = deps.store.findUserByName(userName)!
  expect(deps.store.decideDeviceAuthorization(userCode, 'approved', user.id)).toBe(true)
}

async function deviceLogin(s: ReturnType<typeof setup>, userName = 'alice') {
  const client = await register(s.post)
  const start = (
    await s.post('/device_authorization', {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      startUrl: 'https://d-9567a1b2c3.awsapps.com/start',
    })
  ).body
  approve(s.deps, start.userCode, userName)
  const token = await s.post('/token', {
    grantType: DEVICE,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    deviceCode: start.deviceCode,
  })
  expect(token.status).toBe(200)
  return { client, token: token.body as { accessToken: string; refreshToken: string; expiresIn: number } }
}

describe('RegisterClient', () => {
  it('returns a client with epoch-second timestamps and a 90-day secret', async () => {
    const s = setup()
    const r = await s.post('/client/register', { clientName: 'botocore-client-emu', clientType: 'public' })
    expect(r.status).toBe(200)
    expect(r.body.clientIdIssuedAt).toBe(Date.parse('2026-11-22T00:00:00Z') / 1000)
    expect(r.body.clientSecretExpiresAt).toBe(r.body.clientIdIssuedAt + 90 * 86400)
    expect(typeof r.body.clientId).toBe('string')
    expect(typeof r.body.clientSecret).toBe('string')
  })

  it.each([
    ['a missing clientName', { clientType: 'public' }, 'InvalidRequestException', 'invalid_request'],
    [
      'a confidential client',
      { clientName: 'x', clientType: 'confidential' },
      'InvalidClientMetadataException',
      'invalid_client_metadata',
    ],
    [
      'a non-loopback redirect URI',
      {
        clientName: 'x',
        clientType: 'public',
        grantTypes: ['authorization_code'],
        redirectUris: ['https://evil.example/cb'],
      },
      'InvalidRedirectUriException',
      'invalid_redirect_uri',
    ],
    [
      'an unknown grant type',
      { clientName: 'x', clientType: 'public', grantTypes: ['password'] },
      'UnsupportedGrantTypeException',
      'unsupported_grant_type',
    ],
  ])('rejects %s with x-amzn-ErrorType and an OAuth error body', async (_name, body, type, error) => {
    const s = setup()
    const r = await s.post('/client/register', body)
    expect(r.status).toBe(400)
    expect(r.type).toBe(type)
    expect(r.body).toEqual({ error, error_description: expect.any(String) })
  })

  it('rejects a body that is not JSON', async () => {
    const r = await setup().post('/client/register', 'not json')
    expect([r.status, r.type]).toEqual([400, 'InvalidRequestException'])
  })
})

describe('device authorization', () => {
  it('starts with a XXXX-XXXX user code, /device URIs, expiresIn 600 and interval 1', async () => {
    const s = setup()
    const c = await register(s.post)
    const r = await s.post('/device_authorization', {
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      startUrl: 'https://d-9567a1b2c3.awsapps.com/start',
    })
    expect(r.status).toBe(200)
    expect(r.body.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/)
    expect(r.body.verificationUri).toBe('http://localhost/device')
    expect(r.body.verificationUriComplete).toBe(`http://localhost/device?user_code=${r.body.userCode}`)
    expect(r.body).toMatchObject({ expiresIn: 600, interval: 1 })
  })

  it('with --device-url-without-code, answers a complete URL that does not hold the user code', async () => {
    const s = setup({ options: { deviceUrlWithoutCode: true } })
    const c = await register(s.post)
    const body = {
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      startUrl: 'https://d-9567a1b2c3.awsapps.com/start',
    }
    const first = await s.post('/device_authorization', body)
    const second = await s.post('/device_authorization', body)
    expect(first.status).toBe(200)
    expect(first.body.verificationUri).toBe('http://localhost/device')
    expect(first.body.verificationUriComplete).toMatch(/^http:\/\/localhost\/device\?ref=[\w-]+$/)
    expect(first.body.verificationUriComplete).not.toContain(first.body.userCode)
    expect(second.body.verificationUriComplete).not.toBe(first.body.verificationUriComplete)
  })

  it('answers 401 InvalidClientException for a wrong client secret', async () => {
    const s = setup()
    const c = await register(s.post)
    const r = await s.post('/device_authorization', {
      clientId: c.clientId,
      clientSecret: 'wrong',
      startUrl: 'https://d-9567a1b2c3.awsapps.com/start',
    })
    expect([r.status, r.type, r.body.error]).toEqual([401, 'InvalidClientException', 'invalid_client'])
  })

  it('polls pending, lets the first two polls through, then slows down fast pollers, then issues tokens once', async () => {
    const s = setup()
    const c = await register(s.post)
    const start = (
      await s.post('/device_authorization', {
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        startUrl: 'https://d-9567a1b2c3.awsapps.com/start',
      })
    ).body
    const poll = () =>
      s.post('/token', {
        grantType: DEVICE,
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        deviceCode: start.deviceCode,
      })
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
    approve(s.deps, start.userCode)
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
    const c = await register(s.post)
    const a = (
      await s.post('/device_authorization', {
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        startUrl: 'https://d-9567a1b2c3.awsapps.com/start',
      })
    ).body
    const b = (
      await s.post('/device_authorization', {
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        startUrl: 'https://d-9567a1b2c3.awsapps.com/start',
      })
    ).body
    s.deps.store.decideDeviceAuthorization(b.userCode, 'denied', s.deps.store.findUserByName('alice')!.id)
    const denied = await s.post('/token', {
      grantType: DEVICE,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      deviceCode: b.deviceCode,
    })
    expect([denied.status, denied.type, denied.body.error]).toEqual([400, 'AccessDeniedException', 'access_denied'])
    s.deps.advance(600_000)
    const expired = await s.post('/token', {
      grantType: DEVICE,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      deviceCode: a.deviceCode,
    })
    expect([expired.status, expired.type, expired.body.error]).toEqual([400, 'ExpiredTokenException', 'expired_token'])
  })
})

describe('authorization_code grant', () => {
  const verifier = 'v'.repeat(20) + 'A1-._~'.repeat(5) + 'x'.repeat(14)
  const redirect = 'http://127.0.0.1:54321/oauth/callback'

  async function withCode(s: ReturnType<typeof setup>) {
    const c = await register(s.post, {
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'],
      issuerUrl: 'https://d-9567a1b2c3.awsapps.com/start',
    })
    const code = 'the-code-' + 'x'.repeat(30)
    const { hashSecret } = await import('../domain/secrets.js')
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
    return { c, code }
  }

  it('issues tokens for the right verifier and redirect URI, once', async () => {
    const s = setup()
    const { c, code } = await withCode(s)
    const body = {
      grantType: 'authorization_code',
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      code,
      redirectUri: redirect,
      codeVerifier: verifier,
    }
    const ok = await s.post('/token', body)
    expect(ok.status).toBe(200)
    expect(ok.body.refreshToken).toEqual(expect.any(String))
    const again = await s.post('/token', body)
    expect([again.status, again.type]).toEqual([400, 'InvalidGrantException'])
  })

  it.each([
    ['a wrong verifier', { codeVerifier: 'w'.repeat(64) }],
    ['a different redirect port', { redirectUri: 'http://127.0.0.1:54322/oauth/callback' }],
  ])('refuses %s with InvalidGrantException', async (_name, override) => {
    const s = setup()
    const { c, code } = await withCode(s)
    const r = await s.post('/token', {
      grantType: 'authorization_code',
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      code,
      redirectUri: redirect,
      codeVerifier: verifier,
      ...override,
    })
    expect([r.status, r.type, r.body.error]).toEqual([400, 'InvalidGrantException', 'invalid_grant'])
  })

  it('refuses an expired code', async () => {
    const s = setup()
    const { c, code } = await withCode(s)
    s.deps.advance(300_001)
    const r = await s.post('/token', {
      grantType: 'authorization_code',
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      code,
      redirectUri: redirect,
      codeVerifier: verifier,
    })
    expect(r.type).toBe('InvalidGrantException')
  })
})

describe('refresh_token grant', () => {
  it('returns a new refresh token each time and keeps earlier ones usable (concurrent CLIs)', async () => {
    const s = setup()
    const { client, token } = await deviceLogin(s)
    const refresh = (refreshToken: string) =>
      s.post('/token', {
        grantType: 'refresh_token',
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        refreshToken,
      })
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
    const refresh = (refreshToken: string) =>
      s.post('/token', {
        grantType: 'refresh_token',
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        refreshToken,
      })
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
    const late = await s.post('/token', {
      grantType: 'refresh_token',
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      refreshToken: token.refreshToken,
    })
    expect(late.body.expiresIn).toBe(1800)
    s.deps.advance(1800_000)
    const over = await s.post('/token', {
      grantType: 'refresh_token',
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      refreshToken: token.refreshToken,
    })
    expect(over.type).toBe('InvalidGrantException')
  })

  it('counts CreateToken by grant type and outcome in the metrics', async () => {
    const s = setup()
    await deviceLogin(s)
    const text = await (await s.app.request('/_idc/metrics')).text()
    expect(text).toContain(`idc_requests_total{grant_type="${DEVICE}",operation="CreateToken",outcome="success"} 1`)
    expect(text).toContain('idc_requests_total{operation="RegisterClient",outcome="success"} 1')
  })
})

describe('portal', () => {
  async function signedIn(userName = 'alice') {
    const s = setup()
    const { token, client } = await deviceLogin(s, userName)
    const get = async (path: string, bearer = token.accessToken) => {
      const res = await s.app.request(path, { headers: { 'x-amz-sso_bearer_token': bearer } })
      return {
        status: res.status,
        type: res.headers.get('x-amzn-ErrorType'),
        body: res.status === 200 && path !== '/logout' ? ((await res.json()) as any) : await res.text(),
      }
    }
    return { s, token, client, get }
  }

  it('issues role credentials with expiration in epoch milliseconds from the permission set', async () => {
    const { s, get } = await signedIn()
    const r = await get('/federation/credentials?role_name=AdministratorAccess&account_id=123456789011')
    expect(r.status).toBe(200)
    const creds = r.body.roleCredentials
    expect(creds.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(creds.expiration).toBe(s.deps.clock() + 8 * 3600_000)
    expect(s.deps.store.findIssuedCredentials(creds.accessKeyId)?.principal).toMatchObject({
      type: 'sso_role',
      accountId: '123456789011',
      sessionName: 'alice',
    })
  })

  it('answers 403 ForbiddenException "No access" for a role the user does not have', async () => {
    const { get } = await signedIn()
    const r = await get('/federation/credentials?account_id=123456789022&role_name=ReadOnly')
    expect([r.status, r.type, JSON.parse(r.body as string)]).toEqual([
      403,
      'ForbiddenException',
      { message: 'No access' },
    ])
  })

  it('answers 401 UnauthorizedException for an unknown token', async () => {
    const { get } = await signedIn()
    const r = await get('/assignment/accounts', 'nope')
    expect([r.status, r.type, JSON.parse(r.body as string)]).toEqual([
      401,
      'UnauthorizedException',
      { message: 'Session token not found or invalid' },
    ])
  })

  it('lists accounts and roles with next_token/max_result pagination', async () => {
    const { get } = await signedIn('bob')
    const first = await get('/assignment/accounts?max_result=1')
    expect(first.body).toEqual({
      accountList: [
        {
          accountId: '123456789011',
          accountName: 'DeveloperAccount',
          emailAddress: 'developer-account-admin@example.com',
        },
      ],
      nextToken: '1',
    })
    const second = await get('/assignment/accounts?max_result=1&next_token=1')
    expect(second.body).toEqual({
      accountList: [
        {
          accountId: '123456789022',
          accountName: 'ProductionAccount',
          emailAddress: 'production-account-admin@example.com',
        },
      ],
    })
    const roles = await get('/assignment/roles?account_id=123456789022')
    expect(roles.body).toEqual({
      roleList: [
        { roleName: 'BillingOnly', accountId: '123456789022' },
        { roleName: 'ReadOnly', accountId: '123456789022' },
      ],
    })
  })

  it('logs out: the access token and its refresh token stop working', async () => {
    const { s, get, token, client } = await signedIn()
    const res = await s.app.request('/logout', {
      method: 'POST',
      headers: { 'x-amz-sso_bearer_token': token.accessToken },
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    expect((await get('/assignment/accounts')).status).toBe(401)
    const refresh = await s.post('/token', {
      grantType: 'refresh_token',
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      refreshToken: token.refreshToken,
    })
    expect(refresh.type).toBe('InvalidGrantException')
  })

  it('rejects an access token after its hour', async () => {
    const { s, get } = await signedIn()
    s.deps.advance(3600_000)
    expect((await get('/assignment/accounts')).status).toBe(401)
  })
})

describe('clients registered before a restart (temporary data directory)', () => {
  it('are adopted on first use with their secret, and a wrong secret is refused afterwards', async () => {
    const s = setup({ options: { adoptUnknownClients: true } })
    const ok = await s.post('/device_authorization', {
      clientId: 'cached-client-id-123',
      clientSecret: 'cached-secret',
      startUrl: 'https://d-9567a1b2c3.awsapps.com/start',
    })
    expect(ok.status).toBe(200)
    const wrong = await s.post('/device_authorization', {
      clientId: 'cached-client-id-123',
      clientSecret: 'other',
      startUrl: 'https://d-9567a1b2c3.awsapps.com/start',
    })
    expect([wrong.status, wrong.type]).toEqual([401, 'InvalidClientException'])
    expect(s.deps.lines.some((l) => l.startsWith('warn ') && l.includes('registered before a restart'))).toBe(true)
  })

  it('are refused when the data directory is kept', async () => {
    const s = setup()
    const r = await s.post('/device_authorization', {
      clientId: 'cached-client-id-123',
      clientSecret: 'cached-secret',
      startUrl: 'https://d-9567a1b2c3.awsapps.com/start',
    })
    expect([r.status, r.type]).toEqual([401, 'InvalidClientException'])
  })
})
