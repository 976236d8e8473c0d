/**
 * Drives the local `idc server` sign-in pages in a real Chromium through playwright-core: opens
 * an authorize or device URL, signs in (username, password, MFA code from a TOTP secret), and
 * presses "Confirm and continue" / "Allow access" until the flow is done.
 */
import { chromium, type Browser, type Page } from 'playwright-core'
import * as OTPAuth from 'otpauth'

/** Chromium flags for tests in containers. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Launches headless Chromium. */
export async function launchChromium(executablePath = '/usr/bin/chromium', extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true })
}

/** A user of the demo organisation. */
export interface DemoUser {
  username: string
  password: string
  totpSecret?: string
}

/** alice: no MFA, one account and role. */
export const ALICE: DemoUser = { username: 'alice', password: 'Alice-demo-pass-1' }
/** bob: TOTP MFA, two accounts, several roles. */
export const BOB: DemoUser = { username: 'bob', password: 'Bob-demo-pass-1', totpSecret: 'JBSWY3DPEHPK3PXP' }

/** The current TOTP code of a base32 secret. */
export function totpCode(secret: string): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate()
}

/**
 * Opens `url`, signs in as `user` and approves the request. Resolves when the browser reaches a
 * page with no more steps (the CLI's loopback callback page, or the server's "approved" page).
 */
export async function approveInBrowser(browser: Browser, url: string, user: DemoUser): Promise<Page> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(url)
  for (let step = 0; step < 10; step++) {
    await page.waitForLoadState('load')
    if (await page.getByLabel('Username').count()) {
      await page.getByLabel('Username').fill(user.username)
      await page.getByLabel('Password').fill(user.password)
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()])
      continue
    }
    if (await page.getByLabel('MFA code').count()) {
      if (!user.totpSecret) throw new Error(`${user.username} has no TOTP secret but the page asks for an MFA code`)
      await page.getByLabel('MFA code').fill(totpCode(user.totpSecret))
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()])
      continue
    }
    const confirm = page.getByRole('button', { name: 'Confirm and continue' })
    if (await confirm.count()) {
      await Promise.all([page.waitForNavigation(), confirm.click()])
      continue
    }
    const allow = page.getByRole('button', { name: 'Allow access' })
    if (await allow.count()) {
      await Promise.all([page.waitForNavigation(), allow.click()])
      continue
    }
    return page
  }
  throw new Error(`sign-in did not finish; last page ${page.url()}: ${(await page.textContent('body'))?.slice(0, 500)}`)
}
