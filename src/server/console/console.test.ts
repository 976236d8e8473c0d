// Server tests of the administrator's console through app.request(): who may use it, CSRF, and
// guide 002's steps (add a user with an invitation, accept it from the outbox, create a group and
// a permission set, assign it), with the data visible to the identitystore and sso-admin APIs.
import { describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import { generateTotp } from '../domain/secrets.js'
import { saveMfaSettings } from '../domain/mfa-settings.js'
import { callJson } from '../../../test/helpers/server/test-clients.js'
import { TestBrowser, csrfOf, hiddenOf, pathOf, type PageResponse } from '../../../test/helpers/server/test-browser.js'
import { signIn, setupPages } from '../../../test/helpers/server/page-flows.js'
import { createTestDeps } from '../../../test/helpers/server/test-deps.js'

const ADMIN = { username: 'admin', password: 'Admin-demo-pass-1' }

/** Guide 002's add-user form for carol, with an invitation email. */
const CAROL = {
  username: 'carol',
  passwordMode: 'email',
  email: 'carol@example.com',
  confirmEmail: 'carol@example.com',
  givenName: 'Carol',
  familyName: 'Example',
  displayName: 'Carol Example',
}

function setup(lang = 'en') {
  const s = setupPages(lang, { now: Date.now() })
  return s
}

async function signInAdmin(browser: TestBrowser, who = ADMIN): Promise<PageResponse> {
  const page = await browser.get('/admin/signin')
  return browser.post('/admin/signin', who, page)
}

/** GETs `path` and posts `fields` with that page's CSRF token. */
async function submit(browser: TestBrowser, path: string, action: string, fields: Record<string, string>) {
  return browser.post(action, fields, await browser.get(path))
}

describe('console access', () => {
  it('sends a browser without a console session to the console sign-in page', async () => {
    const s = setup()
    for (const path of ['/admin', '/admin/users', '/admin/groups/new', '/admin/accounts', '/admin/permission-sets'])
      expect((await s.browser.get(path)).location, path).toBe('/admin/signin')
  })

  it('refuses a signed-in access-portal user: directory users are not console administrators', async () => {
    const s = setup()
    expect((await signIn(s, '/start', 'alice', 'Alice-demo-pass-1')).location).toBe('/start')
    expect((await s.browser.get('/admin/users')).location).toBe('/admin/signin')
    const refused = await signInAdmin(s.browser, { username: 'alice', password: 'Alice-demo-pass-1' })
    expect(refused.status).toBe(401)
    expect(refused.html).toContain('Your authentication information is incorrect.')
  })

  it('refuses a POST without a console session even with a valid CSRF token', async () => {
    const s = setup()
    const page = await s.browser.get('/admin/signin')
    const res = await s.browser.post('/admin/users/new', { username: 'mallory', passwordMode: 'otp' }, page)
    expect(res.status).toBe(403)
    expect(s.deps.store.findUserByName('mallory')).toBeUndefined()
  })

  it('refuses a console form with a forged CSRF token', async () => {
    const s = setup()
    await signInAdmin(s.browser)
    const res = await s.browser.post('/admin/groups/new', { name: 'Forged', csrf: 'forged' })
    expect(res.status).toBe(403)
    expect(s.deps.store.findGroupByName('Forged')).toBeUndefined()
  })

  it('refuses a wrong password and throttles the administrator name', async () => {
    const s = setup()
    for (let i = 0; i < 5; i++) expect((await signInAdmin(s.browser, { ...ADMIN, password: 'nope' })).status).toBe(401)
    expect((await signInAdmin(s.browser)).status).toBe(429)
  })

  it('signs in with a HttpOnly SameSite=Strict cookie scoped to /admin, and signs out', async () => {
    const s = setup()
    const res = await signInAdmin(s.browser)
    expect(res.location).toBe('/admin')
    expect(res.headers.get('set-cookie')).toMatch(/idc_console=[^;]+;.*Path=\/admin;.*HttpOnly.*SameSite=Strict/)
    const dash = await s.browser.get('/admin')
    expect(dash.status).toBe(200)
    expect(dash.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(dash.headers.get('x-frame-options')).toBe('DENY')
    const out = await s.browser.post('/admin/signout', {}, dash)
    expect(out.location).toBe('/admin/signin')
    expect((await s.browser.get('/admin')).location).toBe('/admin/signin')
  })

  it('applies console administrators from an org file (not directory users)', async () => {
    const deps = createTestDeps({ org: { consoleAdmins: [{ userName: 'root', password: 'Root-pass-12345' }] } })
    const browser = new TestBrowser(createApp(deps))
    expect((await signInAdmin(browser, { username: 'root', password: 'Root-pass-12345' })).location).toBe('/admin')
    expect(deps.store.findUserByName('root')).toBeUndefined()
  })
})

describe('console pages', () => {
  it('shows the dashboard: instance ARN, identity store id, Region, access portal URL, MFA', async () => {
    const s = setup()
    await signInAdmin(s.browser)
    const html = (await s.browser.get('/admin')).html
    const instance = s.deps.store.getInstance()!
    expect(html).toContain(instance.instanceArn)
    expect(html).toContain('<dd data-testid="identity-store-id">d-9567a1b2c3</dd>')
    expect(html).toContain('<dd data-testid="region">ap-northeast-1</dd>')
    expect(html).toContain('https://d-9567a1b2c3.awsapps.com/start')
    expect(html).toContain('Multi-factor authentication')
  })

  it('shows every page in Japanese with AWS wording, and remembers the language switch in a cookie', async () => {
    const s = setup('en')
    await signInAdmin(s.browser)
    const ja = await s.browser.get('/admin/users?lang=ja')
    expect(ja.headers.get('set-cookie')).toMatch(/idc_lang=ja/)
    expect(ja.html).toContain('<html lang="ja">')
    expect(ja.html).toContain('ユーザーを追加')
    expect((await s.browser.get('/admin/permission-sets')).html).toContain('許可セットを作成')
    expect((await s.browser.get('/admin/accounts/123456789011')).html).toContain('ユーザーまたはグループを割り当て')
    const add = (await s.browser.get('/admin/users/new')).html
    expect(add).toContain('パスワードの設定手順が記載された E メールをこのユーザーに送信します。')
    expect(add).toContain('E メールアドレスを確認')
    expect((await s.browser.get('/admin?lang=en')).html).toContain('<html lang="en">')
    expect((await s.browser.get('/admin/groups')).html).toContain('Create group')
  })

  it('lists and searches users', async () => {
    const s = setup()
    await signInAdmin(s.browser)
    const all = (await s.browser.get('/admin/users')).html
    expect(all).toContain('data-user="alice"')
    expect(all).toContain('data-user="bob"')
    const found = (await s.browser.get('/admin/users?q=BOB')).html
    expect(found).toContain('data-user="bob"')
    expect(found).not.toContain('data-user="alice"')
  })

  it('answers 404 in the console for an unknown user, group, permission set or account', async () => {
    const s = setup()
    await signInAdmin(s.browser)
    for (const path of [
      '/admin/users/x',
      '/admin/groups/x',
      '/admin/permission-sets/x',
      '/admin/accounts/999999999999',
    ])
      expect((await s.browser.get(path)).status, path).toBe(404)
  })

  it('refuses an add-user form with mismatched emails, a taken name, or no email for an invitation', async () => {
    const s = setup()
    await signInAdmin(s.browser)
    const base = CAROL
    const cases: [Record<string, string>, string][] = [
      [{ confirmEmail: 'carol@example.org' }, 'The email addresses do not match.'],
      [{ username: 'alice' }, 'A user with the username alice already exists.'],
      [{ email: '', confirmEmail: '' }, 'An email address is required to send password setup instructions.'],
      [{ username: 'has space' }, 'Enter a valid username.'],
    ]
    for (const [change, message] of cases) {
      const res = await submit(s.browser, '/admin/users/new', '/admin/users/new', { ...base, ...change })
      expect([res.status, res.html.includes(message)], message).toEqual([400, true])
    }
    expect(s.deps.store.findUserByName('carol')).toBeUndefined()
  })

  it('adds a user with a one-time password shown once, which must be changed at the first sign-in as AWS requires', async () => {
    const s = setup()
    await signInAdmin(s.browser)
    const res = await submit(s.browser, '/admin/users/new', '/admin/users/new', {
      username: 'dave',
      passwordMode: 'otp',
      email: '',
      confirmEmail: '',
      givenName: 'Dave',
      familyName: 'Example',
      displayName: 'Dave Example',
    })
    const password = /data-testid="one-time-password">([^<]+)</.exec(res.html)?.[1] ?? ''
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}Aa1$/)
    expect(s.deps.store.listMail()).toEqual([])
    const portal = new TestBrowser(s.app)
    const signedIn = await portal.post(
      '/signin',
      { username: 'dave', password, next: '/start' },
      await portal.get('/signin'),
    )
    expect(signedIn.location).toBe('/signin/password?next=%2Fstart')

    // Not signed in yet: the portal, the MFA steps and the APIs' sign-in all lead back to sign-in.
    expect((await portal.get('/start')).location).toMatch(/^\/signin/)
    for (const path of ['/signin/enrol?next=%2Fstart', '/signin/mfa?next=%2Fstart'])
      expect((await portal.get(path)).location, path).toMatch(/^\/signin(\/password)?\?next=/)

    expect((await portal.get('/signin?next=%2Fstart')).location).toBe('/signin/password?next=%2Fstart')
    const form = await portal.get('/signin/password?next=%2Fstart')
    expect(form.html).toContain('<h1>Set new password</h1>')
    expect(form.html).toContain('You signed in with a one-time password. Choose a new password to continue.')
    const change = (fields: Record<string, string>) =>
      portal.post('/signin/password', { next: '/start', ...fields }, form)
    const weak = await change({ new_password: 'short', confirm_password: 'short' })
    expect([weak.status, weak.html.includes('The password does not meet the policy.')]).toEqual([400, true])
    const same = await change({ new_password: password, confirm_password: password })
    expect([same.status, same.html.includes('Choose a password other than your one-time password.')]).toEqual([
      400,
      true,
    ])
    const changed = await change({ new_password: 'Dave-own-pass-1', confirm_password: 'Dave-own-pass-1' })
    expect(changed.location).toBe('/start')
    expect((await portal.get('/start')).status).toBe(200)
    expect(s.deps.store.findUserByName('dave')?.passwordChangeRequired).toBeUndefined()

    // The one-time password is gone; the new one signs straight in.
    const again = new TestBrowser(s.app)
    const old = await again.post('/signin', { username: 'dave', password, next: '/start' }, await again.get('/signin'))
    expect(old.status).toBe(401)
    const own = await again.post(
      '/signin',
      { username: 'dave', password: 'Dave-own-pass-1', next: '/start' },
      await again.get('/signin'),
    )
    expect(own.location).toBe('/start')
  })

  it("resets an active user's password to a one-time password, which the user must change at the next sign-in", async () => {
    const s = setup()
    await signInAdmin(s.browser)
    const alice = s.deps.store.findUserByName('alice')!
    const details = await s.browser.get(`/admin/users/${alice.id}`)
    expect(details.html).toContain('Generate a one-time password and share the password with the user.')
    const reset = await s.browser.post(`/admin/users/${alice.id}/reset-password`, { mode: 'otp' }, details)
    expect(reset.html).toContain('The password of alice was reset.')
    const password = /data-testid="one-time-password">([^<]+)</.exec(reset.html)?.[1] ?? ''
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}Aa1$/)
    expect(s.deps.store.listMail()).toEqual([])

    const portal = new TestBrowser(s.app)
    const old = await portal.post(
      '/signin',
      { username: 'alice', password: 'Alice-demo-pass-1', next: '/start' },
      await portal.get('/signin'),
    )
    expect(old.status).toBe(401)
    const signedIn = await portal.post(
      '/signin',
      { username: 'alice', password, next: '/start' },
      await portal.get('/signin'),
    )
    expect(signedIn.location).toBe('/signin/password?next=%2Fstart')
  })

  it("refuses a new password posted without the page's CSRF token or by a browser that never signed in", async () => {
    const s = setup()
    const alice = s.deps.store.findUserByName('alice')!
    s.deps.store.setUserPassword(alice.id, s.deps.passwords.hash('Alice-otp-pass-1'), { changeRequired: true })
    const fields = { next: '/start', new_password: 'Mallory-pass-12', confirm_password: 'Mallory-pass-12' }
    const portal = new TestBrowser(s.app)
    await portal.post(
      '/signin',
      { username: 'alice', password: 'Alice-otp-pass-1', next: '/start' },
      await portal.get('/signin'),
    )
    expect((await portal.post('/signin/password', { ...fields, csrf: 'forged' })).status).toBe(403)
    const stranger = new TestBrowser(s.app)
    const unsigned = await stranger.post('/signin/password', fields, await stranger.get('/signin'))
    expect(unsigned.location).toBe('/signin?next=%2Fstart')
    const still = s.deps.store.getUser(alice.id)!
    expect(still.passwordChangeRequired).toBe(true)
    expect(s.deps.passwords.verify('Alice-otp-pass-1', still.passwordHash)).toBe(true)
  })

  it('asks a one-time password user to change it before registering MFA when MFA is always required', async () => {
    const s = setup('ja')
    const user = s.deps.store.findUserByName('alice')!
    s.deps.store.setUserPassword(user.id, s.deps.passwords.hash('Alice-otp-pass-1'), { changeRequired: true })
    saveMfaSettings(s.deps.store, { required: true, authenticatorApps: true, securityKeys: false })
    const portal = new TestBrowser(s.app, 'ja')
    const signedIn = await portal.post(
      '/signin',
      { username: 'alice', password: 'Alice-otp-pass-1', next: '/start' },
      await portal.get('/signin'),
    )
    expect(signedIn.location).toBe('/signin/password?next=%2Fstart')
    const form = await portal.get(pathOf(signedIn.location))
    expect(form.html).toContain('<h1>新しいパスワードを設定</h1>')
    const changed = await portal.post(
      '/signin/password',
      { next: '/start', new_password: 'Alice-new-pass-1', confirm_password: 'Alice-new-pass-1' },
      form,
    )
    expect(changed.location).toBe('/signin/enrol?next=%2Fstart')
    expect((await portal.get(pathOf(changed.location))).status).toBe(200)
  })
})

