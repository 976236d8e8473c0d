import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AuthorizationPendingException, ExpiredTokenException, SlowDownException } from '@aws-sdk/client-sso-oidc'
import { createTestCliEnv, TEST_CALLBACK_PORT, type TestCliEnvOptions } from '../../../../test/helpers/cli-test-env.js'
import { createFakeAwsClients } from '../../../../test/helpers/fake-aws-clients.js'
import { ssoTokenCachePath } from '../../../core/sso/cache.js'
import { createCodeChallenge } from '../../../core/sso/pkce.js'
import { startCallbackListener } from '../../io/callback-server.js'
import { runSsoLogin } from './login.js'

const START_URL = 'https://d-1234567890.awsapps.com/start'
const CONFIG = `[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = ReadOnly
[sso-session my-sso]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access
[profile legacy]
sso_start_url = ${START_URL}
sso_region = us-east-1
`

async function envWith(options: TestCliEnvOptions = {}) {
  const env = createTestCliEnv({ ...options, vars: { DISPLAY: ':0', ...options.vars } })
  await mkdir(join(env.home, '.aws'), { recursive: true })
  await writeFile(join(env.home, '.aws', 'config'), CONFIG)
  return env
}

const pending = () => new AuthorizationPendingException({ message: 'pending', $metadata: {} })

function deviceClients(
  script: Array<'pending' | 'slow_down' | 'expired' | 'ok'>,
  verificationUriComplete = 'https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH',
) {
  return createFakeAwsClients({
    RegisterClientCommand: () => ({
      clientId: 'cid',
      clientSecret: 'cs',
      clientSecretExpiresAt: Date.parse('2027-02-20T00:00:00Z') / 1000,
    }),
    StartDeviceAuthorizationCommand: () => ({
      deviceCode: 'dc',
      userCode: 'ABCD-EFGH',
      verificationUri: 'https://device.sso.us-east-1.amazonaws.com/',
      verificationUriComplete,
      expiresIn: 600,
      interval: 1,
    }),
    CreateTokenCommand: () => {
      const next = script.shift()
      if (next === 'pending') throw pending()
      if (next === 'slow_down') throw new SlowDownException({ message: 'slow', $metadata: {} })
      if (next === 'expired') throw new ExpiredTokenException({ message: 'expired', $metadata: {} })
      return { accessToken: 'at-1', expiresIn: 28800, refreshToken: 'rt-1', tokenType: 'Bearer' }
    },
  })
}

