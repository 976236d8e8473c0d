/**
 * The composition root: `createApp(deps)` builds the whole server as one Hono app, one sub-app per
 * API surface. Order matters: the fixed paths (health, OIDC, portal, pages) come first, and the
 * SigV4 AWS APIs, which answer `POST /` and `GET /`, are mounted last.
 *
 * @module
 */
import { Hono } from 'hono'
import type { ServerDeps } from './deps.js'
import { StoreLimitError } from './store/limits.js'
import { createAwsApi, createAwsHandler, type AwsHandler } from './aws/index.js'
import { createFederationApi } from './federation/federation-api.js'
import { createOidcApi } from './oidc/oidc-api.js'
import { createPortalApi } from './portal/portal-api.js'
import { createNotFoundPage, createPages } from './pages/pages.js'
import { createOutboxApi } from './mail/outbox-api.js'
import { limitBodies } from './body-limits.js'
import { escapeLogText, logRequest } from './request-log.js'
import { createScimApi } from './scim/index.js'
import { createSigninApp } from './signin/index.js'

/**
 * Builds the server's Hono app; `aws` is the AWS API handler, shared with the node:http listener's
 * fast path (`node-listener.ts`).
 */
export function createApp(deps: ServerDeps, aws: AwsHandler = createAwsHandler(deps)): Hono {
  const app = new Hono()
  app.use(async (c, next) => {
    const started = deps.clock()
    await next()
    if (!c.res.headers.has('x-amzn-RequestId')) c.res.headers.set('x-amzn-RequestId', requestIdFrom(deps))
    logRequest(deps, c.req.method, c.req.path, c.res.status, started)
  })
  app.use(limitBodies())
  app.get('/_idc/health', (c) => c.json({ status: 'ok' }))
  app.get('/_idc/metrics', (c) =>
    c.body(deps.metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }),
  )
  app.route('/', createOutboxApi(deps))
  app.route('/', createOidcApi(deps))
  app.route('/', createPortalApi(deps))
  app.route('/', createPages(deps))
  app.route('/', createSigninApp(deps))
  app.route('/', createFederationApi(deps))
  app.route('/', createScimApi(deps))
  // A person opening the endpoint in a browser gets the portal; AWS clients (always signed, or
  // presigned) fall through to S3 ListBuckets.
  app.get('/', async (c, next) => {
    const browser =
      (c.req.header('accept') ?? '').includes('text/html') &&
      !c.req.header('authorization') &&
      c.req.query('X-Amz-Algorithm') === undefined
    if (browser) return c.redirect('/start', 302)
    await next()
  })
  app.route('/', createAwsApi(deps, aws))
  // Last: whatever nothing above answered gets the styled 404 page in the request's language.
  app.route('/', createNotFoundPage(deps))
  app.onError((error, c) => {
    // A value the store refuses as too long, on a path without its own mapping (the pages).
    if (error instanceof StoreLimitError) return c.text(`Bad Request: ${error.message}`, 400)
    // No stack trace or message to the client (or the log: messages can quote request values).
    deps.logger.warn(`Unhandled ${error.name} on ${c.req.method} ${escapeLogText(c.req.path)}`)
    return c.text('Internal Server Error', 500)
  })
  return app
}

/** A request id in AWS's UUID form, for responses that carry none of their own. */
export function requestIdFrom(deps: ServerDeps): string {
  const h = deps.ids.bytes(16).toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
