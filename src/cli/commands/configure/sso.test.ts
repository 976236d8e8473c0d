import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UnauthorizedException } from '@aws-sdk/client-sso'
import { createTestCliEnv, type Answer } from '../../../../test/helpers/cli-test-env.js'
import { createFakeAwsClients } from '../../../../test/helpers/fake-aws-clients.js'
import { writeSsoToken } from '../../../core/sso/cache.js'
import { validateScopes, validateStartUrl } from '../shared/sso-answers.js'
import { runConfigureSso } from './sso.js'
import { formatAccountLabel, sortAccounts } from './sso-choices.js'
import { runConfigureSsoSession } from './sso-session.js'

const START_URL = 'https://d-1234567890.awsapps.com/start'

function portal(accounts: unknown[], roles: Record<string, unknown[]>, options: { unauthorized?: boolean } = {}) {
  return createFakeAwsClients({
    RegisterClientCommand: () => ({ clientId: 'cid', clientSecret: 'cs', clientSecretExpiresAt: 1_900_000_000 }),
    StartDeviceAuthorizationCommand: () => ({
      deviceCode: 'd',
      userCode: 'U',
      verificationUri: 'v',
      verificationUriComplete: 'vc',
      expiresIn: 600,
      interval: 1,
    }),
    CreateTokenCommand: () => ({ accessToken: 'at', expiresIn: 3600, refreshToken: 'rt' }),
    ListAccountsCommand: () => {
      if (options.unauthorized)
        throw new UnauthorizedException({ message: 'Session token not found or invalid', $metadata: {} })
      return { accountList: accounts }
    },
    ListAccountRolesCommand: (input) => ({ roleList: roles[input.accountId as string] ?? [] }),
  })
}

async function setup(answers: Answer[], config = '', vars: Record<string, string> = {}) {
  const env = createTestCliEnv({ answers, vars: { DISPLAY: ':0', ...vars } })
  await mkdir(join(env.home, '.aws'), { recursive: true })
  if (config) await writeFile(join(env.home, '.aws', 'config'), config)
  return env
}

