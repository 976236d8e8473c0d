// The real AWS CLI v2 runs `aws login` against `idc server --demo` (AWS_ENDPOINT_URL only): the
// same-device flow with BROWSER recording the URL and Chromium signing legacy-ci in (password and
// MFA) until the CLI's loopback callback, and `--remote` in a real terminal (tmux), pasting the
// code the confirmation page shows. Then `aws sts get-caller-identity` and `idc sts
// get-caller-identity` agree on the IAM user.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  LEGACY_CI_ARN,
  confirmationCode,
  openedUrl,
  signInToConsole,
  loginToolEnv,
  runTool,
} from '../helpers/login-browser.js'
import { runIdc } from '../helpers/run-idc.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { launchChromium } from '../helpers/sso-browser.js'
import { findAwsV2, findChromium, findTmux, requireTool } from '../helpers/tools.js'

const aws = requireTool(findAwsV2())
const chromiumPath = requireTool(findChromium())
const tmuxPath = requireTool(findTmux())

describe.skipIf(!aws || !chromiumPath)('aws login (AWS CLI v2) against idc server', () => {
  let server: ServerProcess
  let browser: Browser
  let home: string
  const socket = `idc-e2e-login-${process.pid}`

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServerProcess({ demo: true }), launchChromium(chromiumPath)])
    home = mkdtempSync(join(tmpdir(), 'idc-e2e-login-'))
    mkdirSync(join(home, '.aws'))
    writeFileSync(
      join(home, '.aws', 'config'),
      '[profile console]\nregion = ap-northeast-1\n\n[profile remote]\nregion = ap-northeast-1\n',
    )
  })
  afterAll(async () => {
    if (tmuxPath) {
      try {
        execFileSync(tmuxPath, ['-L', socket, 'kill-server'])
      } catch {}
    }
    await browser?.close()
    await server?.stop()
    if (home) rmSync(home, { recursive: true, force: true })
  })

  const env = () => loginToolEnv(home, server.endpoint)
  const cli = (args: string[]) => runTool(aws as string, args, env())

  async function bothAgree(profile: string): Promise<void> {
    const viaAws = await cli(['sts', 'get-caller-identity', '--profile', profile, '--output', 'json'])
    expect(viaAws.stderr).toBe('')
    expect(JSON.parse(viaAws.stdout).Arn).toBe(LEGACY_CI_ARN)
    const viaIdc = await runIdc(['sts', 'get-caller-identity', '--profile', profile, '--output', 'json'], env())
    expect(viaIdc.stderr).toBe('')
    expect(JSON.parse(viaIdc.stdout)).toEqual(JSON.parse(viaAws.stdout))
  }

  it('same-device: Chromium signs in with password and MFA, the loopback callback completes the login', async () => {
    const loggingIn = cli(['login', '--profile', 'console'])
    const url = await openedUrl(home)
    expect(url).toMatch(
      new RegExp(
        `^${server.endpoint}/v1/authorize\\?response_type=code&client_id=arn%3Aaws%3Asignin%3A%3A%3Adevtools%2Fsame-device&state=[0-9a-f-]{36}&code_challenge_method=SHA-256&scope=openid&redirect_uri=http%3A%2F%2F127\\.0\\.0\\.1%3A\\d+%2Foauth%2Fcallback&code_challenge=[\\w-]{43}$`,
      ),
    )
    const page = await signInToConsole(browser, url)
    expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?code=/)
    const login = await loggingIn
    await page.close()
    expect(login.code).toBe(0)
    expect(login.stdout).toContain(`\nUpdated profile console to use ${LEGACY_CI_ARN} credentials.\n`)
    expect(readFileSync(join(home, '.aws', 'config'), 'utf8')).toContain(
      `[profile console]\nregion = ap-northeast-1\nlogin_session = ${LEGACY_CI_ARN}\n`,
    )
    await bothAgree('console')
  })

  it.skipIf(!tmuxPath)('--remote in a terminal: the code from the confirmation page is pasted', async () => {
    const tmux = (...args: string[]) => execFileSync(tmuxPath!, ['-L', socket, ...args], { encoding: 'utf8' })
    const screen = () => tmux('capture-pane', '-p', '-J', '-t', 'w')
    const waitForScreen = async (pattern: RegExp): Promise<RegExpExecArray> => {
      const deadline = Date.now() + 60_000
      for (;;) {
        const match = pattern.exec(screen())
        if (match) return match
        if (Date.now() > deadline) throw new Error(`screen never matched ${pattern}:\n${screen()}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    const vars = Object.entries(env()).map(([k, v]) => `${k}=${v}`)
    const shell = `env -i ${vars.join(' ')} TERM=xterm-256color ${aws} login --remote --profile remote; echo EXIT=$?; sleep 600`
    tmux('new-session', '-d', '-s', 'w', '-x', '250', '-y', '50', shell)
    const [, url] = await waitForScreen(/Please visit the following URL:\n\n(\S+)\n/)
    expect(url).toContain('client_id=arn%3Aaws%3Asignin%3A%3A%3Adevtools%2Fcross-device')
    await waitForScreen(/Enter the authorization code displayed in your browser: $/m)
    const page = await signInToConsole(browser, url as string)
    expect(page.url()).toMatch(new RegExp(`^${server.endpoint}/v1/sessions/confirmation\\?`))
    const code = await confirmationCode(page)
    await page.close()
    tmux('send-keys', '-t', 'w', code, 'Enter')
    await waitForScreen(/EXIT=0/)
    expect(screen()).toContain(`Updated profile remote to use ${LEGACY_CI_ARN} credentials.`)
    await bothAgree('remote')
  })
})