describe("guide 002's console steps", () => {
  it('adds carol with an invitation email, which she accepts from the outbox; the API lists her', async () => {
    const s = setup()
    await signInAdmin(s.browser)
    const added = await submit(s.browser, '/admin/users/new', '/admin/users/new', CAROL)
    expect(added.status).toBe(302)
    const details = await s.browser.get(pathOf(added.location))
    expect(details.html).toContain('User carol was added. An invitation email was sent to carol@example.com.')

    const outbox = (await (await s.app.request('/_idc/outbox')).json()) as { messages: any[] }
    expect(outbox.messages).toHaveLength(1)
    const mail = outbox.messages[0]
    expect([mail.kind, mail.to, mail.subject]).toEqual([
      'invitation',
      'carol@example.com',
      'Invitation to join AWS IAM Identity Center',
    ])
    expect(mail.body).toContain(`Accept invitation: ${mail.link}`)
    // The outbox is the console administrator's: a browser without the console session is sent to sign in.
    expect((await new TestBrowser(s.app).get(`/outbox/${mail.id}`)).location).toBe(`/admin/outbox/${mail.id}`)
    expect((await new TestBrowser(s.app).get(`/admin/outbox/${mail.id}`)).location).toBe('/admin/signin')
    const page = await s.browser.get(`/admin/outbox/${mail.id}`)
    expect(page.html).toContain('Accept invitation</a>')

    const carol = new TestBrowser(s.app)
    const invite = await carol.get(pathOf(mail.link))
    const set = await carol.post(
      '/invitation',
      { token: hiddenOf(invite.html, 'token'), new_password: 'Carol-pass-1234', confirm_password: 'Carol-pass-1234' },
      invite,
    )
    const mfa = await carol.get(pathOf(set.location))
    const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(mfa.html)?.[1] ?? ''
    const done = await carol.post(
      '/invitation/mfa',
      { token: hiddenOf(mfa.html, 'token'), mfa_code: generateTotp(secret, s.deps.clock()) },
      mfa,
    )
    expect(done.location).toBe('/signin?invited=1')
    expect(s.deps.store.findUserByName('carol')?.status).toBe('active')

    const admin = s.deps.store.getAdminCredentials()!
    const listed = await callJson({
      app: s.app,
      credentials: admin,
      target: 'AWSIdentityStore.ListUsers',
      signingName: 'identitystore',
      body: { IdentityStoreId: 'd-9567a1b2c3' },
    })
    expect(listed.json.Users.map((u: { UserName: string }) => u.UserName)).toContain('carol')
  })

  it('creates a group with carol, an 8-hour AdministratorAccess permission set, and assigns it on DeveloperAccount', async () => {
    const s = setup()
    s.deps.store.createUser({ id: 'u-carol', userName: 'carol', status: 'active', createdAt: s.deps.clock() })
    await signInAdmin(s.browser)
    // The demo already has a permission set named AdministratorAccess: a predefined one takes a name.
    const group = await submit(s.browser, '/admin/groups/new', '/admin/groups/new', {
      name: 'Admins',
      description: 'Administrators',
      'member:u-carol': '1',
    })
    const groupId = s.deps.store.findGroupByName('Admins')!.id
    expect(group.location).toBe(`/admin/groups/${groupId}`)
    expect((await s.browser.get(group.location!)).html).toContain('data-member="carol"')

    const ps = await submit(s.browser, '/admin/permission-sets/new', '/admin/permission-sets/new', {
      type: 'predefined',
      predefinedPolicy: 'AdministratorAccess',
      name: 'Admin8h',
      sessionHours: '8',
    })
    const created = s.deps.store.findPermissionSetByName('Admin8h')!
    expect(ps.location).toBe(`/admin/permission-sets/${created.id}`)
    expect([created.sessionDuration, created.managedPolicies]).toEqual(['PT8H', ['AdministratorAccess']])

    const assigned = await submit(
      s.browser,
      '/admin/accounts/123456789011/assign',
      '/admin/accounts/123456789011/assign',
      {
        [`group:${groupId}`]: '1',
        [`ps:${created.id}`]: '1',
      },
    )
    expect(assigned.location).toBe('/admin/accounts/123456789011?assigned=1')
    const account = (await s.browser.get(assigned.location!)).html
    expect(account).toContain('data-assignment="Admins:Admin8h"')
    expect(account).toContain('Provisioned')
    expect(s.deps.store.listPermissionSetsOfUser('u-carol', '123456789011').map((p) => p.name)).toContain('Admin8h')

    const instanceArn = s.deps.store.getInstance()!.instanceArn
    const listed = await callJson({
      app: s.app,
      credentials: s.deps.store.getAdminCredentials()!,
      target: 'SWBExternalService.DescribePermissionSet',
      signingName: 'sso',
      body: {
        InstanceArn: instanceArn,
        PermissionSetArn: `arn:aws:sso:::permissionSet/${instanceArn.split('/').pop()}/${created.id}`,
      },
    })
    expect(listed.json.PermissionSet).toMatchObject({ Name: 'Admin8h', SessionDuration: 'PT8H' })
  })

  it('edits a custom permission set: policies, inline policy, duration, relay state; refuses a bad policy', async () => {
    const s = setup()
    await signInAdmin(s.browser)
    const id = s.deps.store.findPermissionSetByName('ReadOnly')!.id
    const bad = await submit(s.browser, `/admin/permission-sets/${id}`, `/admin/permission-sets/${id}`, {
      sessionHours: '2',
      inlinePolicy: '{nope',
    })
    expect(bad.status).toBe(400)
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }],
    })
    const ok = await submit(s.browser, `/admin/permission-sets/${id}`, `/admin/permission-sets/${id}`, {
      sessionHours: '12',
      relayState: 'https://console.aws.amazon.com/s3',
      'policy:ViewOnlyAccess': '1',
      inlinePolicy: policy,
    })
    expect(ok.location).toBe(`/admin/permission-sets/${id}?saved=1`)
    const ps = s.deps.store.getPermissionSet(id)!
    expect([ps.sessionDuration, ps.relayState, ps.managedPolicies, ps.inlinePolicy]).toEqual([
      'PT12H',
      'https://console.aws.amazon.com/s3',
      ['ViewOnlyAccess'],
      policy,
    ])
  })

  it('sends a password reset that sets a new password and keeps the MFA device', async () => {
    const s = setup()
    await signInAdmin(s.browser)
    const bob = s.deps.store.findUserByName('bob')!
    const res = await submit(s.browser, `/admin/users/${bob.id}`, `/admin/users/${bob.id}/reset-password`, {})
    expect((await s.browser.get(pathOf(res.location))).html).toContain(
      'Password reset instructions were sent to bob@example.com.',
    )
    const mail = s.deps.store.listMail()[0]!
    expect([mail.kind, mail.subject]).toEqual(['password-reset', 'Reset your AWS IAM Identity Center password'])
    const b = new TestBrowser(s.app)
    const page = await b.get(pathOf(mail.link))
    const set = await b.post(
      '/invitation',
      { token: hiddenOf(page.html, 'token'), new_password: 'Bob-new-pass-123', confirm_password: 'Bob-new-pass-123' },
      page,
    )
    expect(set.location).toBe('/signin?invited=1')
    expect(s.deps.store.findUserByName('bob')!.totpSecret).toBe('JBSWY3DPEHPK3PXP')
    expect(s.deps.passwords.verify('Bob-new-pass-123', s.deps.store.findUserByName('bob')!.passwordHash)).toBe(true)
    expect(csrfOf(page.html)).toBeTruthy()
  })
})