describe('runConfigureSso', () => {
  it('asks the CLI questions in order and writes profile then session', async () => {
    const env = await setup([
      'my-sso',
      START_URL,
      'us-east-1',
      '',
      { select: '(222222222222)' },
      { select: 'ReadOnly' },
      'us-west-2',
      '',
      '',
    ])
    const clients = portal(
      [
        { accountId: '222222222222', accountName: 'Prod', emailAddress: 'prod@example.com' },
        { accountId: '111111111111', accountName: 'dev' },
      ],
      {
        '222222222222': [
          { roleName: 'ReadOnly', accountId: '222222222222' },
          { roleName: 'Admin', accountId: '222222222222' },
        ],
      },
    )
    await runConfigureSso({ useDeviceCode: true, noBrowser: false }, { ...env, clients })
    expect(env.promptsShown).toEqual([
      'SSO session name (Recommended): ',
      'SSO start URL [None]: ',
      'SSO region [None]: ',
      'SSO registration scopes [sso:account:access]: ',
      '',
      '',
      'Default client Region [None]: ',
      'CLI default output format (json if not specified) [None]: ',
      'Profile name [ReadOnly-222222222222]: ',
    ])
    expect(env.out.text).toBe(
      'There are 2 AWS accounts available to you.\n' +
        'Using the account ID 222222222222\n' +
        'There are 2 roles available to you.\n' +
        'Using the role name "ReadOnly"\n' +
        '\nTo use this profile, specify the profile name using --profile, as shown:\n\nidc sts get-caller-identity --profile ReadOnly-222222222222\n',
    )
    expect(await readFile(join(env.home, '.aws', 'config'), 'utf8')).toBe(
      '[profile ReadOnly-222222222222]\nsso_session = my-sso\nsso_account_id = 222222222222\nsso_role_name = ReadOnly\nregion = us-west-2\n' +
        `[sso-session my-sso]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`,
    )
  })

  it('auto-selects the only account and role and reuses an existing session with a fresh token', async () => {
    const config = `[default]\nregion = eu-west-1\noutput = yaml\n[sso-session corp]\nsso_start_url = ${START_URL}\nsso_region = ap-northeast-1\n`
    const env = await setup(['corp', '', '', ''], config)
    await writeSsoToken(env, 'corp', { accessToken: 'cached', expiresAt: '2026-11-22T01:00:00Z' })
    const clients = portal([{ accountId: '123456789011', accountName: 'Demo' }], {
      '123456789011': [{ roleName: 'AdministratorAccess', accountId: '123456789011' }],
    })
    await runConfigureSso({ useDeviceCode: false, noBrowser: false }, { ...env, clients })
    expect(clients.calls.map((c) => c.command)).toEqual(['ListAccountsCommand', 'ListAccountRolesCommand'])
    expect(clients.calls[0]!.input.accessToken).toBe('cached')
    expect(env.out.text).toContain(
      'The only AWS account available to you is: 123456789011\nUsing the account ID 123456789011\n',
    )
    expect(env.out.text).toContain(
      'The only role available to you is: AdministratorAccess\nUsing the role name "AdministratorAccess"\n',
    )
    expect(env.promptsShown).toEqual([
      'SSO session name (Recommended): ',
      'Default client Region [eu-west-1]: ',
      'CLI default output format (json if not specified) [yaml]: ',
      'Profile name [AdministratorAccess-123456789011]: ',
    ])
    expect(await readFile(join(env.home, '.aws', 'config'), 'utf8')).toContain(
      '[profile AdministratorAccess-123456789011]\nsso_session = corp\nsso_account_id = 123456789011\nsso_role_name = AdministratorAccess\nregion = eu-west-1\noutput = yaml\n',
    )
  })

  it.each([
    [
      'a vanity URL leading to a portal that names its region skips the region question',
      { status: 302, location: 'https://ssoins-1.portal.eu-central-1.app.aws/' },
      'https://ssoins-1.portal.eu-central-1.app.aws',
      'eu-central-1',
    ],
    [
      'a vanity URL that leads nowhere falls back to the question',
      { status: 404 },
      'https://sso.example.com/start',
      'ap-south-1',
    ],
  ])('%s', async (_name, answer, signInUrl, region) => {
    const answers = ['corp', 'https://sso.example.com/start', ...(region === 'ap-south-1' ? [region] : []), '']
    const env = await setup([...answers, '', '', ''])
    const probed: string[] = []
    const clients = portal([{ accountId: '123456789011' }], {
      '123456789011': [{ roleName: 'R', accountId: '123456789011' }],
    })
    await runConfigureSso(
      { useDeviceCode: true, noBrowser: false },
      {
        ...env,
        clients,
        probeHttp: async (url, method) => {
          probed.push(`${method} ${url}`)
          return answer
        },
      },
    )
    expect(probed).toEqual(['HEAD https://sso.example.com/start'])
    const asked = [
      'SSO session name (Recommended): ',
      'SSO start URL [None]: ',
      ...(region === 'ap-south-1' ? ['SSO region [None]: '] : []),
      'SSO registration scopes [sso:account:access]: ',
    ]
    expect(env.promptsShown.slice(0, asked.length)).toEqual(asked)
    const start = clients.calls.find((c) => c.command === 'StartDeviceAuthorizationCommand')!
    expect([start.input.startUrl, start.target.region]).toEqual([signInUrl, region])
    expect(await readFile(join(env.home, '.aws', 'config'), 'utf8')).toContain(
      `[sso-session corp]\nsso_start_url = https://sso.example.com/start\nsso_region = ${region}\n`,
    )
  })

  it('writes the legacy format with the CLI warning', async () => {
    const env = await setup(['', START_URL, 'us-east-1', '', ''])
    const clients = portal([{ accountId: '111111111111' }], {
      '111111111111': [{ roleName: 'R', accountId: '111111111111' }],
    })
    await runConfigureSso({ profile: 'old', useDeviceCode: false, noBrowser: false }, { ...env, clients })
    expect(env.out.text.replaceAll('\x1b[1m', '').replaceAll('\x1b[0m', '')).toMatch(
      /^WARNING: Configuring using legacy format \(e\.g\. without an SSO session\)\.\nConsider re-running "configure sso" command and providing a session name\.\n/,
    )
    expect(await readFile(join(env.home, '.aws', 'config'), 'utf8')).toBe(
      `[profile old]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = R\n`,
    )
    expect(env.out.text).toContain('idc sts get-caller-identity --profile old')
  })

  it('skips the credential provider when listing is unauthorized', async () => {
    const env = await setup(['s', START_URL, 'us-east-1', '', '', '', 'named'])
    await runConfigureSso(
      { useDeviceCode: true, noBrowser: false },
      { ...env, clients: portal([], {}, { unauthorized: true }) },
    )
    expect(env.out.text).toContain(
      'Unable to list AWS accounts and/or roles. Skipping configuring AWS credential provider for profile.\n',
    )
    expect(env.promptsShown.at(-1)).toBe('Profile name [None]: ')
    expect(env.out.text).toMatch(/\nSuccessfully configured SSO for profile: named\n$/)
  })

  it('fails at once without a terminal, naming the missing flags', async () => {
    const env = createTestCliEnv({ interactive: false })
    await expect(
      runConfigureSso({ ssoSession: 'x', useDeviceCode: false, noBrowser: false }, { ...env, clients: portal([], {}) }),
    ).rejects.toThrow('Missing: --sso-start-url, --sso-region')
  })

  it('picks the only account and role without a terminal and names the profile <role>-<account>', async () => {
    const env = createTestCliEnv({ interactive: false, vars: { DISPLAY: ':0' } })
    await runConfigureSso(
      { ssoSession: 'solo', ssoStartUrl: START_URL, ssoRegion: 'us-east-1', useDeviceCode: true, noBrowser: true },
      {
        ...env,
        clients: portal([{ accountId: '111111111111', accountName: 'Dev' }], {
          '111111111111': [{ roleName: 'Admin', accountId: '111111111111' }],
        }),
      },
    )
    expect(env.out.text).toContain('The only AWS account available to you is: 111111111111\n')
    expect(env.out.text).toContain('aws sts get-caller-identity --profile Admin-111111111111'.replace('aws', 'idc'))
    expect(await readFile(join(env.home, '.aws', 'config'), 'utf8')).toContain('[profile Admin-111111111111]\n')
  })

  it('names --account-id without a terminal when several accounts are available', async () => {
    const env = createTestCliEnv({ interactive: false, vars: { DISPLAY: ':0' } })
    await expect(
      runConfigureSso(
        { ssoSession: 'many', ssoStartUrl: START_URL, ssoRegion: 'us-east-1', useDeviceCode: true, noBrowser: true },
        { ...env, clients: portal([{ accountId: '111111111111' }, { accountId: '222222222222' }], {}) },
      ),
    ).rejects.toThrow('choose one with --account-id')
  })

  it('runs without a terminal when every answer is a flag', async () => {
    const env = createTestCliEnv({ interactive: false, vars: { DISPLAY: ':0' } })
    await runConfigureSso(
      {
        ssoSession: 'ci',
        ssoStartUrl: START_URL,
        ssoRegion: 'us-east-1',
        accountId: '111111111111',
        roleName: 'Deployer',
        region: 'eu-central-1',
        outputFormat: 'json',
        profileName: 'ci',
        useDeviceCode: true,
        noBrowser: true,
      },
      { ...env, clients: portal([], {}) },
    )
    expect(await readFile(join(env.home, '.aws', 'config'), 'utf8')).toBe(
      '[profile ci]\nsso_session = ci\nsso_account_id = 111111111111\nsso_role_name = Deployer\nregion = eu-central-1\noutput = json\n' +
        `[sso-session ci]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`,
    )
  })
})

