/**
 * OIDC token issuance: a sign-in starts a token family (session) bounded by the instance's session
 * duration; each access token lives one hour (never past the session end); each refresh token lives
 * until the session ends.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import { randomToken } from '../ids.js'
import type { TokenSession } from '../store/store.js'
import { hashSecret } from './secrets.js'

/** Access tokens live one hour, as with AWS. */
export const ACCESS_TOKEN_SECONDS = 3600

/** What CreateToken returns. */
export interface IssuedTokens {
  accessToken: string
  refreshToken: string
  expiresIn: number
}

function newTokens(
  deps: ServerDeps,
  session: TokenSession,
): {
  tokens: IssuedTokens
  records: {
    tokenHash: string
    kind: 'access' | 'refresh'
    sessionId: string
    createdAt: number
    expiresAt: number
    usedCount: number
    revokedAt: null
  }[]
} {
  const now = deps.clock()
  const expiresIn = Math.max(1, Math.min(ACCESS_TOKEN_SECONDS, Math.floor((session.expiresAt - now) / 1000)))
  const accessToken = `aoa${randomToken(deps.ids, 48)}`
  const refreshToken = `aor${randomToken(deps.ids, 48)}`
  return {
    tokens: { accessToken, refreshToken, expiresIn },
    records: [
      {
        tokenHash: hashSecret(accessToken),
        kind: 'access',
        sessionId: session.id,
        createdAt: now,
        expiresAt: now + expiresIn * 1000,
        usedCount: 0,
        revokedAt: null,
      },
      {
        tokenHash: hashSecret(refreshToken),
        kind: 'refresh',
        sessionId: session.id,
        createdAt: now,
        expiresAt: session.expiresAt,
        usedCount: 0,
        revokedAt: null,
      },
    ],
  }
}

/** Starts a token family for a user signing in through a client (`sessionId`: a family id chosen by the caller). */
export function startTokenSession(
  deps: ServerDeps,
  p: { clientId: string; userId: string; scopes: string[]; sessionId?: string },
): IssuedTokens {
  const now = deps.clock()
  const instance = deps.store.getInstance()
  const session: TokenSession = {
    id: p.sessionId ?? randomToken(deps.ids, 16),
    clientId: p.clientId,
    userId: p.userId,
    scopes: p.scopes,
    createdAt: now,
    expiresAt: now + (instance?.sessionDurationSeconds ?? 8 * 3600) * 1000,
    revokedAt: null,
  }
  const { tokens, records } = newTokens(deps, session)
  deps.store.createTokenSession(session, records)
  return tokens
}

/** Issues the next access and refresh tokens of a family; returns how often the presented one was used before. */
export function refreshTokenSession(
  deps: ServerDeps,
  session: TokenSession,
  presentedHash: string,
): { tokens: IssuedTokens; previousUses: number } {
  const { tokens, records } = newTokens(deps, session)
  const previousUses = deps.store.rotateRefreshToken(presentedHash, records)
  return { tokens, previousUses }
}
