/**
 * The one HTTP request of start-URL resolution: HEAD (or GET) without following redirects, with
 * the AWS CLI's default 10-second timeout.
 *
 * @module
 */
import type { StartUrlProbe } from '../../core/sso/start-url.js'

/** Creates a probe backed by the platform's `fetch`. */
export function createHttpProbe(timeoutMs = 10_000): StartUrlProbe {
  return async (url, method) => {
    const response = await fetch(url, { method, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) })
    await response.body?.cancel().catch(() => {})
    return { status: response.status, location: response.headers.get('location') ?? undefined }
  }
}