describe('runSsoLogin, device code', () => {
  it('prints the code exactly as the AWS CLI, polls at the interval and writes the token', async () => {
    const env = await envWith()
    const start = env.now()
    const times: number[] = []
    const clients = deviceClients(['pending', 'pending', 'slow_down', 'ok'])
    const send = clients.ssoOidc
    clients.ssoOidc = async (t) => {
      const c = await send(t)
      const inner = c.send.bind(c)
      ;(c as any).send = (cmd: any) => {
        if (cmd.constructor.name === 'CreateTokenCommand') times.push(env.now() - start)
        return inner(cmd)
      }
      return c
    }
    await runSsoLogin({ profile: 'dev', useDeviceCode: true, noBrowser: false }, { ...env, clients })
    expect(env.out.text).toBe(
      'Attempting to open your default browser.\n' +
        'If the browser does not open or you wish to use a different device to authorize this request, open the following URL:\n' +
        '\nhttps://device.sso.us-east-1.amazonaws.com/\n\nThen enter the code:\n\nABCD-EFGH\n' +
        `Successfully logged into Start URL: ${START_URL}\n`,
    )
    expect(env.openedUrls).toEqual(['https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH'])
    // pre-check, first loop attempt at once, +interval, then +interval+5 after slow_down
    expect(times).toEqual([0, 0, 1000, 7000])
    const register = clients.calls.find((c) => c.command === 'RegisterClientCommand')!
    expect(register.input).toEqual({
      clientName: 'botocore-client-my-sso',
      clientType: 'public',
      scopes: ['sso:account:access'],
    })
    const token = await readFile(ssoTokenCachePath(env, 'my-sso'), 'utf8')
    expect(token).toBe(
      `{"startUrl": "${START_URL}", "region": "us-east-1", "accessToken": "at-1", "expiresAt": "2026-11-22T08:00:07Z", "clientId": "cid", "clientSecret": "cs", "registrationExpiresAt": "2027-02-20T00:00:00Z", "refreshToken": "rt-1"}`,
    )
  })

  it('signs in silently when the first attempt already succeeds', async () => {
    const env = await envWith()
    await runSsoLogin(
      { profile: 'dev', useDeviceCode: true, noBrowser: false },
      { ...env, clients: deviceClients(['ok']) },
    )
    expect(env.out.text).toBe(`Successfully logged into Start URL: ${START_URL}\n`)
    expect(env.openedUrls).toEqual([])
  })

  it('prints instead of opening with --no-browser', async () => {
    const env = await envWith()
    await runSsoLogin(
      { profile: 'legacy', useDeviceCode: false, noBrowser: true },
      { ...env, clients: deviceClients(['pending', 'ok']) },
    )
    expect(env.out.text).toBe(
      'Browser will not be automatically opened.\nPlease visit the following URL:\n\nhttps://device.sso.us-east-1.amazonaws.com/\n' +
        '\nThen enter the code:\n\nABCD-EFGH\n' +
        '\nAlternatively, you may visit the following URL which will autofill the code upon loading:\nhttps://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH\n' +
        `Successfully logged into Start URL: ${START_URL}\n`,
    )
    expect(env.openedUrls).toEqual([])
    expect(JSON.parse(await readFile(ssoTokenCachePath(env, START_URL), 'utf8')).accessToken).toBe('at-1')
  })

  it('prints the user code on its own when the complete URL does not carry it (the September 2026 form)', async () => {
    const env = await envWith()
    const complete = 'https://device.sso.us-east-1.amazonaws.com/?session=3f9c0a1e'
    await runSsoLogin(
      { profile: 'legacy', useDeviceCode: false, noBrowser: true },
      { ...env, clients: deviceClients(['pending', 'ok'], complete) },
    )
    expect(env.out.text).toBe(
      'Browser will not be automatically opened.\nPlease visit the following URL:\n\nhttps://device.sso.us-east-1.amazonaws.com/\n' +
        '\nThen enter the code:\n\nABCD-EFGH\n' +
        `\nAlternatively, you may visit the following URL which will autofill the code upon loading:\n${complete}\n` +
        `Successfully logged into Start URL: ${START_URL}\n`,
    )
  })

  it('opens the plain verification URL and offers no second one when AWS sends no complete URL', async () => {
    const env = await envWith()
    await runSsoLogin(
      { profile: 'legacy', useDeviceCode: true, noBrowser: false },
      { ...env, clients: deviceClients(['pending', 'ok'], '') },
    )
    expect(env.out.text).toContain('\nThen enter the code:\n\nABCD-EFGH\n')
    expect(env.openedUrls).toEqual(['https://device.sso.us-east-1.amazonaws.com/'])
    const printOnly = await envWith()
    await runSsoLogin(
      { profile: 'legacy', useDeviceCode: false, noBrowser: true },
      { ...printOnly, clients: deviceClients(['pending', 'ok'], '') },
    )
    expect(printOnly.out.text).toContain('\nThen enter the code:\n\nABCD-EFGH\n')
    expect(printOnly.out.text).not.toContain('Alternatively')
  })

  it('prints instead of opening in a remote session without a display', async () => {
    const env = await envWith({ vars: { DISPLAY: undefined, SSH_CONNECTION: '1 2 3 4' } })
    await runSsoLogin(
      { profile: 'legacy', useDeviceCode: false, noBrowser: false },
      { ...env, clients: deviceClients(['pending', 'ok']) },
    )
    expect(env.out.text).toMatch(/^Browser will not be automatically opened\./)
    expect(env.openedUrls).toEqual([])
  })

  it('uses the device code for sso-session profiles in a remote session', async () => {
    const env = await envWith({ vars: { DISPLAY: undefined, SSH_TTY: '/dev/pts/1' } })
    await runSsoLogin(
      { profile: 'dev', useDeviceCode: false, noBrowser: false },
      { ...env, clients: deviceClients(['pending', 'ok']) },
    )
    expect(env.out.text).toMatch(
      /^Browser will not be automatically opened\.\nPlease visit the following URL:\n\nhttps:\/\/device\.sso/,
    )
    expect(env.err.text).toContain('using the device code')
  })

  it('fails with the CLI message when the code expires', async () => {
    const env = await envWith()
    await expect(
      runSsoLogin(
        { profile: 'dev', useDeviceCode: true, noBrowser: false },
        { ...env, clients: deviceClients(['pending', 'pending', 'expired']) },
      ),
    ).rejects.toThrow(
      'The pending authorization to retrieve an SSO token has expired. The login flow to retrieve an SSO token must be restarted.',
    )
  })

  it('reuses the cached device-code registration on the next login', async () => {
    const env = await envWith()
    const clients = deviceClients(['ok', 'ok'])
    await runSsoLogin({ profile: 'dev', useDeviceCode: true, noBrowser: false }, { ...env, clients })
    await runSsoLogin({ profile: 'dev', useDeviceCode: true, noBrowser: false }, { ...env, clients })
    expect(clients.calls.filter((c) => c.command === 'RegisterClientCommand')).toHaveLength(1)
  })
})

