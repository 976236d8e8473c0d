/**
 * The state of console sign-in: sign-in tokens (from `getSigninToken`, used once within 15
 * minutes) and the browser's console sessions they turn into. Per app instance and in memory, like
 * AWS's own, which do not outlive their hours either; a restarted server forgets them.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import { randomToken } from '../ids.js'

/** A sign-in token is valid this long after it was issued (AWS: 15 minutes). */
export const SIGNIN_TOKEN_LIFETIME_MS = 15 * 60 * 1000

/** Who a console session is signed in as. */
export interface ConsolePrincipal {
  /** The access key the session was made from. */
  accessKeyId: string
  /** The caller ARN, as GetCallerIdentity reports it. */
  arn: string
  accountId: string
}

/** An issued, unused sign-in token. */
interface PendingSignIn {
  principal: ConsolePrincipal
  issuedAt: number
  /** When the console session made from it ends. */
  sessionExpiresAt: number
}

/** A signed-in browser. */
export interface ConsoleSession {
  principal: ConsolePrincipal
  expiresAt: number
}

/** The token and session tables. */
export interface ConsoleSessions {
  /** Issues a sign-in token. */
  issueToken(principal: ConsolePrincipal, sessionExpiresAt: number): string
  /** Uses a token up; undefined when unknown, used or older than 15 minutes. */
  redeemToken(token: string): PendingSignIn | undefined
  /** Starts a console session; returns its cookie value. */
  startSession(principal: ConsolePrincipal, expiresAt: number): string
  /** The live session of a cookie value. */
  findSession(id: string | undefined): ConsoleSession | undefined
  endSession(id: string | undefined): void
}

/** Creates empty tables. */
export function createConsoleSessions(deps: ServerDeps): ConsoleSessions {
  const tokens = new Map<string, PendingSignIn>()
  const sessions = new Map<string, ConsoleSession>()
  const sweep = () => {
    const now = deps.clock()
    for (const [token, pending] of tokens) if (now - pending.issuedAt > SIGNIN_TOKEN_LIFETIME_MS) tokens.delete(token)
    for (const [id, session] of sessions) if (session.expiresAt <= now) sessions.delete(id)
  }
  return {
    issueToken(principal, sessionExpiresAt) {
      sweep()
      const token = randomToken(deps.ids, 48)
      tokens.set(token, { principal, issuedAt: deps.clock(), sessionExpiresAt })
      return token
    },
    redeemToken(token) {
      sweep()
      const pending = tokens.get(token)
      tokens.delete(token)
      return pending
    },
    startSession(principal, expiresAt) {
      const id = randomToken(deps.ids, 32)
      sessions.set(id, { principal, expiresAt })
      return id
    },
    findSession(id) {
      if (id === undefined) return undefined
      const session = sessions.get(id)
      return session && session.expiresAt > deps.clock() ? session : undefined
    },
    endSession(id) {
      if (id !== undefined) sessions.delete(id)
    },
  }
}
