/**
 * Invitations: single-use links (kept as SHA-256 hashes) that let an invited user set a password
 * and enrol MFA, after which the user is active.
 *
 * @module
 */
import type { DirectoryStore } from './directory.js'
import type { Sql } from './sqlite.js'
import type { Invitation } from './types.js'

/** Reads and writes of invitations. */
export interface InvitationStore {
  /** Stores an invitation. */
  createInvitation(invitation: Invitation): void
  /** An invitation by token hash. */
  findInvitation(tokenHash: string): Invitation | undefined
  /** Uses up an invitation and activates its user; false when it was used, expired or unknown. */
  completeInvitation(tokenHash: string, now: number): boolean
  /** True when `userId` has an unused, unexpired invitation. */
  hasLiveInvitation(userId: string, now: number): boolean
}

interface InvitationRow {
  token_hash: string
  user_id: string
  created_at: number
  expires_at: number
  used_at: number | null
}

function toInvitation(r: InvitationRow): Invitation {
  return {
    tokenHash: r.token_hash,
    userId: r.user_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
  }
}

/** The invitation module over one database; completing one activates the user in `directory`. */
export function createInvitationStore(sql: Sql, directory: Pick<DirectoryStore, 'activateUser'>): InvitationStore {
  const store: InvitationStore = {
    createInvitation(i) {
      sql.run(
        'INSERT INTO invitations (token_hash, user_id, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, NULL)',
        i.tokenHash,
        i.userId,
        i.createdAt,
        i.expiresAt,
      )
    },
    findInvitation(tokenHash) {
      const r = sql.one<InvitationRow>('SELECT * FROM invitations WHERE token_hash = ?', tokenHash)
      return r ? toInvitation(r) : undefined
    },
    completeInvitation(tokenHash, now) {
      return sql.transaction(() => {
        const inv = store.findInvitation(tokenHash)
        if (!inv || inv.usedAt !== null || inv.expiresAt <= now) return false
        sql.run('UPDATE invitations SET used_at = ? WHERE token_hash = ?', now, tokenHash)
        directory.activateUser(inv.userId)
        return true
      })
    },
    hasLiveInvitation: (userId, now) =>
      sql.one(
        'SELECT 1 AS x FROM invitations WHERE user_id = ? AND used_at IS NULL AND expires_at > ?',
        userId,
        now,
      ) !== undefined,
  }
  return store
}
