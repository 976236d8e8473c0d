// The handler's settings and CA bundle errors, none of which needs a connection (a bundle that
// cannot be read fails the request before any socket opens), and the error bodies it keeps. Real TLS and a real proxy are in
// test/e2e/tls-proxy.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import * as fsp from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HttpRequest } from '@smithy/core/transport'
import { afterAll, describe, expect, it } from 'vitest'
import { createNodeEnv } from '../node-env.js'
import type { Env } from '../env.js'
import { createHttpHandler, MAX_ERROR_BODY_BYTES } from './http-handler.js'
import { toServiceError } from './service-errors.js'

const scratch = mkdtempSync(join(tmpdir(), 'idc-http-handler-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function envWith(vars: Record<string, string>): Env {
  return { ...createNodeEnv(), fs: fsp, vars: { HOME: scratch, AWS_CONFIG_FILE: join(scratch, 'config'), ...vars } }
}

const URL_ = 'https://127.0.0.1:9/'
/** One SDK-style request, as the AWS clients send them. */
const send = async (env: Env, input: Parameters<typeof createHttpHandler>[1]) =>
  (await createHttpHandler(env, input)).handle(
    new HttpRequest({ method: 'GET', protocol: 'https:', hostname: '127.0.0.1', port: 9, path: '/' }),
  )

describe('createHttpHandler', () => {
  it('fails an https request naming its URL when the CA bundle does not exist, as the AWS CLI words it', async () => {
    await expect(send(envWith({}), { caBundle: join(scratch, 'missing.pem') })).rejects.toThrow(
      `SSL validation failed for ${URL_} [Errno 2] No such file or directory`,
    )
  })

  it("rejects a plain request (the start-URL probe) with Python's words alone, as the CLI fails before its request", async () => {
    const handler = await createHttpHandler(envWith({}), { caBundle: join(scratch, 'missing.pem') })
    await expect(handler.request(URL_, { method: 'HEAD', timeoutMs: 1000 })).rejects.toMatchObject({
      kind: 'general',
      message: '[Errno 2] No such file or directory',
    })
  })

  it('fails when the CA bundle holds no certificate', async () => {
    writeFileSync(join(scratch, 'empty.pem'), 'not a certificate\n')
    await expect(send(envWith({ AWS_CA_BUNDLE: join(scratch, 'empty.pem') }), {})).rejects.toThrow(
      `SSL validation failed for ${URL_} [X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found (_ssl.c:4416)`,
    )
  })

  it("reads the selected profile's ca_bundle when neither --ca-bundle nor AWS_CA_BUNDLE is set", async () => {
    writeFileSync(join(scratch, 'config'), `[profile tls]\nca_bundle = ${join(scratch, 'from-profile.pem')}\n`)
    await expect(send(envWith({}), { profile: 'tls' })).rejects.toThrow('[Errno 2] No such file or directory')
  })

  it('refuses an empty CA bundle setting before any request, as the AWS CLI does (exit 255)', async () => {
    const created = createHttpHandler(envWith({ AWS_CA_BUNDLE: ' ' }), {})
    await expect(created).rejects.toMatchObject({
      kind: 'general',
      message: expect.stringMatching(/^Invalid CA bundle/),
    })
  })

  it('names the proxy of a URL with its credentials masked, and none for NO_PROXY hosts', async () => {
    const handler = await createHttpHandler(
      envWith({ HTTPS_PROXY: 'http://user:pw@127.0.0.1:3128', NO_PROXY: 'localhost' }),
      {},
    )
    expect(handler.proxyFor('https://127.0.0.1:8443/')).toBe('http://***:***@127.0.0.1:3128')
    expect(handler.proxyFor('https://localhost:8443/')).toBeUndefined()
  })

  it('keeps the body of an error answer for the wording of a non-AWS error, and the body itself', async () => {
    const server = createServer((_request, response) => response.writeHead(502).end('<html>bad</html>'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const port = (server.address() as AddressInfo).port
      const handler = await createHttpHandler(envWith({}), {})
      const request = new HttpRequest({ method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port, path: '/' })
      const { response } = await handler.handle(request)
      expect(Buffer.from(response.body as Uint8Array).toString()).toBe('<html>bad</html>')
      const failure = Object.assign(new SyntaxError('x'), { $response: response, $metadata: { httpStatusCode: 502 } })
      expect((toServiceError(failure, 'ListAccounts') as Error).message).toBe(
        'An error occurred (502) when calling the ListAccounts operation: Bad Gateway',
      )
    } finally {
      server.close()
    }
  })

  it('keeps at most MAX_ERROR_BODY_BYTES of an error answer that does not end', async () => {
    let written = 0
    const server = createServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' })
      const chunk = Buffer.alloc(64 * 1024, 'x')
      // Streams until the client goes away: far more than the limit if nothing stops reading.
      const pump = () => {
        while (!response.destroyed && written < 64 * MAX_ERROR_BODY_BYTES) {
          written += chunk.length
          if (!response.write(chunk)) return void response.once('drain', pump)
        }
        response.end()
      }
      pump()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const port = (server.address() as AddressInfo).port
      const handler = await createHttpHandler(envWith({}), {})
      const request = new HttpRequest({ method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port, path: '/' })
      const { response } = await handler.handle(request)
      expect((response.body as Uint8Array).byteLength).toBe(MAX_ERROR_BODY_BYTES)
      expect(written).toBeLessThan(64 * MAX_ERROR_BODY_BYTES)
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })

  it("logs each request's CA bundle and proxy for --debug, the proxy's credentials masked", async () => {
    const lines: string[] = []
    const bundle = join(scratch, 'debug-ca.pem')
    writeFileSync(bundle, 'no certificate here')
    const env = envWith({ HTTPS_PROXY: 'http://user:s3cret@127.0.0.1:1', NO_PROXY: 'localhost' })
    const handler = await createHttpHandler(env, { caBundle: bundle, debug: (line) => lines.push(line) })
    const get = (url: string) => handler.request(url, { method: 'GET', timeoutMs: 5000 }).catch(() => undefined)
    await get('https://127.0.0.1:9/path?secret=x')
    await get('http://localhost:1/')
    expect(lines).toEqual([
      `Request to https://127.0.0.1:9: CA bundle: ${bundle}; proxy: http://***:***@127.0.0.1:1`,
      'Request to http://localhost:1: CA bundle: none (plain http); proxy: none',
    ])
  })
})
