/**
 * Error responses in the shapes AWS clients parse (wire-protocol §2.1): rest-json errors carry the
 * exception name in `x-amzn-ErrorType` (botocore's polling loop depends on it) and the modelled
 * members in the body.
 *
 * @module
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** An OIDC error: `x-amzn-ErrorType` + `{"error","error_description"}`. */
export function oidcError(
  c: Context,
  status: ContentfulStatusCode,
  type: string,
  error: string,
  description: string,
): Response {
  return c.json({ error, error_description: description }, status, { 'x-amzn-ErrorType': type })
}

/** A portal error: `x-amzn-ErrorType` + `{"message"}`. */
export function portalError(c: Context, status: ContentfulStatusCode, type: string, message: string): Response {
  return c.json({ message }, status, { 'x-amzn-ErrorType': type })
}

/** Reads a JSON object body; undefined when the body is not a JSON object. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown> | undefined> {
  try {
    const text = await c.req.text()
    const value: unknown = text.trim() === '' ? {} : JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** The origin the client used to reach us (`http://127.0.0.1:PORT`), for URLs we hand out. */
export function requestOrigin(c: Context): string {
  return new URL(c.req.url).origin
}

/**
 * Where a request came from, for per-source throttles: the peer address node:http saw (Hono's
 * node adapter passes the socket as `c.env.incoming`), or `local` for `app.request()` in tests.
 */
export function requestSource(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? 'local'
}
