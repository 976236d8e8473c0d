// Signing in from anywhere, end to end with the built idc, a real `idc server --demo` and Chromium:
//  - paste-back in a real terminal (tmux) over "SSH" (SSH_CONNECTION set, no display): idc prints
//    the authorize URL and the `ssh -L` line; Chromium signs in but cannot reach the loopback
//    callback (the test blocks it, as another machine would fail to reach it); pasting the address
//    it ended on completes the sign-in;
//  - a fixed callback port (--redirect-port, and sso_redirect_port in the sso-session);
//  - WSL: a fake `wslview` on PATH receives the authorize URL, and the Windows-side browser
//    (Chromium here) completes it through the listener.
import { execFileSync, spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { ALICE, approveInBrowser, launchChromium } from '../helpers/sso-browser.js'
import { IDC_BIN, findChromium, findTmux, requireTool } from '../helpers/tools.js'
import { demoConfig } from './credentials-login.js'

const chromiumPath = requireTool(findChromium())
const tmuxPath = requireTool(findTmux())

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe.skipIf(!chromiumPath)('idc sso login from anywhere', () => {
  let server: ServerProcess
  let browser: Browser
  let scratch: string
  const socket = `idc-e2e-anywhere-${process.pid}`
  const tmux = (...args: string[]) => execFileSync(tmuxPath!, ['-L', socket, ...args], { encoding: 'utf8' })

  beforeAll(async () => {
    server = await startServerProcess({ demo: true })
    browser = await launchChromium(chromiumPath)
    scratch = mkdtempSync(join(tmpdir(), 'idc-e2e-anywhere-'))
  })
  afterAll(async () => {
    try {
      if (tmuxPath) tmux('kill-server')
    } catch {}
    await browser?.close()
    await server?.stop()
    if (scratch) rmSync(scratch, { recursive: true, force: true })
  })

  function home(name: string, sessionExtra = ''): string {
    const dir = join(scratch, name)
    mkdirSync(join(dir, '.aws'), { recursive: true })
    writeFileSync(
      join(dir, '.aws', 'config'),
      demoConfig(server).replace('sso_region =', `${sessionExtra}sso_region =`),
    )
    return dir
  }

  /** Runs idc with a fake browser program that writes the URL it is given to a file. */
  async function loginWithFakeBrowser(dir: string, args: string[], vars: Record<string, string>, program: string) {
    const bin = join(dir, 'bin')
    mkdirSync(bin, { recursive: true })
    const urlFile = join(dir, 'opened-url')
    writeFileSync(join(bin, program), `#!/bin/sh\nprintf '%s' "$1" > '${urlFile}'\n`)
    chmodSync(join(bin, program), 0o755)
    const child = spawn(process.execPath, [IDC_BIN, 'sso', 'login', '--profile', 'alice', ...args], {
      env: { PATH: `${bin}:${process.env.PATH}`, HOME: dir, AWS_ENDPOINT_URL: server.endpoint, ...vars },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const done = new Promise<number | null>((resolve) => child.on('close', resolve))
    const url = await waitFor('the browser program', () =>
      existsSync(urlFile) ? readFileSync(urlFile, 'utf8') : undefined,
    )
    await approveInBrowser(browser, url, ALICE)
    const code = await done
    return { code, stdout, stderr, url }
  }

  it.skipIf(!tmuxPath)('completes over SSH by pasting the address the browser ended on', async () => {
    const dir = home('paste')
    const shell = [
      'env -i',
      `PATH=${process.env.PATH}`,
      `HOME=${dir}`,
      `AWS_ENDPOINT_URL=${server.endpoint}`,
      "SSH_CONNECTION='203.0.113.5 50000 10.0.0.1 22'",
      'USER=alice',
      'TERM=xterm-256color',
      `${process.execPath} ${IDC_BIN} sso login --profile alice; echo EXIT=$?; sleep 600`,
    ].join(' ')
    tmux('new-session', '-d', '-s', 'p', '-x', '200', '-y', '50', shell)
    const screen = () => tmux('capture-pane', '-p', '-J', '-t', 'p')
    const authorize = await waitFor(
      'the authorize URL',
      () => /(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)/.exec(screen())?.[1],
    )
    const port = new URL(new URL(authorize).searchParams.get('redirect_uri')!).port
    await waitFor('the paste prompt', () =>
      screen().includes('Paste the address of the page the browser ended on:') ? true : undefined,
    )
    expect(screen()).toContain(`ssh -L ${port}:127.0.0.1:${port} alice@`)

    // The browser is on "another machine": its requests to this machine's loopback never arrive.
    // A dead proxy for every loopback address but the server's stands in for the other machine.
    const serverPort = new URL(server.endpoint).port
    const elsewhere = await launchChromium(chromiumPath, [
      '--proxy-server=http://127.0.0.1:9',
      `--proxy-bypass-list=<-loopback>;127.0.0.1:${serverPort}`,
    ])
    let landed: string | undefined
    try {
      const page = await elsewhere.newPage()
      page.on('request', (request) => {
        if (request.url().includes('/oauth/callback')) landed = request.url()
      })
      await page.goto(authorize)
      await page.getByLabel('Username').fill(ALICE.username)
      await page.getByLabel('Password').fill(ALICE.password)
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()])
      await page
        .getByRole('button', { name: 'Allow access' })
        .click()
        .catch(() => {})
      await waitFor('the unreachable callback', () => landed)
    } finally {
      await elsewhere.close()
    }
    const callback = landed!
    expect(callback).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/oauth/callback\\?code=.+&state=`))

    // The listener never heard from that browser: only the paste can finish the sign-in.
    expect(screen()).not.toContain('Successfully logged into Start URL')
    tmux('send-keys', '-t', 'p', '-l', callback)
    tmux('send-keys', '-t', 'p', 'Enter')
    await waitFor('the success line', () => (/EXIT=\d+/.test(screen()) ? true : undefined))
    expect(screen()).toContain(`Successfully logged into Start URL: ${server.startUrl}`)
    expect(screen()).toContain('EXIT=0')
  })

  it('listens on the fixed port of --redirect-port and of sso_redirect_port', async () => {
    const flagPort = await freePort()
    const viaFlag = await loginWithFakeBrowser(
      home('port-flag'),
      ['--redirect-port', String(flagPort)],
      { BROWSER: 'open-browser' },
      'open-browser',
    )
    expect([viaFlag.code, viaFlag.stderr]).toEqual([0, ''])
    expect(new URL(viaFlag.url).searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${flagPort}/oauth/callback`)

    const configPort = await freePort()
    const viaConfig = await loginWithFakeBrowser(
      home('port-config', `sso_redirect_port = ${configPort}\n`),
      [],
      { BROWSER: 'open-browser' },
      'open-browser',
    )
    expect(viaConfig.code).toBe(0)
    expect(new URL(viaConfig.url).searchParams.get('redirect_uri')).toBe(
      `http://127.0.0.1:${configPort}/oauth/callback`,
    )
  })

  it('opens the Windows browser through wslview on WSL', async () => {
    const run = await loginWithFakeBrowser(
      home('wsl'),
      [],
      { WSL_DISTRO_NAME: 'Ubuntu', WSL_INTEROP: '/run/WSL/1_interop' },
      'wslview',
    )
    expect(run.code).toBe(0)
    expect(run.url).toMatch(new RegExp(`^${server.endpoint.replace(/[.]/g, '\\.')}/authorize\\?response_type=code&`))
    expect(run.stdout).toContain('Attempting to open your default browser.')
    expect(run.stdout).toContain(`Successfully logged into Start URL: ${server.startUrl}`)
  })
})
