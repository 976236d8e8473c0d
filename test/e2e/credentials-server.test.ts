// The credential commands against a real `idc server --demo`, with only AWS_ENDPOINT_URL pointing
// the built idc, AWS CLI v2 and the JS SDK v3 at it: an SSO profile through export-credentials
// and sts get-caller-identity; a switch-role profile with MFA (legacy-ci -> Deployer); idc as
// `credential_process` for the JS SDK (fromProcess, fromIni) and for AWS CLI v2.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { fromIni, fromProcess } from '@aws-sdk/credential-providers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAwsClientFactory } from '../../src/core/aws/clients.js'
import { fromIdc } from '../../src/core/credentials/from-idc.js'
import { createNodeEnv } from '../../src/core/node-env.js'
import { runCli } from '../../src/cli/run-cli.js'
import { createTestCliEnv } from '../helpers/cli-test-env.js'
import { runIdc } from '../helpers/run-idc.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { ALICE, BOB, totpCode } from '../helpers/sso-browser.js'
import { findAwsV1, findAwsV2, IDC_BIN, requireTool } from '../helpers/tools.js'
import { clientEnv, demoConfig, deviceLogin, requestCount, writeTokenCache } from './credentials-login.js'

const run = promisify(execFile)
const LEGACY_CI_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const MFA_SERIAL = 'arn:aws:iam::123456789011:mfa/legacy-ci'
const TOTP_SECRET = 'JBSWY3DPEHPK3PXP'

