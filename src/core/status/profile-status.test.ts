import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { loadSharedConfig } from '../config/load-shared-config.js'
import { assumeRoleCacheKey, ssoRoleCacheKey } from '../credentials/cache-keys.js'
import { getProfileStatus, idcExportProfile } from './profile-status.js'
import { listSessionStatuses } from './session-status.js'

const NOW = Date.parse('2026-11-22T00:00:00Z')
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex')
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString().slice(0, 19) + 'Z'

const CONFIG = `[profile dev]
sso_session = corp
sso_account_id = 123456789011
sso_role_name = Admin

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile legacy]
sso_start_url = https://old.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 123456789022
sso_role_name = ReadOnly

[profile deploy]
role_arn = arn:aws:iam::123456789022:role/Deployer
source_profile = dev

[profile mfa]
role_arn = arn:aws:iam::123456789022:role/Deployer
source_profile = keys
mfa_serial = arn:aws:iam::123456789011:mfa/ci

[profile keys]
aws_access_key_id = AKIAKEYS
aws_secret_access_key = secret
aws_account_id = 123456789011

[profile console]
login_session = arn:aws:sts::123456789033:assumed-role/Admin/alice

[profile tool]
credential_process = /bin/sh -c true

[profile via-idc]
credential_process = node /opt/idc/bin/idc.cjs configure export-credentials --profile dev

[profile loop]
credential_process = idc configure export-credentials --profile loop

[profile missing-tool]
credential_process = "no such program" --flag
`

function token(minutes: number, refresh = true) {
  return JSON.stringify({
    startUrl: 'https://corp.awsapps.com/start',
    region: 'us-east-1',
    accessToken: 'at',
    expiresAt: at(minutes),
    ...(refresh
      ? { clientId: 'c', clientSecret: 's', registrationExpiresAt: at(60 * 24 * 80), refreshToken: 'r' }
      : {}),
  })
}

function roleEntry(minutes: number, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    Credentials: { AccessKeyId: 'ASIA', SecretAccessKey: 's', SessionToken: 't', Expiration: at(minutes) },
    ...extra,
  })
}

const devKey = ssoRoleCacheKey({ accountId: '123456789011', roleName: 'Admin', sessionName: 'corp' })
const deployKey = assumeRoleCacheKey({ RoleArn: 'arn:aws:iam::123456789022:role/Deployer' })

async function statusOf(profile: string | undefined, files: Record<string, string>, vars: Record<string, string> = {}) {
  const env = createTestCliEnv({ now: NOW, vars, files: { '.aws/config': CONFIG, ...files } })
  const config = await loadSharedConfig({ env })
  return getProfileStatus(env, config, { profile, programExists: async (p) => p === '/bin/sh' })
}

