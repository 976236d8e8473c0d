/**
 * Redirect-URI rules (RFC 8252 §7.3, wire-protocol pitfall 8): only loopback `http` URIs, compared
 * with the registration ignoring the port, and exactly between authorize and token time.
 *
 * @module
 */

import { isLoopbackHost } from '../../core/net/loopback.js'

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri)
  } catch {
    return undefined
  }
}

/** True for `http://127.0.0.1[:port]/…`, `http://localhost…` and `http://[::1]…` without a fragment. */
export function isLoopbackRedirectUri(uri: string): boolean {
  const u = parse(uri)
  return (
    !!u &&
    u.protocol === 'http:' &&
    isLoopbackHost(u.hostname) &&
    u.hash === '' &&
    u.username === '' &&
    u.password === ''
  )
}

/** True when `uri` matches one of the registered URIs, ignoring the port. */
export function matchesRegisteredRedirectUri(uri: string, registered: readonly string[]): boolean {
  const u = parse(uri)
  if (!u || !isLoopbackRedirectUri(uri)) return false
  return registered.some((r) => {
    const g = parse(r)
    return (
      !!g &&
      g.protocol === u.protocol &&
      g.hostname === u.hostname &&
      g.pathname === u.pathname &&
      g.search === u.search
    )
  })
}

/** The origin {@link sameOriginPath} resolves against; `.invalid` can never be a real host. */
const PROBE_ORIGIN = 'http://same-origin.invalid'

/**
 * `value` as a path on this server, or `fallback` when a browser could read it as another origin.
 * It applies the browser's own normalisation first (the WHATWG URL parser drops tabs, CR and LF
 * anywhere and surrounding spaces and controls, and reads `\` as `/`), so `/<TAB>/evil.example`
 * and `/\evil.example` are refused as `//evil.example` would be, and returns the path as the
 * parser re-serialises it, so no control character ever reaches a `Location` header.
 */
export function sameOriginPath(value: unknown, fallback = '/start'): string {
  if (typeof value !== 'string') return fallback
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const cleaned = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
  if (!/^\/(?![/\\])/.test(cleaned)) return fallback
  let url: URL
  try {
    url = new URL(cleaned, PROBE_ORIGIN)
  } catch {
    return fallback
  }
  const path = url.pathname + url.search + url.hash
  // Dot segments can still make `//host` (`/..//evil.example` becomes `//evil.example`).
  return url.origin === PROBE_ORIGIN && !path.startsWith('//') ? path : fallback
}
