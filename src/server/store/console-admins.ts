/**
 * The administrator's console: its administrators (named in the org file, with a password hash)
 * and their browser sessions (cookie hashes, separate from the access portal's).
 *
 * @module
 */
import { checkLimits } from './limits.js'
import type { Sql } from './sqlite.js'

/** A console administrator. */
export interface ConsoleAdmin {
  userName: string
  passwordHash: string
  createdAt: number
}

/** A console administrator's browser session. */
export interface ConsoleSession {
  idHash: string
  userName: string
  createdAt: number
  expiresAt: number
}

/** Reads and writes of console administrators and their sessions. */
export interface ConsoleAdminStore {
  /** Creates an administrator or replaces its password hash. */
  saveConsoleAdmin(admin: ConsoleAdmin): void
  /** One administrator (user name case-insensitive). */
  getConsoleAdmin(userName: string): ConsoleAdmin | undefined
  /** Stores a console session. */
  createConsoleSession(session: ConsoleSession): void
  /** A console session by the hash of its cookie. */
  getConsoleSession(idHash: string): ConsoleSession | undefined
  /** Ends a console session. */
  deleteConsoleSession(idHash: string): void
}

interface AdminRow {
  user_name: string
  password_hash: string
  created_at: number
}
interface SessionRow {
  id_hash: string
  user_name: string
  created_at: number
  expires_at: number
}

/** The console-admin module over one database. */
export function createConsoleAdminStore(sql: Sql): ConsoleAdminStore {
  return {
    saveConsoleAdmin(a) {
      checkLimits({ consoleAdminName: a.userName })
      sql.run(
        `INSERT INTO console_admins (user_name, password_hash, created_at) VALUES (?, ?, ?)
         ON CONFLICT (user_name) DO UPDATE SET password_hash = excluded.password_hash`,
        a.userName,
        a.passwordHash,
        a.createdAt,
      )
    },
    getConsoleAdmin(userName) {
      const r = sql.one<AdminRow>('SELECT * FROM console_admins WHERE user_name = ?', userName)
      return r ? { userName: r.user_name, passwordHash: r.password_hash, createdAt: r.created_at } : undefined
    },
    createConsoleSession(s) {
      sql.run(
        'INSERT INTO console_sessions (id_hash, user_name, created_at, expires_at) VALUES (?, ?, ?, ?)',
        s.idHash,
        s.userName,
        s.createdAt,
        s.expiresAt,
      )
    },
    getConsoleSession(idHash) {
      const r = sql.one<SessionRow>('SELECT * FROM console_sessions WHERE id_hash = ?', idHash)
      return r
        ? { idHash: r.id_hash, userName: r.user_name, createdAt: r.created_at, expiresAt: r.expires_at }
        : undefined
    },
    deleteConsoleSession(idHash) {
      sql.run('DELETE FROM console_sessions WHERE id_hash = ?', idHash)
    },
  }
}
