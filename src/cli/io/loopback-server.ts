/**
 * The node:http listener behind `env.startLoopbackServer()`: binds 127.0.0.1 only (a port of 0
 * lets the OS choose), hands each request's method, URL and `Authorization` header to a handler
 * and writes its JSON answer. Nothing is logged here: the header carries a secret.
 *
 * @module
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { LoopbackHandler } from '../../core/credentials/container-endpoint.js'
import type { LoopbackServer } from '../cli-env.js'

/** Starts listening on 127.0.0.1 and resolves once the port is bound. */
export async function startLoopbackServer(options: {
  port?: number | undefined
  handle: LoopbackHandler
}): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    const answer = (status: number, body: string) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      res.end(body)
    }
    options.handle({ method: req.method ?? 'GET', url: req.url ?? '/', authorization: req.headers.authorization }).then(
      (response) => answer(response.status, response.body),
      () => answer(500, JSON.stringify({ Code: 'InternalError', Message: 'idc could not answer.' })),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
