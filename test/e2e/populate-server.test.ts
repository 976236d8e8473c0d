/**
 * `idc sso populate` end to end: the built idc against a real `idc server` with its default,
 * AWS-like throttling — bob's four demo roles (rerun byte-idempotent, prune after the real AWS CLI
 * v2 deletes an assignment, comments and hand-written profiles kept), and 1,000 generated accounts.
 */
import { execFile, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { approveOverHttp } from '../helpers/http-sign-in.js'
import { runIdc } from '../helpers/run-idc.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { BOB } from '../helpers/sso-browser.js'
import { IDC_BIN, findAwsV2, requireTool } from '../helpers/tools.js'
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

describe('idc sso populate without a token', () => {
  let server: ServerProcess
  let home: string
  beforeAll(async () => {
    server = await startServerProcess()
    home = mkdtempSync(join(tmpdir(), 'idc-e2e-populate-sign-in-'))
  })
  afterAll(async () => {
    await server?.kill()
    if (home) rmSync(home, { recursive: true, force: true })
  })

  it('signs in first (the device code, in a session without a display), then writes the profiles', async () => {
    mkdirSync(join(home, '.aws'), { mode: 0o700 })
    writeFileSync(join(home, '.aws', 'config'), HAND_WRITTEN(server), { mode: 0o600 })
    const child = spawn(process.execPath, [IDC_BIN, 'sso', 'populate', '--sso-session', 'demo'], {
      env: { HOME: home, AWS_ENDPOINT_URL: server.endpoint, PATH: process.env.PATH ?? '' },
    })
    let stdout = ''
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    // The sign-in prints the device page to open; a person signs in there as bob and approves.
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d
        const match = /autofill the code upon loading:\n(\S+)\n/.exec(stdout)
        if (match) resolve(match[1] as string)
      })
      void exited.then(() =>
        reject(new Error(`populate exited before printing the device page:\n${stdout}\n${stderr}`)),
      )
    })
    await approveOverHttp(url, BOB)
    expect(await exited, stderr).toBe(0)
    expect(stderr).toContain('using the device code')
    expect(stdout).toContain(`Successfully logged into Start URL: ${server.startUrl}`)
    expect(stderr).toMatch(/^Wrote 4 profiles for 2 accounts \(4 added, 0 updated, 0 removed;/m)
    const written = readFileSync(join(home, '.aws', 'config'), 'utf8')
    expect(written.startsWith(HAND_WRITTEN(server))).toBe(true)
    expect(written.match(/^# idc sso populate: generated/gm)).toHaveLength(4)
    // The session's token is cached: the next run lists without signing in.
    const again = await runIdc(['sso', 'populate', '--sso-session', 'demo'], {
      HOME: home,
      AWS_ENDPOINT_URL: server.endpoint,
      PATH: process.env.PATH ?? '',
    })
    expect(again.code, again.stderr).toBe(0)
    expect(again.stdout).not.toContain('autofill')
    expect(readFileSync(join(home, '.aws', 'config'), 'utf8')).toBe(written)
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
