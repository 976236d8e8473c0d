import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createFakeAwsClients } from '../../../../test/helpers/fake-aws-clients.js'
import { createTestCliEnv, TEST_CALLBACK_PORT, type TestCliEnv } from '../../../../test/helpers/cli-test-env.js'
import { loginCachePath } from '../../../core/login/cache.js'
import { runLogin } from './login.js'
import { runLogout } from './logout.js'

const ARN = 'arn:aws:iam::123456789011:user/legacy-ci'
const OTHER = 'arn:aws:iam::123456789011:user/other'
const NOW = Date.parse('2026-11-22T00:00:00Z')
const QUOTED_P = "'p'"

function idToken(sub: string): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
  return `${part({ alg: 'ES256' })}.${part({ sub })}.c2ln`
}

function signinClients(sub = ARN) {
  return createFakeAwsClients({
    CreateOAuth2TokenCommand: () => ({
      tokenOutput: {
        accessToken: { accessKeyId: 'ASIALOGIN', secretAccessKey: 'secret', sessionToken: 'token' },
        tokenType: 'aws_sigv4',
        expiresIn: 900,
        refreshToken: 'rt-1',
        idToken: idToken(sub),
      },
    }),
  })
}

function setup(config: string, options: { answers?: string[]; credentials?: string; sub?: string } = {}) {
  const clients = signinClients(options.sub)
  const env = createTestCliEnv({
    now: NOW,
    clients,
    files: { '.aws/config': config, ...(options.credentials ? { '.aws/credentials': options.credentials } : {}) },
    ...(options.answers ? { answers: options.answers } : {}),
  })
  return { env, clients }
}

// Plays the browser: when the URL is opened, sends its state back with a code (or an error).
function withBrowser(env: TestCliEnv, override: { state?: string; error?: string } = {}): TestCliEnv & { url(): URL } {
  let opened: URL | undefined
  return Object.assign(Object.create(env) as TestCliEnv, {
    openUrl: async (url: string) => {
      opened = new URL(url)
      if (override.error) env.deliverCallback({ error: override.error })
      else
        env.deliverCallback({ code: 'the-code', state: override.state ?? (opened.searchParams.get('state') as string) })
      return true
    },
    url: () => opened as URL,
  })
}

