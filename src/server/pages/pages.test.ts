import { describe, expect, it } from 'vitest'
import { TestBrowser, hiddenOf, pathOf } from '../../../test/helpers/server/test-browser.js'
import { pollDeviceToken, setupPages, signIn, startDevice } from '../../../test/helpers/server/page-flows.js'
import { generateTotp } from '../domain/secrets.js'
import { createInvitation } from '../domain/invitations.js'
import { pkceChallenge } from '../oidc/oidc-api.js'

/** The request-log lines so far, without their level prefix. */
function requestLog(s: { deps: { lines: string[] } }): string[] {
  return s.deps.lines.filter((l) => l.startsWith('request ')).map((l) => l.slice('request '.length))
}

const setup = setupPages

describe('sign-in page', () => {
  it('has Username and Password labels and a Sign in button, and sets a HttpOnly SameSite cookie', async () => {
    const s = setup()
    const res = await s.app.request('/signin')
    const html = await res.text()
    expect(html).toContain('<label for="username">Username</label>')
    expect(html).toContain('<label for="password">Password</label>')
    expect(html).toContain('<button type="submit">Sign in</button>')
    expect(res.headers.get('set-cookie')).toMatch(/idc_session=.*HttpOnly.*SameSite=Lax/)
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })

  it('gives one generic error for a wrong password and for an unknown user', async () => {
    const s = setup()
    const wrong = await signIn(s, '/start', 'alice', 'nope')
    const unknown = await signIn(s, '/start', 'mallory', 'nope')
    expect([wrong.status, unknown.status]).toEqual([401, 401])
    expect(wrong.html).toContain('Incorrect username or password.')
    expect(unknown.html).toContain('Incorrect username or password.')
  })

  it('throttles a user name after five failures, even with the right password', async () => {
    const s = setup()
    for (let i = 0; i < 5; i++) await signIn(s, '/start', 'alice', 'nope')
    const blocked = await signIn(s, '/start', 'alice', 'Alice-demo-pass-1')
    expect(blocked.status).toBe(429)
    expect(blocked.html).toContain('Too many failed attempts')
    s.deps.advance(15 * 60_000 + 1)
    expect((await signIn(s, '/start', 'alice', 'Alice-demo-pass-1')).status).toBe(302)
  })

  it('refuses a form without the session CSRF token, and does not sign in', async () => {
    const s = setup()
    await s.browser.get('/signin')
    const res = await s.browser.post('/signin', { username: 'alice', password: 'Alice-demo-pass-1', csrf: 'forged' })
    expect([res.status, res.location]).toEqual([403, null])
    expect(res.html).toContain('Your session expired or the form was submitted twice.')
    expect((await s.browser.get('/start')).location).toBe('/signin?next=%2Fstart')
  })

  it('asks bob for an MFA code and refuses the same code twice', async () => {
    const s = setup()
    const code = generateTotp('JBSWY3DPEHPK3PXP', s.deps.clock())
    const ok = await signIn(s, '/start', 'bob', 'Bob-demo-pass-1', () => code)
    expect([ok.status, ok.location]).toEqual([302, '/start'])
    const other = new TestBrowser(s.app)
    const form = await other.get('/signin')
    const pw = await other.post('/signin', { username: 'bob', password: 'Bob-demo-pass-1', next: '/start' }, form)
    const mfaPage = await other.get(pathOf(pw.location))
    const replay = await other.post('/signin/mfa', { mfa_code: code, next: '/start' }, mfaPage)
    expect(replay.status).toBe(401)
    expect(replay.html).toContain('The MFA code is not valid.')
  })

  it('does not follow an off-site next parameter', async () => {
    const s = setup()
    const res = await signIn(s, '//evil.example/x', 'alice', 'Alice-demo-pass-1')
    expect(res.location).toBe('/start')
  })

  it('speaks Japanese when the browser asks for it', async () => {
    const s = setup('ja,en;q=0.5')
    const page = await s.browser.get('/signin')
    expect(page.html).toContain('<html lang="ja">')
    expect(page.html).toContain('<label for="username">ユーザー名</label>')
    expect(page.html).toContain('サインイン')
  })
})

