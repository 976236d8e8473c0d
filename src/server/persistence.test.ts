// What clients cache must stay valid across a restart: the registration, the access and refresh
// tokens, and issued role credentials, all read back from the same file database by a new app.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from './app.js'
import type { ServerDeps } from './deps.js'
import { createRandomIds } from './ids.js'
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
    const post = async (app: ReturnType<typeof createApp>, p: string, body: unknown) =>
      (
        await app.request(p, {
          method: 'POST',
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        })
      ).json() as Promise<any>
    const client = await post(app1, '/client/register', { clientName: 'botocore-client-emu', clientType: 'public' })
    const start = await post(app1, '/device_authorization', {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      startUrl: 'https://d-9567a1b2c3.awsapps.com/start',
    })
    first.store.decideDeviceAuthorization(start.userCode, 'approved', first.store.findUserByName('alice')!.id)
    const token = await post(app1, '/token', {
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      deviceCode: start.deviceCode,
    })
    const creds = (await (
      await app1.request('/federation/credentials?role_name=AdministratorAccess&account_id=123456789011', {
        headers: { 'x-amz-sso_bearer_token': token.accessToken },
      })
    ).json()) as any
    first.store.close()

    const second = depsAt(path, t0 + 60_000)
    applyOrg(second, DEMO_ORG)
    const app2 = createApp(second)
    const accounts = await app2.request('/assignment/accounts', {
      headers: { 'x-amz-sso_bearer_token': token.accessToken },
    })
    expect(accounts.status).toBe(200)
    const refreshed = await app2.request('/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grantType: 'refresh_token',
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        refreshToken: token.refreshToken,
      }),
    })
    expect(refreshed.status).toBe(200)
    expect(second.store.findIssuedCredentials(creds.roleCredentials.accessKeyId)?.secretAccessKey).toBe(
      creds.roleCredentials.secretAccessKey,
    )
    second.store.close()
  })
})