describe('console deletions', () => {
  it('disables, enables and deletes a user; a disabled user cannot sign in', async () => {
    const s = setup()
    await signInAdmin(s.browser)
    const alice = s.deps.store.findUserByName('alice')!
    await submit(s.browser, `/admin/users/${alice.id}`, `/admin/users/${alice.id}/disable`, {})
    expect(s.deps.store.getUser(alice.id)?.status).toBe('disabled')
    expect((await signIn(s, '/start', 'alice', 'Alice-demo-pass-1')).status).toBe(401)
    await submit(s.browser, `/admin/users/${alice.id}`, `/admin/users/${alice.id}/enable`, {})
    expect(s.deps.store.getUser(alice.id)?.status).toBe('active')
    const res = await submit(s.browser, `/admin/users/${alice.id}`, `/admin/users/${alice.id}/delete`, {})
    expect((await s.browser.get(pathOf(res.location))).html).toContain('User alice was deleted.')
    expect(s.deps.store.findUserByName('alice')).toBeUndefined()
    expect(s.deps.store.listAssignments({ principalId: alice.id })).toEqual([])
  })

  it('deletes a group, and a permission set only once nothing is assigned it', async () => {
    const s = setup()
    await signInAdmin(s.browser)
    const devs = s.deps.store.findGroupByName('Developers')!
    await submit(s.browser, `/admin/groups/${devs.id}`, `/admin/groups/${devs.id}/delete`, {})
    expect(s.deps.store.findGroupByName('Developers')).toBeUndefined()
    const admin = s.deps.store.findPermissionSetByName('AdministratorAccess')!
    const refused = await submit(
      s.browser,
      `/admin/permission-sets/${admin.id}`,
      `/admin/permission-sets/${admin.id}/delete`,
      {},
    )
    expect(refused.status).toBe(400)
    const billing = s.deps.store.findPermissionSetByName('BillingOnly')!
    const ok = await submit(
      s.browser,
      `/admin/permission-sets/${billing.id}`,
      `/admin/permission-sets/${billing.id}/delete`,
      {},
    )
    expect(ok.location).toBe('/admin/permission-sets')
    expect(s.deps.store.getPermissionSet(billing.id)).toBeUndefined()
  })
})

