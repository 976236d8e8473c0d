/**
 * Sign-in sessions and their OIDC tokens: one token family per login, access and refresh tokens
 * kept as SHA-256 hashes, refresh rotation counted per presented token, revocation per family.
 *
 * @module
 */
import { checkLimits } from './limits.js'
import { jsonColumn, type Sql } from './sqlite.js'
import type { TokenRecord, TokenSession } from './types.js'

/** Reads and writes of token families and tokens. */
export interface TokenStore {
  /** Starts a token family and stores its first access and refresh tokens, atomically. */
  createTokenSession(session: TokenSession, tokens: readonly TokenRecord[]): void
  /** A token family. */
  getTokenSession(id: string): TokenSession | undefined
  /** An access or refresh token by hash. */
  findToken(tokenHash: string): TokenRecord | undefined
  /**
   * Refreshes: counts a use of the presented refresh token and stores the new tokens, atomically.
   * Returns the presented token's use count before this call (0 the first time).
   */
  rotateRefreshToken(presentedHash: string, fresh: readonly TokenRecord[]): number
  /** Revokes a token family: the session and every token in it. */
  revokeTokenSession(sessionId: string, now: number): void
}

interface SessionRow {
  id: string
  client_id: string
  user_id: string
  scopes: string
  created_at: number
  expires_at: number
  revoked_at: number | null
}
interface TokenRow {
  token_hash: string
  kind: TokenRecord['kind']
  session_id: string
  created_at: number
  expires_at: number
  used_count: number
  revoked_at: number | null
}

function toSession(r: SessionRow): TokenSession {
  return {
    id: r.id,
    clientId: r.client_id,
    userId: r.user_id,
    scopes: jsonColumn(r.scopes, []),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }
}
function toToken(r: TokenRow): TokenRecord {
  return {
    tokenHash: r.token_hash,
    kind: r.kind,
    sessionId: r.session_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedCount: r.used_count,
    revokedAt: r.revoked_at,
  }
}

/** The token module over one database. */
export function createTokenStore(sql: Sql): TokenStore {
  const insertToken = (t: TokenRecord): void => {
    sql.run(
      'INSERT INTO tokens (token_hash, kind, session_id, created_at, expires_at, used_count, revoked_at) VALUES (?, ?, ?, ?, ?, 0, NULL)',
      t.tokenHash,
      t.kind,
      t.sessionId,
      t.createdAt,
      t.expiresAt,
    )
  }
  const store: TokenStore = {
    createTokenSession(s, tokens) {
      checkLimits({ scopes: s.scopes })
      sql.transaction(() => {
        sql.run(
          'INSERT INTO token_sessions (id, client_id, user_id, scopes, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, NULL)',
          s.id,
          s.clientId,
          s.userId,
          JSON.stringify(s.scopes),
          s.createdAt,
          s.expiresAt,
        )
        for (const t of tokens) insertToken(t)
      })
    },
    getTokenSession(id) {
      const r = sql.one<SessionRow>('SELECT * FROM token_sessions WHERE id = ?', id)
      return r ? toSession(r) : undefined
    },
    findToken(tokenHash) {
      const r = sql.one<TokenRow>('SELECT * FROM tokens WHERE token_hash = ?', tokenHash)
      return r ? toToken(r) : undefined
    },
    rotateRefreshToken(presentedHash, fresh) {
      return sql.transaction(() => {
        const before = store.findToken(presentedHash)
        sql.run('UPDATE tokens SET used_count = used_count + 1 WHERE token_hash = ?', presentedHash)
        for (const t of fresh) insertToken(t)
        return before?.usedCount ?? 0
      })
    },
    revokeTokenSession(sessionId, now) {
      sql.transaction(() => {
        sql.run('UPDATE token_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', now, sessionId)
        sql.run('UPDATE tokens SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL', now, sessionId)
      })
    },
  }
  return store
}
