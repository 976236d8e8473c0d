/**
 * How large a request body the server accepts, for every route in one place: the Hono app applies
 * {@link limitBodies} before any route, and the node:http listener's fast path for signed AWS calls
 * applies {@link BODY_LIMITS}.awsApi while it reads. A body over its limit gets 413 at once (from
 * `Content-Length`, or as soon as a chunked body passes the limit), without the rest being read
 * into memory, and `Connection: close` so the client stops sending.
 *
 * A route that needs a tighter limit than its class can add Hono's `bodyLimit` with its own size.
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'

/** The limits, in bytes. */
export const BODY_LIMITS = {
  /**
   * Signed AWS API calls at `/`: STS query forms, the awsJson admin APIs and S3 ListBuckets (this
   * server implements no S3 upload). The largest member among them is a permission set's inline
   * policy, 32,768 characters, which JSON escaping can grow to ~200 KB.
   */
  awsApi: 256 * 1024,
  /** The OIDC and portal JSON APIs: client registrations, token requests. */
  jsonApi: 64 * 1024,
  /** HTML forms of the pages (sign-in, MFA, device code, consent, invitations). */
  form: 16 * 1024,
} as const

/** The 413 answer as status, headers and body: the connection is closed so the rest of the body is not read. */
export const TOO_LARGE_RESPONSE = {
  status: 413,
  headers: { 'Content-Type': 'text/plain; charset=UTF-8', Connection: 'close' },
  body: 'Request Entity Too Large',
} as const

/** {@link TOO_LARGE_RESPONSE} as a fetch `Response`. */
export function tooLargeResponse(): Response {
  return new Response(TOO_LARGE_RESPONSE.body, { status: 413, headers: TOO_LARGE_RESPONSE.headers })
}

function isForm(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase()
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data'
}

/** The limit for a request: the AWS APIs at `/`, forms elsewhere, and JSON APIs for the rest. */
export function bodyLimitFor(path: string, contentType: string | undefined): number {
  if (path === '/') return BODY_LIMITS.awsApi
  return isForm(contentType) ? BODY_LIMITS.form : BODY_LIMITS.jsonApi
}

/** Middleware enforcing {@link bodyLimitFor} on every request (Hono's `bodyLimit` does the counting). */
export function limitBodies(): MiddlewareHandler {
  const onError = () => tooLargeResponse()
  const limits = new Map<number, MiddlewareHandler>()
  for (const maxSize of Object.values(BODY_LIMITS)) limits.set(maxSize, bodyLimit({ maxSize, onError }))
  return async function limitBody(c, next) {
    const limit = limits.get(bodyLimitFor(c.req.path, c.req.header('content-type'))) as MiddlewareHandler
    return limit(c, next)
  }
}
