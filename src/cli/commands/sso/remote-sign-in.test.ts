import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AuthorizationPendingException } from '@aws-sdk/client-sso-oidc'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv, type TestCliEnvOptions } from '../../../../test/helpers/cli-test-env.js'
import { createFakeAwsClients } from '../../../../test/helpers/fake-aws-clients.js'
import { parsePastedCallback } from '../../../core/sso/auth-code-flow.js'
import type { Prompter } from '../../io/prompter.js'
import { browserCommands, isHeadlessSession } from '../../io/open-url.js'
import { runCli } from '../../run-cli.js'
import { runSsoLogin } from './login.js'
import { parseRedirectPort, sessionSignInSettings } from './remote-sign-in.js'

const START_URL = 'https://d-1234567890.awsapps.com/start'
const config = (session = '') => `[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = ReadOnly
[sso-session my-sso]
sso_start_url = ${START_URL}
sso_region = us-east-1
${session}`

const SSH = { SSH_CONNECTION: '10.0.0.2 50000 10.0.0.1 22', USER: 'alice' }

async function envWith(options: TestCliEnvOptions & { session?: string } = {}) {
  const env = createTestCliEnv({ interactive: true, ...options })
  await mkdir(join(env.home, '.aws'), { recursive: true })
  await writeFile(join(env.home, '.aws', 'config'), config(options.session))
  return env
}

function authCodeClients() {
  return createFakeAwsClients({
    RegisterClientCommand: () => ({ clientId: 'cid', clientSecret: 'cs', clientSecretExpiresAt: 1_900_000_000 }),
    CreateTokenCommand: () => ({ accessToken: 'at', expiresIn: 3600, refreshToken: 'rt' }),
  })
}

/** A prompter that pastes what `paste(authorizeUrl)` returns, reading the URL idc printed. */
function pasting(env: Awaited<ReturnType<typeof envWith>>, ...pastes: ((url: URL) => string)[]): Prompter {
  return {
    async input(message) {
      env.promptsShown.push(message)
      const printed = /\n(http\S+\/authorize\?\S+)\n/.exec(env.out.text)
      const paste = pastes.shift()
      if (!printed || !paste) throw new Error(`unexpected prompt ${message}`)
      return paste(new URL(printed[1]!))
    },
    secret: async () => Promise.reject(new Error('no secret')),
    select: async () => Promise.reject(new Error('no select')),
  }
}

const callbackOf = (url: URL, state = url.searchParams.get('state')) =>
  `${url.searchParams.get('redirect_uri')}?code=pasted-code&state=${state}`

describe('sign-in from anywhere: paste-back', () => {
  it('prints the URL and the ssh -L line over SSH, and completes with the pasted callback address', async () => {
    const env = await envWith({ vars: SSH })
    const clients = authCodeClients()
    const prompter = pasting(
      env,
      () => 'not a URL',
      (url) => callbackOf(url),
    )
    await runSsoLogin(
      { profile: 'dev', useDeviceCode: false, noBrowser: false },
      { ...env, clients, prompter: async () => prompter },
    )
    expect(env.openedUrls).toEqual([])
    expect(env.out.text).toMatch(
      /^Browser will not be automatically opened\.\nPlease visit the following URL:\n\nhttps:\/\/oidc/,
    )
    expect(env.out.text).toMatch(/\nSuccessfully logged into Start URL: https:\/\/d-1234567890\.awsapps\.com\/start\n$/)
    expect(env.err.text).toContain("copy that page's address from the address bar and paste it below")
    expect(env.err.text).toContain('  ssh -L 49152:127.0.0.1:49152 alice@test-host\n')
    expect(env.err.text).toContain('That is not an address starting with http://127.0.0.1:49152/oauth/callback?')
    expect(env.promptsShown).toEqual([
      'Paste the address of the page the browser ended on',
      'Paste the address of the page the browser ended on',
    ])
    const create = clients.calls.find((c) => c.command === 'CreateTokenCommand')!
    expect(create.input).toMatchObject({ code: 'pasted-code', redirectUri: 'http://127.0.0.1:49152/oauth/callback' })
  })

  it('checks the pasted state as for the listener', async () => {
    const env = await envWith({ vars: SSH })
    const prompter = pasting(env, (url) => callbackOf(url, 'forged'))
    await expect(
      runSsoLogin(
        { profile: 'dev', useDeviceCode: false, noBrowser: false },
        { ...env, clients: authCodeClients(), prompter: async () => prompter },
      ),
    ).rejects.toThrow('State parameter does not match expected value')
  })

  it('lets the listener win while the paste prompt waits, and closes the prompt', async () => {
    const env = await envWith({ vars: { ...SSH } })
    const clients = authCodeClients()
    // The browser comes back while the paste prompt waits; on the test clock, the 600-second wait
    // for the browser runs out only if virtual time reaches it, which this polling never does.
    const browser = (async () => {
      for (;;) {
        const printed = /state=([0-9a-f-]{36})/.exec(env.out.text)
        if (printed && env.promptsShown.length > 0)
          return env.deliverCallback({ code: 'listener-code', state: printed[1]! })
        await env.sleep(1)
      }
    })()
    await runSsoLogin({ profile: 'dev', useDeviceCode: false, noBrowser: true }, { ...env, clients })
    await browser
    expect(clients.calls.find((c) => c.command === 'CreateTokenCommand')!.input).toMatchObject({
      code: 'listener-code',
    })
  })

  it('falls back to the device code over SSH when nobody can paste', async () => {
    const env = await envWith({ vars: SSH, interactive: false })
    let calls = 0
    const clients = createFakeAwsClients({
      RegisterClientCommand: () => ({ clientId: 'c', clientSecret: 's', clientSecretExpiresAt: 1_900_000_000 }),
      StartDeviceAuthorizationCommand: () => ({
        deviceCode: 'dc',
        userCode: 'AAAA-BBBB',
        verificationUri: 'https://device.example/',
        verificationUriComplete: 'https://device.example/?user_code=AAAA-BBBB',
        expiresIn: 600,
        interval: 1,
      }),
      CreateTokenCommand: () => {
        if (calls++ === 0) throw new AuthorizationPendingException({ message: 'pending', $metadata: {} })
        return { accessToken: 'at', expiresIn: 3600 }
      },
    })
    await runSsoLogin({ profile: 'dev', useDeviceCode: false, noBrowser: false }, { ...env, clients })
    expect(env.out.text).toContain('Then enter the code:\n\nAAAA-BBBB\n')
  })
})

