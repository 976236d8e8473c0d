// `idc exec --container-credentials` across a real credential expiry: the organisation gives a
// permission set one-minute sessions (org file only; AWS's shortest is an hour), so the role
// credentials the child gets first really expire while it runs, and `idc server` refuses them
// afterwards (ExpiredToken). A long-running JS SDK client (one STSClient for the whole run, as a
// program keeps it) and the real AWS CLI v2 must keep working on the far side of the expiry,
// through new credentials from idc's endpoint.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runIdc } from '../helpers/run-idc.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { ALICE } from '../helpers/sso-browser.js'
import { findAwsV2, requireTool } from '../helpers/tools.js'
import { clientEnv, demoConfig, deviceLogin, requestCount, writeTokenCache } from './credentials-login.js'

const ORG = `permissionSets:
  - name: ShortLived
    sessionDuration: PT1M
    managedPolicies: [ReadOnlyAccess]
assignments:
  - { account: "123456789011", permissionSet: ShortLived, user: alice }
`

const SHORT_PROFILE = (region: string) => `
[profile short]
sso_session = demo
sso_account_id = 123456789011
sso_role_name = ShortLived
region = ${region}
`

/** The child: one round of three readers, a wait past the first credentials' expiry, another round. */
const CHILD = `
import { execFileSync } from 'node:child_process'
const { fromContainerMetadata } = await import(process.env.E2E_PROVIDERS)
const { STSClient, GetCallerIdentityCommand } = await import(process.env.E2E_STS)
const sts = new STSClient({})
const round = async () => {
  const credentials = await fromContainerMetadata()()
  const cli = JSON.parse(execFileSync(process.env.E2E_AWS, ['sts', 'get-caller-identity', '--output', 'json'], { encoding: 'utf8' })).Arn
  const sdk = (await sts.send(new GetCallerIdentityCommand({}))).Arn
  return { credentials, cli, sdk }
}
const first = await round()
while (Date.now() < first.credentials.expiration.getTime() + 2000) await new Promise((ok) => setTimeout(ok, 250))
const stale = new STSClient({ credentials: first.credentials, maxAttempts: 1 })
const staleAnswer = await stale.send(new GetCallerIdentityCommand({})).then(() => 'accepted', (error) => error.name)
const second = await round()
const summary = (r) => ({ key: r.credentials.accessKeyId, expiration: r.credentials.expiration.getTime(), cli: r.cli, sdk: r.sdk })
console.log(JSON.stringify({ first: summary(first), second: summary(second), staleAnswer, secondAt: Date.now() }))
`

const awsV2 = requireTool(findAwsV2())

describe.skipIf(!awsV2)('idc exec --container-credentials across a real expiry', () => {
  let server: ServerProcess
  let home: string
  let env: Record<string, string>

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'idc-e2e-container-expiry-'))
    writeFileSync(join(home, 'org.yaml'), ORG)
    server = await startServerProcess({ demo: true, args: ['--org', join(home, 'org.yaml')] })
    env = clientEnv(server, home)
    const login = await deviceLogin(server, ALICE)
    mkdirSync(join(home, '.aws'), { recursive: true })
    writeFileSync(join(home, '.aws', 'config'), demoConfig(server, SHORT_PROFILE(server.region)))
    writeTokenCache(home, 'demo', server, login, Date.now() + 8 * 3600_000)
    writeFileSync(join(home, 'child.mjs'), CHILD)
  })
  afterAll(async () => {
    await server?.stop()
    if (home) rmSync(home, { recursive: true, force: true })
  })

  it(
    'keeps the AWS CLI v2 and a long-lived JS SDK client working after the first credentials expire',
    { timeout: 240_000 },
    async () => {
      const before = await requestCount(server, 'GetRoleCredentials')
      const result = await runIdc(
        ['exec', '--container-credentials', '--profile', 'short', '--', process.execPath, join(home, 'child.mjs')],
        {
          ...env,
          E2E_PROVIDERS: import.meta.resolve('@aws-sdk/credential-providers'),
          E2E_STS: import.meta.resolve('@aws-sdk/client-sts'),
          E2E_AWS: awsV2 as string,
        },
      )
      expect(result.code, result.stderr).toBe(0)
      const out = JSON.parse(result.stdout) as {
        first: { key: string; expiration: number; cli: string; sdk: string }
        second: { key: string; expiration: number; cli: string; sdk: string }
        staleAnswer: string
        secondAt: number
      }
      // The first credentials lasted the permission set's minute, and the server refused them once expired.
      expect(out.staleAnswer).toBe('ExpiredToken')
      expect(out.second.key).not.toBe(out.first.key)
      expect(out.second.expiration).toBeGreaterThan(out.first.expiration)
      for (const round of [out.first, out.second]) {
        expect(round.cli).toMatch(
          /^arn:aws:sts::123456789011:assumed-role\/AWSReservedSSO_ShortLived_[0-9a-f]+\/alice$/,
        )
        expect(round.sdk).toBe(round.cli)
      }
      // idc fetched new role credentials from the portal for the second round (and the first).
      expect((await requestCount(server, 'GetRoleCredentials')) - before).toBeGreaterThanOrEqual(2)
    },
  )
})
