/**
 * Drives the local `idc server`'s AWS Sign-In pages (`/v1/authorize`) in Chromium through
 * playwright-core, as a person signing in for `aws login` / `idc login` would: account, IAM user
 * name and password, then the MFA code. Also the BROWSER stand-in the CLIs call and the TOTP
 * bookkeeping: a device's code works once per 30-second step.
 */
import { execFile } from 'node:child_process'
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { totpCode } from './sso-browser.js'

/** An IAM user with a console password. */
export interface ConsoleUser {
  account: string
  userName: string
  password: string
  totpSecret?: string
}

/** The demo's legacy-ci, with its MFA device. */
export const LEGACY_CI: ConsoleUser = {
  account: '123456789011',
  userName: 'legacy-ci',
  password: 'Legacy-ci-demo-pass-1',
  totpSecret: 'JBSWY3DPEHPK3PXP',
}

/** legacy-ci's principal ARN, the `login_session` of its profiles. */
export const LEGACY_CI_ARN = 'arn:aws:iam::123456789011:user/legacy-ci'

/**
 * Writes `$HOME/browser.sh`, a BROWSER that records the URL and returns at once as a real browser
 * does (the AWS CLI serves its callback only after BROWSER returns); returns its path.
 */
export function writeRecordingBrowser(home: string): string {
  const path = join(home, 'browser.sh')
  writeFileSync(path, '#!/bin/sh\nprintf "%s\\n" "$1" >> "$HOME/opened-urls"\n')
  chmodSync(path, 0o755)
  return path
}

/** Waits for the URL the recording browser got, and forgets it. */
export async function openedUrl(home: string, timeoutMs = 60_000): Promise<string> {
  const file = join(home, 'opened-urls')
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (existsSync(file)) {
      const url = readFileSync(file, 'utf8').trim().split('\n').pop()
      rmSync(file)
      if (url) return url
    }
    if (Date.now() > deadline) throw new Error('no URL was opened')
    await new Promise((r) => setTimeout(r, 50))
  }
}

const runFile = promisify(execFile)
let lastStep = -1

/** Waits until the TOTP step changes if this process already used the current one. */
async function freshTotpStep(): Promise<void> {
  while (Math.floor(Date.now() / 30_000) === lastStep) await new Promise((r) => setTimeout(r, 250))
  lastStep = Math.floor(Date.now() / 30_000)
}

/**
 * Opens the authorize URL, signs in as `user` and returns the page where the flow ends: the CLI's
 * loopback callback (same-device) or the confirmation page with the code (cross-device).
 */
export async function signInToConsole(browser: Browser, url: string, user: ConsoleUser = LEGACY_CI): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await page.goto(url)
  await page.getByLabel('Account ID (12 digits) or account alias').fill(user.account)
  await page.getByLabel('IAM user name').fill(user.userName)
  await page.getByLabel('Password').fill(user.password)
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()])
  if (user.totpSecret) {
    await freshTotpStep()
    await page.getByLabel('MFA code').fill(totpCode(user.totpSecret))
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()])
  }
  return page
}

/** The code the confirmation page shows for pasting. */
export async function confirmationCode(page: Page): Promise<string> {
  return ((await page.locator('#verification-code').textContent()) ?? '').trim()
}

/** The environment the login tests run every tool with: this HOME, the server, the recording BROWSER. */
export function loginToolEnv(home: string, endpoint: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    AWS_ENDPOINT_URL: endpoint,
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    BROWSER: writeRecordingBrowser(home),
  }
}

/** Runs a program to its end and returns its exit code and output (never throws on failure). */
export async function runTool(
  file: string,
  args: readonly string[],
  env: Record<string, string>,
  cwd?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await runFile(file, args, { env, timeout: 120_000, cwd })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}
