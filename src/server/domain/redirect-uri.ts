/**
 * Redirect-URI rules (RFC 8252 §7.3, wire-protocol pitfall 8): only loopback `http` URIs, compared
 * with the registration ignoring the port, and exactly between authorize and token time.
 *
 * @module
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

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
    LOOPBACK_HOSTS.has(u.hostname) &&
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
