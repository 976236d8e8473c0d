/**
 * The two timestamp styles of the AWS CLI's credential files and output: `%Y-%m-%dT%H:%M:%SZ`
 * (SSO role-credential cache) and Python's `datetime.isoformat()` with `+00:00` (assume-role
 * cache, `export-credentials`).
 *
 * @module
 */

/** `2026-11-22T02:31:18Z`: UTC, whole seconds. */
export function formatUtcZ(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`
}

/** `2026-11-22T02:31:18+00:00`, with `.ffffff` only when there are fractional seconds, as Python prints. */
export function formatPythonIsoformat(date: Date): string {
  const ms = date.getUTCMilliseconds()
  const fraction = ms === 0 ? '' : `.${String(ms).padStart(3, '0')}000`
  return `${date.toISOString().slice(0, 19)}${fraction}+00:00`
}

/** Parses an ISO-8601 time (any offset, any fraction); undefined when it is not one. */
export function parseIsoTime(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined
  // Python writes microseconds; JavaScript's parser takes at most milliseconds reliably.
  const text = value.trim().replace(/(\.\d{3})\d+/, '$1')
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : new Date(ms)
}