describe('getProfileStatus', () => {
  it('reports cached SSO role credentials as ready until the later of them and the token', async () => {
    const status = await statusOf('dev', {
      [`.aws/cli/cache/${devKey}.json`]: roleEntry(50),
      [`.aws/sso/cache/${sha1('corp')}.json`]: token(120),
    })
    expect(status).toMatchObject({
      source: 'sso',
      ssoSession: 'corp',
      state: 'ready',
      detail: 'cached role credentials',
      credentialsExpireAt: new Date(NOW + 50 * 60_000).toISOString(),
      tokenExpiresAt: new Date(NOW + 120 * 60_000).toISOString(),
      refreshable: true,
      minutesLeft: 120,
      identity: { accountId: '123456789011', roleName: 'Admin' },
    })
  })

  it('ignores role credentials inside the 15-minute window and falls back to the token', async () => {
    const status = await statusOf('dev', {
      [`.aws/cli/cache/${devKey}.json`]: roleEntry(10),
      [`.aws/sso/cache/${sha1('corp')}.json`]: token(30),
    })
    expect(status.credentialsExpireAt).toBeUndefined()
    expect(status.detail).toBe('role credentials fetched with the cached SSO token')
    expect(status.minutesLeft).toBe(30)
  })

  it('counts an expired but refreshable sso-session token as ready with no known end', async () => {
    const status = await statusOf('dev', { [`.aws/sso/cache/${sha1('corp')}.json`]: token(-5) })
    expect(status).toMatchObject({ state: 'ready', refreshable: true })
    expect(status.minutesLeft).toBeUndefined()
  })

  it.each([
    ['no token', {}, 'no SSO token is cached'],
    [
      'an expired token without a refresh token',
      { [`.aws/sso/cache/${sha1('corp')}.json`]: token(-5, false) },
      'the SSO token has expired',
    ],
  ])('needs a sign-in with %s, naming the command', async (_name, files, detail) => {
    const status = await statusOf('dev', files)
    expect(status).toMatchObject({ state: 'sign-in-needed', detail, signInCommand: 'idc sso login --sso-session corp' })
  })

  it('never refreshes legacy tokens, and names the profile in the sign-in command', async () => {
    const file = JSON.stringify({ startUrl: 'x', region: 'eu-west-1', accessToken: 'a', expiresAt: at(-1) })
    const status = await statusOf('legacy', { [`.aws/sso/cache/${sha1('https://old.awsapps.com/start')}.json`]: file })
    expect(status).toMatchObject({
      state: 'sign-in-needed',
      startUrl: 'https://old.awsapps.com/start',
      signInCommand: 'idc sso login --profile legacy',
    })
    expect(status.refreshable).toBeUndefined()
  })

  it('reads the assumed-role ARN from the role cache of an assume-role chain', async () => {
    const arn = 'arn:aws:sts::123456789022:assumed-role/Deployer/botocore-session-1'
    const status = await statusOf('deploy', {
      [`.aws/cli/cache/${deployKey}.json`]: roleEntry(45, { AssumedRoleUser: { Arn: arn } }),
    })
    expect(status).toMatchObject({
      source: 'assume-role',
      baseSource: 'sso',
      roleChain: ['arn:aws:iam::123456789022:role/Deployer'],
      state: 'ready',
      minutesLeft: 45,
      identity: { accountId: '123456789022', roleName: 'Deployer', arn },
    })
  })

  it('follows the base source of an assume-role chain when nothing is cached', async () => {
    expect(await statusOf('deploy', {})).toMatchObject({
      state: 'sign-in-needed',
      signInCommand: 'idc sso login --sso-session corp',
    })
    const ready = await statusOf('deploy', { [`.aws/sso/cache/${sha1('corp')}.json`]: token(90) })
    expect(ready).toMatchObject({ state: 'ready', minutesLeft: 90 })
    expect(ready.detail).toBe(
      'assumes arn:aws:iam::123456789022:role/Deployer with role credentials fetched with the cached SSO token',
    )
  })

  it('needs a person for an MFA role without cached credentials', async () => {
    expect(await statusOf('mfa', {})).toMatchObject({
      state: 'sign-in-needed',
      baseSource: 'static',
      signInCommand: 'idc configure export-credentials --profile mfa',
    })
  })

  it('reports static keys, environment variables and credential_process programs', async () => {
    expect(await statusOf('keys', {})).toMatchObject({
      source: 'static',
      state: 'ready',
      identity: { accountId: '123456789011' },
    })
    const fromEnv = await statusOf(
      undefined,
      {},
      {
        AWS_ACCESS_KEY_ID: 'AKIA',
        AWS_SECRET_ACCESS_KEY: 's',
        AWS_CREDENTIAL_EXPIRATION: at(20),
      },
    )
    expect(fromEnv).toMatchObject({ source: 'environment', state: 'ready', minutesLeft: 20 })
    expect(await statusOf('tool', {})).toMatchObject({ source: 'process', state: 'ready', detail: 'runs /bin/sh' })
    expect(await statusOf('missing-tool', {})).toMatchObject({
      state: 'unavailable',
      detail: 'the program no such program is not found',
    })
  })

  it('follows credential_process = idc configure export-credentials to the profile it exports', async () => {
    const status = await statusOf('via-idc', { [`.aws/sso/cache/${sha1('corp')}.json`]: token(75) })
    expect(status).toMatchObject({
      source: 'process',
      baseSource: 'sso',
      state: 'ready',
      ssoSession: 'corp',
      minutesLeft: 75,
      detail: 'runs idc for profile dev: role credentials fetched with the cached SSO token',
      identity: { accountId: '123456789011', roleName: 'Admin' },
    })
    expect(await statusOf('via-idc', {})).toMatchObject({
      state: 'sign-in-needed',
      signInCommand: 'idc sso login --sso-session corp',
    })
    // A profile exporting itself is only a program to run.
    const loop = await statusOf('loop', {})
    expect([loop.source, loop.baseSource, loop.detail]).toEqual(['process', undefined, 'the program idc is not found'])
  })

  it.each([
    ['idc configure export-credentials --profile a', 'a'],
    ['/usr/local/bin/idc configure export-credentials --format process --profile=b', 'b'],
    ['"C:\\Program Files\\idc\\idc.cjs" configure export-credentials --profile c', 'c'],
    ['aws configure export-credentials --profile d', undefined],
    ['idc configure export-credentials', undefined],
  ])('reads the exported profile of %s', (command, expected) => expect(idcExportProfile(command)).toBe(expected))

  it('recognises a login_session profile and reads its cache', async () => {
    const arn = 'arn:aws:sts::123456789033:assumed-role/Admin/alice'
    const cache = JSON.stringify({
      accessToken: {
        accessKeyId: 'ASIA',
        secretAccessKey: 's',
        sessionToken: 't',
        accountId: '123456789033',
        expiresAt: at(12),
      },
      refreshToken: 'r',
      clientId: 'arn:aws:signin:::devtools/same-device',
      dpopKey: '-----BEGIN EC PRIVATE KEY-----',
    })
    const status = await statusOf('console', { [`.aws/login/cache/${sha256(arn)}.json`]: cache })
    expect(status).toMatchObject({
      source: 'login-session',
      state: 'ready',
      minutesLeft: 12,
      refreshable: true,
      identity: { accountId: '123456789033', roleName: 'Admin', arn },
    })
    expect(await statusOf('console', {})).toMatchObject({
      state: 'sign-in-needed',
      signInCommand: 'idc login --profile console',
    })
  })

  it('throws the resolver errors for unknown profiles and profiles without credentials', async () => {
    await expect(statusOf('nope', {})).rejects.toThrow('The config profile (nope) could not be found')
    await expect(statusOf(undefined, {})).rejects.toThrow('Unable to locate credentials')
  })
})

