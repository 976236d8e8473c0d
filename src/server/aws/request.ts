/**
 * Turns a Hono request into the raw {@link SigV4Request} the verifier needs. Under
 * `@hono/node-server` the raw request target and raw header list come from Node's IncomingMessage
 * (the WHATWG `Request` would have normalised the path and merged repeated headers); under
 * `app.request()` in tests they come from the `Request`.
 *
 * @module
 */
import type { Context } from 'hono'
import type { SigV4Request } from './sigv4.js'

interface NodeIncoming {
  url?: string
  rawHeaders?: string[]
}

function rawTarget(c: Context): string {
  const incoming = (c.env as { incoming?: NodeIncoming } | undefined)?.incoming
  if (incoming?.url) return incoming.url
  const url = c.req.url
  const start = url.indexOf('/', url.indexOf('//') + 2)
  return start < 0 ? '/' : url.slice(start)
}

function rawHeaders(c: Context): Array<readonly [string, string]> {
  const incoming = (c.env as { incoming?: NodeIncoming } | undefined)?.incoming
  const list = incoming?.rawHeaders
  const out: Array<readonly [string, string]> = []
  if (list) {
    for (let i = 0; i + 1 < list.length; i += 2) out.push([list[i] as string, list[i + 1] as string])
    return out
  }
  c.req.raw.headers.forEach((value, key) => out.push([key, value]))
  if (!c.req.raw.headers.has('host')) out.push(['host', new URL(c.req.url).host])
  return out
}

/** The raw request for SigV4, with `body` the bytes already read. */
export function toSigV4Request(c: Context, body: Uint8Array | string): SigV4Request {
  const target = rawTarget(c)
  const q = target.indexOf('?')
  return {
    method: c.req.method,
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? '' : target.slice(q + 1),
    headers: rawHeaders(c),
    body,
  }
}
