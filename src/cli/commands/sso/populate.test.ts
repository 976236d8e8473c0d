import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { TooManyRequestsException, UnauthorizedException } from '@aws-sdk/client-sso'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../../test/helpers/cli-test-env.js'
import { createFakeAwsClients } from '../../../../test/helpers/fake-aws-clients.js'
import { ssoTokenCachePath, writeSsoToken } from '../../../core/sso/cache.js'
import { LIST_RETRY_LIMIT } from '../../../core/sso/list-assignments.js'
import { runSsoPopulate, type SsoPopulateOptions } from './populate.js'

const CONFIG = '# mine\n[sso-session s]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\n'

const OPTIONS: SsoPopulateOptions = {
  ssoSession: 's',
  profileTemplate: '{account_name}.{role_name}',
  prune: false,
  dryRun: false,
}

async function setup(config = CONFIG, token: Parameters<typeof writeSsoToken>[2] | null = VALID_TOKEN) {
  const env = createTestCliEnv({ vars: { AWS_ENDPOINT_URL_SSO: 'http://127.0.0.1:9', DISPLAY: ':0' } })
  await mkdir(join(env.home, '.aws'), { recursive: true })
  await writeFile(join(env.home, '.aws', 'config'), config)
  if (token) await writeSsoToken(env, 's', token)
  return env
}

const VALID_TOKEN = { accessToken: 'tok', expiresAt: '2026-11-22T05:00:00Z' }

const throttled = () =>
  new TooManyRequestsException({ message: 'Too many requests', $metadata: { httpStatusCode: 429 } })