describe('credentials against idc server', () => {
  let server: ServerProcess
  let home: string
  let env: Record<string, string>

  beforeAll(async () => {
    server = await startServerProcess({ demo: true })
    home = mkdtempSync(join(tmpdir(), 'idc-e2e-credentials-'))
    env = clientEnv(server, home)
    const login = await deviceLogin(server, ALICE)
    mkdirSync(join(home, '.aws'), { recursive: true })
    const proc = `node ${IDC_BIN} configure export-credentials --profile alice`
    writeFileSync(
      join(home, '.aws', 'config'),
      demoConfig(
        server,
        `
[profile alice-proc]
credential_process = ${proc}
region = ${server.region}

[profile legacy-ci]
region = ${server.region}

[profile deployer]
role_arn = arn:aws:iam::123456789022:role/Deployer
source_profile = legacy-ci
mfa_serial = ${MFA_SERIAL}
region = ${server.region}
`,
      ),
    )
    writeFileSync(
      join(home, '.aws', 'credentials'),
      `[legacy-ci]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${LEGACY_CI_SECRET}\n`,
    )
    writeTokenCache(home, 'demo', server, login, Date.now() + 8 * 3600_000)
  })
  afterAll(async () => {
    await server?.stop()
    if (home) rmSync(home, { recursive: true, force: true })
  })

  it('exports SSO role credentials, caches them as the AWS CLI does and signs STS calls with them', async () => {
    const before = await requestCount(server, 'GetRoleCredentials')
    const exported = await runIdc(['configure', 'export-credentials', '--profile', 'alice'], env)
    expect(exported.stderr).toBe('')
    expect(exported.code).toBe(0)
    const creds = JSON.parse(exported.stdout) as Record<string, unknown>
    expect(Object.keys(creds)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration'])
    expect(creds.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/)

    const key = createHash('sha1')
      .update('{"accountId":"123456789011","roleName":"AdministratorAccess","sessionName":"demo"}')
      .digest('hex')
    const cacheFile = join(home, '.aws', 'cli', 'cache', `${key}.json`)
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
      ProviderType: string
      Credentials: Record<string, string>
    }
    expect(cached.ProviderType).toBe('sso')
    expect(cached.Credentials.AccessKeyId).toBe(creds.AccessKeyId)
    expect(cached.Credentials.Expiration).toMatch(/Z$/)
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600)

    const identity = await runIdc(['sts', 'get-caller-identity', '--profile', 'alice'], env)
    expect(identity.code).toBe(0)
    const parsed = JSON.parse(identity.stdout) as { Account: string; Arn: string }
    expect(parsed.Account).toBe('123456789011')
    expect(parsed.Arn).toContain('AdministratorAccess')
    // The second command used the cached role credentials.
    expect((await requestCount(server, 'GetRoleCredentials')) - before).toBe(1)

    const envFormat = await runIdc(['configure', 'export-credentials', '--profile', 'alice', '--format', 'env'], env)
    expect(envFormat.stdout).toBe(
      `export AWS_ACCESS_KEY_ID=${String(creds.AccessKeyId)}\nexport AWS_SECRET_ACCESS_KEY=${String(creds.SecretAccessKey)}\nexport AWS_SESSION_TOKEN=${String(creds.SessionToken)}\nexport AWS_CREDENTIAL_EXPIRATION=${String(creds.Expiration)}\n`,
    )
  })

  it('assumes Deployer from legacy-ci with an MFA code typed at the hidden prompt, then reuses the cache', async () => {
    const cli = createTestCliEnv({
      vars: { ...env },
      now: Date.now(),
      answers: [totpCode(TOTP_SECRET)],
      clients: createAwsClientFactory(),
    })
    // The real clock: STS checks the TOTP code and the cache window against it.
    Object.assign(cli, { now: () => Date.now(), sleep: createNodeEnv().sleep })
    expect(await runCli(['sts', 'get-caller-identity', '--profile', 'deployer'], cli)).toBe(0)
    expect(cli.promptsShown).toEqual([`Enter MFA code for ${MFA_SERIAL}: `])
    const identity = JSON.parse(cli.out.text) as { Account: string; Arn: string }
    expect(identity.Account).toBe('123456789022')
    expect(identity.Arn).toMatch(/^arn:aws:sts::123456789022:assumed-role\/Deployer\/botocore-session-\d+$/)

    // The built idc, without a terminal, uses the cached role credentials: no prompt needed.
    const exported = await runIdc(['configure', 'export-credentials', '--profile', 'deployer'], env)
    expect(exported.stderr).toBe('')
    expect(exported.code).toBe(0)
    const key = createHash('sha1')
      .update(`{"RoleArn": "arn:aws:iam::123456789022:role/Deployer", "SerialNumber": "${MFA_SERIAL}"}`)
      .digest('hex')
    const cached = JSON.parse(readFileSync(join(home, '.aws', 'cli', 'cache', `${key}.json`), 'utf8')) as {
      Credentials: Record<string, string>
    }
    expect(cached.Credentials.Expiration).toMatch(/\+00:00$/)
    expect(cached.Credentials.AccountId).toBe('123456789022')
    expect((JSON.parse(exported.stdout) as { AccessKeyId: string }).AccessKeyId).toBe(cached.Credentials.AccessKeyId)
  })

  it('fails at once without a terminal when an MFA code is needed', async () => {
    rmSync(join(home, '.aws', 'cli', 'cache'), { recursive: true, force: true })
    const exported = await runIdc(['configure', 'export-credentials', '--profile', 'deployer'], env)
    expect(exported.code).not.toBe(0)
    expect(exported.stderr).toContain(`Cannot prompt for the MFA code for ${MFA_SERIAL}: not running in a terminal.`)
  })

  it('serves the JS SDK v3 as credential_process (fromProcess and fromIni)', async () => {
    const files = { filepath: join(home, '.aws', 'credentials'), configFilepath: join(home, '.aws', 'config') }
    const saved = { HOME: process.env.HOME, AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL }
    // The SDK runs credential_process with its own environment.
    Object.assign(process.env, { HOME: home, AWS_ENDPOINT_URL: server.endpoint })
    try {
      for (const provider of [
        fromProcess({ profile: 'alice-proc', ...files }),
        fromIni({ profile: 'alice-proc', ...files, ignoreCache: true }),
      ]) {
        const credentials = await provider()
        expect(credentials.accessKeyId).toMatch(/^ASIA/)
        expect(credentials.expiration).toBeInstanceOf(Date)
        const sts = new STSClient({ region: server.region, endpoint: server.endpoint, credentials })
        const identity = await sts.send(new GetCallerIdentityCommand({}))
        sts.destroy()
        expect(identity.Account).toBe('123456789011')
      }
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      }
    }
  })

  it('gives the JS SDK v3 the same role credentials through fromIdc', async () => {
    const credentials = fromIdc({
      profile: 'alice',
      env: { ...createNodeEnv(), vars: { HOME: home, AWS_ENDPOINT_URL: server.endpoint } },
    })
    const sts = new STSClient({ region: server.region, endpoint: server.endpoint, credentials })
    const identity = await sts.send(new GetCallerIdentityCommand({}))
    sts.destroy()
    expect(identity.Account).toBe('123456789011')
    expect(identity.Arn).toContain('AdministratorAccess')
  })

  const awsV2 = requireTool(findAwsV2())
  it.skipIf(!awsV2)('serves AWS CLI v2 as credential_process', async () => {
    const { stdout } = await run(
      awsV2 as string,
      ['sts', 'get-caller-identity', '--profile', 'alice-proc', '--output', 'json'],
      { env, timeout: 60_000 },
    )
    expect((JSON.parse(stdout) as { Account: string }).Account).toBe('123456789011')
  })

  const awsV1 = requireTool(findAwsV1())
  it.skipIf(!awsV1)('serves AWS CLI v1 as credential_process', async () => {
    const { stdout } = await run(
      awsV1 as string,
      ['sts', 'get-caller-identity', '--profile', 'alice-proc', '--output', 'json'],
      { env, timeout: 60_000 },
    )
    expect((JSON.parse(stdout) as { Account: string }).Account).toBe('123456789011')
  })

  it.skipIf(!awsV2)('shares the role-credential cache with AWS CLI v2 in both directions', async () => {
    const aws = (profile: string) =>
      run(awsV2 as string, ['sts', 'get-caller-identity', '--profile', profile, '--output', 'json'], {
        env,
        timeout: 60_000,
      })
    // idc fills the cache; the AWS CLI uses it without calling GetRoleCredentials.
    rmSync(join(home, '.aws', 'cli', 'cache'), { recursive: true, force: true })
    const fromIdc = JSON.parse(
      (await runIdc(['configure', 'export-credentials', '--profile', 'alice'], env)).stdout,
    ) as { AccessKeyId: string }
    let before = await requestCount(server, 'GetRoleCredentials')
    expect((JSON.parse((await aws('alice')).stdout) as { Account: string }).Account).toBe('123456789011')
    expect((await requestCount(server, 'GetRoleCredentials')) - before).toBe(0)
    // The AWS CLI fills the cache; idc uses it.
    rmSync(join(home, '.aws', 'cli', 'cache'), { recursive: true, force: true })
    await aws('alice')
    before = await requestCount(server, 'GetRoleCredentials')
    const again = JSON.parse((await runIdc(['configure', 'export-credentials', '--profile', 'alice'], env)).stdout) as {
      AccessKeyId: string
    }
    expect((await requestCount(server, 'GetRoleCredentials')) - before).toBe(0)
    expect(again.AccessKeyId).not.toBe(fromIdc.AccessKeyId)
  })

  it.skipIf(!awsV2)(
    'lets AWS CLI v2 reuse the MFA role credentials idc assumed, without a prompt',
    async () => {
      // A fresh TOTP window: the server refuses a code it has already seen.
      await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 500))
      const cli = createTestCliEnv({
        vars: { ...env },
        answers: [totpCode(TOTP_SECRET)],
        clients: createAwsClientFactory(),
      })
      Object.assign(cli, { now: () => Date.now(), sleep: createNodeEnv().sleep })
      expect(await runCli(['configure', 'export-credentials', '--profile', 'deployer'], cli)).toBe(0)
      const idcKeys = JSON.parse(cli.out.text) as { AccessKeyId: string }
      const { stdout } = await run(awsV2 as string, ['configure', 'export-credentials', '--profile', 'deployer'], {
        env,
        timeout: 60_000,
      })
      expect((JSON.parse(stdout) as { AccessKeyId: string }).AccessKeyId).toBe(idcKeys.AccessKeyId)
    },
    90_000,
  )

  it('lists buckets in local time, and explains an AccessDenied with the role that lacked s3:ListAllMyBuckets', async () => {
    const listing = await runIdc(['s3', 'ls', '--profile', 'alice'], { ...env, TZ: 'UTC' })
    expect(listing.code).toBe(0)
    expect(listing.stdout).toBe(
      '2024-01-15 09:30:00 dev-app-assets-123456789011\n2024-02-01 12:00:00 dev-build-artifacts-123456789011\n2024-03-10 08:15:00 dev-logs-123456789011\n',
    )

    const bob = await deviceLogin(server, BOB)
    const config = readFileSync(join(home, '.aws', 'config'), 'utf8')
    writeFileSync(
      join(home, '.aws', 'config'),
      `${config}\n[profile bob-billing]\nsso_session = demo-bob\nsso_account_id = 123456789022\nsso_role_name = BillingOnly\nregion = ${server.region}\n\n[sso-session demo-bob]\nsso_start_url = ${server.startUrl}\nsso_region = ${server.region}\n`,
    )
    writeTokenCache(home, 'demo-bob', server, bob, Date.now() + 3600_000)
    const denied = await runIdc(['s3', 'ls', '--profile', 'bob-billing'], env)
    expect(denied.code).toBe(254)
    expect(denied.stderr).toContain('An error occurred (AccessDenied) when calling the ListBuckets operation')
    expect(denied.stderr).toContain(
      'The role BillingOnly in account 123456789022 (profile bob-billing, IAM Identity Center) is not allowed to list buckets (s3:ListAllMyBuckets).',
    )
  })

  it('runs a command with the profile credentials through idc exec', async () => {
    const script =
      'const e=process.env;process.stdout.write(JSON.stringify([e.AWS_ACCESS_KEY_ID?.slice(0,4),e.AWS_REGION,e.AWS_PROFILE]));process.exit(3)'
    const result = await runIdc(['exec', '--profile', 'alice', '--', process.execPath, '-e', script], {
      ...env,
      AWS_PROFILE: 'alice',
    })
    expect(result.code).toBe(3)
    expect(JSON.parse(result.stdout)).toEqual(['ASIA', server.region, null])
  })
})
