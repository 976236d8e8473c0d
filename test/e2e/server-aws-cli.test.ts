// The real AWS CLI v2 and v1 against the built `idc server --demo`'s SigV4 APIs, with only
// AWS_ENDPOINT_URL pointing them at it (one port for every service) and a temporary HOME. Identity
// Center role credentials are issued straight into the server's SQLite file (as GetRoleCredentials
// would after a browser sign-in, which other end-to-end tests cover).
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerDeps } from '../../src/server/deps.js'
import { issueRoleCredentials } from '../../src/server/domain/role-credentials.js'
import { generateTotp } from '../../src/server/domain/secrets.js'
import { createRandomIds } from '../../src/server/ids.js'
import { openStore, type Store } from '../../src/server/store/store.js'
import { findAwsV1, findAwsV2, IDC_BIN, requireTool } from '../helpers/tools.js'

const run = promisify(execFile)
const LEGACY_CI = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
}
const DEPLOYER = 'arn:aws:iam::123456789022:role/Deployer'
const MFA_SERIAL = 'arn:aws:iam::123456789011:mfa/legacy-ci'

/** A running `idc server` child. */
interface IdcServer {
  url: string
  admin: { accessKeyId: string; secretAccessKey: string }
  dataDir: string
  child: ChildProcess
  /** Everything the server wrote to stderr (start-up banner, invitation links). */
  stderr(): string
  /** A second handle on the server's database, for issuing role credentials. */
  store: Store
}

