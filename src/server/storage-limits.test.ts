// Abuse cases for storage: whatever a client sends, no stored field grows past its limit
// (store/limits.ts). Each case goes through the whole app with app.request(); the first ones use a
// file database and check that the files did not grow.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from './app.js'
import { generateTotp } from './domain/secrets.js'
import { jsonPoster } from '../../test/helpers/server/oidc-flows.js'
import { createTestDeps } from '../../test/helpers/server/test-deps.js'
import { TestBrowser } from '../../test/helpers/server/test-browser.js'
import { appRequestHandler, callJson } from '../../test/helpers/server/test-clients.js'

const MB = 1024 * 1024
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** Test deps over a file database in a fresh directory, and a way to weigh its files. */
function onDisk(options: Parameters<typeof createTestDeps>[0] = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'idc-limits-'))
  dirs.push(dir)
  const deps = createTestDeps({ ...options, path: join(dir, 'idc.sqlite') })
  const bytes = () => readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
  const app = createApp(deps)
  return { deps, app, post: jsonPoster(app), bytes }
}

// The body limits (body-limits.ts) cap a request at 64 KiB (OIDC), 16 KiB (forms) and 256 KiB (AWS
// APIs); these values fit in a request but not in the store.
const KB = 1024
const LARGE = 60 * KB
// A refused request may still commit a small counter (RegisterClient's rate limit): a few WAL pages.
const SMALL_WRITE = 16 * KB

