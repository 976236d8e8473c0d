// `idc login` against `idc server --demo`, then every tool on the same login cache: the AWS CLI v2
// and the JS SDK's fromLoginCredentials use idc's session; an access token inside the refresh
// window is refreshed by the AWS CLI, the JS SDK and idc in turn without losing the session; a
// role profile with the login profile as source_profile works; 32 parallel `idc configure
// export-credentials` make one CreateOAuth2Token call; `idc logout` leaves the AWS CLI as `aws
// logout` does; the demo's root user signs in by email ("Root user") and gets root credentials.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LEGACY_CI_ARN, loginToolEnv, openedUrl, runTool, signInToConsole } from '../helpers/login-browser.js'
import { runIdc } from '../helpers/run-idc.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { launchChromium } from '../helpers/sso-browser.js'
import { REPO_ROOT, findAwsV2, findChromium, requireTool } from '../helpers/tools.js'

const aws = requireTool(findAwsV2())
const chromiumPath = requireTool(findChromium())

// Prints the JS SDK's login credentials for a profile as JSON.
const JS_SDK_SCRIPT = `
const { fromLoginCredentials } = require('@aws-sdk/credential-providers')
fromLoginCredentials({ profile: process.argv[1] })().then(
  (c) => console.log(JSON.stringify({ accessKeyId: c.accessKeyId, accountId: c.accountId })),
  (e) => { console.error(e.message); process.exit(1) },
)`

