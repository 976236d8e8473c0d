// Abuse cases of the pages, through app.request(): where a redirect may go, what headers every page
// carries, and how guessing passwords, MFA codes and user codes is slowed down without locking the
// legitimate user out. Time moves with the test clock; nothing sleeps.
import { describe, expect, it } from 'vitest'
import { TestBrowser, pathOf } from '../../../test/helpers/server/test-browser.js'
import { pollDeviceToken, setupPages, signIn, startDevice } from '../../../test/helpers/server/page-flows.js'

const ALICE = 'Alice-demo-pass-1'

describe('redirect targets', () => {
  it.each([
    ['a tab inside //', '/\t/evil.example/'],
    ['CR and LF inside //', '/\r\n/evil.example/'],
    ['a backslash', '/\\evil.example/'],
    ['a leading tab', '\t//evil.example/'],
    ['dot segments making //', '/..//evil.example/'],
    ['an absolute URL', 'https://evil.example/'],
  ])('after sign-in, next with %s stays on this origin', async (_name, next) => {
    const s = setupPages()
    const res = await signIn(s, next, 'alice', ALICE)
    expect(res.status).toBe(302)
    expect(res.location).not.toMatch(/[\t\r\n\\]/)
    expect(new URL(res.location!, 'http://localhost').origin).toBe('http://localhost')
  })

  it('answers CR/LF in next with a redirect, not a 500 with a stack trace', async () => {
    const s = setupPages()
    const res = await signIn(s, '/start\r\nSet-Cookie: x=1', 'alice', ALICE)
    expect([res.status, res.location]).toEqual([302, '/startSet-Cookie:%20x=1'])
    expect(s.deps.lines.filter((l) => l.startsWith('warn '))).toEqual([])
  })

  it('keeps the MFA step on this origin too', async () => {
    const s = setupPages()
    const form = await s.browser.get('/signin')
    const pw = await s.browser.post(
      '/signin',
      { username: 'bob', password: 'Bob-demo-pass-1', next: '/\t/evil.example' },
      form,
    )
    expect(pw.location).toBe('/signin/mfa?next=%2Fstart')
  })
})

describe('security headers and the 404 page', () => {
  it.each([
    ['/signin', 200],
    ['/device?user_code=ABCD-EFGH', 200],
    ['/authorize?client_id=nobody', 400],
    ['/start', 302],
    ['/invitation?token=nothing-valid-here', 404],
    ['/no/such/page', 404],
  ])('%s (%i) sends nosniff, no-referrer and no framing', async (path, status) => {
    const s = setupPages()
    const res = await s.app.request(path, { headers: { accept: 'text/html' } })
    expect(res.status).toBe(status)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })

  it('answers an unknown path with the styled 404 page in the request language', async () => {
    const s = setupPages('ja')
    const page = await s.browser.get('/no/such/page')
    expect(page.status).toBe(404)
    expect(page.html).toMatch(/^<!DOCTYPE html><html lang="ja">/)
    expect(page.html).toContain('<h1>ページが見つかりません</h1>')
    expect(page.html).toContain('IAM Identity Center（ローカル）')
    expect(page.headers.get('set-cookie')).toBeNull()
  })
})

