/**
 * Failure throttling for sign-in (per user name) and user-code guessing (per client address):
 * after `maxFailures` failures within `windowMs`, attempts are refused for `blockMs`.
 *
 * @module
 */
import type { Store } from '../store/store.js'

/** How many failures are tolerated, over what window, and for how long to block after. */
export interface ThrottlePolicy {
  maxFailures: number
  windowMs: number
  blockMs: number
}

/** Sign-in: 5 wrong passwords or MFA codes in 15 minutes block the user name for 15 minutes. */
export const SIGN_IN_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, blockMs: 15 * 60_000 }
/** User codes: 10 wrong codes in 10 minutes block the address for 10 minutes (codes have ~34 bits). */
export const USER_CODE_POLICY: ThrottlePolicy = { maxFailures: 10, windowMs: 10 * 60_000, blockMs: 10 * 60_000 }

/** True while `key` is blocked. */
export function isThrottled(store: Store, key: string, now: number): boolean {
  return (store.getThrottle(key)?.blockedUntil ?? 0) > now
}

/** Counts a failure for `key`, blocking it once the policy's limit is reached. */
export function recordFailure(store: Store, key: string, now: number, policy: ThrottlePolicy): void {
  store.transaction(() => {
    const t = store.getThrottle(key)
    const fresh = !t || now - t.windowStart > policy.windowMs
    const failures = fresh ? 1 : t.failures + 1
    store.saveThrottle({
      key,
      failures,
      windowStart: fresh ? now : t.windowStart,
      blockedUntil: failures >= policy.maxFailures ? now + policy.blockMs : (t?.blockedUntil ?? 0),
    })
  })
}

/** Forgets the failures of `key` after a success. */
export function clearFailures(store: Store, key: string): void {
  store.clearThrottle(key)
}
