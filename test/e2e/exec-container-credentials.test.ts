// `idc exec --container-credentials` against a real `idc server --demo`: the child (a Node script)
// reads credentials through the JS SDK's container provider and default chain and runs the real
// AWS CLI v2, before and after idc refreshes the credentials it serves. The role credentials in
// the cache are made to enter the 15-minute refresh window 40 s after the start (the server's
// sessions last at least an hour, so this is how a test crosses a refresh without a fake clock):
// the second round must see new keys, fetched once for all three clients. Requests without the
// token or with a wrong one are refused, and the token is not in idc's --debug output.
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runIdc } from '../helpers/run-idc.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { ALICE } from '../helpers/sso-browser.js'
import { findAwsV2, requireTool } from '../helpers/tools.js'
import { clientEnv, demoConfig, deviceLogin, requestCount, writeTokenCache } from './credentials-login.js'

/** The child: three readers of the endpoint, twice, with the refresh in between. */
const CHILD = `
import { execFileSync } from 'node:child_process'
const { fromContainerMetadata } = await import(process.env.E2E_PROVIDERS)
const { STSClient, GetCallerIdentityCommand } = await import(process.env.E2E_STS)
const uri = process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI
const round = async () => {
  const key = (await fromContainerMetadata()()).accessKeyId
  const cli = JSON.parse(execFileSync(process.env.E2E_AWS, ['sts', 'get-caller-identity', '--output', 'json'], { encoding: 'utf8' })).Arn
  const sts = new STSClient({})
  const sdk = (await sts.send(new GetCallerIdentityCommand({}))).Arn
  sts.destroy()
  return { key, cli, sdk }
}
const out = { uri, token: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN, keys: process.env.AWS_ACCESS_KEY_ID ?? null }
out.first = await round()
out.unauthenticated = (await fetch(uri)).status
out.wrong = (await fetch(uri, { headers: { Authorization: 'not-the-token' } })).status
const refreshAt = Number(process.env.E2E_REFRESH_AT)
while (Date.now() < refreshAt) await new Promise((resolve) => setTimeout(resolve, 250))
out.second = await round()
console.log(JSON.stringify(out))
process.exit(5)
`

const awsV2 = requireTool(findAwsV2())

describe.skipIf(!awsV2)('idc exec --container-credentials', () => {
  let server: ServerProcess
  let home: string
  let env: Record<string, string>

  beforeAll(async () => {
    server = await startServerProcess({ demo: true })
    home = mkdtempSync(join(tmpdir(), 'idc-e2e-container-'))
    env = clientEnv(server, home)
    const login = await deviceLogin(server, ALICE)
    mkdirSync(join(home, '.aws'), { recursive: true })
    writeFileSync(join(home, '.aws', 'config'), demoConfig(server))
    writeTokenCache(home, 'demo', server, login, Date.now() + 8 * 3600_000)
    writeFileSync(join(home, 'child.mjs'), CHILD)
  })
  afterAll(async () => {
    await server?.stop()
    if (home) rmSync(home, { recursive: true, force: true })
  })

  it('serves the AWS CLI v2 and the JS SDK across a refresh, refuses other callers and passes the exit code', async () => {
    // Real role credentials in the cache, then their expiry moved to 15 min 40 s from now (margin for a loaded machine).
    expect((await runIdc(['configure', 'export-credentials', '--profile', 'alice'], env)).code).toBe(0)
    const key = createHash('sha1')
      .update('{"accountId":"123456789011","roleName":"AdministratorAccess","sessionName":"demo"}')
      .digest('hex')
    const cacheFile = join(home, '.aws', 'cli', 'cache', `${key}.json`)
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { Credentials: Record<string, string> }
    const expiry = Math.floor((Date.now() + 15 * 60_000 + 40_000) / 1000) * 1000
    cached.Credentials.Expiration = `${new Date(expiry).toISOString().slice(0, 19)}Z`
    writeFileSync(cacheFile, JSON.stringify(cached), { mode: 0o600 })

    const before = await requestCount(server, 'GetRoleCredentials')
    const run = runIdc(
      [
        '--debug',
        'exec',
        '--container-credentials',
        '--profile',
        'alice',
        '--',
        process.execPath,
        join(home, 'child.mjs'),
      ],
      {
        ...env,
        AWS_PROFILE: 'alice',
        AWS_ACCESS_KEY_ID: 'AKIASHADOW',
        AWS_SECRET_ACCESS_KEY: 'shadow',
        E2E_PROVIDERS: import.meta.resolve('@aws-sdk/credential-providers'),
        E2E_STS: import.meta.resolve('@aws-sdk/client-sts'),
        E2E_AWS: awsV2 as string,
        E2E_REFRESH_AT: String(expiry - 15 * 60_000 + 1000),
      },
    )
    const result = await run
    expect(result.code).toBe(5)
    const out = JSON.parse(result.stdout) as {
      uri: string
      token: string
      keys: string | null
      first: { key: string; cli: string; sdk: string }
      second: { key: string; cli: string; sdk: string }
      unauthenticated: number
      wrong: number
    }
    expect(out.uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/credentials$/)
    expect(out.keys).toBeNull()
    expect(out.first.key).toBe(cached.Credentials.AccessKeyId)
    for (const round of [out.first, out.second]) {
      expect(round.cli).toMatch(
        /^arn:aws:sts::123456789011:assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]+\/alice$/,
      )
      expect(round.sdk).toBe(round.cli)
    }
    expect(out.second.key).not.toBe(out.first.key)
    expect([out.unauthenticated, out.wrong]).toEqual([401, 403])
    expect(result.stderr).not.toContain(out.token)
    expect(result.stderr).not.toContain(out.first.key)
    // The first round came from the cache; the refresh was one GetRoleCredentials for all three readers.
    expect((await requestCount(server, 'GetRoleCredentials')) - before).toBe(1)
  })
})
