/**
 * Root users of AWS accounts: one per account, signing in to the console (and `aws login`) by email
 * and password, with at most one virtual MFA device. The password is stored as a hash only.
 *
 * @module
 */
import { checkLimits } from './limits.js'
import type { Sql } from './sqlite.js'

/** An account's root user. */
export interface RootUser {
  accountId: string
  /** The account's root email address (unique across accounts, compared case-insensitively). */
  email: string
  passwordHash: string
  /** When the password was set; login sessions started before it end (`USER_CREDENTIALS_CHANGED`). */
  changedAt: number
  /** The root's virtual MFA device, if it has one. */
  mfaDevice: { serialNumber: string; totpSecret: string } | null
}

/** Reads and writes of root users. */
export interface RootUserStore {
  /** Creates or replaces an account's root user. */
  saveRootUser(root: RootUser): void
  /** An account's root user. */
  getRootUser(accountId: string): RootUser | undefined
  /** The root user with this email address (case-insensitive). */
  findRootUserByEmail(email: string): RootUser | undefined
  /** Records a used TOTP step of the root's MFA device; false when it (or a later one) was used. */
  consumeRootMfaStep(accountId: string, step: number): boolean
}

interface RootRow {
  account_id: string
  email: string
  password_hash: string
  changed_at: number
  mfa_serial_number: string | null
  mfa_totp_secret: string | null
}

function toRootUser(r: RootRow): RootUser {
  return {
    accountId: r.account_id,
    email: r.email,
    passwordHash: r.password_hash,
    changedAt: r.changed_at,
    mfaDevice:
      r.mfa_serial_number !== null && r.mfa_totp_secret !== null
        ? { serialNumber: r.mfa_serial_number, totpSecret: r.mfa_totp_secret }
        : null,
  }
}

/** The root-user module over one database. */
export function createRootUserStore(sql: Sql): RootUserStore {
  return {
    saveRootUser(root) {
      checkLimits({ email: root.email })
      sql.run(
        `INSERT INTO root_users (account_id, email, password_hash, changed_at, mfa_serial_number, mfa_totp_secret)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET email = excluded.email, password_hash = excluded.password_hash,
           changed_at = excluded.changed_at, mfa_serial_number = excluded.mfa_serial_number, mfa_totp_secret = excluded.mfa_totp_secret`,
        root.accountId,
        root.email,
        root.passwordHash,
        root.changedAt,
        root.mfaDevice?.serialNumber ?? null,
        root.mfaDevice?.totpSecret ?? null,
      )
    },
    getRootUser(accountId) {
      const r = sql.one<RootRow>('SELECT * FROM root_users WHERE account_id = ?', accountId)
      return r ? toRootUser(r) : undefined
    },
    findRootUserByEmail(email) {
      const r = sql.one<RootRow>('SELECT * FROM root_users WHERE email = ?', email)
      return r ? toRootUser(r) : undefined
    },
    consumeRootMfaStep: (accountId, step) =>
      sql.run(
        'UPDATE root_users SET mfa_last_used_step = ? WHERE account_id = ? AND mfa_last_used_step < ?',
        step,
        accountId,
        step,
      ) === 1,
  }
}