describe('device flow pages', () => {
  it('names the client in Japanese as AWS does: 「… にデータへのアクセスを許可しますか?」', async () => {
    const s = setup('ja')
    const { d } = await startDevice(s)
    await signIn(s, '/start', 'alice', 'Alice-demo-pass-1')
    const consent = await s.browser.get(`/device/consent?user_code=${d.userCode}`)
    expect(consent.html).toContain('<h1>botocore-client-emu にデータへのアクセスを許可しますか?</h1>')
    expect(consent.html).toContain('>アクセスを許可</button>')
    expect(consent.html).toContain('>アクセスを拒否</button>')
  })

  it('shows a client name with markup as text', async () => {
    const s = setup()
    const c = (await s.api('/client/register', { clientName: '<img src=x onerror=alert(1)>', clientType: 'public' }))
      .body
    const d = (
      await s.api('/device_authorization', {
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        startUrl: 'https://d-9567a1b2c3.awsapps.com/start',
      })
    ).body
    await signIn(s, '/start', 'alice', 'Alice-demo-pass-1')
    const consent = await s.browser.get(`/device/consent?user_code=${d.userCode}`)
    expect(consent.html).toContain('<h1>Allow &lt;img src=x onerror=alert(1)&gt; to access your data?</h1>')
    expect(consent.html).not.toContain('<img src=x')
  })

  it('shows the code, confirms, signs in, names the client and approves', async () => {
    const s = setup()
    const { c, d } = await startDevice(s)
    const page = await s.browser.get(`/device?user_code=${d.userCode}`)
    expect(page.html).toContain(d.userCode)
    expect(page.html).toContain('Confirm and continue')
    const confirmed = await s.browser.post('/device', { user_code: d.userCode }, page)
    expect(confirmed.location).toBe(`/device/consent?user_code=${d.userCode}`)
    const toSignIn = await s.browser.get(pathOf(confirmed.location))
    expect(toSignIn.location).toMatch(/^\/signin\?next=/)
    const signedIn = await signIn(
      s,
      decodeURIComponent(toSignIn.location!.split('next=')[1]!),
      'alice',
      'Alice-demo-pass-1',
    )
    const consent = await s.browser.get(pathOf(signedIn.location))
    // As AWS: the client is named as it registered (RegisterClient's clientName).
    expect(consent.html).toContain('<h1>Allow botocore-client-emu to access your data?</h1>')
    expect(consent.html).toContain('<title>Allow botocore-client-emu to access your data? | ')
    expect(consent.html).toContain('botocore-client-emu is asking to use your IAM Identity Center sign-in')
    expect(consent.html).toContain('>Allow access</button>')
    expect(consent.html).toContain('>Deny access</button>')
    const approved = await s.browser.post('/device/consent', { user_code: d.userCode, decision: 'allow' }, consent)
    expect(approved.html).toContain('Request approved')
    const token = await pollDeviceToken(s, c, d.deviceCode)
    expect(token.status).toBe(200)
  })

  it('slows down wrong user codes before sign-in: after ten, the code is no longer checked until sign-in', async () => {
    const s = setup()
    const { d } = await startDevice(s)
    const page = await s.browser.get('/device?user_code=BBBB-BBBB')
    const statuses: number[] = []
    for (let i = 0; i < 11; i++)
      statuses.push((await s.browser.post('/device', { user_code: 'BBBB-BBBB' }, page)).status)
    expect(statuses).toEqual(Array(11).fill(400))
    // Blocked: a wrong and a right code get the same answer (no oracle), the consent step behind sign-in.
    const wrong = await s.browser.post('/device', { user_code: 'BBBB-BBBB' }, page)
    const right = await s.browser.post('/device', { user_code: d.userCode }, page)
    expect([wrong.status, wrong.location]).toEqual([302, '/device/consent?user_code=BBBB-BBBB'])
    expect([right.status, right.location]).toEqual([302, `/device/consent?user_code=${d.userCode}`])
    expect((await s.browser.get(pathOf(wrong.location))).location).toBe(
      '/signin?next=%2Fdevice%2Fconsent%3Fuser_code%3DBBBB-BBBB',
    )
  })

  it('denies', async () => {
    const s = setup()
    const { c, d } = await startDevice(s)
    await signIn(s, '/start', 'alice', 'Alice-demo-pass-1')
    const consent = await s.browser.get(`/device/consent?user_code=${d.userCode}`)
    const denied = await s.browser.post('/device/consent', { user_code: d.userCode, decision: 'deny' }, consent)
    expect(denied.html).toContain('Request denied')
    const token = await pollDeviceToken(s, c, d.deviceCode)
    expect(token.type).toBe('AccessDeniedException')
  })
})

