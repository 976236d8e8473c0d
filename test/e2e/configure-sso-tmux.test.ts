// `idc configure sso` in a real terminal (tmux): bob answers the prompts, approves the device code
// with MFA in headless Chromium, picks his second account with the Down arrow and a role by typing
// to filter, accepts the defaults, and the profile is written and works.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { BOB, approveInBrowser, launchChromium } from '../helpers/sso-browser.js'
import { IDC_BIN, findChromium, findTmux, requireTool } from '../helpers/tools.js'

const tmuxPath = requireTool(findTmux())
const chromiumPath = requireTool(findChromium())

describe.skipIf(!tmuxPath || !chromiumPath)('idc configure sso in tmux', () => {
  let server: ServerProcess
  let browser: Browser
  let home: string
  const socket = `idc-e2e-${process.pid}`
  const tmux = (...args: string[]) => execFileSync(tmuxPath!, ['-L', socket, ...args], { encoding: 'utf8' })
  const screen = () => tmux('capture-pane', '-p', '-t', 'w')
  const keys = (...k: string[]) => tmux('send-keys', '-t', 'w', ...k)

  async function waitForScreen(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const match = pattern.exec(screen())
      if (match) return match
      if (Date.now() > deadline) throw new Error(`screen never matched ${pattern}:\n${screen()}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  beforeAll(async () => {
    server = await startServerProcess({ demo: true })
    browser = await launchChromium(chromiumPath)
    home = mkdtempSync(join(tmpdir(), 'idc-e2e-tmux-'))
  })

  afterAll(async () => {
    try {
      tmux('kill-server')
    } catch {}
    await browser?.close()
    await server?.stop()
    if (home) rmSync(home, { recursive: true, force: true })
  })

  it('walks the wizard with arrow keys and type-to-filter', async () => {
    const command = [
      'env',
      '-i',
      `PATH=${process.env.PATH}`,
      `HOME=${home}`,
      `AWS_ENDPOINT_URL=${server.endpoint}`,
      'TERM=xterm-256color',
    ]
    const shell = `${command.join(' ')} ${process.execPath} ${IDC_BIN} configure sso --use-device-code --no-browser; echo EXIT=$?; sleep 600`
    tmux('new-session', '-d', '-s', 'w', '-x', '140', '-y', '50', shell)

    await waitForScreen(/SSO session name \(Recommended\):\s*$/m)
    keys('bob-sso', 'Enter')
    await waitForScreen(/SSO start URL \[None\]:\s*$/m)
    keys(server.startUrl, 'Enter')
    await waitForScreen(/SSO region \[None\]:\s*$/m)
    keys(server.region, 'Enter')
    await waitForScreen(/SSO registration scopes \[sso:account:access\]:\s*$/m)
    keys('Enter')

    const [, complete] = await waitForScreen(/autofill the code upon loading:\n(\S+)/)
    // On a terminal the same URL is offered as a QR code (stderr), then a waiting line.
    await waitForScreen(/Or scan this code to open it on your phone:\n[ ▀▄█]+\n/)
    await approveInBrowser(browser, complete!, BOB)

    await waitForScreen(/There are 2 AWS accounts available to you\.\n> .*\(123456789011\)\n {2}.*\(123456789022\)/)
    keys('Down')
    await waitForScreen(/\n {2}.*\(123456789011\)\n> .*\(123456789022\)/)
    keys('Enter')
    await waitForScreen(/Using the account ID 123456789022\nThere are \d+ roles available to you\./)
    keys('r', 'e', 'a', 'd')
    await waitForScreen(/> ReadOnly\nFilter: read/)
    keys('Enter')
    await waitForScreen(/Using the role name "ReadOnly"\nDefault client Region \[None\]:\s*$/m)
    keys('eu-west-1', 'Enter')
    await waitForScreen(/CLI default output format \(json if not specified\) \[None\]:\s*$/m)
    keys('Enter')
    await waitForScreen(/Profile name \[ReadOnly-123456789022\]:\s*$/m)
    keys('Enter')
    await waitForScreen(/EXIT=0/)
    expect(screen()).toContain(
      'To use this profile, specify the profile name using --profile, as shown:\n\nidc sts get-caller-identity --profile ReadOnly-123456789022\n',
    )
    expect(readFileSync(join(home, '.aws', 'config'), 'utf8')).toBe(
      '[profile ReadOnly-123456789022]\nsso_session = bob-sso\nsso_account_id = 123456789022\nsso_role_name = ReadOnly\nregion = eu-west-1\n' +
        `[sso-session bob-sso]\nsso_start_url = ${server.startUrl}\nsso_region = ${server.region}\nsso_registration_scopes = sso:account:access\n`,
    )
    const identity = execFileSync(
      process.execPath,
      [IDC_BIN, 'sts', 'get-caller-identity', '--profile', 'ReadOnly-123456789022', '--output', 'json'],
      {
        env: { PATH: process.env.PATH, HOME: home, AWS_ENDPOINT_URL: server.endpoint },
        encoding: 'utf8',
      },
    )
    expect(JSON.parse(identity).Arn).toMatch(
      /^arn:aws:sts::123456789022:assumed-role\/AWSReservedSSO_ReadOnly_[0-9a-f]+\/bob$/,
    )
  })
})
