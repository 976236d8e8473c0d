/**
 * The request log: one line per request with the method, the path (never the query string), the
 * status and the duration. Everything taken from the request is escaped, so a crafted path or
 * header can neither forge a line nor send escape sequences to the operator's terminal.
 *
 * @module
 */
import type { ServerDeps } from './deps.js'

/** One request-log line: method, path (never the query string), status and duration. */
export function logRequest(deps: ServerDeps, method: string, path: string, status: number, started: number): void {
  // Query strings can carry user codes and authorization codes; invitation paths carry a secret.
  const shown = path.startsWith('/invitation/') ? '/invitation/[redacted]' : path
  deps.logger.request(`${escapeLogText(method)} ${escapeLogText(shown)} ${status} ${deps.clock() - started}ms`)
}

// C0 controls (CR, LF, ESC…), DEL, C1 controls (CSI…), the Unicode line and paragraph separators
// and the bidirectional overrides, which could start a forged line or recolour and reorder a
// terminal's output; the backslash too, so an escape in the log is never ambiguous.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_LOG_CHARACTERS = /[\x00-\x1f\x7f-\x9f\\\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** Text from a request made safe for one log line: every unsafe character as `\xNN` or `\uNNNN`. */
export function escapeLogText(text: string): string {
  return text.replace(UNSAFE_LOG_CHARACTERS, (ch) => {
    const code = ch.charCodeAt(0)
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}
