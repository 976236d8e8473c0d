// `idc server --smtp`: the URL, and delivery to a real SMTP listener on 127.0.0.1 (smtp-server,
// parsed back with mailparser). Opens loopback sockets because the socket is what it tests.
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { callJson } from '../../../test/helpers/server/test-clients.js'
import { pathOf } from '../../../test/helpers/server/test-browser.js'
import { setupPages } from '../../../test/helpers/server/page-flows.js'
import { startSmtpListener } from '../../../test/helpers/server/smtp-listener.js'
import { createInvitation } from '../domain/invitations.js'
import { createSmtpTransport, type SmtpTransport } from './smtp.js'
import { DEFAULT_MAIL_FROM, parseSmtpUrl, redactSecrets, SmtpUrlError } from './smtp-url.js'

describe('parseSmtpUrl', () => {
  it.each([
    ['smtp://127.0.0.1:1025', { host: '127.0.0.1', port: 1025, secure: false, user: undefined, password: undefined }],
    ['smtp://mail.example.com', { host: 'mail.example.com', port: 25, secure: false }],
    ['smtps://mail.example.com', { host: 'mail.example.com', port: 465, secure: true }],
    ['smtp://[::1]:2525', { host: '::1', port: 2525 }],
    ['smtps://ci%40corp:p%40ss%3Aword@mail.example.com:4650', { user: 'ci@corp', password: 'p@ss:word', port: 4650 }],
    ['smtp://ci@mail.example.com', { user: 'ci', password: undefined }],
    ['smtp://h:25?from=idc%40example.com&skip_verify=true', { from: 'idc@example.com', skipVerify: true }],
    ['smtp://h:25', { from: DEFAULT_MAIL_FROM, skipVerify: false }],
  ])('reads %s', (url, expected) => {
    expect(parseSmtpUrl(url)).toMatchObject(expected)
  })

  it('shows the URL without its password', () => {
    expect(parseSmtpUrl('smtps://ci:hunter2-secret@mail.example.com:465').display).toBe(
      'smtps://ci:***@mail.example.com:465',
    )
  })

  it.each([
    ['not a URL', 'must look like smtp://HOST:PORT'],
    ['http://ci:hunter2-secret@mail.example.com', 'must start with smtp:// or smtps://, not http://'],
    ['smtp://ci:hunter2-secret@mail.example.com/inbox', 'takes no path'],
    ['smtp://mail.example.com?tls=off', "unknown parameter 'tls' (known: from, skip_verify)"],
    ['smtp://mail.example.com?skip_verify=yes', "skip_verify in the SMTP URL must be true or false, not 'yes'"],
    ['smtp://:hunter2-secret@mail.example.com', 'a password but no user name'],
  ])('refuses %s without repeating a password', (url, message) => {
    const error = (() => {
      try {
        parseSmtpUrl(url)
      } catch (e) {
        return e as Error
      }
      throw new Error('accepted')
    })()
    expect(error).toBeInstanceOf(SmtpUrlError)
    expect(error.message).toContain(message)
    expect(error.message).not.toContain('hunter2-secret')
  })

  it('redacts each secret of four characters or more, wherever it occurs', () => {
    expect(redactSecrets('535 bad pass pw-1234 for pw-1234; token abc', ['pw-1234', 'abc', undefined])).toBe(
      '535 bad pass *** for ***; token abc',
    )
  })
})

/** A port nothing listens on: a listener is opened and closed again. */
async function closedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok))
  const port = (probe.address() as AddressInfo).port
  await new Promise<void>((ok) => probe.close(() => ok()))
  return port
}

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** The console and APIs over test deps, delivering mail through `url`. */
function setupWithSmtp(url: string): ReturnType<typeof setupPages> & { transport: SmtpTransport } {
  const s = setupPages('en', { now: Date.now() })
  const transport = createSmtpTransport(parseSmtpUrl(url))
  s.deps.mail = transport
  return { ...s, transport }
}

async function addUserOnConsole(s: ReturnType<typeof setupPages>, username: string, email: string) {
  const signin = await s.browser.get('/admin/signin')
  await s.browser.post('/admin/signin', { username: 'admin', password: 'Admin-demo-pass-1' }, signin)
  const form = await s.browser.get('/admin/users/new')
  const added = await s.browser.post(
    '/admin/users/new',
    {
      username,
      passwordMode: 'email',
      email,
      confirmEmail: email,
      givenName: 'Carol',
      familyName: 'Example',
      displayName: 'Carol Example',
    },
    form,
  )
  expect(added.status).toBe(302)
}

