// The real AWS CLI v2 signs in to `idc server --demo` in both flows, with only AWS_ENDPOINT_URL
// pointing it there: the browser (PKCE) flow with BROWSER set to a script that records the URL,
// which the test then opens in Chromium for sign-in and consent, and the device flow with --use-device-code --no-browser, where the
// test drives Chromium to the printed URL. Then sts get-caller-identity, s3 ls and sso logout.
import { execFile, spawn } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { findAwsV2, findChromium, requireTool } from '../helpers/tools.js'

const run = promisify(execFile)
const aws = requireTool(findAwsV2())
const chromiumPath = requireTool(findChromium())
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

// Stands in for the user's browser: records the URL and returns at once (as a real browser does;
// the CLI serves its callback only after BROWSER returns). The test then drives Chromium there.
const BROWSER_SCRIPT = '#!/bin/sh\nprintf "%s\\n" "$1" >> "$HOME/opened-urls"\n'

describe.skipIf(!aws || !chromiumPath)('AWS CLI v2 aws sso login against idc server', () => {
  let server: ServerProcess
  let home: string
  let browser: Browser

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([
      startServerProcess({ demo: true }),
      chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS }),
    ])
    home = mkdtempSync(join(tmpdir(), 'idc-e2e-sso-'))
    mkdirSync(join(home, '.aws'))
    writeFileSync(join(home, 'browser.sh'), BROWSER_SCRIPT)
    chmodSync(join(home, 'browser.sh'), 0o755)
    writeFileSync(
      join(home, '.aws', 'config'),
      [
        '[sso-session emu]',
        `sso_start_url = ${server.startUrl}`,
        `sso_region = ${server.region}`,
        'sso_registration_scopes = sso:account:access',
        '',
        '[profile dev]',
        'sso_session = emu',
        'sso_account_id = 123456789011',
        'sso_role_name = AdministratorAccess',
        'region = ap-northeast-1',
        '',
      ].join('\n'),
    )
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(home, { recursive: true, force: true })
  })

  function env(): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '',
      HOME: home,
      AWS_ENDPOINT_URL: server.endpoint,
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      BROWSER: join(home, 'browser.sh'),
    }
  }

  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(aws as string, args, { env: env(), timeout: 60_000 })
      return { code: 0, stdout, stderr }
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string }
      return { code: e.code, stdout: e.stdout, stderr: e.stderr }
    }
  }

  function cachedAccessToken(): string {
    const dir = join(home, '.aws', 'sso', 'cache')
    for (const name of readdirSync(dir)) {
      const data = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { accessToken?: string }
      if (data.accessToken) return data.accessToken
    }
    throw new Error('no cached token')
  }

  async function openedUrl(): Promise<string> {
    const file = join(home, 'opened-urls')
    for (let i = 0; i < 1200; i++) {
      if (existsSync(file)) {
        const url = readFileSync(file, 'utf8').trim().split('\n').pop()
        rmSync(file)
        if (url) return url
      }
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error('the CLI opened no URL')
  }

  async function signInAndAllow(page: Page): Promise<void> {
    await page.getByLabel('Username').fill('alice')
    await page.getByLabel('Password').fill('Alice-demo-pass-1')
    await page.getByRole('button', { name: 'Sign in' }).click()
    // The consent page names the client as AWS's does: the name the AWS CLI registered for sso-session emu.
    await page.getByRole('heading', { name: 'Allow botocore-client-emu to access your data?' }).waitFor()
    await page.getByRole('button', { name: 'Allow access' }).click()
  }

  it('browser (PKCE) flow, then sts get-caller-identity and s3 ls', async () => {
    const loggingIn = cli(['sso', 'login', '--profile', 'dev'])
    const url = await openedUrl()
    expect(url).toMatch(new RegExp(`^${server.endpoint}/authorize\\?response_type=code&`))
    const page = await browser.newPage()
    await page.goto(url)
    await signInAndAllow(page)
    await page.waitForURL(/oauth\/callback/)
    const login = await loggingIn
    await page.close()
    expect(login.stdout).toContain(`Successfully logged into Start URL: ${server.startUrl}`)
    expect(login.code).toBe(0)
    const who = await cli(['sts', 'get-caller-identity', '--profile', 'dev', '--output', 'json'])
    expect(who.code).toBe(0)
    expect(JSON.parse(who.stdout).Arn).toMatch(
      /^arn:aws:sts::123456789011:assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}\/alice$/,
    )
    const ls = await cli(['s3', 'ls', '--profile', 'dev'])
    expect(ls.code).toBe(0)
    expect(ls.stdout).toContain('dev-app-assets-123456789011')
  })

  it('device flow with --use-device-code --no-browser, then sso logout revokes the token', async () => {
    const child = spawn(aws as string, ['sso', 'login', '--profile', 'dev', '--use-device-code', '--no-browser'], {
      env: env(),
    })
    let out = ''
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d
        const m = /(http:\/\/127\.0\.0\.1:\d+\/device\?user_code=[A-Z]{4}-[A-Z]{4})/.exec(out)
        if (m) resolve(m[1] as string)
      })
      child.once('exit', () => reject(new Error(`aws exited early: ${out}`)))
    })
    const done = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    const page = await browser.newPage()
    await page.goto(url)
    await page.getByRole('button', { name: 'Confirm and continue' }).click()
    await signInAndAllow(page)
    await page.getByRole('heading', { name: 'Request approved' }).waitFor()
    await page.close()
    expect(await done).toBe(0)
    expect(out).toContain('Successfully logged into Start URL')
    const token = cachedAccessToken()
    const before = await fetch(`${server.endpoint}/assignment/accounts`, {
      headers: { 'x-amz-sso_bearer_token': token },
    })
    expect(before.status).toBe(200)
    const logout = await cli(['sso', 'logout'])
    expect(logout.code).toBe(0)
    const after = await fetch(`${server.endpoint}/assignment/accounts`, {
      headers: { 'x-amz-sso_bearer_token': token },
    })
    expect(after.status).toBe(401)
    const metrics = await (await fetch(`${server.endpoint}/_idc/metrics`)).text()
    expect(metrics).toContain('operation="Logout",outcome="success"')
  })
})