describe('runSsoLogin, authorization code', () => {
  it('binds the listener first, opens the CLI-shaped authorize URL and exchanges the code', async () => {
    // The real loopback listener (the browser's redirect is a real request) on the fake clock.
    const base = await envWith({
      vars: { AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:18001/oidc' },
      startCallbackListener: () => startCallbackListener(),
    })
    let challenge = ''
    const env = {
      ...base,
      openUrl: async (url: string) => {
        base.openedUrls.push(url)
        const q = new URL(url).searchParams
        challenge = q.get('code_challenge')!
        const res = await fetch(`${q.get('redirect_uri')}?code=authcode-123&state=${q.get('state')}`)
        expect(await res.text()).toContain('You can close this tab')
        return true
      },
    }
    const clients = createFakeAwsClients({
      RegisterClientCommand: () => ({ clientId: 'cid-1', clientSecret: 'cs', clientSecretExpiresAt: 1_900_000_000 }),
      CreateTokenCommand: (input) => {
        expect(createCodeChallenge(input.codeVerifier as string)).toBe(challenge)
        return { accessToken: 'at-2', expiresIn: 3600, refreshToken: 'rt-2' }
      },
    })
    await runSsoLogin({ profile: 'dev', useDeviceCode: false, noBrowser: false }, { ...env, clients })
    const url = base.openedUrls[0]!
    expect(url).toMatch(
      /^http:\/\/127\.0\.0\.1:18001\/authorize\?response_type=code&client_id=cid-1&redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Foauth%2Fcallback&state=[0-9a-f-]{36}&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=[A-Za-z0-9_-]{43}$/,
    )
    expect(base.out.text).toBe(
      'Attempting to open your default browser. If the browser does not open, open the following URL.\n' +
        "If you are unable to open the URL on this device, run this command again with the '--use-device-code' option.\n" +
        `\n${url}\n\n` +
        `Successfully logged into Start URL: ${START_URL}\n`,
    )
    expect(clients.calls[0]!.input).toEqual({
      clientName: 'botocore-client-my-sso',
      clientType: 'public',
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'],
      issuerUrl: START_URL,
      scopes: ['sso:account:access'],
    })
    const create = clients.calls.find((c) => c.command === 'CreateTokenCommand')!
    expect(create.input).toMatchObject({ grantType: 'authorization_code', clientId: 'cid-1', code: 'authcode-123' })
    expect(create.input.redirectUri).toBe(new URL(url).searchParams.get('redirect_uri'))
    expect(create.target.endpoint).toBe('http://127.0.0.1:18001/oidc')
    const registration = JSON.parse(
      await readFile(join(base.home, '.aws/sso/cache/a8343d65418848d0bc13a5f25cbb32508ceec5d1.json'), 'utf8'),
    )
    expect(registration.grantTypes).toEqual(['authorization_code', 'refresh_token'])
  })

  it('rejects a callback whose state does not match', async () => {
    const base = await envWith()
    const env = {
      ...base,
      openUrl: async (url: string) => {
        expect(new URL(url).searchParams.get('redirect_uri')).toBe(
          `http://127.0.0.1:${TEST_CALLBACK_PORT}/oauth/callback`,
        )
        base.deliverCallback({ code: 'c', state: 'wrong' })
        return true
      },
    }
    const clients = createFakeAwsClients({
      RegisterClientCommand: () => ({ clientId: 'c', clientSecret: 's', clientSecretExpiresAt: 1_900_000_000 }),
    })
    await expect(
      runSsoLogin({ profile: 'dev', useDeviceCode: false, noBrowser: false }, { ...env, clients }),
    ).rejects.toThrow('Error loading authorization code: State parameter does not match expected value.')
  })

  it('times out with the CLI message', async () => {
    const env = await envWith()
    const clients = createFakeAwsClients({
      RegisterClientCommand: () => ({ clientId: 'c', clientSecret: 's', clientSecretExpiresAt: 1_900_000_000 }),
    })
    await expect(
      runSsoLogin({ profile: 'dev', useDeviceCode: false, noBrowser: true }, { ...env, clients }),
    ).rejects.toThrow('The pending authorization to retrieve an SSO token has expired.')
    expect(env.out.text).toMatch(
      /^Browser will not be automatically opened\.\nPlease visit the following URL:\n\nhttps:\/\/oidc\.us-east-1\.amazonaws\.com\/authorize\?/,
    )
  })
})

describe('runSsoLogin, configuration errors', () => {
  it.each([
    [{ ssoSession: 'nope' }, 'An error occurred (Configuration): The specified sso-session does not exist: "nope"'],
    [{ profile: 'missing' }, 'The config profile (missing) could not be found'],
  ])('rejects %j', async (opts, message) => {
    const env = await envWith()
    await expect(
      runSsoLogin({ useDeviceCode: false, noBrowser: false, ...opts }, { ...env, clients: createFakeAwsClients({}) }),
    ).rejects.toThrow(message)
  })
})
