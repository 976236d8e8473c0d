// Abuse cases for the signed AWS APIs, body limits and the request log (docs/security.md): each
// rule is attacked through `app.request()` and, where the transport matters, through the real
// node:http listener, whose fast path for signed calls bypasses the Hono app.
import { createHash, createHmac } from 'node:crypto'
import { once } from 'node:events'
import { createServer, request as httpRequest, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { Sha256 } from '@smithy/core/checksum'
import { SignatureV4 } from '@smithy/signature-v4'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from './app.js'
import { canonicalRequest, deriveSigningKey, formatAmzDate, stringToSign } from './aws/sigv4.js'
import { BODY_LIMITS } from './body-limits.js'
import { createNodeListener } from './node-listener.js'
import { createTestDeps, type TestDeps } from '../../test/helpers/server/test-deps.js'

const LEGACY_CI = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
const REGION = 'ap-northeast-1'
const CALLER_IDENTITY = 'Action=GetCallerIdentity&Version=2011-06-15'
const SESSION_TOKEN = 'Action=GetSessionToken&Version=2011-06-15'
const FORM = 'application/x-www-form-urlencoded; charset=utf-8'
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

let deps: TestDeps
let app: ReturnType<typeof createApp>

beforeEach(() => {
  // The SDK signs with the real clock; the server's clock starts at the same instant.
  deps = createTestDeps({ now: Date.now() })
  app = createApp(deps)
})

interface Signing {
  /** `http://host:port/path?query`. */
  url: string
  method?: string
  headers: Record<string, string>
  body?: string
  service: string
  credentials?: { accessKeyId: string; secretAccessKey: string }
  /** Whether the signer adds and signs `x-amz-content-sha256` (the JS SDK does; botocore does not). */
  applyChecksum?: boolean
  /** Leave `host` out of the signed headers. */
  unsignedHost?: boolean
}

/** The headers the SDK's own signer produces for a request (without `host`: the transport sets it). */
async function sign(s: Signing): Promise<Record<string, string>> {
  const url = new URL(s.url)
  const signer = new SignatureV4({
    credentials: s.credentials ?? LEGACY_CI,
    region: REGION,
    service: s.service,
    sha256: Sha256,
    applyChecksum: s.applyChecksum ?? false,
  })
  const signed = await signer.sign({
    method: s.method ?? 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: s.unsignedHost ? { ...s.headers } : { host: url.host, ...s.headers },
    body: s.body,
  })
  const { host: _host, ...headers } = signed.headers
  return headers
}

/** {@link sign} for a GetCallerIdentity form POST to `url`, with `extra` signing options. */
function signCallerIdentity(url: string, extra: Partial<Signing> = {}): Promise<Record<string, string>> {
  return sign({ url, headers: { 'content-type': FORM }, body: CALLER_IDENTITY, service: 'sts', ...extra })
}

/** The two body-replacement attacks, against `send` (the app or the socket) at `url`. */
function bodyReplacementCases(send: (url: string, init: RequestInit) => Promise<Response>, base: () => string) {
  it('refuses a signed GetCallerIdentity turned into GetSessionToken by an unsigned X-Amz-Content-SHA256', async () => {
    const url = `${base()}/`
    const headers = await signCallerIdentity(url)
    const honest = await send(url, { method: 'POST', headers, body: CALLER_IDENTITY })
    expect(honest.status).toBe(200)

    // The attacker keeps the signature, declares the original body's hash, and sends another body.
    const forged = await send(url, {
      method: 'POST',
      headers: { ...headers, 'x-amz-content-sha256': sha256(CALLER_IDENTITY) },
      body: SESSION_TOKEN,
    })
    const xml = await forged.text()
    expect(forged.status).toBe(403)
    expect(xml).toContain('<Code>SignatureDoesNotMatch</Code>')
    expect(xml).not.toContain('<Credentials>')
  })

  it('refuses a signed identitystore CreateGroup sent with UNSIGNED-PAYLOAD, honest or with its body replaced', async () => {
    const admin = deps.store.getAdminCredentials() as { accessKeyId: string; secretAccessKey: string }
    const storeId = deps.store.getInstance()?.id as string
    const url = `${base()}/`
    const body = (name: string) => JSON.stringify({ IdentityStoreId: storeId, DisplayName: name })
    const headers = await sign({
      url,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSIdentityStore.CreateGroup',
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      },
      body: body('reviewers'),
      service: 'identitystore',
      credentials: admin,
    })
    for (const name of ['reviewers', 'attackers']) {
      const res = await send(url, { method: 'POST', headers, body: body(name) })
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ __type: 'InvalidSignatureException' })
      expect(deps.store.findGroupByName(name)).toBeUndefined()
    }
  })
}