describe('sign-in from anywhere: the session settings and --redirect-port', () => {
  it('binds the listener on --redirect-port, or on sso_redirect_port', async () => {
    for (const [session, flag, port] of [
      ['', 8400, 8400],
      ['sso_redirect_port = 8411\n', undefined, 8411],
      ['sso_redirect_port = 8411\n', 8422, 8422],
    ] as const) {
      const env = await envWith({ session, vars: { DISPLAY: ':0' } })
      const opened = { ...env, clients: authCodeClients() }
      opened.openUrl = async (url) => {
        env.openedUrls.push(url)
        env.deliverCallback({ code: 'c', state: new URL(url).searchParams.get('state')! })
        return true
      }
      await runSsoLogin({ profile: 'dev', useDeviceCode: false, noBrowser: false, redirectPort: flag }, opened)
      expect(new URL(env.openedUrls[0]!).searchParams.get('redirect_uri')).toBe(
        `http://127.0.0.1:${port}/oauth/callback`,
      )
    }
  })

  it('makes the device code the default with sso_use_device_code = true', () => {
    expect(sessionSignInSettings('s', { sso_use_device_code: 'True' })).toEqual({
      useDeviceCode: true,
      redirectPort: undefined,
    })
    expect(sessionSignInSettings('s', { sso_use_device_code: 'false', sso_redirect_port: '8400' })).toEqual({
      useDeviceCode: false,
      redirectPort: 8400,
    })
  })

  it('refuses ports outside 1–65535: a usage error for the flag, a configuration error for the file', async () => {
    expect(() => parseRedirectPort('0', '--redirect-port')).toThrow('argument --redirect-port must be a port number')
    expect(() => sessionSignInSettings('s', { sso_redirect_port: '70000' })).toThrow(
      'sso_redirect_port in [sso-session s] must be a port number from 1 to 65535, not "70000"',
    )
    const env = await envWith()
    expect(await runCli(['sso', 'login', '--profile', 'dev', '--redirect-port', 'abc'], env)).toBe(252)
  })
})

describe('parsePastedCallback', () => {
  const redirect = 'http://127.0.0.1:8400/oauth/callback'
  it.each([
    ['the callback address', `${redirect}?code=c1&state=s1`, { code: 'c1', state: 's1' }],
    ['an error callback', `${redirect}?error=access_denied&state=s1`, { error: 'access_denied' }],
    ['another port', 'http://127.0.0.1:9999/oauth/callback?code=c&state=s', undefined],
    ['another path', 'http://127.0.0.1:8400/elsewhere?code=c&state=s', undefined],
    ['no state', `${redirect}?code=c`, undefined],
    ['not a URL', 'code=c&state=s', undefined],
  ])('reads %s', (_name, text, expected) => expect(parsePastedCallback(`  ${text}\n`, redirect)).toEqual(expected))
})

describe('opening the browser on WSL', () => {
  const wsl = { WSL_DISTRO_NAME: 'Ubuntu' }
  it('opens the Windows browser even without an X display, but not over SSH', () => {
    expect(isHeadlessSession(wsl, 'linux')).toBe(false)
    expect(isHeadlessSession({ ...wsl, ...SSH }, 'linux')).toBe(true)
    expect(isHeadlessSession({}, 'linux')).toBe(true)
  })

  it('tries wslview, then PowerShell, then cmd.exe with the URL escaped for each', () => {
    const url = "https://x.example/authorize?a=1&b=it's"
    expect(browserCommands(url, wsl, 'linux')).toEqual([
      ['wslview', url],
      [
        'powershell.exe',
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        "Start-Process 'https://x.example/authorize?a=1&b=it''s'",
      ],
      ['cmd.exe', '/c', 'start', '""', "https://x.example/authorize?a=1^&b=it's"],
    ])
    expect(browserCommands(url, { ...wsl, BROWSER: 'firefox' }, 'linux')).toEqual([['firefox', url]])
  })
})
