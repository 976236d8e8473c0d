/**
 * Real TLS and a real proxy on 127.0.0.1 for the CA-bundle and proxy tests:
 *
 * - {@link createTestPki}: a throw-away certificate authority and a server certificate it signs for
 *   `localhost` and `127.0.0.1` (the `selfsigned` package), the CA written to `ca.pem`.
 * - {@link startTlsFront}: an https listener with that certificate in front of `idc server`,
 *   passing every request through unchanged (Host included, so SigV4 signatures still verify) and
 *   recording what it passed. The server itself stays plain http: this stands where a corporate
 *   TLS terminator would, and keeps TLS out of the server's code.
 * - {@link startCountingProxy}: an HTTP proxy (the `proxy` package) that records every CONNECT
 *   tunnel and forwarded request, and can refuse them all (407) on request.
 */
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { createProxy } from 'proxy'
import { generate } from 'selfsigned'

/** A CA and a server certificate it issued. */
export interface TestPki {
  /** The CA certificate's file (PEM): what `--ca-bundle` / `AWS_CA_BUNDLE` point at. */
  caFile: string
  /** The server certificate (PEM) and its key. */
  cert: string
  key: string
}

/** Creates the CA and the server certificate; writes the CA to `dir/ca.pem`. */
export async function createTestPki(dir: string): Promise<TestPki> {
  const day = 24 * 3600_000
  const notBeforeDate = new Date(Date.now() - day)
  const notAfterDate = new Date(Date.now() + day)
  const ca = await generate([{ name: 'commonName', value: 'idc test CA' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  })
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  })
  const caFile = join(dir, 'ca.pem')
  writeFileSync(caFile, ca.cert)
  return { caFile, cert: server.cert, key: server.private }
}

/** A running https front. */
export interface TlsFront {
  /** `https://localhost:PORT`. */
  endpoint: string
  port: number
  /** `METHOD path` of every request passed on, in order. */
  readonly requests: string[]
  /** Answers `path` itself with a redirect to `location` (a vanity start URL). */
  redirect(path: string, location: string): void
  close(): Promise<void>
}

/** Starts the https front for `target` (`http://127.0.0.1:PORT`). */
export async function startTlsFront(target: string, pki: TestPki): Promise<TlsFront> {
  const upstream = new URL(target)
  const requests: string[] = []
  const redirects = new Map<string, string>()
  const server = createHttpsServer({ cert: pki.cert, key: pki.key }, (req, res) => {
    requests.push(`${req.method} ${req.url}`)
    const location = redirects.get(req.url ?? '')
    if (location) {
      req.resume()
      res.writeHead(302, { location }).end()
      return
    }
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    forward.on('error', () => res.writeHead(502).end())
    req.pipe(forward)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as AddressInfo).port
  return {
    endpoint: `https://localhost:${port}`,
    port,
    requests,
    redirect: (path, location) => void redirects.set(path, location),
    close: () => closeServer(server),
  }
}

/** A running proxy. */
export interface CountingProxy {
  /** `http://127.0.0.1:PORT`. */
  url: string
  /** The `host:port` of every CONNECT tunnel asked for, in order. */
  readonly tunnels: string[]
  /** The absolute URL of every plain request forwarded, in order. */
  readonly forwarded: string[]
  /** While true, every request is refused with 407 Proxy Authentication Required. */
  refuse: boolean
  close(): Promise<void>
}

/** Starts the proxy on 127.0.0.1. */
export async function startCountingProxy(): Promise<CountingProxy> {
  const server = createProxy(createHttpServer())
  const state: CountingProxy = {
    url: '',
    tunnels: [],
    forwarded: [],
    refuse: false,
    close: () => closeServer(server),
  }
  server.authenticate = () => !state.refuse
  server.prependListener('connect', (req) => state.tunnels.push(req.url ?? ''))
  server.prependListener('request', (req) => state.forwarded.push(req.url ?? ''))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return state
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}