describe('the signature covers the body (app.request)', () => {
  bodyReplacementCases(
    async (url, init) => app.request(url, init),
    () => 'http://127.0.0.1:4566',
  )

  it('accepts the signed X-Amz-Content-SHA256 the JS SDK sends, and refuses another body under it', async () => {
    const url = 'http://127.0.0.1:4566/'
    const headers = await signCallerIdentity(url, { applyChecksum: true })
    expect(headers['x-amz-content-sha256']).toBe(sha256(CALLER_IDENTITY))
    expect((await app.request(url, { method: 'POST', headers, body: CALLER_IDENTITY })).status).toBe(200)
    const replaced = await app.request(url, { method: 'POST', headers, body: SESSION_TOKEN })
    expect(replaced.status).toBe(403)
  })

  it.each([
    ['a declared hash of another body', sha256('another body'), 400, 'XAmzContentSHA256Mismatch'],
    ['a malformed value', 'not-a-hash', 400, 'InvalidArgument'],
    [
      'a streaming payload, which this server does not implement',
      'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      501,
      'NotImplemented',
    ],
  ])('S3 refuses %s in X-Amz-Content-SHA256', async (_name, declared, status, code) => {
    const url = 'http://127.0.0.1:4566/'
    const headers = await sign({ url, method: 'GET', headers: { 'x-amz-content-sha256': declared }, service: 's3' })
    const res = await app.request(url, { headers })
    expect(res.status).toBe(status)
    expect(await res.text()).toContain(`<Code>${code}</Code>`)
  })

  it('S3 names both hashes of a mismatch, as AWS does', async () => {
    const url = 'http://127.0.0.1:4566/'
    const declared = sha256('another body')
    const headers = await sign({ url, method: 'GET', headers: { 'x-amz-content-sha256': declared }, service: 's3' })
    const xml = await (await app.request(url, { headers })).text()
    expect(xml).toContain(`<ClientComputedContentSHA256>${declared}</ClientComputedContentSHA256>`)
    expect(xml).toContain(`<S3ComputedContentSHA256>${sha256('')}</S3ComputedContentSHA256>`)
  })

  it('S3 requires X-Amz-Content-SHA256 on header-signed requests and accepts UNSIGNED-PAYLOAD', async () => {
    const url = 'http://127.0.0.1:4566/'
    const without = await app.request(url, { headers: await sign({ url, method: 'GET', headers: {}, service: 's3' }) })
    expect(without.status).toBe(400)
    expect(await without.text()).toContain('<Code>InvalidRequest</Code>')
    const unsigned = await sign({
      url,
      method: 'GET',
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      service: 's3',
    })
    const res = await app.request(url, { headers: unsigned })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('<ListAllMyBucketsResult')
  })
})

describe('host is a signed header', () => {
  const url = 'http://127.0.0.1:4566/'

  it('STS answers IncompleteSignature when host is not signed', async () => {
    const headers = await signCallerIdentity(url, { unsignedHost: true })
    const res = await app.request(url, { method: 'POST', headers, body: CALLER_IDENTITY })
    expect(res.status).toBe(403)
    const xml = await res.text()
    expect(xml).toContain('<Code>IncompleteSignature</Code>')
    expect(xml).toContain('&apos;Host&apos; or &apos;:authority&apos; must be a &apos;SignedHeader&apos;')
  })

  it('the awsJson APIs answer IncompleteSignatureException', async () => {
    const admin = deps.store.getAdminCredentials() as { accessKeyId: string; secretAccessKey: string }
    const headers = await sign({
      url,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'SWBExternalService.ListInstances' },
      body: '{}',
      service: 'sso',
      credentials: admin,
      unsignedHost: true,
    })
    const res = await app.request(url, { method: 'POST', headers, body: '{}' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ __type: 'IncompleteSignatureException' })
  })

  it('S3 answers AccessDenied naming the unsigned header', async () => {
    const headers = await sign({
      url,
      method: 'GET',
      headers: { 'x-amz-content-sha256': sha256('') },
      service: 's3',
      unsignedHost: true,
    })
    const res = await app.request(url, { headers })
    expect(res.status).toBe(403)
    const xml = await res.text()
    expect(xml).toContain('<Code>AccessDenied</Code>')
    expect(xml).toContain('<HeadersNotSigned>host</HeadersNotSigned>')
  })
})

/**
 * A presigned URL built with the server's own canonicalisation, so that any set of query
 * parameters (no `X-Amz-Expires`, a month-long one) carries a valid signature.
 */
