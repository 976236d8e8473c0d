/**
 * The names of this machine's loopback interface, in both spellings an IPv6 address takes: `::1`
 * as a listen address and `[::1]` as a URL's `hostname`. One set for the CLI (`idc server --host`),
 * the server (its start-up warning) and the redirect-URI rules of the local Identity Center
 * (RFC 8252 §7.3 loopback redirects).
 *
 * @module
 */

/** `127.0.0.1`, `localhost`, `::1` and `[::1]`. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])

/** True when `host` names the loopback interface. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host)
}
