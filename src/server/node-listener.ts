/**
 * The server's node:http request listener. Signed AWS API calls (`POST /`, and `GET /` with an
 * `Authorization` header) go straight to the AWS handler: they are what every AWS client sends
 * for every call, and routing them through the Hono app (four sub-apps' routers, a WHATWG Request
 * and Response per call) cost more CPU than the SigV4 check itself. Everything else — OIDC, the
 * portal, the pages, presigned S3 URLs, health and metrics — goes to the Hono app built by
 * `createApp`, which serves the AWS APIs through the same handler (as `app.request()` does in tests).
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { createApp, requestIdFrom } from './app.js'
import { createAwsHandler, type AwsHandler } from './aws/index.js'
import { pairsOf, splitTarget, type AwsHttpResponse } from './aws/request.js'
import { BODY_LIMITS, TOO_LARGE_RESPONSE } from './body-limits.js'
import type { ServerDeps } from './deps.js'
import { escapeLogText, logRequest } from './request-log.js'

/** A node:http request listener. */
export type NodeListener = (request: IncomingMessage, response: ServerResponse) => void

/**
 * A header's value from Node's flat `rawHeaders` list (repeated headers joined with `, `).
 * `request.headers` would do, but Node builds that object on first use, and the fast path never
 * needs it otherwise.
 */
export function rawHeader(list: readonly string[], name: string): string | undefined {
  let value: string | undefined
  for (let i = 0; i + 1 < list.length; i += 2) {
    const key = list[i] as string
    if (key.length === name.length && key.toLowerCase() === name)
      value = value === undefined ? (list[i + 1] as string) : `${value}, ${list[i + 1]}`
  }
  return value
}

/** Whether a request is a header-signed AWS API call at the root. */
export function isSignedApiCall(request: IncomingMessage): boolean {
  const url = request.url ?? ''
  if (url !== '/' && !url.startsWith('/?')) return false
  if (request.method === 'POST') return true
  return request.method === 'GET' && rawHeader(request.rawHeaders, 'authorization') !== undefined
}

/**
 * Reads the body, at most `limit` bytes: a larger declared `Content-Length` is refused before any
 * byte is read, and a chunked body as soon as it passes the limit, its chunks dropped (the 413
 * closes the connection, so the rest is never read).
 */
function readBody(request: IncomingMessage, limit: number, done: (body: Buffer) => void, tooLarge: () => void): void {
  // A request never carries a body longer than its Content-Length: node:http enforces it.
  if (Number(rawHeader(request.rawHeaders, 'content-length') ?? 0) > limit) {
    tooLarge()
    return
  }
  let size = 0
  let chunks: Buffer[] = []
  const onData = (chunk: Buffer): void => {
    size += chunk.length
    if (size <= limit) {
      chunks.push(chunk)
      return
    }
    chunks = []
    request.off('data', onData)
    tooLarge()
  }
  request.on('data', onData)
  request.on('end', () => {
    if (size <= limit) done(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks))
  })
  // A client that goes away mid-body gets no answer; node:http closes the socket.
  request.on('error', () => {})
}

/**
 * Writes responses in batches: everything answered while Node handles one round of socket input is
 * written together right after it (`setImmediate` runs just after the event loop's I/O phase).
 * Writing each response the moment it is ready makes the kernel wake the client's thread once per
 * response when the server is the busy side, and that wake-up is charged to the server's write:
 * under 16 connections of load, batching cut server CPU per GetCallerIdentity from ~71 µs to
 * ~45 µs. A lone request is written in the same turn of the event loop, so it waits for nothing.
 */
function createResponseBatch(deps: ServerDeps): (write: () => void) => void {
  let pending: Array<() => void> = []
  const flush = (): void => {
    const writes = pending
    pending = []
    for (const write of writes) {
      try {
        write()
      } catch (error) {
        // One response that cannot be written (its client went away) must not hold up the others.
        deps.logger.warn(`could not write a response: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  }
  return (write) => {
    pending.push(write)
    if (pending.length === 1) setImmediate(flush)
  }
}

function answer(
  deps: ServerDeps,
  aws: AwsHandler,
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer | undefined,
  started: number,
  send: (write: () => void) => void,
): void {
  const target = request.url ?? '/'
  let result: AwsHttpResponse
  try {
    result =
      body === undefined
        ? { ...TOO_LARGE_RESPONSE, headers: { ...TOO_LARGE_RESPONSE.headers } }
        : aws.handle({
            method: request.method ?? 'GET',
            target,
            headers: pairsOf(request.rawHeaders),
            header: (name) => rawHeader(request.rawHeaders, name),
            // The body as received, whatever the method: the signature covers exactly these bytes.
            body,
          })
  } catch (error) {
    deps.logger.warn(`AWS API internal error: ${escapeLogText(error instanceof Error ? error.message : String(error))}`)
    result = { status: 500, headers: { 'Content-Type': 'text/plain; charset=UTF-8' }, body: 'Internal Server Error' }
  }
  const headers: Array<string | number> = []
  for (const name in result.headers) headers.push(name, result.headers[name] as string)
  if (!('x-amzn-RequestId' in result.headers)) headers.push('x-amzn-RequestId', requestIdFrom(deps))
  headers.push('Content-Length', Buffer.byteLength(result.body))
  const write = () => {
    response.writeHead(result.status, headers as string[])
    response.end(result.body)
  }
  // An injected latency fault (limits/limits.ts) holds this answer back; others go on.
  if (result.delayMs) setTimeout(() => send(write), result.delayMs)
  else send(write)
  logRequest(deps, request.method ?? 'GET', splitTarget(target).path, result.status, started)
}

/**
 * Builds the listener: the AWS fast path, and the Hono app for everything else (`hostname` names
 * the server in request URLs when a client sends no `Host`).
 */
export function createNodeListener(deps: ServerDeps, options: { hostname?: string } = {}): NodeListener {
  const aws = createAwsHandler(deps)
  const app = createApp(deps, aws)
  const hono = getRequestListener(app.fetch, { hostname: options.hostname })
  const send = createResponseBatch(deps)
  return (request, response) => {
    if (!isSignedApiCall(request)) {
      void hono(request, response)
      return
    }
    const started = deps.clock()
    readBody(
      request,
      BODY_LIMITS.awsApi,
      (body) => answer(deps, aws, request, response, body, started, send),
      () => answer(deps, aws, request, response, undefined, started, send),
    )
  }
}
