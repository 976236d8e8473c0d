import { describe, expect, it } from 'vitest'
import { createTestDeps } from '../../../test/helpers/server/test-deps.js'
import { TestBrowser, pathOf } from '../../../test/helpers/server/test-browser.js'
import { createApp } from '../app.js'
import { findUserRole, issueRoleCredentials } from '../domain/role-credentials.js'

const DEV = '123456789011'

function setup() {
  const deps = createTestDeps()
  const app = createApp(deps)
  const alice = deps.store.findUserByName('alice')!
  const credentials = issueRoleCredentials(deps, alice, DEV, findUserRole(deps, alice.id, DEV, 'AdministratorAccess')!)
  const session = (over: Record<string, string> = {}) =>
    JSON.stringify({
      sessionId: credentials.accessKeyId,
      sessionKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      ...over,
    })
  const tokenUrl = (sessionJson: string, duration?: string) =>
    `/federation?Action=getSigninToken${duration ? `&SessionDuration=${duration}` : ''}&Session=${encodeURIComponent(sessionJson)}`
  return { deps, app, credentials, session, tokenUrl, browser: new TestBrowser(app) }
}

async function signinToken(s: ReturnType<typeof setup>): Promise<string> {
  const res = await s.app.request(s.tokenUrl(s.session(), '3600'))
  expect(res.status).toBe(200)
  return ((await res.json()) as { SigninToken: string }).SigninToken
}

describe('federation endpoint', () => {
  it('trades role credentials for a sign-in token and signs the browser in to the console page', async () => {
    const s = setup()
    const token = await signinToken(s)
    const login = await s.browser.get(
      `/federation?Action=login&Issuer=idc&Destination=${encodeURIComponent('http://localhost/console/home?region=eu-west-1')}&SigninToken=${token}`,
    )
    expect(login.status).toBe(302)
    expect(login.location).toBe('/console/home?region=eu-west-1')
    expect(login.headers.get('set-cookie')).toMatch(/idc_console=[^;]+; Path=\/console; HttpOnly; SameSite=Lax/)
    const page = await s.browser.get(pathOf(login.location))
    expect(page.status).toBe(200)
    expect(page.html).toMatch(
      /data-testid="console-principal">arn:aws:sts::123456789011:assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}\/alice</,
    )
    expect(page.html).toContain('data-testid="console-account">123456789011 (DeveloperAccount)<')
    expect(page.html).toContain('data-testid="console-region">eu-west-1<')
  })

  it.each([
    ['malformed Session JSON', (s: ReturnType<typeof setup>) => s.tokenUrl('{not json')],
    ['a wrong secret', (s: ReturnType<typeof setup>) => s.tokenUrl(s.session({ sessionKey: 'x'.repeat(40) }))],
    ['a wrong session token', (s: ReturnType<typeof setup>) => s.tokenUrl(s.session({ sessionToken: 'forged' }))],
    [
      'an access key it never issued',
      (s: ReturnType<typeof setup>) => s.tokenUrl(s.session({ sessionId: 'ASIANOTISSUED000000' })),
    ],
    ['a SessionDuration under 900 s', (s: ReturnType<typeof setup>) => s.tokenUrl(s.session(), '899')],
    ['a SessionDuration over 12 h', (s: ReturnType<typeof setup>) => s.tokenUrl(s.session(), '43201')],
    ['a SessionDuration that is not a number', (s: ReturnType<typeof setup>) => s.tokenUrl(s.session(), '1e3')],
  ])('refuses %s', async (_name, url) => {
    const s = setup()
    const res = await s.app.request(url(s))
    expect(res.status).toBe(400)
    expect(await res.text()).not.toContain('SigninToken')
  })

  it('refuses long-term keys, GetSessionToken credentials and expired credentials', async () => {
    const s = setup()
    const legacy = s.tokenUrl(
      JSON.stringify({
        sessionId: 'AKIAIOSFODNN7EXAMPLE',
        sessionKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        sessionToken: '',
      }),
    )
    expect((await s.app.request(legacy)).status).toBe(400)
    s.deps.store.recordIssuedCredentials({
      accessKeyId: 'ASIASESSIONTOKEN0001',
      secretAccessKey: 'secret',
      sessionToken: 'session',
      expiresAt: s.deps.clock() + 3600_000,
      principal: {
        type: 'iam_user_session',
        accountId: '123456789022',
        iamUserName: 'legacy-ci',
        mfaAuthenticated: false,
      },
      createdAt: s.deps.clock(),
    })
    const fromGetSessionToken = JSON.stringify({
      sessionId: 'ASIASESSIONTOKEN0001',
      sessionKey: 'secret',
      sessionToken: 'session',
    })
    expect((await s.app.request(s.tokenUrl(fromGetSessionToken))).status).toBe(400)
    s.deps.advance(8 * 3600_000)
    expect((await s.app.request(s.tokenUrl(s.session()))).status).toBe(400)
  })

  it('uses a sign-in token once, for 15 minutes, and only towards a page of this server', async () => {
    const s = setup()
    const login = (token: string, destination = '/console/home') =>
      s.app.request(`/federation?Action=login&Destination=${encodeURIComponent(destination)}&SigninToken=${token}`)
    const elsewhere = await signinToken(s)
    expect((await login(elsewhere, 'https://evil.example/console')).status).toBe(400)
    const once = await signinToken(s)
    expect((await login(once)).status).toBe(302)
    expect((await login(once)).status).toBe(400)
    const stale = await signinToken(s)
    s.deps.advance(15 * 60_000 + 1)
    expect((await login(stale)).status).toBe(400)
    expect((await s.app.request('/federation?Action=nope')).status).toBe(400)
  })

  it('shows no console without a session, and ends it on sign-out', async () => {
    const s = setup()
    expect((await s.browser.get('/console/home')).status).toBe(401)
    const token = await signinToken(s)
    await s.browser.get(`/federation?Action=login&Destination=%2Fconsole%2Fhome&SigninToken=${token}`)
    const page = await s.browser.get('/console/home')
    expect(page.status).toBe(200)
    const out = await s.browser.post('/console/signout', {}, page)
    expect(out.status).toBe(302)
    expect((await s.browser.get('/console/home')).status).toBe(401)
  })
})

describe('the access portal console link', () => {
  it('opens the console as the role for a signed-in user, and only for an assigned role', async () => {
    const s = setup()
    const form = await s.browser.get('/signin?next=%2Fstart')
    await s.browser.post('/signin', { username: 'alice', password: 'Alice-demo-pass-1', next: '/start' }, form)
    const portal = await s.browser.get('/start')
    expect(portal.html).toContain(
      `href="/console/sso?account_id=${DEV}&amp;role_name=AdministratorAccess" data-testid="console-link">Management console</a>`,
    )
    const open = await s.browser.get(`/console/sso?account_id=${DEV}&role_name=AdministratorAccess`)
    expect(open.status).toBe(302)
    const page = await s.browser.get(pathOf(open.location))
    expect(page.html).toContain('AWSReservedSSO_AdministratorAccess_')
    expect((await s.browser.get(`/console/sso?account_id=123456789022&role_name=AdministratorAccess`)).status).toBe(403)
  })

  it('sends a browser without a web session to sign in first', async () => {
    const s = setup()
    const res = await s.browser.get(`/console/sso?account_id=${DEV}&role_name=AdministratorAccess`)
    expect(res.status).toBe(302)
    expect(res.location).toMatch(/^\/signin\?next=/)
  })
})
