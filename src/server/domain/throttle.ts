/**
 * Slowing attackers down without locking people out.
 *
 * Failures (wrong passwords, MFA codes, user codes) use exponential back-off: the first
 * `freeFailures` cost nothing; each one after that blocks the key for twice as long as the last,
 * from `baseDelayMs` up to `maxDelayMs`, so a guesser's rate falls to one try per `maxDelayMs`
 * while the legitimate user never waits longer than that. A run of failures is forgotten after
 * `forgetAfterMs` without one; attempts refused while blocked are not counted.
 *
 * Unauthenticated calls that create state (RegisterClient) use a fixed window per source instead.
 *
 * Both keep their counters in the store's throttle rows; time comes from the caller (the server's
 * clock), so tests move time instead of sleeping. For failures, the row's `windowStart` holds the
 * time of the latest failure (the quiet period is measured from it).
 *
 * @module
 */
import type { Store } from '../store/store.js'

/** Exponential back-off for failed attempts. */
export interface BackoffPolicy {
  /** Failures in a row that cost nothing. */
  freeFailures: number
  /** The block after the first failure past the free ones; it doubles with each further failure. */
  baseDelayMs: number
  /** The longest block. */
  maxDelayMs: number
  /** A run of failures is forgotten after this long without one. */
  forgetAfterMs: number
}

/** A fixed-window rate limit. */
export interface RatePolicy {
  /** Calls allowed per window. */
  limit: number
  windowMs: number
}

/** Sign-in, per account (password and MFA step together): 4 free, then 1 min doubling to 15 min. */
export const SIGN_IN_ACCOUNT_POLICY: BackoffPolicy = {
  freeFailures: 4,
  baseDelayMs: 60_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
}

/**
 * Sign-in, per source address (password spraying over many user names): 20 free, then 1 s doubling
 * to 1 min. The server listens on loopback, where every local process shares one address, so the
 * cap is short: an attack slows everybody's sign-in on the machine by at most a minute a try.
 */
export const SIGN_IN_SOURCE_POLICY: BackoffPolicy = {
  freeFailures: 20,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  forgetAfterMs: 15 * 60_000,
}

/**
 * User codes (about 34 bits, live ten minutes), per signed-in user or, before sign-in, per source:
 * 10 free, then 1 s doubling to 1 min.
 */
export const USER_CODE_POLICY: BackoffPolicy = {
  freeFailures: 10,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  forgetAfterMs: 10 * 60_000,
}

/** Unauthenticated RegisterClient, per source: 30 a minute (a CLI registers once per 90 days). */
export const REGISTER_CLIENT_POLICY: RatePolicy = { limit: 30, windowMs: 60_000 }

/** How long `keys` stay blocked (the longest of them), 0 when none is. */
export function blockedForMs(store: Store, keys: readonly string[], now: number): number {
  let longest = 0
  for (const key of keys) longest = Math.max(longest, (store.getThrottle(key)?.blockedUntil ?? 0) - now)
  return longest
}

/** The block after the `failures`-th failure in a row under `policy` (0 while still free). */
export function backoffDelayMs(policy: BackoffPolicy, failures: number): number {
  const over = failures - policy.freeFailures
  if (over <= 0) return 0
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(over - 1, 30))
}

/** Counts a failure for `key` and blocks it for the policy's back-off. */
export function recordFailure(store: Store, key: string, now: number, policy: BackoffPolicy): void {
  store.transaction(() => {
    const t = store.getThrottle(key)
    const failures = !t || now - t.windowStart > policy.forgetAfterMs ? 1 : t.failures + 1
    const delay = backoffDelayMs(policy, failures)
    store.saveThrottle({ key, failures, windowStart: now, blockedUntil: delay > 0 ? now + delay : 0 })
  })
}

/** Forgets the failures of `key` after a success. */
export function clearFailures(store: Store, key: string): void {
  store.clearThrottle(key)
}

/** Counts one call for `key`; returns 0 when it is allowed, else how long until the window ends. */
export function takeRateLimited(store: Store, key: string, now: number, policy: RatePolicy): number {
  return store.transaction(() => {
    const t = store.getThrottle(key)
    const fresh = !t || now - t.windowStart >= policy.windowMs
    const windowStart = fresh ? now : t.windowStart
    const calls = fresh ? 0 : t.failures
    if (calls >= policy.limit) return windowStart + policy.windowMs - now
    store.saveThrottle({ key, failures: calls + 1, windowStart, blockedUntil: windowStart + policy.windowMs })
    return 0
  })
}