describe('listSessionStatuses', () => {
  it('lists sso-sessions, legacy start URLs, cache-only tokens and login sessions', async () => {
    const env = createTestCliEnv({
      now: NOW,
      files: {
        '.aws/config': CONFIG,
        [`.aws/sso/cache/${sha1('corp')}.json`]: token(61),
        [`.aws/sso/cache/${sha1('gone')}.json`]: token(-1, false),
        '.aws/sso/cache/registration.json': JSON.stringify({ clientId: 'c', clientSecret: 's', expiresAt: at(9) }),
      },
    })
    const sessions = await listSessionStatuses(env, await loadSharedConfig({ env }))
    expect(sessions.map((s) => [s.kind, s.name, s.state, s.profiles, s.minutesLeft])).toEqual([
      ['sso-session', 'corp', 'ready', ['dev'], 61],
      ['legacy-sso', 'https://old.awsapps.com/start', 'sign-in-needed', ['legacy'], undefined],
      ['sso-session', undefined, 'sign-in-needed', [], undefined],
      ['login-session', 'arn:aws:sts::123456789033:assumed-role/Admin/alice', 'sign-in-needed', ['console'], undefined],
    ])
    expect(sessions[2]).toMatchObject({ cacheOnly: true, startUrl: 'https://corp.awsapps.com/start' })
  })
})
