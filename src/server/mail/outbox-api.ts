/**
 * `GET /_idc/outbox`: the outbox as JSON for tests and scripts. It hands out live invitation
 * links, so it answers only a caller on this machine that names the server by a loopback name: a
 * peer address that is not loopback (`idc server --host 0.0.0.0`) or a `Host` that is not one
 * (a web page that rebinds its own name to 127.0.0.1) gets a 403. People use the console's outbox.
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import { isLoopbackHost } from '../../core/net/loopback.js'
import type { ServerDeps } from '../deps.js'

/** `127.0.0.0/8` and `::1`, also as IPv4-mapped IPv6 (`::ffff:127.0.0.1`). */
function isLoopbackPeer(address: string): boolean {
  return address === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address)
}

/** Whether the request comes from this machine and names the server as loopback. */
function fromThisMachine(c: Context): boolean {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  const peer = env?.incoming?.socket?.remoteAddress
  // app.request() in tests has no socket: an in-process caller.
  if (peer !== undefined && !isLoopbackPeer(peer)) return false
  return isLoopbackHost(new URL(c.req.url).hostname)
}

/** `GET /_idc/outbox`: every mail as JSON, newest first (for tests and scripts). */
export function createOutboxApi(deps: ServerDeps): Hono {
  const app = new Hono()
  app.get('/_idc/outbox', (c) => {
    c.header('Cache-Control', 'no-store')
    if (!fromThisMachine(c))
      return c.json(
        {
          message: 'The outbox API answers only on loopback. Sign in to the console to read the outbox: /admin/outbox',
        },
        403,
      )
    return c.json({
      messages: deps.store.listMail().map((m) => ({
        id: m.id,
        kind: m.kind,
        to: m.recipient,
        subject: m.subject,
        body: m.body,
        link: m.link,
        sentAt: new Date(m.createdAt).toISOString(),
        // With --smtp: {status: pending | delivered | failed, error?}; null when mail is only kept here.
        delivery: m.delivery ?? null,
      })),
    })
  })
  return app
}
