import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, statSync, writeFileSync, readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { UnauthorizedException } from '@aws-sdk/client-sso'
import { describe, expect, it } from 'vitest'
import { createFakeAwsClients } from '../../../test/helpers/fake-aws-clients.js'
import { createTestCliEnv, type TestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { createNodeEnv } from '../node-env.js'
import { createFakeClock } from '../../../test/helpers/fake-clock.js'
import { createCredentialProvider, resolveCredentials } from './resolve-credentials.js'
import type { ProcessRunner } from './types.js'

const NOW = Date.parse('2026-11-22T00:00:00Z')
const SSO_CONFIG = `[profile dev]
sso_session = corp
sso_account_id = 123456789011
sso_role_name = AdministratorAccess
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`

function setup(config: string, options: { credentials?: string; vars?: Record<string, string> } = {}): TestCliEnv {
  const env = createTestCliEnv({ now: NOW, ...(options.vars ? { vars: options.vars } : {}) })
  mkdirSync(join(env.home, '.aws'), { recursive: true })
  writeFileSync(join(env.home, '.aws', 'config'), config)
  if (options.credentials) writeFileSync(join(env.home, '.aws', 'credentials'), options.credentials)
  return env
}

function writeToken(home: string, identifier: string, expiresAt: string): void {
  const dir = join(home, '.aws', 'sso', 'cache')
  mkdirSync(dir, { recursive: true })
  const name = createHash('sha1').update(identifier).digest('hex')
  writeFileSync(
    join(dir, `${name}.json`),
    JSON.stringify({ startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', accessToken: 'at-1', expiresAt }),
  )
}

function ssoClients(expiration = NOW + 3600_000) {
  return createFakeAwsClients({
    GetRoleCredentialsCommand: () => ({
      roleCredentials: { accessKeyId: 'ASIASSO', secretAccessKey: 'sso-secret', sessionToken: 'sso-token', expiration },
    }),
  })
}

const DEV_CACHE = join(
  '.aws',
  'cli',
  'cache',
  `${createHash('sha1').update('{"accountId":"123456789011","roleName":"AdministratorAccess","sessionName":"corp"}').digest('hex')}.json`,
)

describe('resolveCredentials with an SSO profile', () => {
  it('calls GetRoleCredentials with the cached token and writes the CLI cache file', async () => {
    const env = setup(SSO_CONFIG)
    writeToken(env.home, 'corp', '2026-11-22T08:00:00Z')
    const clients = ssoClients(NOW + 3600_500)
    const credentials = await resolveCredentials(env, { profile: 'dev', clients })
    expect(credentials).toEqual({
      accessKeyId: 'ASIASSO',
      secretAccessKey: 'sso-secret',
      sessionToken: 'sso-token',
      expiration: new Date(NOW + 3600_000),
      accountId: '123456789011',
    })
    expect(clients.calls).toEqual([
      {
        service: 'sso',
        command: 'GetRoleCredentialsCommand',
        input: { roleName: 'AdministratorAccess', accountId: '123456789011', accessToken: 'at-1' },
        target: { region: 'us-east-1', endpoint: undefined },
      },
    ])
    const path = join(env.home, DEV_CACHE)
    expect(readFileSync(path, 'utf8')).toBe(
      '{"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIASSO", "SecretAccessKey": "sso-secret", "SessionToken": "sso-token", "Expiration": "2026-11-22T01:00:00Z", "AccountId": "123456789011"}}',
    )
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })

  it('uses cached role credentials while more than 15 minutes remain, without reading the token', async () => {
    const env = setup(SSO_CONFIG)
    const clients = ssoClients()
    mkdirSync(join(env.home, '.aws', 'cli', 'cache'), { recursive: true })
    writeFileSync(
      join(env.home, DEV_CACHE),
      '{"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIACACHED", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2026-11-22T00:15:01Z", "AccountId": "123456789011"}}',
    )
    expect((await resolveCredentials(env, { profile: 'dev', clients })).accessKeyId).toBe('ASIACACHED')
    expect(clients.calls).toEqual([])
    env.advance(2000)
    writeToken(env.home, 'corp', '2026-11-22T08:00:00Z')
    expect((await resolveCredentials(env, { profile: 'dev', clients })).accessKeyId).toBe('ASIASSO')
    expect(clients.calls).toHaveLength(1)
  })

  it('explains an expired session and names the sign-in command', async () => {
    const env = setup(SSO_CONFIG)
    writeToken(env.home, 'corp', '2026-11-22T08:00:00Z')
    const clients = createFakeAwsClients({
      GetRoleCredentialsCommand: () => {
        throw new UnauthorizedException({ message: 'Session token not found or invalid', $metadata: {} })
      },
    })
    await expect(resolveCredentials(env, { profile: 'dev', clients })).rejects.toMatchObject({
      message:
        'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run idc sso login with the corresponding profile.',
      hint: 'To sign in again, run: idc sso login --profile dev',
      kind: 'general',
    })
  })

  it('reports a missing token with the session name', async () => {
    const env = setup(SSO_CONFIG)
    await expect(resolveCredentials(env, { profile: 'dev', clients: ssoClients() })).rejects.toThrow(
      'Error loading SSO Token: Token for corp does not exist',
    )
  })

  it('makes one GetRoleCredentials for concurrent callers (single flight through the file lock)', async () => {
    const home = createTestCliEnv().home
    mkdirSync(join(home, '.aws'), { recursive: true })
    writeFileSync(join(home, '.aws', 'config'), SSO_CONFIG)
    // Real files and process checks on a virtual clock: the lock's waits and the slow call below
    // run in order of their wake-up times, without waiting in real time.
    const clock = createFakeClock(Date.now())
    const env = { ...createNodeEnv(), vars: { HOME: home }, now: clock.now, sleep: clock.sleep }
    writeToken(home, 'corp', new Date(clock.now() + 8 * 3600_000).toISOString())
    let calls = 0
    const clients = createFakeAwsClients({
      GetRoleCredentialsCommand: async () => {
        calls++
        await clock.sleep(100)
        return {
          roleCredentials: {
            accessKeyId: 'ASIAONE',
            secretAccessKey: 's',
            sessionToken: 't',
            expiration: clock.now() + 3600_000,
          },
        }
      },
    })
    const results = await Promise.all(
      Array.from({ length: 8 }, () => resolveCredentials(env, { profile: 'dev', clients })),
    )
    expect(calls).toBe(1)
    expect(new Set(results.map((r) => r.accessKeyId))).toEqual(new Set(['ASIAONE']))
    expect(readdirSync(join(home, '.aws', 'cli', 'cache')).filter((f) => f.endsWith('.lock'))).toEqual([])
  })
})

describe('resolveCredentials with assume-role profiles', () => {
  const config = `[profile base]
region = us-west-2

[profile deployer]
role_arn = arn:aws:iam::123456789022:role/Deployer
source_profile = base
mfa_serial = arn:aws:iam::123456789011:mfa/legacy-ci
duration_seconds = 1800
region = eu-central-1
`
  const credentials = `[base]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`
  function stsClients() {
    return createFakeAwsClients({
      AssumeRoleCommand: () => ({
        Credentials: {
          AccessKeyId: 'ASIAROLE',
          SecretAccessKey: 'role-secret',
          SessionToken: 'role-token',
          Expiration: new Date(NOW + 1800_000),
        },
        AssumedRoleUser: {
          AssumedRoleId: 'AROA:botocore-session-1795305600',
          Arn: 'arn:aws:sts::123456789022:assumed-role/Deployer/botocore-session-1795305600',
        },
        $metadata: { requestId: 'req-1' },
      }),
    })
  }

  it('asks for the MFA code, assumes the role with the source keys and caches the raw response', async () => {
    const env = setup(config, { credentials })
    const clients = stsClients()
    const asked: string[] = []
    const result = await resolveCredentials(env, {
      profile: 'deployer',
      clients,
      mfaCode: async (serial) => {
        asked.push(serial)
        return '123456'
      },
    })
    expect(asked).toEqual(['arn:aws:iam::123456789011:mfa/legacy-ci'])
    expect(result).toMatchObject({
      accessKeyId: 'ASIAROLE',
      accountId: '123456789022',
      expiration: new Date(NOW + 1800_000),
    })
    expect(clients.calls[0]).toMatchObject({
      service: 'sts',
      input: {
        RoleArn: 'arn:aws:iam::123456789022:role/Deployer',
        RoleSessionName: `botocore-session-${NOW / 1000}`,
        SerialNumber: 'arn:aws:iam::123456789011:mfa/legacy-ci',
        TokenCode: '123456',
        DurationSeconds: 1800,
      },
      target: { region: 'eu-central-1' },
    })
    const key = createHash('sha1')
      .update(
        '{"DurationSeconds": 1800, "RoleArn": "arn:aws:iam::123456789022:role/Deployer", "SerialNumber": "arn:aws:iam::123456789011:mfa/legacy-ci"}',
      )
      .digest('hex')
    const text = readFileSync(join(env.home, '.aws', 'cli', 'cache', `${key}.json`), 'utf8')
    expect(text).toBe(
      '{"Credentials": {"AccessKeyId": "ASIAROLE", "SecretAccessKey": "role-secret", "SessionToken": "role-token", "Expiration": "2026-11-22T00:30:00+00:00", "AccountId": "123456789022"}, "AssumedRoleUser": {"AssumedRoleId": "AROA:botocore-session-1795305600", "Arn": "arn:aws:sts::123456789022:assumed-role/Deployer/botocore-session-1795305600"}, "ResponseMetadata": {"RequestId": "req-1", "HTTPStatusCode": 200, "HTTPHeaders": {}, "RetryAttempts": 0}}',
    )
    // Within the cache window no prompt and no call happen.
    const again = await resolveCredentials(env, { profile: 'deployer', clients })
    expect(again.accessKeyId).toBe('ASIAROLE')
    expect(clients.calls).toHaveLength(1)
  })

  it('fails without a prompt when MFA is needed and nobody can answer', async () => {
    const env = setup(config, { credentials })
    await expect(resolveCredentials(env, { profile: 'deployer', clients: stsClients() })).rejects.toThrow(
      'Cannot refresh credentials: MFA token required.',
    )
  })

  it('uses environment credentials for credential_source = Environment', async () => {
    const env = setup('[profile r]\nrole_arn = arn:aws:iam::123456789022:role/R\ncredential_source = Environment\n', {
      vars: { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'env-secret' },
    })
    const clients = stsClients()
    await resolveCredentials(env, { profile: 'r', clients })
    expect(clients.calls[0]?.target).toEqual({ region: 'us-east-1', endpoint: undefined })
  })

  it('says so when credential_source = Environment finds nothing', async () => {
    const env = setup('[profile r]\nrole_arn = arn:aws:iam::123456789022:role/R\ncredential_source = Environment\n')
    await expect(resolveCredentials(env, { profile: 'r', clients: stsClients() })).rejects.toThrow(
      'Error when retrieving credentials from Environment: No credentials found in credential_source referenced in profile r',
    )
  })

  it('sends STS calls to AWS_ENDPOINT_URL_STS', async () => {
    const env = setup(config, { credentials, vars: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' } })
    const clients = stsClients()
    await resolveCredentials(env, { profile: 'deployer', clients, mfaCode: async () => '000000' })
    expect(clients.calls[0]?.target.endpoint).toBe('http://127.0.0.1:9')
  })
})

describe('resolveCredentials order', () => {
  it('prefers environment variables unless a profile is given explicitly', async () => {
    const env = setup('[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = f\n', {
      vars: { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'e', AWS_SESSION_TOKEN: 'tok' },
    })
    expect(await resolveCredentials(env)).toEqual({ accessKeyId: 'AKIAENV', secretAccessKey: 'e', sessionToken: 'tok' })
    expect((await resolveCredentials(env, { profile: 'default' })).accessKeyId).toBe('AKIAFILE')
  })

  it('keeps environment variables when AWS_PROFILE names the profile', async () => {
    const env = setup('[profile p]\naws_access_key_id = AKIAFILE\naws_secret_access_key = f\n', {
      vars: { AWS_PROFILE: 'p', AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'e' },
    })
    expect((await resolveCredentials(env)).accessKeyId).toBe('AKIAENV')
  })

  it('reports partial environment credentials', async () => {
    const env = setup('', { vars: { AWS_ACCESS_KEY_ID: 'AKIAENV' } })
    await expect(resolveCredentials(env)).rejects.toThrow(
      'Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY',
    )
  })

  it('reports an unknown profile', async () => {
    const env = setup('')
    await expect(resolveCredentials(env, { profile: 'nope' })).rejects.toThrow(
      'The config profile (nope) could not be found',
    )
  })

  it('reports no credentials as a configuration error', async () => {
    const env = setup('[default]\nregion = us-east-1\n')
    await expect(resolveCredentials(env)).rejects.toMatchObject({
      kind: 'config',
      message: expect.stringContaining('Unable to locate credentials'),
    })
  })

  it('prefers SSO over static keys in one profile, as botocore orders its providers', async () => {
    const env = setup(`${SSO_CONFIG}`, {
      credentials: '[dev]\naws_access_key_id = AKIAFILE\naws_secret_access_key = f\n',
    })
    const planned = await createCredentialProvider(env, { profile: 'dev', clients: ssoClients() })
    expect(planned.plan).toMatchObject({ source: { kind: 'sso' } })
  })
})

describe('resolveCredentials with credential_process', () => {
  function runner(result: { exitCode: number; stdout: string; stderr?: string }, seen: unknown[] = []): ProcessRunner {
    return async (command, args, options) => {
      seen.push({ command, args, chain: options.env._AWS_CLI_PROFILE_CHAIN })
      return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr ?? '' }
    }
  }

  it('splits the command without a shell and reads version 1 output', async () => {
    const env = setup(
      `[profile p]\ncredential_process = "/opt/my tool" --profile 'a b'\naws_account_id = 123456789001\n`,
    )
    const seen: unknown[] = []
    const out = JSON.stringify({
      Version: 1,
      AccessKeyId: 'AKIAP',
      SecretAccessKey: 's',
      SessionToken: 't',
      Expiration: '2026-11-22T01:00:00Z',
    })
    const credentials = await resolveCredentials(env, {
      profile: 'p',
      runProcess: runner({ exitCode: 0, stdout: out }, seen),
      processVars: { _AWS_CLI_PROFILE_CHAIN: 'p' },
    })
    expect(seen).toEqual([{ command: '/opt/my tool', args: ['--profile', 'a b'], chain: 'p' }])
    expect(credentials).toEqual({
      accessKeyId: 'AKIAP',
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: new Date('2026-11-22T01:00:00Z'),
      accountId: '123456789001',
    })
  })

  it.each([
    [
      'a failing process',
      { exitCode: 1, stdout: '', stderr: 'boom\n' },
      'Error when retrieving credentials from custom-process: boom\n',
    ],
    [
      'a wrong version',
      { exitCode: 0, stdout: '{"Version": 2}' },
      "Unsupported version '2' for credential process provider, supported versions: 1",
    ],
    [
      'a missing version',
      { exitCode: 0, stdout: '{}' },
      "Unsupported version '<Version key not provided>' for credential process provider",
    ],
    [
      'a missing key',
      { exitCode: 0, stdout: '{"Version": 1, "SecretAccessKey": "s"}' },
      "Missing required key in response: 'AccessKeyId'",
    ],
    [
      'output that is not JSON',
      { exitCode: 0, stdout: 'invalid json' },
      'Error when retrieving credentials from custom-process: invalid JSON in response',
    ],
  ])('reports %s', async (_name, result, message) => {
    const env = setup('[profile p]\ncredential_process = tool\n')
    await expect(resolveCredentials(env, { profile: 'p', runProcess: runner(result) })).rejects.toThrow(message)
  })

  it('does not leave cache files behind for process credentials', async () => {
    const env = setup('[profile p]\ncredential_process = tool\n')
    await resolveCredentials(env, {
      profile: 'p',
      runProcess: runner({ exitCode: 0, stdout: '{"Version": 1, "AccessKeyId": "a", "SecretAccessKey": "b"}' }),
    })
    expect(existsSync(join(env.home, '.aws', 'cli'))).toBe(false)
  })
})