describe.skipIf(!aws || !chromiumPath)('idc login, shared with the AWS CLI v2 and the JS SDK', () => {
  let server: ServerProcess
  let browser: Browser
  let home: string

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServerProcess({ demo: true }), launchChromium(chromiumPath)])
    home = mkdtempSync(join(tmpdir(), 'idc-e2e-idc-login-'))
    mkdirSync(join(home, '.aws'))
    writeFileSync(
      join(home, '.aws', 'config'),
      '[profile console]\nregion = ap-northeast-1\n\n' +
        '[profile root]\nregion = ap-northeast-1\n\n' +
        '[profile deployer]\nrole_arn = arn:aws:iam::123456789022:role/Deployer\nsource_profile = console\nregion = ap-northeast-1\n',
    )
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    if (home) rmSync(home, { recursive: true, force: true })
  })

  const env = () => loginToolEnv(home, server.endpoint)
  const exec = (file: string, args: string[]) => runTool(file, args, env(), REPO_ROOT)
  const cli = (args: string[]) => exec(aws as string, args)

  function cacheFile(): string {
    const dir = join(home, '.aws', 'login', 'cache')
    const [name] = readdirSync(dir).filter((n) => n.endsWith('.json'))
    return join(dir, name as string)
  }
  const cached = () => JSON.parse(readFileSync(cacheFile(), 'utf8'))
  // Puts the access token one minute from expiry: inside every tool's 5-minute refresh window.
  function expireSoon(): void {
    const token = cached()
    token.accessToken.expiresAt = `${new Date(Date.now() + 60_000).toISOString().slice(0, 19)}Z`
    writeFileSync(cacheFile(), JSON.stringify(token))
  }
  async function refreshCalls(): Promise<number> {
    const text = await (await fetch(`${server.endpoint}/_idc/metrics`)).text()
    const line = /grant="refresh_token",operation="CreateOAuth2Token",outcome="success"\} (\d+)/.exec(text)
    return line ? Number(line[1]) : 0
  }

  it('idc login (same-device) writes a cache the AWS CLI and the JS SDK use', async () => {
    const loggingIn = runIdc(['login', '--profile', 'console'], env())
    const url = await openedUrl(home)
    expect(url.startsWith(`${server.endpoint}/v1/authorize?response_type=code&`)).toBe(true)
    const page = await signInToConsole(browser, url)
    const login = await loggingIn
    await page.close()
    expect(login.stderr).toBe('')
    expect(login.code).toBe(0)
    expect(login.stdout).toContain(`\nUpdated profile console to use ${LEGACY_CI_ARN} credentials.\n`)
    expect(statSync(cacheFile()).mode & 0o777).toBe(0o600)
    expect(cached()).toMatchObject({ clientId: 'arn:aws:signin:::devtools/same-device', tokenType: 'aws_sigv4' })

    const who = await cli(['sts', 'get-caller-identity', '--profile', 'console', '--output', 'json'])
    expect(JSON.parse(who.stdout).Arn).toBe(LEGACY_CI_ARN)
    const js = await exec(process.execPath, ['-e', JS_SDK_SCRIPT, 'console'])
    expect(js.stderr).toBe('')
    expect(JSON.parse(js.stdout)).toEqual({ accessKeyId: cached().accessToken.accessKeyId, accountId: '123456789011' })
  })

  it('the AWS CLI, the JS SDK and idc each refresh the session in turn, and it survives', async () => {
    const before = await refreshCalls()
    const tokens = [cached().refreshToken as string]
    expireSoon()
    expect((await cli(['configure', 'export-credentials', '--profile', 'console'])).code).toBe(0)
    tokens.push(cached().refreshToken)
    expireSoon()
    const js = await exec(process.execPath, ['-e', JS_SDK_SCRIPT, 'console'])
    expect(js.code).toBe(0)
    tokens.push(cached().refreshToken)
    expireSoon()
    const viaIdc = await runIdc(['configure', 'export-credentials', '--profile', 'console'], env())
    expect(viaIdc.code).toBe(0)
    tokens.push(cached().refreshToken)
    expect(new Set(tokens).size).toBe(4)
    expect((await refreshCalls()) - before).toBe(3)
    expect(JSON.parse(viaIdc.stdout).AccessKeyId).toBe(cached().accessToken.accessKeyId)
    const who = await cli(['sts', 'get-caller-identity', '--profile', 'console', '--query', 'Arn', '--output', 'text'])
    expect(who.stdout.trim()).toBe(LEGACY_CI_ARN)
  })

  it('a role profile with the login profile as source_profile assumes the role', async () => {
    const viaIdc = await runIdc(['sts', 'get-caller-identity', '--profile', 'deployer', '--output', 'json'], env())
    expect(viaIdc.stderr).toBe('')
    expect(JSON.parse(viaIdc.stdout).Arn).toMatch(/^arn:aws:sts::123456789022:assumed-role\/Deployer\//)
    const viaAws = await cli(['sts', 'get-caller-identity', '--profile', 'deployer', '--output', 'json'])
    expect(JSON.parse(viaAws.stdout).Arn).toMatch(/^arn:aws:sts::123456789022:assumed-role\/Deployer\//)
  })

  it('32 parallel idc configure export-credentials inside the refresh window make one CreateOAuth2Token call', async () => {
    expireSoon()
    const before = await refreshCalls()
    const runs = await Promise.all(
      Array.from({ length: 32 }, () => runIdc(['configure', 'export-credentials', '--profile', 'console'], env())),
    )
    expect(runs.map((r) => r.code)).toEqual(Array(32).fill(0))
    expect(new Set(runs.map((r) => JSON.parse(r.stdout).AccessKeyId)).size).toBe(1)
    expect((await refreshCalls()) - before).toBe(1)
    // The session lives on for the next tool.
    expect((await cli(['sts', 'get-caller-identity', '--profile', 'console'])).code).toBe(0)
  })

  it('after idc logout the AWS CLI fails as after aws logout', async () => {
    const out = await runIdc(['logout', '--profile', 'console'], env())
    expect(out.code).toBe(0)
    expect(out.stdout).toBe(
      "Removed cached login credentials for profile 'console'. Note, any local developer tools that have already loaded the access token may continue to use it until its expiration. Access tokens expire in 15 minutes.\n",
    )
    const afterIdc = await cli(['configure', 'export-credentials', '--profile', 'console'])
    // The same state as `aws logout` leaves: run it too and compare the CLI's failure.
    const awsLogout = await cli(['logout', '--profile', 'console'])
    expect(awsLogout.stdout).toBe(out.stdout)
    const afterAws = await cli(['configure', 'export-credentials', '--profile', 'console'])
    expect(afterIdc.code).toBe(253)
    expect(afterIdc.stderr).toContain(
      `Unable to load a existing login session for session ${LEGACY_CI_ARN}, Please reauthenticate with 'aws login'.`,
    )
    expect(afterIdc).toEqual(afterAws)
    // idc fails the same way, in its own words.
    const viaIdc = await runIdc(['configure', 'export-credentials', '--profile', 'console'], env())
    expect(viaIdc.code).toBe(253)
    expect(viaIdc.stderr).toContain(
      `An error occurred (Configuration): Unable to retrieve credentials: Error loading login session token: Unable to load a existing login session for session ${LEGACY_CI_ARN}, Please reauthenticate with 'idc login'.`,
    )
  })

  it('idc login as the root user: "Root user", email and password in Chromium give arn:aws:iam::<id>:root credentials', async () => {
    const loggingIn = runIdc(['login', '--profile', 'root'], env())
    const page = await (await browser.newContext()).newPage()
    await page.goto(await openedUrl(home))
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Root user' }).click()])
    await page.getByLabel('Root user email address').fill('root@example.com')
    await page.getByLabel('Password').fill('Root-demo-pass-1')
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()])
    const login = await loggingIn
    await page.close()
    expect(login.stderr).toBe('')
    expect(login.code).toBe(0)
    expect(login.stdout).toContain('\nUpdated profile root to use arn:aws:iam::123456789011:root credentials.\n')
    const who = await cli(['sts', 'get-caller-identity', '--profile', 'root', '--output', 'json'])
    expect(JSON.parse(who.stdout)).toEqual({
      UserId: '123456789011',
      Account: '123456789011',
      Arn: 'arn:aws:iam::123456789011:root',
    })
    // Root may do anything in its account.
    const buckets = await cli([
      's3api',
      'list-buckets',
      '--profile',
      'root',
      '--query',
      'Buckets[].Name',
      '--output',
      'text',
    ])
    expect(buckets.stdout).toContain('dev-app-assets-123456789011')
  })
})
