/**
 * Comparing secrets without leaking, through timing, where they differ: the local Identity
 * Center's tokens and codes and the container credential endpoint's authorization token.
 *
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * Compares two strings in time independent of where they differ. Both sides are hashed first so
 * `timingSafeEqual` always sees buffers of one length (it throws on unequal lengths, and a length
 * check before it would tell the length of the secret).
 */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest()
  const hb = createHash('sha256').update(b).digest()
  return timingSafeEqual(ha, hb) && a.length === b.length
}
