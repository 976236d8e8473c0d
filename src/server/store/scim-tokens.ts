/**
 * SCIM bearer tokens: what an identity provider (Okta, Entra ID, …) presents to provision users
 * and groups. Kept as SHA-256 hashes; the token itself is shown once, when created.
 *
 * @module
 */
import type { Sql } from './sqlite.js'

/** A SCIM access token's record (never the token). */
export interface ScimToken {
  id: string
  tokenHash: string
  createdAt: number
  expiresAt: number
  lastUsedAt: number | null
}

/** Reads and writes of SCIM tokens. */
export interface ScimTokenStore {
  /** Stores a new token. */
  createScimToken(token: ScimToken): void
  /** Every token, oldest first. */
  listScimTokens(): ScimToken[]
  /** The unexpired token with this hash, marking it used at `now`; undefined when none. */
  useScimToken(tokenHash: string, now: number): ScimToken | undefined
  /** Deletes a token; false when there was none. */
  deleteScimToken(id: string): boolean
}

interface ScimTokenRow {
  id: string
  token_hash: string
  created_at: number
  expires_at: number
  last_used_at: number | null
}

function toScimToken(r: ScimTokenRow): ScimToken {
  return {
    id: r.id,
    tokenHash: r.token_hash,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
  }
}

/** The SCIM-token module over one database. */
export function createScimTokenStore(sql: Sql): ScimTokenStore {
  return {
    createScimToken(t) {
      sql.run(
        'INSERT INTO scim_tokens (id, token_hash, created_at, expires_at, last_used_at) VALUES (?, ?, ?, ?, ?)',
        t.id,
        t.tokenHash,
        t.createdAt,
        t.expiresAt,
        t.lastUsedAt,
      )
    },
    listScimTokens: () => sql.all<ScimTokenRow>('SELECT * FROM scim_tokens ORDER BY created_at, id').map(toScimToken),
    useScimToken(tokenHash, now) {
      const r = sql.one<ScimTokenRow>(
        'SELECT * FROM scim_tokens WHERE token_hash = ? AND expires_at > ?',
        tokenHash,
        now,
      )
      if (!r) return undefined
      sql.run('UPDATE scim_tokens SET last_used_at = ? WHERE id = ?', now, r.id)
      return toScimToken({ ...r, last_used_at: now })
    },
    deleteScimToken: (id) => sql.run('DELETE FROM scim_tokens WHERE id = ?', id) === 1,
  }
}
