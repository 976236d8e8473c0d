/**
 * The browser side of sign-in: web sessions (cookies, kept as SHA-256 hashes, with their CSRF
 * token and who is signed in) and the failure counters that throttle sign-in and user-code guessing
 * (keyed by whatever the caller names; a key longer than the store keeps is stored by its hash).
 *
 * @module
 */
import { createHash } from 'node:crypto'
import { checkLimits, STORE_LIMITS } from './limits.js'
import type { Sql } from './sqlite.js'
import type { Throttle, WebSession } from './types.js'

/** Who a web session belongs to after a sign-in step. */
export interface WebSessionUser {
  userId: string | null
  pendingUserId: string | null
  expiresAt?: number
}

/** Reads and writes of web sessions and throttle counters. */
export interface WebSessionStore {
  /** Stores a browser session. */
  createWebSession(session: WebSession): void
  /** A browser session by the hash of its cookie. */
  getWebSession(idHash: string): WebSession | undefined
  /** Sets who is signed in (or half-way through MFA) in a browser session. */
  setWebSessionUser(idHash: string, user: WebSessionUser): void
  /** Ends a browser session. */
  deleteWebSession(idHash: string): void
  /** A throttle counter. */
  getThrottle(key: string): Throttle | undefined
  /** Saves a throttle counter. */
  saveThrottle(throttle: Throttle): void
  /** Forgets a throttle counter (after a success). */
  clearThrottle(key: string): void
}

interface WebSessionRow {
  id_hash: string
  csrf_token: string
  user_id: string | null
  pending_user_id: string | null
  created_at: number
  expires_at: number
}
interface ThrottleRow {
  key: string
  failures: number
  window_start: number
  blocked_until: number
}

function toWebSession(r: WebSessionRow): WebSession {
  return {
    idHash: r.id_hash,
    csrfToken: r.csrf_token,
    userId: r.user_id,
    pendingUserId: r.pending_user_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }
}
function toThrottle(r: ThrottleRow): Throttle {
  return { key: r.key, failures: r.failures, windowStart: r.window_start, blockedUntil: r.blocked_until }
}

/**
 * The stored form of a throttle key: as it is, or its SHA-256 when longer than the store keeps.
 * Keys carry what people type (the user name on a sign-in form), so their length is the client's.
 */
function storedKey(key: string): string {
  return key.length <= STORE_LIMITS.throttleKey.maxLength
    ? key
    : `sha256:${createHash('sha256').update(key).digest('base64url')}`
}

/** The web-session module over one database. */
export function createWebSessionStore(sql: Sql): WebSessionStore {
  return {
    createWebSession(s) {
      sql.run(
        'INSERT INTO web_sessions (id_hash, csrf_token, user_id, pending_user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
        s.idHash,
        s.csrfToken,
        s.userId,
        s.pendingUserId,
        s.createdAt,
        s.expiresAt,
      )
    },
    getWebSession(idHash) {
      const r = sql.one<WebSessionRow>('SELECT * FROM web_sessions WHERE id_hash = ?', idHash)
      return r ? toWebSession(r) : undefined
    },
    setWebSessionUser(idHash, p) {
      sql.run(
        'UPDATE web_sessions SET user_id = ?, pending_user_id = ?, expires_at = COALESCE(?, expires_at) WHERE id_hash = ?',
        p.userId,
        p.pendingUserId,
        p.expiresAt ?? null,
        idHash,
      )
    },
    deleteWebSession(idHash) {
      sql.run('DELETE FROM web_sessions WHERE id_hash = ?', idHash)
    },
    getThrottle(key) {
      const r = sql.one<ThrottleRow>('SELECT * FROM throttles WHERE key = ?', storedKey(key))
      return r ? { ...toThrottle(r), key } : undefined
    },
    saveThrottle(t) {
      const key = storedKey(t.key)
      checkLimits({ throttleKey: key })
      sql.run(
        `INSERT INTO throttles (key, failures, window_start, blocked_until) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start, blocked_until = excluded.blocked_until`,
        key,
        t.failures,
        t.windowStart,
        t.blockedUntil,
      )
    },
    clearThrottle(key) {
      sql.run('DELETE FROM throttles WHERE key = ?', storedKey(key))
    },
  }
}
