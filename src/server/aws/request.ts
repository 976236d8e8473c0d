/**
 * The raw request and response the AWS handler works on. SigV4 needs the request target and the
 * header list exactly as they arrived: under node:http (the server's listener, and
 * `@hono/node-server`'s `c.env.incoming`) they come from Node's IncomingMessage; under
 * `app.request()` in tests they come from the WHATWG `Request` (whose URL is normalised and whose
 * repeated headers are merged, which the tests do not depend on).
 *
 * @module
 */
import type { Context } from 'hono'
import type { SigV4Request } from './sigv4.js'

/** A request to the AWS APIs, as raw as the HTTP stack gives it. */
export interface AwsHttpRequest {
  method: string
  /** The request target as received: the percent-encoded path and the raw query string. */
  target: string
  /** Header name/value pairs as received; repeated names stay repeated. */
  headers: ReadonlyArray<readonly [string, string]>
  /** One header's value by lower-case name. */
  header(name: string): string | undefined
  /** The whole body (empty for GET). */
  body: Buffer
}

/** What the AWS handler answers; the caller writes it to the wire. */
export interface AwsHttpResponse {
  status: number
  headers: Record<string, string>
  body: string
  /** Milliseconds to wait before sending (an injected latency fault). */
  delayMs?: number
}

interface NodeIncoming {
  url?: string
  rawHeaders?: string[]
}

/** Pairs from Node's flat `rawHeaders` list. */
export function pairsOf(list: readonly string[]): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = []
  for (let i = 0; i + 1 < list.length; i += 2) out.push([list[i] as string, list[i + 1] as string])
  return out
}

/** The raw request behind a Hono context, with `body` the bytes already read. */
export function fromHonoContext(c: Context, body: Buffer): AwsHttpRequest {
  const incoming = (c.env as { incoming?: NodeIncoming } | undefined)?.incoming
  let target = incoming?.url
  if (!target) {
    const url = c.req.url
    const start = url.indexOf('/', url.indexOf('//') + 2)
    target = start < 0 ? '/' : url.slice(start)
  }
  let headers: Array<readonly [string, string]>
  if (incoming?.rawHeaders) headers = pairsOf(incoming.rawHeaders)
  else {
    headers = []
    c.req.raw.headers.forEach((value, key) => headers.push([key, value]))
    if (!c.req.raw.headers.has('host')) headers.push(['host', new URL(c.req.url).host])
  }
  return { method: c.req.method, target, headers, header: (name) => c.req.header(name), body }
}

/** A request target's path and its raw query string (without `?`, empty when there is none). */
export function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf('?')
  return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) }
}

/** The request as the SigV4 verifier reads it. */
export function toSigV4Request(request: AwsHttpRequest): SigV4Request {
  return { method: request.method, ...splitTarget(request.target), headers: request.headers, body: request.body }
}