describe('/authorize', () => {
  const verifier = 'abcdefghijklmnopqrstuvwxyz0123456789-._~ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  async function client(s: ReturnType<typeof setup>) {
    return (
      await s.api('/client/register', {
        clientName: 'botocore-client-emu',
        clientType: 'public',
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: ['http://127.0.0.1/oauth/callback'],
        scopes: ['sso:account:access'],
      })
    ).body
  }
  function url(clientId: string, extra: Record<string, string> = {}) {
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: 'http://127.0.0.1:43210/oauth/callback',
      state: '48053a22-6237-471e-89a1-ccaea51bb838',
      code_challenge_method: 'S256',
      scopes: 'sso:account:access',
      code_challenge: pkceChallenge(verifier),
      ...extra,
    })
    return `/authorize?${q}`
  }

  it('signs bob in with MFA, asks for consent and redirects with code and state, which CreateToken accepts', async () => {
    const s = setup()
    const c = await client(s)
    const first = await s.browser.get(url(c.clientId))
    expect(first.location).toMatch(/^\/signin\?next=%2Fauthorize/)
    const signed = await signIn(
      s,
      decodeURIComponent(first.location!.split('next=')[1]!),
      'bob',
      'Bob-demo-pass-1',
      () => generateTotp('JBSWY3DPEHPK3PXP', s.deps.clock()),
    )
    const consent = await s.browser.get(pathOf(signed.location))
    expect(consent.html).toContain('<h1>Allow botocore-client-emu to access your data?</h1>')
    expect(consent.html).toContain('>Allow access</button>')
    const done = await s.browser.post(
      '/authorize',
      { request: hiddenOf(consent.html, 'request'), decision: 'allow' },
      consent,
    )
    expect(done.status).toBe(302)
    const back = new URL(done.location!)
    expect(back.origin + back.pathname).toBe('http://127.0.0.1:43210/oauth/callback')
    expect(back.searchParams.get('state')).toBe('48053a22-6237-471e-89a1-ccaea51bb838')
    const token = await s.api('/token', {
      grantType: 'authorization_code',
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      code: back.searchParams.get('code'),
      redirectUri: 'http://127.0.0.1:43210/oauth/callback',
      codeVerifier: verifier,
    })
    expect(token.status).toBe(200)
  })

  it('redirects with error=access_denied when the user denies', async () => {
    const s = setup()
    const c = await client(s)
    await signIn(s, '/start', 'alice', 'Alice-demo-pass-1')
    const consent = await s.browser.get(url(c.clientId))
    const done = await s.browser.post(
      '/authorize',
      { request: hiddenOf(consent.html, 'request'), decision: 'deny' },
      consent,
    )
    const back = new URL(done.location!)
    expect(back.searchParams.get('error')).toBe('access_denied')
    expect(back.searchParams.get('state')).toBe('48053a22-6237-471e-89a1-ccaea51bb838')
  })

  it.each([
    ['an unregistered redirect host', { redirect_uri: 'http://evil.example:80/oauth/callback' }],
    ['an unknown client', { client_id: 'nobody' }],
  ])('shows an error page (no redirect) for %s', async (_name, extra) => {
    const s = setup()
    const c = await client(s)
    const res = await s.browser.get(url(c.clientId, extra))
    expect([res.status, res.location]).toEqual([400, null])
  })

  it('requires PKCE S256', async () => {
    const s = setup()
    const c = await client(s)
    const res = await s.browser.get(url(c.clientId, { code_challenge_method: 'plain' }))
    expect(new URL(res.location!).searchParams.get('error')).toBe('invalid_request')
  })
})