describe('wizard helpers', () => {
  it('sorts and labels accounts like the CLI', () => {
    const sorted = sortAccounts([
      { accountId: '3' },
      { accountId: '2', emailAddress: 'b@x' },
      { accountId: '1', accountName: 'alpha', emailAddress: 'a@x' },
      { accountId: '4', accountName: 'Zed' },
    ])
    expect(sorted.map(formatAccountLabel)).toEqual(['alpha, a@x (1)', 'b@x (2)', 'Zed (4)', '3'])
  })
  it.each([
    ['', 'Not a valid Start URL'],
    ['not a url', 'Not a valid Start URL'],
    ['https:///start', 'Not a valid Start URL'],
    ['https://my_host/start', 'Not a valid Start URL'],
    ['https://-x.example.com/start', 'Not a valid Start URL'],
    ['https://d-1.awsapps.com.:443/start', undefined],
    ['foo://bar', undefined],
    ['http://127.0.0.1:8080/start', undefined],
    ['http://example.com/start', undefined],
    [START_URL, undefined],
  ])('validates start URL %j', (value, problem) => {
    expect(validateStartUrl(value)).toBe(problem)
  })
  it('rejects scopes separated by spaces', () => {
    expect(validateScopes('a b')).toBe('Scope values must be separated by commas')
    expect(validateScopes('sso:account:access, codecatalyst:read_write')).toBeUndefined()
  })
})

describe('runConfigureSsoSession', () => {
  it('asks four questions, writes the section and says how to sign in', async () => {
    const env = await setup(['my-sso', START_URL, 'us-east-1', ''])
    await runConfigureSsoSession({}, env)
    expect(env.promptsShown).toEqual([
      'SSO session name: ',
      'SSO start URL [None]: ',
      'SSO region [None]: ',
      'SSO registration scopes [sso:account:access]: ',
    ])
    expect(await readFile(join(env.home, '.aws', 'config'), 'utf8')).toBe(
      `[sso-session my-sso]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`,
    )
    expect(env.out.text).toBe(
      '\nCompleted configuring SSO session: my-sso\nRun the following to login and refresh access token for this session:\n\nidc sso login --sso-session my-sso\n',
    )
  })
  it('fails at once without a terminal', async () => {
    await expect(runConfigureSsoSession({}, createTestCliEnv({ interactive: false }))).rejects.toThrow(
      'Missing: --sso-session, --sso-start-url, --sso-region',
    )
  })
})
