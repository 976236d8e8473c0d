// `idc console` end to end: the built idc trades alice's role credentials for a sign-in token at a
// real `idc server --demo` (reached through AWS_ENDPOINT_URL, the sign-in service's override), and
// Chromium opening the printed URL lands on the server's console page as that role. The access
// portal's "Management console" link reaches the same page. `idc status` reports the session.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runIdc } from '../helpers/run-idc.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { ALICE, approveInBrowser, launchChromium } from '../helpers/sso-browser.js'
import { findChromium, requireTool } from '../helpers/tools.js'
import { demoConfig, deviceLogin, writeTokenCache } from './credentials-login.js'

const chromium = requireTool(findChromium())

describe.skipIf(!chromium)('idc console against idc server', () => {
  let server: ServerProcess
  let home: string
  let env: Record<string, string>

  beforeAll(async () => {
    server = await startServerProcess({ demo: true })
    home = mkdtempSync(join(tmpdir(), 'idc-e2e-console-'))
    env = { PATH: process.env.PATH ?? '', HOME: home, AWS_ENDPOINT_URL: server.endpoint }
    mkdirSync(join(home, '.aws'), { recursive: true })
    writeFileSync(
      join(home, '.aws', 'config'),
      demoConfig(server, '\n[profile keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n'),
    )
    writeTokenCache(home, 'demo', server, await deviceLogin(server, ALICE), Date.now() + 3600_000)
  })
  afterAll(async () => {
    await server?.stop()
    if (home) rmSync(home, { recursive: true, force: true })
  })

  it('prints a sign-in URL that signs Chromium in to the console as the role', async () => {
    const run = await runIdc(['console', '--profile', 'alice', '--print'], env)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const url = run.stdout.trim()
    expect(url.startsWith(`${server.endpoint}/federation?Action=login&Issuer=idc&Destination=`)).toBe(true)
    const browser = await launchChromium(chromium)
    try {
      const page = await (await browser.newContext()).newPage()
      await page.goto(url)
      expect(new URL(page.url()).pathname).toBe('/console/home')
      expect(await page.getByTestId('console-principal').textContent()).toMatch(
        /^arn:aws:sts::123456789011:assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}\/alice$/,
      )
      expect(await page.getByTestId('console-account').textContent()).toBe('123456789011 (DeveloperAccount)')
      expect(await page.getByTestId('console-region').textContent()).toBe(server.region)
      // The URL works once.
      const again = await (await browser.newContext()).newPage()
      const response = await again.goto(url)
      expect(response?.status()).toBe(400)
    } finally {
      await browser.close()
    }
    const status = await runIdc(['status', '--profile', 'alice', '--json'], env)
    expect(status.code).toBe(0)
    expect(JSON.parse(status.stdout)).toMatchObject({ state: 'ready', detail: 'cached role credentials' })
  })

  it('refuses long-term keys before calling the endpoint', async () => {
    const run = await runIdc(['console', '--profile', 'keys', '--print'], env)
    expect(run.code).toBe(253)
    expect(run.stderr).toContain('The console needs temporary credentials')
    expect(run.stdout).toBe('')
  })

  it('opens the console from the access portal’s Management console link', async () => {
    const browser = await launchChromium(chromium)
    try {
      const page = await approveInBrowser(browser, `${server.endpoint}/start`, ALICE)
      await Promise.all([page.waitForNavigation(), page.getByTestId('console-link').first().click()])
      expect(new URL(page.url()).pathname).toBe('/console/home')
      expect(await page.getByTestId('console-principal').textContent()).toContain('AWSReservedSSO_AdministratorAccess_')
    } finally {
      await browser.close()
    }
  })
})