describe('password and MFA guessing', () => {
  it('slows an account down with doubling delays capped at 15 minutes, and the right password then works', async () => {
    const s = setupPages()
    const attempt = async (password: string) => (await signIn(s, '/start', 'alice', password)).status
    for (let i = 0; i < 5; i++) expect(await attempt('wrong')).toBe(401)
    const waits: number[] = []
    for (let round = 0; round < 6; round++) {
      const blocked = await signIn(s, '/start', 'alice', ALICE)
      expect(blocked.status).toBe(429)
      const wait = Number(blocked.headers.get('retry-after'))
      waits.push(wait)
      s.deps.advance(wait * 1000)
      expect(await attempt('wrong')).toBe(401)
    }
    expect(waits).toEqual([60, 120, 240, 480, 900, 900])
    s.deps.advance(900_000)
    expect(await attempt(ALICE)).toBe(302)
  })

  it('counts wrong MFA codes against the account', async () => {
    const s = setupPages()
    const form = await s.browser.get('/signin')
    const pw = await s.browser.post('/signin', { username: 'bob', password: 'Bob-demo-pass-1', next: '/start' }, form)
    const mfa = await s.browser.get(pathOf(pw.location))
    for (let i = 0; i < 5; i++) await s.browser.post('/signin/mfa', { mfa_code: '000000', next: '/start' }, mfa)
    const blocked = await s.browser.post('/signin/mfa', { mfa_code: '000000', next: '/start' }, mfa)
    expect(blocked.status).toBe(429)
    expect(blocked.html).toContain('Too many failed attempts. Wait 60 seconds and try again.')
    expect((await signIn(s, '/start', 'bob', 'Bob-demo-pass-1', undefined, new TestBrowser(s.app))).status).toBe(429)
  })

  it('slows down password spraying from one source over many user names, not other sources', async () => {
    const s = setupPages()
    const sprayer = new TestBrowser(s.app, 'en', '10.0.0.9')
    for (let i = 0; i < 21; i++)
      expect((await signIn(s, '/start', `user${i}`, 'Password-1', undefined, sprayer)).status).toBe(401)
    expect((await signIn(s, '/start', 'alice', ALICE, undefined, sprayer)).status).toBe(429)
    const elsewhere = new TestBrowser(s.app, 'en', '10.0.0.10')
    expect((await signIn(s, '/start', 'alice', ALICE, undefined, elsewhere)).status).toBe(302)
    s.deps.advance(1000)
    expect((await signIn(s, '/start', 'alice', ALICE, undefined, sprayer)).status).toBe(302)
  })
})

describe('user-code guessing', () => {
  it('throttles a signed-in user guessing on the consent step, GET and POST sharing one count', async () => {
    const s = setupPages()
    await signIn(s, '/start', 'alice', ALICE)
    const statuses: number[] = []
    for (let i = 0; i < 11; i++)
      statuses.push((await s.browser.get(`/device/consent?user_code=BBBB-BB${10 + i}`)).status)
    expect(statuses).toEqual(Array(11).fill(400))
    const page = await s.browser.get('/device')
    const post = await s.browser.post('/device/consent', { user_code: 'CCCC-CCCC', decision: 'allow' }, page)
    expect(post.status).toBe(429)
    expect((await s.browser.get('/device/consent?user_code=CCCC-CCCC')).status).toBe(429)
  })

  it('lets a user sign in and approve while another local process is locked out for guessing', async () => {
    const s = setupPages()
    const guesser = new TestBrowser(s.app)
    const form = await guesser.get('/device?user_code=BBBB-BBBB')
    for (let i = 0; i < 40; i++) await guesser.post('/device', { user_code: `BBBB-BB${10 + i}` }, form)
    const { c, d } = await startDevice(s)
    const page = await s.browser.get(`/device?user_code=${d.userCode}`)
    const confirmed = await s.browser.post('/device', { user_code: d.userCode }, page)
    expect(confirmed.location).toBe(`/device/consent?user_code=${d.userCode}`)
    const toSignIn = await s.browser.get(pathOf(confirmed.location))
    const signedIn = await signIn(s, decodeURIComponent(toSignIn.location!.split('next=')[1]!), 'alice', ALICE)
    const consent = await s.browser.get(pathOf(signedIn.location))
    expect(consent.status).toBe(200)
    const approved = await s.browser.post('/device/consent', { user_code: d.userCode, decision: 'allow' }, consent)
    expect(approved.html).toContain('Request approved')
    expect((await pollDeviceToken(s, c, d.deviceCode)).status).toBe(200)
  })
})