describe('the outbox API', () => {
  const get = (s: ReturnType<typeof setup>, url: string, peer?: string) =>
    s.app.request(url, {}, peer ? { incoming: { socket: { remoteAddress: peer } } } : undefined)

  it.each([
    ['127.0.0.1', 'http://127.0.0.1:8080/_idc/outbox'],
    ['::1', 'http://[::1]:8080/_idc/outbox'],
    ['::ffff:127.0.0.1', 'http://localhost:8080/_idc/outbox'],
  ])('answers a caller on this machine (%s, %s)', async (peer, url) => {
    const res = await get(setup(), url, peer)
    expect(res.status).toBe(200)
  })

  it.each([
    ['a peer on the network (idc server --host 0.0.0.0)', '192.0.2.10', 'http://127.0.0.1:8080/_idc/outbox'],
    ['a web page that rebinds its own name to 127.0.0.1', '127.0.0.1', 'http://rebind.example:8080/_idc/outbox'],
  ])('refuses %s with 403 and no mail', async (_name, peer, url) => {
    const s = setup()
    await signInAdmin(s.browser)
    await submit(s.browser, '/admin/users/new', '/admin/users/new', CAROL)
    const res = await get(s, url, peer)
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain('/invitation?token=')
  })
})

describe('console settings', () => {
  it('requires MFA: alice (no device) registers one at her next sign-in, then signs in with it', async () => {
    const s = setup()
    await signInAdmin(s.browser)
    const saved = await submit(s.browser, '/admin/settings', '/admin/settings', {
      mfa: 'always',
      authenticatorApps: '1',
      sessionHours: '12',
    })
    expect(saved.location).toBe('/admin/settings?saved=1')
    expect(s.deps.store.getInstance()?.sessionDurationSeconds).toBe(12 * 3600)
    expect((await s.browser.get('/admin')).html).toContain('Every time they sign in (always-on)')

    const alice = new TestBrowser(s.app)
    const form = await alice.get('/signin?next=%2Fstart')
    const step1 = await alice.post(
      '/signin',
      { username: 'alice', password: 'Alice-demo-pass-1', next: '/start' },
      form,
    )
    expect(step1.location).toBe('/signin/enrol?next=%2Fstart')
    expect((await alice.get('/start')).location).toBe('/signin?next=%2Fstart')
    const enrol = await alice.get(step1.location!)
    const secret = hiddenOf(enrol.html, 'secret')
    const wrong = await alice.post('/signin/enrol', { secret, next: '/start', mfa_code: '000000' }, enrol)
    expect(wrong.status).toBe(400)
    const done = await alice.post(
      '/signin/enrol',
      { secret, next: '/start', mfa_code: generateTotp(secret, s.deps.clock()) },
      enrol,
    )
    expect(done.location).toBe('/start')
    expect(s.deps.store.findUserByName('alice')?.totpSecret).toBe(secret)
  })

  it('generates a SCIM access token shown once and keeps only its hash', async () => {
    const s = setup()
    await signInAdmin(s.browser)
    const res = await submit(s.browser, '/admin/settings', '/admin/settings/scim-token', {})
    const token = /data-testid="scim-token">([^<]+)</.exec(res.html)?.[1] ?? ''
    expect(token.length).toBeGreaterThan(40)
    const [stored] = s.deps.store.listScimTokens()
    expect(stored?.tokenHash).not.toBe(token)
    expect((await s.browser.get('/admin/settings')).html).not.toContain(token)
  })

  it('shows the SCIM endpoint with the tenant id, where that token works', async () => {
    const s = setup()
    await signInAdmin(s.browser)
    const res = await submit(s.browser, '/admin/settings', '/admin/settings/scim-token', {})
    const token = /data-testid="scim-token">([^<]+)</.exec(res.html)?.[1] ?? ''
    const endpoint = /data-testid="scim-endpoint">([^<]+)</.exec(res.html)?.[1] ?? ''
    expect(endpoint).toMatch(/^http:\/\/localhost\/[0-9a-f-]{36}\/scim\/v2\/$/)
    const users = await s.app.request(`${new URL(endpoint).pathname}Users`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(users.status).toBe(200)
  })
})

describe('self-service MFA in the access portal', () => {
  it('lets a signed-in user register an authenticator app and remove it', async () => {
    const s = setup()
    await signIn(s, '/start', 'alice', 'Alice-demo-pass-1')
    expect((await s.browser.get('/start')).html).toContain('href="/start/mfa"')
    const page = await s.browser.get('/start/mfa')
    expect(page.html).toContain('<svg')
    const secret = hiddenOf(page.html, 'secret')
    const ok = await s.browser.post('/start/mfa', { secret, mfa_code: generateTotp(secret, s.deps.clock()) }, page)
    expect(ok.location).toBe('/start/mfa')
    expect(s.deps.store.findUserByName('alice')?.totpSecret).toBe(secret)
    const registered = await s.browser.get('/start/mfa')
    expect(registered.html).toContain('data-testid="mfa-registered"')
    await s.browser.post('/start/mfa/delete', {}, registered)
    expect(s.deps.store.findUserByName('alice')?.totpSecret).toBeNull()
  })

  it('sends a browser without a portal session to sign in', async () => {
    const s = setup()
    expect((await s.browser.get('/start/mfa')).location).toBe('/signin?next=%2Fstart%2Fmfa')
  })
})

describe('the Access keys dialog', () => {
  it('has the recommended Identity Center values, three shell tabs, the three options and copy buttons, and no Markdown', async () => {
    const s = setup()
    await signIn(s, '/start', 'alice', 'Alice-demo-pass-1')
    const html = (await s.browser.get('/start/access-keys?account_id=123456789011&role_name=AdministratorAccess')).html
    expect(html).toContain('AWS IAM Identity Center credentials (Recommended)')
    for (const tab of ['macOS and Linux', 'Windows', 'PowerShell']) expect(html).toContain(`>${tab}</label>`)
    expect(html).toContain('Option 1: Set AWS environment variables')
    expect(html).toContain('Option 3: Use individual values in your AWS service client')
    expect(html).toMatch(/<time datetime="[^"]+Z">/)
    expect(html).toContain('data-copy="sso-start-url"')
    expect(html).not.toContain('`')
  })
})