function presign(service: string, query: Record<string, string>, signedAt: number, host = '127.0.0.1:4566'): string {
  const date = formatAmzDate(signedAt)
  const scope = `${date.slice(0, 8)}/${REGION}/${service}/aws4_request`
  const params = new URLSearchParams({
    ...query,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${LEGACY_CI.accessKeyId}/${scope}`,
    'X-Amz-Date': date,
    'X-Amz-SignedHeaders': 'host',
  })
  const raw = params.toString()
  const canonical = canonicalRequest(
    { method: 'GET', path: '/', query: raw, headers: [['host', host]], body: '' },
    { signedHeaders: ['host'], presigned: true },
    service,
  )
  const key = deriveSigningKey(LEGACY_CI.secretAccessKey, date.slice(0, 8), REGION, service)
  const signature = createHmac('sha256', key)
    .update(stringToSign(date, scope, canonical))
    .digest('hex')
  return `http://${host}/?${raw}&X-Amz-Signature=${signature}`
}

describe('presigned URLs expire', () => {
  const month = 30 * 24 * 3600 * 1000

  it('S3 refuses a URL without X-Amz-Expires, even one signed a month ago', async () => {
    const res = await app.request(presign('s3', {}, deps.clock() - month))
    expect(res.status).toBe(400)
    const xml = await res.text()
    expect(xml).toContain('<Code>AuthorizationQueryParametersError</Code>')
    expect(xml).toContain('X-Amz-Expires parameters.')
  })

  it.each([
    ['a week and a second', '604801', 400, 'AuthorizationQueryParametersError'],
    ['a negative validity', '-1', 400, 'AuthorizationQueryParametersError'],
    ['a validity that is no number', '1e3', 400, 'AuthorizationQueryParametersError'],
  ])('S3 refuses %s', async (_name, expires, status, code) => {
    const res = await app.request(presign('s3', { 'X-Amz-Expires': expires }, deps.clock()))
    expect(res.status).toBe(status)
    expect(await res.text()).toContain(`<Code>${code}</Code>`)
  })

  it('S3 accepts a week, and refuses the URL once the week is over', async () => {
    const url = presign('s3', { 'X-Amz-Expires': '604800' }, deps.clock())
    expect((await app.request(url)).status).toBe(200)
    deps.advance(604_801_000)
    const res = await app.request(url)
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('<Message>Request has expired</Message>')
  })

  it('STS refuses a presigned GetCallerIdentity without X-Amz-Expires', async () => {
    const url = presign('sts', { Action: 'GetCallerIdentity', Version: '2011-06-15' }, deps.clock() - month)
    const res = await app.request(url)
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('<Code>IncompleteSignature</Code>')
  })
})

describe('the request log', () => {
  it('escapes control characters, so a crafted path cannot forge a line or drive the terminal', async () => {
    await app.request('/%0d%0arequest%20GET%20/admin%20200%201ms%1b[2J%E2%80%A8x%5C')
    const lines = deps.lines.filter((l) => l.startsWith('request '))
    expect(lines).toHaveLength(1)
    const line = lines[0] as string
    for (const unsafe of ['\r', '\n', '\u001b', '\u2028']) expect(line).not.toContain(unsafe)
    expect(line).toContain('/\\x0d\\x0arequest GET /admin 200 1ms\\x1b[2J\\u2028x\\x5c 404')
  })
})

describe('body limits (app.request)', () => {
  it.each([
    ['an AWS API call', '/', 'application/x-amz-json-1.1', BODY_LIMITS.awsApi],
    ['an OIDC JSON request', '/token', 'application/json', BODY_LIMITS.jsonApi],
    ['a page form', '/signin', 'application/x-www-form-urlencoded', BODY_LIMITS.form],
  ])('answers 413 to %s one byte over its limit, and lets one at the limit through', async (_n, path, type, limit) => {
    const over = await app.request(path, {
      method: 'POST',
      headers: { 'content-type': type },
      body: 'a'.repeat(limit + 1),
    })
    expect(over.status).toBe(413)
    expect(over.headers.get('connection')).toBe('close')
    const at = await app.request(path, { method: 'POST', headers: { 'content-type': type }, body: 'a'.repeat(limit) })
    expect(at.status).not.toBe(413)
  })
})

describe('the real listener', () => {
  let server: Server
  let endpoint: string
  let sockets: Socket[]

  beforeEach(async () => {
    sockets = []
    server = createServer(createNodeListener(deps, { hostname: '127.0.0.1' }))
    server.on('connection', (socket) => sockets.push(socket))
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterEach(async () => {
    server.closeAllConnections()
    await new Promise((ok) => server.close(ok))
  })

  it('the fast path refuses a signature that leaves host out', async () => {
    const url = `${endpoint}/`
    const headers = await signCallerIdentity(url, { unsignedHost: true })
    const res = await fetch(url, { method: 'POST', headers, body: CALLER_IDENTITY })
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('<Code>IncompleteSignature</Code>')
  })

  it('refuses a presigned URL without X-Amz-Expires (presigned calls go to the Hono app)', async () => {
    const month = 30 * 24 * 3600 * 1000
    const res = await fetch(presign('s3', {}, deps.clock() - month, new URL(endpoint).host))
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('<Code>AuthorizationQueryParametersError</Code>')
  })

  it('escapes a crafted path in the request log', async () => {
    const port = (server.address() as AddressInfo).port
    const socket = connect(port, '127.0.0.1')
    socket.write(`GET /%0d%0aforged%1b[2J HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)
    socket.resume()
    await once(socket, 'close')
    const lines = deps.lines.filter((l) => l.startsWith('request '))
    expect(lines).toEqual([expect.stringMatching(/^request GET \/\\x0d\\x0aforged\\x1b\[2J 404 \d+ms$/)])
  })

  describe('fast path for signed calls: the signature covers the body', () => {
    bodyReplacementCases(
      (url, init) => fetch(url, init),
      () => endpoint,
    )

    it('S3 compares a declared hash with the body of a signed GET', async () => {
      const url = `${endpoint}/`
      const headers = await sign({ url, method: 'GET', headers: { 'x-amz-content-sha256': sha256('') }, service: 's3' })
      // fetch sends no body with a GET; node:http does.
      const { status, body } = await new Promise<{ status: number; body: string }>((ok, fail) => {
        const smuggled = 'a smuggled body'
        const req = httpRequest(
          url,
          { method: 'GET', headers: { ...headers, 'content-length': smuggled.length } },
          (res) => {
            let text = ''
            res.on('data', (chunk: Buffer) => (text += chunk.toString()))
            res.on('end', () => ok({ status: res.statusCode as number, body: text }))
          },
        )
        req.on('error', fail)
        req.end(smuggled)
      })
      expect(status).toBe(400)
      expect(body).toContain('<Code>XAmzContentSHA256Mismatch</Code>')
    })
  })

  /**
   * Streams a chunked body of up to `total` bytes, 1 MiB at a time, until the server answers or
   * closes; returns the status line and how many bytes the server read from the connection.
   */
  async function streamLargeBody(path: string, total: number): Promise<{ statusLine: string; serverRead: number }> {
    const port = (server.address() as AddressInfo).port
    const socket = connect(port, '127.0.0.1')
    await once(socket, 'connect')
    let response = ''
    let closed = false
    socket.on('data', (chunk: Buffer) => (response += chunk.toString('latin1')))
    const ended = new Promise<void>((ok) => socket.on('close', () => ((closed = true), ok())))
    socket.on('error', () => {})
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
    )
    const chunk = Buffer.alloc(1 << 20, 0x61)
    for (let sent = 0; sent < total && !closed && response === ''; sent += chunk.length) {
      const flushed = socket.write(
        Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]),
      )
      if (!flushed) await Promise.race([new Promise((ok) => socket.once('drain', ok)), ended])
    }
    await ended
    const serverSocket = sockets[sockets.length - 1] as Socket
    return { statusLine: response.split('\r\n')[0] as string, serverRead: serverSocket.bytesRead }
  }

  it.each([
    ['the fast path for signed calls', '/'],
    ['the Hono app', '/token'],
  ])('%s answers a streamed oversized body with 413 and closes, having read only a little of it', async (_n, path) => {
    const offered = 256 * 1024 * 1024
    const { statusLine, serverRead } = await streamLargeBody(path, offered)
    expect(statusLine).toBe('HTTP/1.1 413 Payload Too Large')
    // What the server never read cannot be in its memory; what it read past the limit it dropped.
    expect(serverRead).toBeLessThan(16 * 1024 * 1024)
  })

  it('refuses a declared Content-Length over the limit before any of the body is sent', async () => {
    const port = (server.address() as AddressInfo).port
    const socket = connect(port, '127.0.0.1')
    let response = ''
    socket.on('data', (chunk: Buffer) => (response += chunk.toString('latin1')))
    socket.write(
      `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: ${BODY_LIMITS.awsApi + 1}\r\n\r\n`,
    )
    await once(socket, 'close')
    expect(response.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large')
    expect(response).toContain('\r\nConnection: close\r\n')
  })
})