describe('RegisterClient abuse', () => {
  it('refuses a 60 KB client name and the database does not grow', async () => {
    const s = onDisk()
    const before = s.bytes()
    const r = await s.post('/client/register', { clientName: 'x'.repeat(LARGE), clientType: 'public' })
    expect([r.status, r.type, r.body.error]).toEqual([400, 'InvalidClientMetadataException', 'invalid_client_metadata'])
    expect(r.body.error_description).toBe(
      "1 validation error detected: Value at 'clientName' failed to satisfy constraint: Member must have length less than or equal to 256",
    )
    expect(s.bytes() - before).toBeLessThan(SMALL_WRITE)
    s.deps.store.close()
  })

  it('refuses a 40 MB registration before reading it, and the database does not grow', async () => {
    const s = onDisk()
    const before = s.bytes()
    const res = await s.app.request('/client/register', {
      method: 'POST',
      body: JSON.stringify({ clientName: 'x'.repeat(40 * MB), clientType: 'public' }),
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(413)
    expect(s.bytes() - before).toBeLessThan(SMALL_WRITE)
    s.deps.store.close()
  })

  it.each([
    ['2,000 redirect URIs', { redirectUris: Array(2000).fill('http://127.0.0.1:1/') }, 'InvalidRedirectUriException'],
    [
      'a 60 KB redirect URI',
      { redirectUris: [`http://127.0.0.1:8400/${'a'.repeat(LARGE)}`] },
      'InvalidRedirectUriException',
    ],
    ['3,000 scopes', { scopes: Array.from({ length: 3000 }, (_, i) => `scope:${i}`) }, 'InvalidScopeException'],
    ['3,000 grant types', { grantTypes: Array(3000).fill('refresh_token') }, 'InvalidClientMetadataException'],
    ['a 60 KB issuer URL', { issuerUrl: `https://${'a'.repeat(LARGE)}` }, 'InvalidClientMetadataException'],
  ])('refuses %s and the database does not grow', async (_name, extra, type) => {
    const s = onDisk()
    const before = s.bytes()
    const r = await s.post('/client/register', { clientName: 'n', clientType: 'public', ...extra })
    expect([r.status, r.type]).toEqual([400, type])
    expect(s.bytes() - before).toBeLessThan(SMALL_WRITE)
    s.deps.store.close()
  })

  it('still registers a client at every limit', async () => {
    const { post } = onDisk()
    const r = await post('/client/register', {
      clientName: 'n'.repeat(256),
      clientType: 'public',
      scopes: Array.from({ length: 25 }, (_, i) => `scope:${i}`),
      redirectUris: Array(10).fill(`http://127.0.0.1:8400/${'a'.repeat(2000)}`),
      grantTypes: ['authorization_code', 'refresh_token'],
    })
    expect(r.status).toBe(200)
  })
})

describe('StartDeviceAuthorization abuse', () => {
  it('refuses a 60 KB start URL and the database does not grow', async () => {
    const s = onDisk()
    const client = (await s.post('/client/register', { clientName: 'n', clientType: 'public' })).body
    const before = s.bytes()
    const r = await s.post('/device_authorization', {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      startUrl: `https://${'a'.repeat(LARGE)}`,
    })
    expect([r.status, r.type]).toEqual([400, 'InvalidRequestException'])
    expect(s.bytes() - before).toBeLessThan(SMALL_WRITE)
    s.deps.store.close()
  })
})

describe('sign-in abuse', () => {
  const longName = 'u'.repeat(15 * KB)

  it('counts failures for a 15 KB user name without storing the name', async () => {
    const { deps, app } = onDisk()
    const browser = new TestBrowser(app)
    const form = await browser.get('/signin')
    for (let i = 0; i < 3; i++) {
      const res = await browser.post('/signin', { username: longName, password: 'wrong', next: '/start' }, form)
      expect(res.status).toBe(401)
    }
    expect(deps.store.getThrottle(`signin:${longName}`)).toBeUndefined()
    deps.store.close()
  })

  it('still blocks a long user name after five failures', async () => {
    const { deps, app } = onDisk()
    const browser = new TestBrowser(app)
    const form = await browser.get('/signin')
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const res = await browser.post('/signin', { username: longName, password: 'wrong', next: '/start' }, form)
      statuses.push(res.status)
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    deps.store.close()
  })
})

describe('AWS API abuse', () => {
  function sts(app: ReturnType<typeof createApp>) {
    return new STSClient({
      region: 'ap-northeast-1',
      endpoint: 'http://127.0.0.1:4566',
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      requestHandler: appRequestHandler(app) as never,
      maxAttempts: 1,
    })
  }

  it('refuses AssumeRole session policies larger than the store keeps, with ValidationError', async () => {
    const s = onDisk({ now: Date.now() })
    const statement = { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: Array(1200).fill(statement) })
    const before = s.bytes()
    const failure = await sts(s.app)
      .send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::123456789022:role/Deployer',
          RoleSessionName: 'big',
          SerialNumber: 'arn:aws:iam::123456789011:mfa/legacy-ci',
          TokenCode: generateTotp('JBSWY3DPEHPK3PXP', s.deps.clock()),
          Policy: policy,
        }),
      )
      .then(
        () => undefined,
        (e: { name: string; $metadata: { httpStatusCode?: number } }) => [e.name, e.$metadata.httpStatusCode],
      )
    expect(failure).toEqual(['ValidationError', 400])
    expect(s.bytes() - before).toBeLessThan(SMALL_WRITE)
    s.deps.store.close()
  })

  it('refuses a 200 KB identity store email with ValidationException and stores no user', async () => {
    const { deps, app, bytes } = onDisk({ now: Date.now() })
    const admin = deps.store.getAdminCredentials()!
    const before = bytes()
    const r = await callJson({
      app,
      credentials: admin,
      target: 'AWSIdentityStore.CreateUser',
      signingName: 'identitystore',
      body: {
        IdentityStoreId: deps.store.getInstance()!.id,
        UserName: 'mallory',
        DisplayName: 'Mallory',
        Emails: [{ Value: `${'m'.repeat(200 * KB)}@example.com`, Type: 'work', Primary: true }],
      },
    })
    expect([r.status, r.json.__type]).toEqual([400, 'ValidationException'])
    expect(r.json.Message).toBe(
      "1 validation error detected: Value at 'email' failed to satisfy constraint: Member must have length less than or equal to 1024",
    )
    expect(deps.store.findUserByName('mallory')).toBeUndefined()
    expect(bytes() - before).toBeLessThan(SMALL_WRITE)
    deps.store.close()
  })
})