describe('delivery over SMTP', () => {
  it('delivers the invitation of a user added on the console, with subject, recipient and link', async () => {
    const smtp = await startSmtpListener({
      authOptional: false,
      onAuth(auth, _session, done) {
        if (auth.username === 'idc' && auth.password === 'catcher-pass') done(null, { user: 'idc' })
        else done(new Error('Invalid username or password'))
      },
    })
    cleanups.push(smtp.close)
    const s = setupWithSmtp(`smtp://idc:catcher-pass@127.0.0.1:${smtp.port}?from=idc%40example.com`)
    await addUserOnConsole(s, 'carol', 'carol@example.com')
    await smtp.waitFor(1)
    await s.transport.close()

    const [kept] = s.deps.store.listMail()
    const mail = smtp.received[0]!
    expect(mail.subject).toBe('Invitation to join AWS IAM Identity Center')
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('carol@example.com')
    expect(mail.from?.text).toBe('idc@example.com')
    expect(mail.headers.get('x-idc-mail-id')).toBe(kept!.id)
    expect(mail.text?.trim()).toBe(kept!.body)
    expect(mail.text).toContain(`Accept invitation: ${kept!.link}`)
    expect(kept!.link).toMatch(/^http:\/\/localhost\/invitation\?token=/)
    expect(kept!.delivery).toEqual({ status: 'delivered' })

    const api = (await (await s.app.request('/_idc/outbox')).json()) as { messages: any[] }
    expect(api.messages[0].delivery).toEqual({ status: 'delivered' })
    const page = await s.browser.get(`/admin/outbox/${kept!.id}`)
    expect(page.html).toContain('data-delivery="delivered">Delivered<')
  })

  it('delivers the invitation of a user created with identitystore CreateUser', async () => {
    const smtp = await startSmtpListener()
    cleanups.push(smtp.close)
    const s = setupWithSmtp(`smtp://127.0.0.1:${smtp.port}`)
    const created = await callJson({
      app: s.app,
      credentials: s.deps.store.getAdminCredentials()!,
      target: 'AWSIdentityStore.CreateUser',
      signingName: 'identitystore',
      body: {
        IdentityStoreId: 'd-9567a1b2c3',
        UserName: 'erin',
        DisplayName: 'Erin Example',
        Name: { GivenName: 'Erin', FamilyName: 'Example' },
        Emails: [{ Value: 'erin@example.com', Primary: true }],
      },
    })
    expect(created.status).toBe(200)
    await smtp.waitFor(1)
    await s.transport.close()
    const mail = smtp.received[0]!
    expect(mail.subject).toBe('Invitation to join AWS IAM Identity Center')
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('erin@example.com')
    expect(mail.from?.value[0]).toEqual({
      name: 'AWS IAM Identity Center',
      address: 'no-reply@idc-server.localhost',
    })
    expect(mail.text).toMatch(/Accept invitation: http:\/\/localhost\/invitation\?token=[\w-]+/)
  })

  it('delivers over smtps:// to a self-signed certificate only with skip_verify=true', async () => {
    const smtp = await startSmtpListener({ secure: true })
    cleanups.push(smtp.close)
    const strict = setupWithSmtp(`smtps://127.0.0.1:${smtp.port}`)
    const user = strict.deps.store.findUserByName('alice')!
    createInvitation(strict.deps, user.id, 'password-reset')
    await strict.transport.close()
    const refused = strict.deps.store.listMail()[0]!.delivery
    expect(refused?.status).toBe('failed')
    // smtp-server's built-in certificate is self-signed (and by now expired): either way not trusted.
    expect(refused?.error).toMatch(/certificate/)

    const relaxed = setupWithSmtp(`smtps://127.0.0.1:${smtp.port}?skip_verify=true`)
    createInvitation(relaxed.deps, relaxed.deps.store.findUserByName('alice')!.id, 'password-reset')
    await smtp.waitFor(1)
    await relaxed.transport.close()
    expect(smtp.received[0]!.subject).toBe('Reset your AWS IAM Identity Center password')
    expect(relaxed.deps.store.listMail()[0]!.delivery).toEqual({ status: 'delivered' })
  })

  it('keeps the mail and logs a refused connection without failing the console action', async () => {
    const port = await closedPort()
    const s = setupWithSmtp(`smtp://idc:catcher-pass@127.0.0.1:${port}`)
    await addUserOnConsole(s, 'carol', 'carol@example.com')
    expect(s.deps.store.findUserByName('carol')?.status).toBe('invited')
    await s.transport.close()

    const [kept] = s.deps.store.listMail()
    expect(kept!.delivery).toEqual({ status: 'failed', error: `connect ECONNREFUSED 127.0.0.1:${port}` })
    const warning = s.deps.lines.find((l) => l.startsWith('warn Could not deliver'))
    expect(warning).toBe(
      `warn Could not deliver mail ${kept!.id} (invitation) to carol@example.com over SMTP: connect ECONNREFUSED 127.0.0.1:${port}. It stays in the outbox.`,
    )
    const token = new URL(kept!.link!).searchParams.get('token')!
    const warnings = s.deps.lines.filter((l) => l.startsWith('warn')).join('\n')
    expect(warnings).not.toContain('catcher-pass')
    expect(warnings).not.toContain(token)
    const outbox = await s.browser.get('/admin/outbox')
    expect(outbox.html).toContain(`data-delivery="failed" title="connect ECONNREFUSED 127.0.0.1:${port}">Failed: `)
    expect(pathOf(kept!.link)).toMatch(/^\/invitation\?token=/)
  })

  it('reports a refused connection and a refused password from verify() without the password', async () => {
    const port = await closedPort()
    const down = createSmtpTransport(parseSmtpUrl(`smtp://idc:catcher-pass@127.0.0.1:${port}`))
    await expect(down.verify()).rejects.toThrow(`connect ECONNREFUSED 127.0.0.1:${port}`)
    await down.close()

    const smtp = await startSmtpListener({
      authOptional: false,
      onAuth: (_auth, _session, done) => done(new Error('Invalid username or password')),
    })
    cleanups.push(smtp.close)
    const wrong = createSmtpTransport(parseSmtpUrl(`smtp://idc:catcher-pass@127.0.0.1:${smtp.port}`))
    const error = await wrong.verify().then(
      () => undefined,
      (e: Error) => e,
    )
    await wrong.close()
    expect(error?.message).toMatch(/Invalid login: 535/)
    expect(error?.message).not.toContain('catcher-pass')
  })
})
