// 32 built `idc configure export-credentials` processes start together with the SSO token inside
// its 15-minute refresh window and no cached role credentials. Single flight across processes
// (one lock per session for the refresh, one per role for GetRoleCredentials) must turn that into
// exactly one refresh CreateToken and one GetRoleCredentials, counted by the server's metrics,
// with every process printing the same keys.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runIdc } from '../helpers/run-idc.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { ALICE } from '../helpers/sso-browser.js'
import { demoConfig, deviceLogin, requestCount, writeTokenCache } from './credentials-login.js'

describe('single flight across processes', () => {
  let server: ServerProcess
  let home: string

  beforeAll(async () => {
    server = await startServerProcess({ demo: true })
    home = mkdtempSync(join(tmpdir(), 'idc-e2e-single-flight-'))
  })
  afterAll(async () => {
    await server?.stop()
    if (home) rmSync(home, { recursive: true, force: true })
  })

  it('makes one refresh CreateToken and one GetRoleCredentials for 32 processes started together', async () => {
    const login = await deviceLogin(server, ALICE)
    mkdirSync(join(home, '.aws'), { recursive: true })
    writeFileSync(join(home, '.aws', 'config'), demoConfig(server))
    // Five minutes left: inside the refresh window, still valid.
    writeTokenCache(home, 'demo', server, login, Date.now() + 5 * 60_000)
    const createBefore = await requestCount(server, 'CreateToken')
    const roleBefore = await requestCount(server, 'GetRoleCredentials')

    const env = { PATH: process.env.PATH ?? '', HOME: home, AWS_ENDPOINT_URL: server.endpoint }
    const runs = await Promise.all(
      Array.from({ length: 32 }, () => runIdc(['configure', 'export-credentials', '--profile', 'alice'], env)),
    )

    const failures = runs.filter((r) => r.code !== 0)
    expect(failures.map((f) => f.stderr)).toEqual([])
    const keys = new Set(runs.map((r) => (JSON.parse(r.stdout) as { AccessKeyId: string }).AccessKeyId))
    expect(keys.size).toBe(1)
    expect((await requestCount(server, 'CreateToken')) - createBefore).toBe(1)
    expect((await requestCount(server, 'GetRoleCredentials')) - roleBefore).toBe(1)
    // No lock directories are left behind.
    expect(readdirSync(join(home, '.aws', 'cli', 'cache')).filter((f) => f.endsWith('.lock'))).toEqual([])
    expect(readdirSync(join(home, '.aws', 'sso', 'cache')).filter((f) => f.endsWith('.lock'))).toEqual([])
  })
})
