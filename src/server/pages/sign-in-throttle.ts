/**
 * The throttle of one sign-in attempt (password or MFA code), shared by every sign-in page: a
 * count for the account, and one for the source address common to all of them, so spraying
 * passwords over many names or over both sign-in surfaces is slowed down too. Policies and why:
 * `domain/throttle.ts`.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import {
  blockedForMs,
  clearFailures,
  recordFailure,
  SIGN_IN_ACCOUNT_POLICY,
  SIGN_IN_SOURCE_POLICY,
} from '../domain/throttle.js'
import { requestSource } from '../http-errors.js'
import type { PageContext } from './page-context.js'

/** One attempt's throttle. */
export interface SignInAttempt {
  /** How long the attempt must wait (0: go ahead); `Retry-After` is set when blocked. */
  waitMs: number
  /** Counts a wrong password or code against the account and the source. */
  failed(): void
  /** Clears the account's count (never the source's: a valid account of one's own must not reset it). */
  succeeded(): void
}

/** The throttle of a sign-in attempt on the account named by `accountKey` (e.g. `signin:account:alice`). */
export function signInAttempt(deps: ServerDeps, c: PageContext, accountKey: string): SignInAttempt {
  const sourceKey = `signin:source:${requestSource(c)}`
  const waitMs = blockedForMs(deps.store, [accountKey, sourceKey], deps.clock())
  if (waitMs > 0) c.header('Retry-After', String(Math.ceil(waitMs / 1000)))
  return {
    waitMs,
    failed() {
      const now = deps.clock()
      recordFailure(deps.store, accountKey, now, SIGN_IN_ACCOUNT_POLICY)
      recordFailure(deps.store, sourceKey, now, SIGN_IN_SOURCE_POLICY)
    },
    succeeded() {
      clearFailures(deps.store, accountKey)
    },
  }
}
