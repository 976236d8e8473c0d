/**
 * `idc sso populate` end to end: the built idc against a real `idc server` with its default,
 * AWS-like throttling — bob's four demo roles (rerun byte-idempotent, prune after the real AWS CLI
 * v2 deletes an assignment, comments and hand-written profiles kept), and 1,000 generated accounts.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { approveOverHttp } from '../helpers/http-sign-in.js'
import { runIdc } from '../helpers/run-idc.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { BOB } from '../helpers/sso-browser.js'
import { findAwsV2, requireTool } from '../helpers/tools.js'
import { deviceLogin, requestCount, writeTokenCache } from './credentials-login.js'

const run = promisify(execFile)

const HAND_WRITTEN = (server: ServerProcess) => `# my own settings, keep this comment
[sso-session demo]
sso_start_url = ${server.startUrl}
sso_region = ${server.region}
sso_registration_scopes = sso:account:access

[profile mine]   ; hand-written, never touched
sso_session = demo
sso_account_id = 123456789011
sso_role_name = ReadOnly
`

async function signedInHome(
  server: ServerProcess,
  user: typeof BOB,
): Promise<{ home: string; env: Record<string, string> }> {
  const home = mkdtempSync(join(tmpdir(), 'idc-e2e-populate-'))
  mkdirSync(join(home, '.aws'), { mode: 0o700 })
  writeFileSync(join(home, '.aws', 'config'), HAND_WRITTEN(server), { mode: 0o600 })
  const login = await deviceLogin(server, user, approveOverHttp)
  writeTokenCache(home, 'demo', server, login, Date.now() + 3600_000)
  return { home, env: { HOME: home, AWS_ENDPOINT_URL: server.endpoint, PATH: process.env.PATH ?? '' } }
}

describe('idc sso populate against the demo organisation', () => {
  let server: ServerProcess
  beforeAll(async () => {
    server = await startServerProcess()
  })
  afterAll(async () => {
    await server?.kill()
  })

  it('writes bob four profiles, reruns without a byte changed, and prunes a deleted assignment', async () => {
    const { home, env } = await signedInHome(server, BOB)
    const configFile = join(home, '.aws', 'config')
    const first = await runIdc(['sso', 'populate', '--sso-session', 'demo'], env)
    expect(first.code, first.stderr).toBe(0)
    const written = readFileSync(configFile, 'utf8')
    expect(written.startsWith(HAND_WRITTEN(server))).toBe(true)
    const generated = [...written.matchAll(/^\[profile ([^\]]+)\]\n# idc sso populate/gm)].map((m) => m[1])
    expect(generated).toEqual([
      'DeveloperAccount.FullAccess',
      'DeveloperAccount.ReadOnly',
      'ProductionAccount.BillingOnly',
      'ProductionAccount.ReadOnly',
    ])
    // Every generated profile points at the session, never the legacy sso_start_url form.
    expect(written.match(/^sso_start_url/gm)).toHaveLength(1)
    expect(written.match(/^sso_session = demo$/gm)).toHaveLength(5)

    const again = await runIdc(['sso', 'populate', '--sso-session', 'demo', '--prune'], env)
    expect(again.code, again.stderr).toBe(0)
    expect(readFileSync(configFile, 'utf8')).toBe(written)

    const aws = requireTool(findAwsV2())
    if (!aws) return
    const admin = {
      ...env,
      AWS_ACCESS_KEY_ID: server.adminAccessKeyId,
      AWS_SECRET_ACCESS_KEY: server.adminSecretAccessKey,
      AWS_DEFAULT_REGION: server.region,
      AWS_CONFIG_FILE: join(home, 'no-config'),
    }
    const cli = async (...args: string[]) =>
      JSON.parse((await run(aws, [...args, '--output', 'json'], { env: admin })).stdout || '{}')
    const instance = (await cli('sso-admin', 'list-instances')).Instances[0]
    const sets = (await cli('sso-admin', 'list-permission-sets', '--instance-arn', instance.InstanceArn)).PermissionSets
    let readOnly = ''
    for (const arn of sets) {
      const d = await cli(
        'sso-admin',
        'describe-permission-set',
        '--instance-arn',
        instance.InstanceArn,
        '--permission-set-arn',
        arn,
      )
      if (d.PermissionSet.Name === 'ReadOnly') readOnly = arn
    }
    const group = await cli(
      'identitystore',
      'get-group-id',
      '--identity-store-id',
      instance.IdentityStoreId,
      '--alternate-identifier',
      JSON.stringify({ UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'Developers' } }),
    )
    await cli(
      'sso-admin',
      'delete-account-assignment',
      '--instance-arn',
      instance.InstanceArn,
      '--target-id',
      '123456789022',
      '--target-type',
      'AWS_ACCOUNT',
      '--permission-set-arn',
      readOnly,
      '--principal-type',
      'GROUP',
      '--principal-id',
      group.GroupId,
    )

    const kept = await runIdc(['sso', 'populate', '--sso-session', 'demo'], env)
    expect(kept.code, kept.stderr).toBe(0)
    expect(kept.stderr).toMatch(/1 generated profiles have no role any more .*ProductionAccount\.ReadOnly/)
    expect(readFileSync(configFile, 'utf8')).toBe(written)

    const dry = await runIdc(['sso', 'populate', '--sso-session', 'demo', '--prune', '--dry-run'], env)
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toMatch(/^-\[profile ProductionAccount\.ReadOnly\]$/m)
    expect(readFileSync(configFile, 'utf8')).toBe(written)

    const pruned = await runIdc(['sso', 'populate', '--sso-session', 'demo', '--prune'], env)
    expect(pruned.code, pruned.stderr).toBe(0)
    const after = readFileSync(configFile, 'utf8')
    expect(after.startsWith(HAND_WRITTEN(server))).toBe(true)
    expect(after).not.toContain('[profile ProductionAccount.ReadOnly]')
    expect(after).toContain('[profile ProductionAccount.BillingOnly]')
  }, 120_000)
})

describe('idc sso populate against 1,000 accounts with throttling on', () => {
  let server: ServerProcess
  beforeAll(async () => {
    server = await startServerProcess({ args: ['--generate-org', '1000'], timeoutMs: 120_000 })
  }, 130_000)
  afterAll(async () => {
    await server?.kill()
  })

  it('writes all 1,250 profiles without an error, though the server throttles', async () => {
    const { home, env } = await signedInHome(server, { username: 'dev', password: 'Dev-pass-123456' })
    const started = Date.now()
    const result = await runIdc(['sso', 'populate', '--sso-session', 'demo'], env)
    const seconds = (Date.now() - started) / 1000
    expect(result.code, result.stderr).toBe(0)
    const text = readFileSync(join(home, '.aws', 'config'), 'utf8')
    expect(text.match(/^# idc sso populate: generated/gm)?.length).toBe(1250)
    const ok = await requestCount(server, 'ListAccountRoles', 'success')
    const throttled = await requestCount(server, 'ListAccountRoles', 'TooManyRequestsException')
    expect(ok).toBe(1000)
    // Figures for the report (not asserted: speed goals live in bench/).
    console.log(
      `populate 1000 accounts: ${seconds.toFixed(1)} s, ListAccountRoles ${ok} ok + ${throttled} throttled; ${result.stderr.trim()}`,
    )
  }, 600_000)
})