describe('idc login', () => {
  it('signs in with the same-device flow, writes the cache and login_session, and prints the CLI text', async () => {
    const { env: base, clients } = setup('[profile dev]\nregion = eu-west-1\n')
    const env = withBrowser(base)
    await runLogin({ profile: 'dev', remote: false }, env)
    const url = env.url()
    expect(url.origin).toBe('https://eu-west-1.signin.aws.amazon.com')
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'arn:aws:signin:::devtools/same-device',
      code_challenge_method: 'SHA-256',
      scope: 'openid',
      redirect_uri: `http://127.0.0.1:${TEST_CALLBACK_PORT}/oauth/callback`,
    })
    const tokenInput = clients.calls[0]?.input.tokenInput as Record<string, string>
    expect(tokenInput).toMatchObject({
      clientId: 'arn:aws:signin:::devtools/same-device',
      grantType: 'authorization_code',
      code: 'the-code',
      redirectUri: `http://127.0.0.1:${TEST_CALLBACK_PORT}/oauth/callback`,
    })
    expect(tokenInput.codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{64}$/)
    expect(clients.calls[0]?.dpop?.split('.')).toHaveLength(3)
    expect(env.out.text).toBe(
      'Attempting to open your default browser. If the browser does not open, open the following URL.\n' +
        "If you are unable to open the URL on this device, run this command again with the '--remote' option.\n" +
        `\n${url.toString()}\n\n` +
        `\nUpdated profile dev to use ${ARN} credentials.\n` +
        'Use "--profile dev" to use the new credentials, such as "idc sts get-caller-identity --profile dev"\n',
    )
    expect(readFileSync(`${env.home}/.aws/config`, 'utf8')).toBe(
      `[profile dev]\nregion = eu-west-1\nlogin_session = ${ARN}\n`,
    )
    const cache = JSON.parse(readFileSync(loginCachePath(env, ARN), 'utf8'))
    expect(cache).toMatchObject({
      // The test clock moved while the flow waited; the token expires 900 s after the exchange.
      accessToken: {
        accessKeyId: 'ASIALOGIN',
        accountId: '123456789011',
        expiresAt: `${new Date(env.now() + 900_000).toISOString().slice(0, 19)}Z`,
      },
      tokenType: 'aws_sigv4',
      clientId: 'arn:aws:signin:::devtools/same-device',
      refreshToken: 'rt-1',
      signInRegion: 'eu-west-1',
    })
    expect(cache.dpopKey).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/)
  })

  it('refuses a callback with another state', async () => {
    const { env } = setup('[default]\nregion = eu-west-1\n')
    await expect(runLogin({ remote: false }, withBrowser(env, { state: 'other-state' }))).rejects.toThrow(
      /^Error loading or redeeming a login authorization code: State parameter other-state does not match expected value [0-9a-f-]{36}\. $/,
    )
  })

  it('refuses a callback with an error', async () => {
    const { env } = setup('[default]\nregion = eu-west-1\n')
    await expect(runLogin({ remote: false }, withBrowser(env, { error: 'access_denied' }))).rejects.toThrow(
      'Failed to retrieve an authorization code.',
    )
  })

  it('writes nothing when the user declines to overwrite another session', async () => {
    const config = `[default]\nregion = eu-west-1\nlogin_session = ${OTHER}\n`
    const { env } = setup(config, { answers: ['n'] })
    await runLogin({ remote: false }, withBrowser(env))
    expect(env.promptsShown).toEqual([
      `\nProfile default is already configured to use session ${OTHER}. Do you want to overwrite it to use ${ARN} instead? (y/n): `,
    ])
    expect(readFileSync(`${env.home}/.aws/config`, 'utf8')).toBe(config)
    expect(existsSync(loginCachePath(env, ARN))).toBe(false)
  })

  it('asks for the region when none is configured and writes it', async () => {
    const { env } = setup('', { answers: [''] })
    await runLogin({ remote: false }, withBrowser(env))
    expect(env.out.text.startsWith('No AWS region has been configured.')).toBe(true)
    expect(env.promptsShown).toEqual(['AWS Region [us-east-1]: '])
    expect(readFileSync(`${env.home}/.aws/config`, 'utf8')).toBe(
      `[default]\nlogin_session = ${ARN}\nregion = us-east-1\n`,
    )
  })

  it.each([
    ['web_identity_token_file = /t', 'Web Identity'],
    ['sso_account_id = 123456789011', 'SSO'],
    ['aws_access_key_id = AKIA', 'Access Key'],
    ['role_arn = arn:aws:iam::1:role/R', 'Assume Role'],
    ['credential_process = /bin/true', 'Credential Process'],
  ])('refuses a profile with %s before any call', async (line, style) => {
    const { env, clients } = setup(`[profile p]\nregion = eu-west-1\n${line}\n`)
    const error = await runLogin({ profile: 'p', remote: false }, env).catch((e: unknown) => e)
    expect(error).toMatchObject({
      kind: 'config',
      message: `An error occurred (Configuration): Profile 'p' is already configured with ${style} credentials.\n\nYou may run 'idc login --profile new-profile-name' to create a new profile with the specified name. Otherwise you must first manually remove the existing credentials from ${QUOTED_P}.`,
    })
    expect(clients.calls).toHaveLength(0)
  })

  it('refuses static keys that come from the credentials file too', async () => {
    const { env } = setup('[default]\nregion = eu-west-1\n', { credentials: '[default]\naws_access_key_id = AKIA\n' })
    await expect(runLogin({ remote: false }, env)).rejects.toThrow('already configured with Access Key credentials')
  })
})