describe('idc sso populate', () => {
  it('retries throttled calls with back-off until every account is listed, then writes once', async () => {
    const env = await setup()
    let failures = 3
    const clients = createFakeAwsClients({
      ListAccountsCommand: () => ({ accountList: [{ accountId: '111111111111', accountName: 'Dev' }] }),
      ListAccountRolesCommand: () => {
        if (failures-- > 0) throw throttled()
        return { roleList: [{ roleName: 'Admin', accountId: '111111111111' }] }
      },
    })
    await runSsoPopulate(OPTIONS, { ...env, clients })
    expect(clients.calls.filter((c) => c.command === 'ListAccountRolesCommand')).toHaveLength(4)
    expect(clients.calls[0]!.target).toEqual({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:9',
      retry: { mode: 'adaptive', maxAttempts: 5 },
    })
    const text = await readFile(join(env.home, '.aws', 'config'), 'utf8')
    expect(text).toMatch(/^# mine\n[\s\S]*\[profile Dev\.Admin\]\n# idc sso populate[^\n]*\nsso_session = s\n/)
    expect(env.err.text).toContain(
      'Wrote 1 profiles for 1 accounts (1 added, 0 updated, 0 removed; 2 requests, 3 retried)',
    )
  })

  it('gives up after its retry limit with the service error', async () => {
    const env = await setup()
    const clients = createFakeAwsClients({
      ListAccountsCommand: () => {
        throw throttled()
      },
    })
    await expect(runSsoPopulate(OPTIONS, { ...env, clients })).rejects.toMatchObject({
      message:
        'An error occurred (TooManyRequestsException) when calling the ListAccounts operation: Too many requests',
    })
    expect(clients.calls).toHaveLength(LIST_RETRY_LIMIT + 1)
  })

  it("raises botocore's pagination error when the service repeats a page token, and writes nothing", async () => {
    const env = await setup()
    const clients = createFakeAwsClients({
      ListAccountsCommand: () => ({ accountList: [{ accountId: '1', accountName: 'A' }], nextToken: 'again' }),
    })
    await expect(runSsoPopulate(OPTIONS, { ...env, clients })).rejects.toThrow(
      "Error during pagination: The same next token was received twice: {'nextToken': 'again'}",
    )
    expect(clients.calls).toHaveLength(2)
    expect(await readFile(join(env.home, '.aws', 'config'), 'utf8')).toBe(CONFIG)
  })

  it('does not retry an authorisation error', async () => {
    const env = await setup()
    const clients = createFakeAwsClients({
      ListAccountsCommand: () => {
        throw new UnauthorizedException({ message: 'Session token not found or invalid', $metadata: {} })
      },
    })
    await expect(runSsoPopulate(OPTIONS, { ...env, clients })).rejects.toThrow(/UnauthorizedException/)
    expect(clients.calls).toHaveLength(1)
  })

  it('prints the diff and writes nothing with --dry-run', async () => {
    const env = await setup()
    const clients = createFakeAwsClients({
      ListAccountsCommand: () => ({ accountList: [{ accountId: '1', accountName: 'A' }] }),
      ListAccountRolesCommand: () => ({ roleList: [{ roleName: 'R', accountId: '1' }] }),
    })
    await runSsoPopulate({ ...OPTIONS, dryRun: true }, { ...env, clients })
    expect(env.out.text).toContain('+[profile A.R]\n')
    expect(env.out.text).toContain('+sso_account_id = 1\n')
    expect(await readFile(join(env.home, '.aws', 'config'), 'utf8')).toBe(CONFIG)
  })

  it('refuses a profile that uses the legacy sso_start_url form', async () => {
    const env = await setup(
      `${CONFIG}[profile old]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 1\nsso_role_name = R\n`,
    )
    await expect(
      runSsoPopulate(
        { ...OPTIONS, ssoSession: undefined, profile: 'old' },
        { ...env, clients: createFakeAwsClients({}) },
      ),
    ).rejects.toThrow(/legacy sso_start_url form/)
  })

  it('refuses an unknown placeholder before any call', async () => {
    const env = await setup()
    const clients = createFakeAwsClients({})
    await expect(runSsoPopulate({ ...OPTIONS, profileTemplate: '{acct}' }, { ...env, clients })).rejects.toThrow(
      /Unknown placeholder \{acct\}/,
    )
    expect(clients.calls).toEqual([])
  })

  it.each([
    ['no cached token', null],
    ['an expired token that cannot be refreshed', { accessToken: 'old', expiresAt: '2026-11-21T00:00:00Z' }],
  ])('signs in first when the session has %s, then lists with the new token', async (_, token) => {
    const env = await setup(CONFIG, token)
    // The browser sign-in: the recording browser hands the redirect to the callback listener.
    const browser = {
      ...env,
      openUrl: async (url: string) => {
        env.openedUrls.push(url)
        env.deliverCallback({ code: 'authcode', state: new URL(url).searchParams.get('state')! })
        return true
      },
    }
    const clients = createFakeAwsClients({
      RegisterClientCommand: () => ({ clientId: 'cid', clientSecret: 'cs', clientSecretExpiresAt: 1_900_000_000 }),
      CreateTokenCommand: () => ({ accessToken: 'signed-in', expiresIn: 3600, refreshToken: 'rt' }),
      ListAccountsCommand: (input) => {
        expect(input.accessToken).toBe('signed-in')
        return { accountList: [{ accountId: '111111111111', accountName: 'Dev' }] }
      },
      ListAccountRolesCommand: (input) => {
        expect(input.accessToken).toBe('signed-in')
        return { roleList: [{ roleName: 'Admin', accountId: '111111111111' }] }
      },
    })
    await runSsoPopulate(OPTIONS, { ...browser, clients })
    expect(clients.calls.map((c) => c.command)).toEqual([
      'RegisterClientCommand',
      'CreateTokenCommand',
      'ListAccountsCommand',
      'ListAccountRolesCommand',
    ])
    expect(clients.calls[1]!.input).toMatchObject({ grantType: 'authorization_code', code: 'authcode' })
    expect(env.openedUrls).toHaveLength(1)
    expect(env.out.text).toContain('Successfully logged into Start URL: https://d-1.awsapps.com/start\n')
    // The session's token is cached for the next command, and the profile is written.
    expect(JSON.parse(await readFile(ssoTokenCachePath(env, 's'), 'utf8'))).toMatchObject({ accessToken: 'signed-in' })
    expect(await readFile(join(env.home, '.aws', 'config'), 'utf8')).toContain('[profile Dev.Admin]\n')
  })

  it('does not sign in when the cached token is valid', async () => {
    const env = await setup()
    const clients = createFakeAwsClients({
      ListAccountsCommand: (input) => ({ accountList: input.accessToken === 'tok' ? [{ accountId: '1' }] : [] }),
      ListAccountRolesCommand: () => ({ roleList: [{ roleName: 'R', accountId: '1' }] }),
    })
    await runSsoPopulate(OPTIONS, { ...env, clients })
    expect(clients.calls.map((c) => c.command)).toEqual(['ListAccountsCommand', 'ListAccountRolesCommand'])
    expect(env.openedUrls).toEqual([])
  })
})
