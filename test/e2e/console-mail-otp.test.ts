// The console's two password options end to end, in a real Chromium against a real
// `idc server --demo --smtp`: an invitation added on the console arrives at an SMTP listener on
// 127.0.0.1 with its subject, recipient and "Accept invitation" link, and the outbox marks it
// delivered; a user added with a one-time password must set a new password at the first sign-in,
// as AWS requires, before the access portal opens.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { startSmtpListener } from '../helpers/server/smtp-listener.js'
import { launchChromium } from '../helpers/sso-browser.js'
import { findChromium, requireTool } from '../helpers/tools.js'

const chromiumPath = requireTool(findChromium())

async function click(page: Page, action: Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action])
}

describe.skipIf(!chromiumPath)('console mail over SMTP and one-time passwords', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>
  let server: ServerProcess
  let browser: Browser
  let admin: Page

  beforeAll(async () => {
    smtp = await startSmtpListener()
    server = await startServerProcess({ args: ['--smtp', `smtp://127.0.0.1:${smtp.port}?from=idc%40example.com`] })
    browser = await launchChromium(chromiumPath)
    admin = await (await browser.newContext({ locale: 'en-US' })).newPage()
    await admin.goto(`${server.endpoint}/admin`)
    await admin.getByLabel('Username', { exact: true }).fill('admin')
    await admin.getByLabel('Password', { exact: true }).fill('Admin-demo-pass-1')
    await click(admin, admin.getByRole('button', { name: 'Sign in' }).click())
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await smtp?.close()
  })

  async function addUser(username: string, option: 'email' | 'otp'): Promise<void> {
    await admin.goto(`${server.endpoint}/admin/users/new`)
    await admin.getByLabel('Username', { exact: true }).fill(username)
    if (option === 'email') {
      await admin.getByLabel('Send an email to this user with password setup instructions.').check()
      await admin.getByLabel('Email address', { exact: true }).fill(`${username}@example.com`)
      await admin.getByLabel('Confirm email address', { exact: true }).fill(`${username}@example.com`)
    } else {
      await admin.getByLabel('Generate a one-time password that you can share with this user.').check()
    }
    await admin.getByLabel('First name', { exact: true }).fill(username)
    await admin.getByLabel('Last name', { exact: true }).fill('Example')
    await admin.getByLabel('Display name', { exact: true }).fill(`${username} Example`)
    await click(admin, admin.getByRole('button', { name: 'Add user' }).click())
  }

  it('delivers the invitation of a user added on the console to the SMTP server', async () => {
    expect(server.stdout()).toContain(`(also delivered to smtp://127.0.0.1:${smtp.port}?from=idc%40example.com)`)
    await addUser('erin', 'email')
    await smtp.waitFor(1)
    const mail = smtp.received[0]!
    expect(mail.subject).toBe('Invitation to join AWS IAM Identity Center')
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('erin@example.com')
    const link = /Accept invitation: (\S+)/.exec(mail.text ?? '')?.[1]
    expect(link).toMatch(new RegExp(`^${server.endpoint}/invitation\\?token=`))

    // The outbox keeps the same mail and learns it was delivered once the SMTP server said so.
    let messages: any[] = []
    for (let tries = 0; tries < 100; tries++) {
      messages = ((await (await fetch(`${server.endpoint}/_idc/outbox`)).json()) as { messages: any[] }).messages
      if (messages[0]?.delivery?.status !== 'pending') break
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(messages.map((m) => [m.to, m.link, m.delivery])).toEqual([
      ['erin@example.com', link, { status: 'delivered' }],
    ])
    await admin.goto(`${server.endpoint}/outbox`)
    expect(await admin.locator('[data-delivery]').textContent()).toBe('Delivered')
  })

  it('makes a user added with a one-time password set a new one at the first sign-in', async () => {
    await addUser('dave', 'otp')
    const otp = (await admin.getByTestId('one-time-password').textContent()) ?? ''
    expect(otp).toMatch(/^[A-Za-z0-9_-]{20}Aa1$/)

    const context = await browser.newContext({ locale: 'en-US' })
    const page = await context.newPage()
    await page.goto(`${server.endpoint}/start`)
    await page.getByLabel('Username', { exact: true }).fill('dave')
    await page.getByLabel('Password', { exact: true }).fill(otp)
    await click(page, page.getByRole('button', { name: 'Sign in' }).click())
    expect(await page.locator('h1').textContent()).toBe('Set new password')
    // The portal stays closed until the password is changed.
    await page.goto(`${server.endpoint}/start`)
    expect(new URL(page.url()).pathname).toBe('/signin/password')
    await page.getByLabel('New password', { exact: true }).fill('Dave-e2e-pass-1')
    await page.getByLabel('Confirm password', { exact: true }).fill('Dave-e2e-pass-1')
    await click(page, page.getByRole('button', { name: 'Set password' }).click())
    expect(new URL(page.url()).pathname).toBe('/start')
    expect(await page.textContent('body')).toContain('You do not have access to any AWS account.')
    await context.close()
  })
})