describe('idc logout', () => {
  it('removes the profile’s cached session and keeps login_session', async () => {
    const { env } = setup('[default]\nregion = eu-west-1\n')
    await runLogin({ remote: false }, withBrowser(env))
    env.out.text = ''
    await runLogout({ all: false }, env)
    expect(existsSync(loginCachePath(env, ARN))).toBe(false)
    expect(env.out.text).toBe(
      "Removed cached login credentials for profile 'default'. Note, any local developer tools that have already loaded the access token may continue to use it until its expiration. Access tokens expire in 15 minutes.\n",
    )
    expect(readFileSync(`${env.home}/.aws/config`, 'utf8')).toContain(`login_session = ${ARN}`)
  })

  it('warns for a profile without a login session', async () => {
    const { env } = setup('[profile p]\nregion = eu-west-1\n')
    await runLogout({ profile: 'p', all: false }, env)
    expect([env.out.text, env.err.text]).toEqual(['', "warning: no login session found for profile 'p'\n"])
  })

  it('--all removes every file holding login credentials, whatever its name', async () => {
    const env = createTestCliEnv({
      files: {
        '.aws/login/cache/a.json': JSON.stringify({ accessToken: { accessKeyId: 'A' } }),
        '.aws/login/cache/b.txt': JSON.stringify({ accessToken: { accessKeyId: 'B' } }),
        '.aws/login/cache/c.json': JSON.stringify({ accessToken: 'not-an-object' }),
        '.aws/login/cache/d.json': 'not json',
      },
    })
    await runLogout({ all: true }, env)
    expect(env.out.text).toBe(
      'Removed 2 cached login credentials. Note, any local developer tools that have already loaded access tokens may continue to use them until their expiration. Access tokens expire in 15 minutes.\n',
    )
    expect(existsSync(`${env.home}/.aws/login/cache/c.json`)).toBe(true)
    await runLogout({ all: true }, env)
    expect(env.out.text.endsWith('No cached login session tokens found.\n')).toBe(true)
  })
})

describe('idc login --remote', () => {
  // Plays the person: reads the printed URL and pastes base64("state=…&code=…") as the page shows it.
  function pasting(env: TestCliEnv, paste: (state: string) => string): TestCliEnv {
    return Object.assign(Object.create(env) as TestCliEnv, {
      prompter: async () => ({
        input: async (message: string) => {
          env.out.text += `${message}: `
          const url = /(https:\/\/\S+\/v1\/authorize\?\S+)/.exec(env.out.text)?.[1] as string
          return paste(new URL(url).searchParams.get('state') as string)
        },
      }),
    })
  }
  const encode = (text: string) => Buffer.from(text).toString('base64')

  it('prints the URL, reads the pasted code and exchanges it with the confirmation page as redirect URI', async () => {
    const { env, clients } = setup('[default]\nregion = us-west-2\n')
    await runLogin(
      { remote: true },
      pasting(env, (state) => encode(`state=${state}&code=pasted-code`)),
    )
    expect(env.out.text).toMatch(
      /^Browser will not be automatically opened\.\nPlease visit the following URL:\n\nhttps:\/\/us-west-2\.signin\.aws\.amazon\.com\/v1\/authorize\?response_type=code&client_id=arn%3Aaws%3Asignin%3A%3A%3Adevtools%2Fcross-device&state=[0-9a-f-]{36}&code_challenge_method=SHA-256&scope=openid&redirect_uri=https%3A%2F%2Fus-west-2\.signin\.aws\.amazon\.com%2Fv1%2Fsessions%2Fconfirmation&code_challenge=[\w-]{43}\n\nEnter the authorization code displayed in your browser: \nUpdated profile default to use /,
    )
    expect(clients.calls[0]?.input.tokenInput).toMatchObject({
      clientId: 'arn:aws:signin:::devtools/cross-device',
      code: 'pasted-code',
      redirectUri: 'https://us-west-2.signin.aws.amazon.com/v1/sessions/confirmation',
    })
  })

  it.each([
    ['text that is not base64', () => 'not base64!', 'Failed to decode the verification code.'],
    [
      'base64 without a code',
      (state: string) => encode(`state=${state}`),
      'Failed to retrieve an auth_code or state from the verification code',
    ],
  ])('refuses %s', async (_name, paste, message) => {
    const { env, clients } = setup('[default]\nregion = us-west-2\n')
    await expect(runLogin({ remote: true }, pasting(env, paste))).rejects.toThrow(message)
    expect(clients.calls).toHaveLength(0)
  })
})
