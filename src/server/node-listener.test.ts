// The node:http listener on a loopback socket: signed AWS calls take the fast path straight to the
// AWS handler, everything else the Hono app; both must answer exactly as `app.request()` does.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from './app.js'
import { callJson } from '../../test/helpers/server/test-clients.js'
import { storeAccessToken } from '../../test/helpers/server/oidc-flows.js'
import { createLimits } from './limits/limits.js'
import { createNodeListener, rawHeader } from './node-listener.js'
import { createTestDeps, type TestDeps } from '../../test/helpers/server/test-deps.js'

const LEGACY_CI = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }

let deps: TestDeps
let server: Server
let endpoint: string

beforeEach(async () => {
  // The SDK signs with the real clock; the server's clock starts at the same instant.
  deps = createTestDeps({ now: Date.now() })
  server = createServer(createNodeListener(deps, { hostname: '127.0.0.1' }))
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterEach(async () => {
  server.closeAllConnections()
  await new Promise((ok) => server.close(ok))
})

function sts(credentials = LEGACY_CI): STSClient {
  return new STSClient({ region: 'ap-northeast-1', endpoint, credentials, maxAttempts: 1 })
}

describe('the node:http listener', () => {
  it('answers GetCallerIdentity on the fast path, logged without a query string and counted', async () => {
    const out = await sts().send(new GetCallerIdentityCommand({}))
    expect(out.Arn).toBe('arn:aws:iam::123456789011:user/legacy-ci')
    expect(deps.metrics.render()).toContain('idc_requests_total{operation="GetCallerIdentity",outcome="success"} 1')
    expect(deps.lines.filter((l) => l.startsWith('request '))).toEqual([
      expect.stringMatching(/^request POST \/ 200 \d+ms$/),
    ])
  })

  it('answers many concurrent calls on many connections, each with its own answer', async () => {
    const clients = [sts(), sts(), sts(), sts()]
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, i) => (clients[i % 4] as STSClient).send(new GetCallerIdentityCommand({}))),
    )
    expect(new Set(results.map((r) => r.$metadata.requestId)).size).toBe(64)
    expect(results.every((r) => r.Account === '123456789011')).toBe(true)
    expect(deps.metrics.render()).toContain('idc_requests_total{operation="GetCallerIdentity",outcome="success"} 64')
  })

  it('answers exactly as the app does: an STS error, an S3 listing and an admin call', async () => {
    const app = createApp(createTestDeps({ now: deps.clock() }))
    const wrong = { ...LEGACY_CI, secretAccessKey: 'x'.repeat(40) }
    const viaSocket = await sts(wrong)
      .send(new GetCallerIdentityCommand({}))
      .catch((e: { name: string; $metadata: { httpStatusCode: number } }) => ({
        name: e.name,
        status: e.$metadata.httpStatusCode,
      }))
    expect(viaSocket).toEqual({ name: 'SignatureDoesNotMatch', status: 403 })

    const s3 = new S3Client({
      region: 'ap-northeast-1',
      endpoint,
      credentials: LEGACY_CI,
      maxAttempts: 1,
      forcePathStyle: true,
    })
    const listing = await s3.send(new ListBucketsCommand({}))
    expect(listing.Buckets?.length).toBeGreaterThan(0)
    expect(listing.$metadata.httpStatusCode).toBe(200)

    const credentials = deps.store.getAdminCredentials()!
    const call = { credentials, target: 'SWBExternalService.ListInstances', signingName: 'sso', body: {} }
    const socket = await fetchJson(credentials, call.target, call.signingName)
    const inApp = await callJson({ ...call, app })
    expect(socket.status).toBe(inApp.status)
    expect(socket.json).toEqual(inApp.json)
    expect(socket.headers.get('content-type')).toBe('application/x-amz-json-1.1')
    expect(socket.headers.get('x-amzn-requestid')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
  })

  it('leaves everything that is not a signed call at the root to the app', async () => {
    const health = await fetch(`${endpoint}/_idc/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok' })
    const browser = await fetch(`${endpoint}/`, { headers: { accept: 'text/html' }, redirect: 'manual' })
    expect(browser.status).toBe(302)
    expect(browser.headers.get('location')).toBe('/start')
    const unsigned = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    })
    expect(unsigned.status).toBe(403)
    expect(await unsigned.text()).toContain('<Code>MissingAuthenticationToken</Code>')
  })

  it('reads headers from the raw list case-insensitively, joining repeats', () => {
    const list = ['Host', 'h', 'X-Amz-Target', 'A.B', 'x-amz-target', 'C.D', 'Authorization', 'AWS4']
    expect(rawHeader(list, 'x-amz-target')).toBe('A.B, C.D')
    expect(rawHeader(list, 'authorization')).toBe('AWS4')
    expect(rawHeader(list, 'x-missing')).toBeUndefined()
  })
})

describe('an injected latency fault on the node:http listener', () => {
  // Long enough that the undelayed call, made after the delayed one reached the server, always
  // answers first; the test waits for events (the request log, the fault's sleep), not for time.
  const LATENCY_MS = 1500

  async function faultyServer(onHold: (ms: number) => void) {
    const faulty = createTestDeps({ now: Date.now() })
    faulty.limits = createLimits(
      {
        throttle: false,
        faults: { GetCallerIdentity: { latencyMs: LATENCY_MS }, GetRoleCredentials: { latencyMs: LATENCY_MS } },
      },
      {
        clock: faulty.clock,
        ids: faulty.ids,
        // The running server's real wait (the app path), observed so the test knows an answer is held.
        sleep: (ms) => (onHold(ms), new Promise((ok) => setTimeout(ok, ms))),
      },
    )
    const listener = createServer(createNodeListener(faulty, { hostname: '127.0.0.1' }))
    await new Promise<void>((ok) => listener.listen(0, '127.0.0.1', ok))
    return { faulty, listener, url: `http://127.0.0.1:${(listener.address() as AddressInfo).port}` }
  }

  async function until(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise((ok) => setImmediate(ok))
  }

  it('holds back a signed call on the fast path while other calls are answered, then answers it', async () => {
    const { faulty, listener, url } = await faultyServer(() => {})
    try {
      const s3 = new S3Client({ region: 'ap-northeast-1', endpoint: url, credentials: LEGACY_CI, forcePathStyle: true })
      await s3.send(new ListBucketsCommand({})) // clients and connections warmed up
      let settled = false
      const delayed = new STSClient({ region: 'ap-northeast-1', endpoint: url, credentials: LEGACY_CI, maxAttempts: 1 })
        .send(new GetCallerIdentityCommand({}))
        .finally(() => (settled = true))
      // The listener logs a call when it has its answer, before the fault holds the answer back.
      await until(() => faulty.lines.some((line) => line.startsWith('request POST / 200')))
      const listing = await s3.send(new ListBucketsCommand({}))
      expect(listing.$metadata.httpStatusCode).toBe(200)
      expect(settled).toBe(false)
      expect((await delayed).Arn).toBe('arn:aws:iam::123456789011:user/legacy-ci')
    } finally {
      listener.closeAllConnections()
      await new Promise((ok) => listener.close(ok))
    }
  })

  it('holds back a portal call (the app path) while other calls are answered, then answers it', async () => {
    let held: number | undefined
    const { faulty, listener, url } = await faultyServer((ms) => (held = ms))
    try {
      const accessToken = storeAccessToken(faulty, 'bob')
      const portal = (path: string) => fetch(`${url}${path}`, { headers: { 'x-amz-sso_bearer_token': accessToken } })
      let settled = false
      const delayed = portal('/federation/credentials?account_id=123456789011&role_name=ReadOnly').finally(
        () => (settled = true),
      )
      await until(() => held !== undefined)
      expect(held).toBe(LATENCY_MS)
      const accounts = await portal('/assignment/accounts')
      expect(accounts.status).toBe(200)
      expect(settled).toBe(false)
      const credentials = await delayed
      expect(credentials.status).toBe(200)
      expect((await credentials.json()) as unknown).toMatchObject({
        roleCredentials: { accessKeyId: expect.any(String) },
      })
    } finally {
      listener.closeAllConnections()
      await new Promise((ok) => listener.close(ok))
    }
  })
})

/** An awsJson call signed by the SDK's signer (as `callJson` does) but sent over the socket. */
async function fetchJson(
  credentials: { accessKeyId: string; secretAccessKey: string },
  target: string,
  signingName: string,
): Promise<{ status: number; headers: Headers; json: unknown }> {
  let sent: Request | undefined
  // callJson signs for the endpoint it is given and hands the request to `app.fetch`: capture it.
  const capture = {
    fetch: async (request: Request) => ((sent = request), new Response('{}')),
  } as unknown as ReturnType<typeof createApp>
  await callJson({ app: capture, credentials, target, signingName, body: {}, endpoint })
  const request = sent as Request
  const res = await fetch(request.url, { method: 'POST', headers: request.headers, body: await request.text() })
  return { status: res.status, headers: res.headers, json: await res.json() }
}