describe('access portal', () => {
  it("lists bob's accounts and roles and shows an Access keys panel with usable credentials", async () => {
    const s = setup()
    await signIn(s, '/start', 'bob', 'Bob-demo-pass-1', () => generateTotp('JBSWY3DPEHPK3PXP', s.deps.clock()))
    const portal = await s.browser.get('/start')
    expect(portal.html).toContain('DeveloperAccount')
    expect(portal.html).toContain('ProductionAccount')
    expect(portal.html).toContain('BillingOnly')
    const keys = await s.browser.get('/start/access-keys?account_id=123456789022&role_name=BillingOnly')
    expect(keys.html).toContain('https://d-9567a1b2c3.awsapps.com/start')
    expect(keys.html).toContain('ap-northeast-1')
    const id = /export AWS_ACCESS_KEY_ID=(?:&quot;|")(ASIA[A-Z0-9]{16})(?:&quot;|")/.exec(keys.html)?.[1]
    expect(id).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(keys.html).toContain(`$Env:AWS_ACCESS_KEY_ID=`)
    expect(keys.html).toContain(`set AWS_ACCESS_KEY_ID=${id}`)
    expect(s.deps.store.findIssuedCredentials(id!)?.principal).toMatchObject({
      accountId: '123456789022',
      sessionName: 'bob',
    })
    expect(
      (await s.browser.get('/start/access-keys?account_id=123456789011&role_name=AdministratorAccess')).status,
    ).toBe(403)
  })
})

describe('invitation', () => {
  it('sets a password under the stated policy, enrols TOTP, then signs in', async () => {
    const s = setup()
    const user = s.deps.store.createUser({
      id: 'u-carol',
      userName: 'carol',
      status: 'invited',
      createdAt: s.deps.clock(),
    })
    const { url } = createInvitation(s.deps, user.id)
    expect(url).toMatch(/^http:\/\/localhost\/invitation\?token=[A-Za-z0-9_-]{43}$/)
    expect(s.deps.lines).toContain(`info Invitation for carol: ${url}`)
    const page = await s.browser.get(pathOf(url))
    expect(page.html).toContain('At least 12 characters')
    const weak = await s.browser.post(
      '/invitation',
      { token: hiddenOf(page.html, 'token'), new_password: 'short', confirm_password: 'short' },
      page,
    )
    expect(weak.status).toBe(400)
    const set = await s.browser.post(
      '/invitation',
      { token: hiddenOf(page.html, 'token'), new_password: 'Carol-pass-123', confirm_password: 'Carol-pass-123' },
      weak,
    )
    const mfa = await s.browser.get(pathOf(set.location))
    expect(mfa.html).toContain('<svg')
    const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(mfa.html)![1]!
    const done = await s.browser.post(
      '/invitation/mfa',
      { token: hiddenOf(mfa.html, 'token'), mfa_code: generateTotp(secret, s.deps.clock()) },
      mfa,
    )
    expect(done.location).toBe('/signin?invited=1')
    expect(s.deps.store.getUser(user.id)?.status).toBe('active')
    s.deps.advance(30_000)
    const signed = await signIn(s, '/start', 'carol', 'Carol-pass-123', () => generateTotp(secret, s.deps.clock()))
    expect(signed.location).toBe('/start')
    expect((await s.browser.get(pathOf(url))).status).toBe(404)
  })

  it('accepts /invitation/<token> links and keeps the token out of the request log', async () => {
    const s = setup()
    const res = await s.browser.get('/invitation/abcdefghijklmnopqrstuvwxyz')
    expect(res.location).toBe('/invitation?token=abcdefghijklmnopqrstuvwxyz')
    expect(requestLog(s)).toEqual(['GET /invitation/[redacted] 302 0ms'])
  })
})

describe('health and request log', () => {
  it('sends a browser opening the endpoint to the portal, and a signed request to the AWS API', async () => {
    const s = setup()
    const browser = await s.app.request('/', { headers: { accept: 'text/html' } })
    expect([browser.status, browser.headers.get('location')]).toEqual([302, '/start'])
    const signed = await s.app.request('/', { headers: { accept: 'text/html', authorization: 'AWS4-HMAC-SHA256 x' } })
    expect([signed.status, signed.headers.get('location')]).toEqual([400, null])
    expect(await signed.text()).toContain('<Code>AuthorizationHeaderMalformed</Code>')
  })

  it('answers health and logs each request once, by path without the query string', async () => {
    const s = setup()
    const health = await s.app.request('/_idc/health')
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }])
    await s.app.request('/device?user_code=ABCD-EFGH')
    expect(requestLog(s)).toEqual(['GET /_idc/health 200 0ms', 'GET /device 200 0ms'])
  })
})
