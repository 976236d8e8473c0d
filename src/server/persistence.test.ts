// What clients cache must stay valid across a restart: the registration, the access and refresh
// tokens, and issued role credentials, all read back from the same file database by a new app.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from './app.js'
import type { ServerDeps } from './deps.js'
import { createRandomIds } from './ids.js'
import {
  approveDevice,
  createDeviceToken,
  jsonPoster,
  portalCaller,
  refreshToken,
  registerClient,
  startDeviceAuthorization,
} from '../../test/helpers/server/oidc-flows.js'
import { createTestPasswordHasher } from '../../test/helpers/server/test-deps.js'
import { createMetrics } from './metrics.js'
import { openStore } from './store/store.js'
import { applyOrg } from './domain/org.js'
import { DEMO_ORG } from './domain/demo-org.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function depsAt(path: string, now: number): ServerDeps {
  const metrics = createMetrics()
  const ids = createRandomIds()
  return {
    store: openStore({ path }),
    clock: () => now,
    ids,
    passwords: createTestPasswordHasher(ids),
    logger: { info: () => {}, warn: () => {}, request: () => {} },
    options: { strictRefreshRotation: false },
    baseUrl: () => 'http://localhost',
    metrics,
    recordRequest: (o, r, l) => metrics.recordRequest(o, r, l),
  }
}

describe('persistence across a restart', () => {
  it('keeps the registration, tokens and role credentials valid in a reopened file database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idc-persist-'))
    dirs.push(dir)
    const path = join(dir, 'idc.sqlite')
    const t0 = Date.parse('2026-11-22T00:00:00Z')
    const first = depsAt(path, t0)
    applyOrg(first, DEMO_ORG)
    const app1 = createApp(first)
    const post = jsonPoster(app1)
    const client = await registerClient(post)
    const start = (await startDeviceAuthorization(post, client)).body
    approveDevice(first.store, start.userCode)
    const token = (await createDeviceToken(post, client, start.deviceCode)).body
    const creds = (
      await portalCaller(
        app1,
        token.accessToken,
      )('/federation/credentials?role_name=AdministratorAccess&account_id=123456789011')
    ).body
    first.store.close()

    const second = depsAt(path, t0 + 60_000)
    applyOrg(second, DEMO_ORG)
    const app2 = createApp(second)
    const accounts = await portalCaller(app2, token.accessToken)('/assignment/accounts')
    expect(accounts.status).toBe(200)
    const refreshed = await refreshToken(jsonPoster(app2), client, token.refreshToken)
    expect(refreshed.status).toBe(200)
    expect(second.store.findIssuedCredentials(creds.roleCredentials.accessKeyId)?.secretAccessKey).toBe(
      creds.roleCredentials.secretAccessKey,
    )
    second.store.close()
  })
})