async function startIdcServer(): Promise<IdcServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'idc-e2e-server-'))
  const readyFile = join(dataDir, 'ready.json')
  const child = spawn(
    process.execPath,
    [
      IDC_BIN,
      'server',
      '--demo',
      '--port',
      '0',
      '--data',
      dataDir,
      '--ready-file',
      readyFile,
      '--log-file',
      join(dataDir, 'requests.log'),
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  for (let i = 0; i < 300 && !existsSync(readyFile); i++) {
    if (child.exitCode !== null) throw new Error(`idc server exited with ${child.exitCode}: ${stderr}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  const ready = JSON.parse(readFileSync(readyFile, 'utf8')) as {
    endpoint: string
    adminAccessKeyId: string
    adminSecretAccessKey: string
  }
  return {
    url: ready.endpoint,
    admin: { accessKeyId: ready.adminAccessKeyId, secretAccessKey: ready.adminSecretAccessKey },
    dataDir,
    child,
    stderr: () => stderr,
    store: openStore({ path: join(dataDir, 'idc.sqlite') }),
  }
}

async function stopIdcServer(server: IdcServer): Promise<void> {
  server.store.close()
  const exited = new Promise((r) => server.child.once('exit', r))
  server.child.kill('SIGTERM')
  await exited
  rmSync(server.dataDir, { recursive: true, force: true })
}

interface Result {
  code: number
  stdout: string
  stderr: string
}

const clients = [
  ['AWS CLI v2', requireTool(findAwsV2()), findAwsV2().missing],
  ['AWS CLI v1', requireTool(findAwsV1()), findAwsV1().missing],
] as const

describe.each(clients)('%s against the SigV4 APIs', (_name, aws, missing) => {
  let server: IdcServer
  let home: string

  beforeAll(async () => {
    if (!aws) return
    server = await startIdcServer()
    home = mkdtempSync(join(tmpdir(), 'idc-e2e-aws-'))
  })
  afterAll(async () => {
    if (!aws) return
    await stopIdcServer(server)
    rmSync(home, { recursive: true, force: true })
  })

  async function cli(args: string[], credentials: Record<string, string>): Promise<Result> {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_ENDPOINT_URL: server.url,
      AWS_REGION: 'ap-northeast-1',
      AWS_DEFAULT_REGION: 'ap-northeast-1',
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...credentials,
    }
    try {
      const { stdout, stderr } = await run(aws as string, [...args, '--output', 'json'], { env, timeout: 60_000 })
      return { code: 0, stdout, stderr }
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string }
      return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
    }
  }

  function ok(r: Result): any {
    if (r.code !== 0) throw new Error(`exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`)
    return r.stdout.trim() ? JSON.parse(r.stdout) : undefined
  }

  function sso(userName: string, accountId: string, permissionSet: string): Record<string, string> {
    const { store } = server
    const user = store.findUserByName(userName)
    const ps = store.findPermissionSetByName(permissionSet)
    if (!user || !ps) throw new Error('demo organisation missing')
    const deps = { store, clock: () => Date.now(), ids: createRandomIds() } as unknown as ServerDeps
    const c = issueRoleCredentials(deps, user, accountId, ps)
    return {
      AWS_ACCESS_KEY_ID: c.accessKeyId,
      AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
      AWS_SESSION_TOKEN: c.sessionToken,
    }
  }

  function admin(): Record<string, string> {
    return { AWS_ACCESS_KEY_ID: server.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: server.admin.secretAccessKey }
  }

  it.skipIf(!aws)(`sts get-caller-identity with the legacy-ci static keys ${missing ?? ''}`, async () => {
    const out = ok(await cli(['sts', 'get-caller-identity'], LEGACY_CI))
    expect(out).toMatchObject({ Account: '123456789011', Arn: 'arn:aws:iam::123456789011:user/legacy-ci' })
  })

  it.skipIf(!aws)('sts get-caller-identity with Identity Center role credentials', async () => {
    const out = ok(await cli(['sts', 'get-caller-identity'], sso('alice', '123456789011', 'AdministratorAccess')))
    expect(out.Arn).toMatch(
      /^arn:aws:sts::123456789011:assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}\/alice$/,
    )
  })

  it.skipIf(!aws)('sts get-caller-identity with a wrong secret fails with SignatureDoesNotMatch', async () => {
    const r = await cli(['sts', 'get-caller-identity'], { ...LEGACY_CI, AWS_SECRET_ACCESS_KEY: 'x'.repeat(40) })
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('SignatureDoesNotMatch')
  })

  it.skipIf(!aws)('sts assume-role to Deployer with an MFA code', async () => {
    const code = generateTotp('JBSWY3DPEHPK3PXP', Date.now())
    const args = [
      'sts',
      'assume-role',
      '--role-arn',
      DEPLOYER,
      '--role-session-name',
      'e2e',
      '--serial-number',
      MFA_SERIAL,
      '--token-code',
      code,
    ]
    const out = ok(await cli(args, LEGACY_CI))
    expect(out.AssumedRoleUser.Arn).toBe('arn:aws:sts::123456789022:assumed-role/Deployer/e2e')
    expect(out.Credentials.AccessKeyId).toMatch(/^ASIA/)
    // The same code again is refused: TOTP codes are single-use.
    const again = await cli(args, LEGACY_CI)
    expect(again.code).not.toBe(0)
    expect(again.stderr).toContain('AccessDenied')
  })

  it.skipIf(!aws)('sts get-session-token with MFA, then get-caller-identity with the session', async () => {
    // One step ahead of now: still inside the ±1 window, and after the step assume-role used.
    const code = generateTotp('JBSWY3DPEHPK3PXP', Date.now() + 30_000)
    const out = ok(
      await cli(
        ['sts', 'get-session-token', '--duration-seconds', '900', '--serial-number', MFA_SERIAL, '--token-code', code],
        LEGACY_CI,
      ),
    )
    const session = {
      AWS_ACCESS_KEY_ID: out.Credentials.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: out.Credentials.SecretAccessKey,
      AWS_SESSION_TOKEN: out.Credentials.SessionToken,
    }
    expect(ok(await cli(['sts', 'get-caller-identity'], session)).Arn).toBe('arn:aws:iam::123456789011:user/legacy-ci')
  })

  it.skipIf(!aws)('s3 ls lists the buckets for AdministratorAccess', async () => {
    const r = await cli(['s3', 'ls'], sso('alice', '123456789011', 'AdministratorAccess'))
    expect(r.code, r.stderr).toBe(0)
    const names = r.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(' ').pop())
    expect(names).toEqual(['dev-app-assets-123456789011', 'dev-build-artifacts-123456789011', 'dev-logs-123456789011'])
    expect(r.stdout).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} dev-app-assets-123456789011$/m)
  })

  it.skipIf(!aws)('s3 ls is AccessDenied for BillingOnly', async () => {
    const r = await cli(['s3', 'ls'], sso('bob', '123456789022', 'BillingOnly'))
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('AccessDenied')
  })

  it.skipIf(!aws)('sso-admin list-instances with the administrator key', async () => {
    const out = ok(await cli(['sso-admin', 'list-instances'], admin()))
    expect(out.Instances).toHaveLength(1)
    expect(out.Instances[0]).toMatchObject({ IdentityStoreId: 'd-9567a1b2c3', Status: 'ACTIVE' })
    expect(out.Instances[0].InstanceArn).toMatch(/^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/)
  })

  it.skipIf(!aws)('identitystore list-users and create-user, which logs an invitation link', async () => {
    const listed = ok(await cli(['identitystore', 'list-users', '--identity-store-id', 'd-9567a1b2c3'], admin()))
    expect(listed.Users.map((u: { UserName: string }) => u.UserName).sort()).toEqual(['alice', 'bob'])
    const created = ok(
      await cli(
        [
          'identitystore',
          'create-user',
          '--identity-store-id',
          'd-9567a1b2c3',
          '--user-name',
          'dave',
          '--display-name',
          'Dave',
          '--name',
          'GivenName=Dave,FamilyName=Example',
          '--emails',
          'Value=dave@example.com,Type=work,Primary=true',
        ],
        admin(),
      ),
    )
    expect(created.UserId).toBeTruthy()
    expect(server.stderr()).toContain(`Invitation for dave: ${server.url}/invitation?token=`)
    const dup = await cli(
      [
        'identitystore',
        'create-user',
        '--identity-store-id',
        'd-9567a1b2c3',
        '--user-name',
        'dave',
        '--display-name',
        'Dave',
      ],
      admin(),
    )
    expect(dup.stderr).toContain('ConflictException')
  })

  it.skipIf(!aws)('sso-admin create-permission-set and list-permission-sets', async () => {
    const instanceArn = ok(await cli(['sso-admin', 'list-instances'], admin())).Instances[0].InstanceArn
    const created = ok(
      await cli(
        [
          'sso-admin',
          'create-permission-set',
          '--instance-arn',
          instanceArn,
          '--name',
          'Auditor',
          '--session-duration',
          'PT2H',
        ],
        admin(),
      ),
    )
    expect(created.PermissionSet.PermissionSetArn).toMatch(
      /^arn:aws:sso:::permissionSet\/ssoins-[0-9a-f]{16}\/ps-[0-9a-f]{16}$/,
    )
    const listed = ok(await cli(['sso-admin', 'list-permission-sets', '--instance-arn', instanceArn], admin()))
    expect(listed.PermissionSets).toContain(created.PermissionSet.PermissionSetArn)
    expect(listed.PermissionSets).toHaveLength(5)
  })
})
