/**
 * AWS Sign-In (`aws login`): console passwords of IAM users, pending browser sign-ins, single-use
 * authorization codes, login sessions bound to a DPoP key with their rotating refresh tokens, and
 * the DPoP proof ids seen. Secrets (passwords, codes, refresh tokens) are stored as hashes only.
 *
 * @module
 */
import { checkLimits } from './limits.js'
import type { Sql } from './sqlite.js'

/** An IAM user's console password. */
export interface ConsolePassword {
  accountId: string
  userName: string
  passwordHash: string
  /** When the password was set; sessions started before it end (`USER_CREDENTIALS_CHANGED`). */
  changedAt: number
}

/** A browser sign-in in progress, between `/v1/authorize` and the redirect with the code. */
export interface SigninRequest {
  id: string
  clientId: string
  redirectUri: string
  state: string
  codeChallenge: string
  /** Set once the password was right and an MFA code is still due (the user name is null for root). */
  pendingAccountId: string | null
  pendingUserName: string | null
  createdAt: number
  expiresAt: number
}

/** A single-use authorization code (`code` is stored hashed). */
export interface SigninCode {
  codeHash: string
  clientId: string
  redirectUri: string
  codeChallenge: string
  accountId: string
  /** The IAM user; null for the account's root user. */
  userName: string | null
  mfaAuthenticated: boolean
  used: boolean
  createdAt: number
  expiresAt: number
}

/** A login session: one per `aws login`, bound to the client's DPoP key. */
export interface SigninSession {
  id: string
  clientId: string
  accountId: string
  /** The IAM user; null for the account's root user. */
  userName: string | null
  /** RFC 7638 thumbprint of the DPoP key the refresh tokens are bound to. */
  jkt: string
  mfaAuthenticated: boolean
  createdAt: number
  expiresAt: number
  revokedAt: number | null
}

/** A refresh token of a login session (stored hashed). */
export interface SigninRefreshToken {
  tokenHash: string
  sessionId: string
  createdAt: number
  usedCount: number
}

/** What a DPoP proof id was: new, a retry of the same proof, or a replay with another proof. */
export type DpopUse = 'new' | 'retry' | 'replay'

/** Reads and writes of the Sign-In service. */
export interface SigninStore {
  /** Sets an IAM user's console password. */
  saveConsolePassword(password: ConsolePassword): void
  /** An IAM user's console password, if one is set. */
  getConsolePassword(accountId: string, userName: string): ConsolePassword | undefined
  /** The MFA devices of an IAM user (console sign-in asks for a code when there is one). */
  listMfaDevicesOfIamUser(accountId: string, userName: string): { serialNumber: string; totpSecret: string }[]
  /** Starts a browser sign-in. */
  createSigninRequest(request: SigninRequest): void
  /** A browser sign-in that has not expired. */
  getSigninRequest(id: string, now: number): SigninRequest | undefined
  /** Records the user whose password was right, awaiting MFA (`userName` null: the root user). */
  setSigninRequestPending(id: string, accountId: string, userName: string | null): void
  /** Ends a browser sign-in. */
  deleteSigninRequest(id: string): void
  /** Stores an authorization code. */
  createSigninCode(code: SigninCode): void
  /** Marks a code used and returns it as it was before (so a second use sees `used: true`). */
  takeSigninCode(codeHash: string): SigninCode | undefined
  /** Starts a login session with its first refresh token, atomically. */
  createSigninSession(session: SigninSession, refreshToken: SigninRefreshToken): void
  /** A login session. */
  getSigninSession(id: string): SigninSession | undefined
  /** A refresh token by hash. */
  findSigninRefreshToken(tokenHash: string): SigninRefreshToken | undefined
  /** Counts a use of the presented token and stores the next one; returns the earlier use count. */
  rotateSigninRefreshToken(presentedHash: string, next: SigninRefreshToken): number
  /** Ends a login session: no refresh token of it works any more. */
  revokeSigninSession(id: string, now: number): void
  /** Records a DPoP proof id (kept until `expiresAt`) and says whether it was seen before. */
  recordDpopProof(jti: string, proofHash: string, expiresAt: number): DpopUse
}

interface PasswordRow {
  account_id: string
  user_name: string
  password_hash: string
  changed_at: number
}
interface RequestRow {
  id: string
  client_id: string
  redirect_uri: string
  state: string
  code_challenge: string
  pending_account_id: string | null
  pending_user_name: string | null
  created_at: number
  expires_at: number
}
interface CodeRow {
  code_hash: string
  client_id: string
  redirect_uri: string
  code_challenge: string
  account_id: string
  user_name: string | null
  mfa_authenticated: number
  used: number
  created_at: number
  expires_at: number
}
interface SessionRow {
  id: string
  client_id: string
  account_id: string
  user_name: string | null
  jkt: string
  mfa_authenticated: number
  created_at: number
  expires_at: number
  revoked_at: number | null
}
interface RefreshRow {
  token_hash: string
  session_id: string
  created_at: number
  used_count: number
}

function toRequest(r: RequestRow): SigninRequest {
  return {
    id: r.id,
    clientId: r.client_id,
    redirectUri: r.redirect_uri,
    state: r.state,
    codeChallenge: r.code_challenge,
    pendingAccountId: r.pending_account_id,
    pendingUserName: r.pending_user_name,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }
}
function toCode(r: CodeRow): SigninCode {
  return {
    codeHash: r.code_hash,
    clientId: r.client_id,
    redirectUri: r.redirect_uri,
    codeChallenge: r.code_challenge,
    accountId: r.account_id,
    userName: r.user_name,
    mfaAuthenticated: r.mfa_authenticated === 1,
    used: r.used === 1,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }
}
function toSession(r: SessionRow): SigninSession {
  return {
    id: r.id,
    clientId: r.client_id,
    accountId: r.account_id,
    userName: r.user_name,
    jkt: r.jkt,
    mfaAuthenticated: r.mfa_authenticated === 1,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }
}
function toRefresh(r: RefreshRow): SigninRefreshToken {
  return { tokenHash: r.token_hash, sessionId: r.session_id, createdAt: r.created_at, usedCount: r.used_count }
}

/** The Sign-In module over one database. */
export function createSigninStore(sql: Sql): SigninStore {
  const insertRefresh = (t: SigninRefreshToken): void => {
    sql.run(
      'INSERT INTO signin_refresh_tokens (token_hash, session_id, created_at, used_count) VALUES (?, ?, ?, 0)',
      t.tokenHash,
      t.sessionId,
      t.createdAt,
    )
  }
  const store: SigninStore = {
    saveConsolePassword(p) {
      checkLimits({ iamUserName: p.userName })
      sql.run(
        'INSERT INTO signin_passwords (account_id, user_name, password_hash, changed_at) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (account_id, user_name) DO UPDATE SET password_hash = excluded.password_hash, changed_at = excluded.changed_at',
        p.accountId,
        p.userName,
        p.passwordHash,
        p.changedAt,
      )
    },
    getConsolePassword(accountId, userName) {
      const r = sql.one<PasswordRow>(
        'SELECT * FROM signin_passwords WHERE account_id = ? AND user_name = ?',
        accountId,
        userName,
      )
      return r
        ? { accountId: r.account_id, userName: r.user_name, passwordHash: r.password_hash, changedAt: r.changed_at }
        : undefined
    },
    listMfaDevicesOfIamUser(accountId, userName) {
      return sql
        .all<{ serial_number: string; totp_secret: string }>(
          'SELECT serial_number, totp_secret FROM iam_mfa_devices WHERE account_id = ? AND user_name = ? ORDER BY serial_number',
          accountId,
          userName,
        )
        .map((r) => ({ serialNumber: r.serial_number, totpSecret: r.totp_secret }))
    },
    createSigninRequest(q) {
      checkLimits({ redirectUri: q.redirectUri, codeChallenge: q.codeChallenge, signinState: q.state })
      sql.run(
        'INSERT INTO signin_requests (id, client_id, redirect_uri, state, code_challenge, pending_account_id, pending_user_name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?)',
        q.id,
        q.clientId,
        q.redirectUri,
        q.state,
        q.codeChallenge,
        q.createdAt,
        q.expiresAt,
      )
    },
    getSigninRequest(id, now) {
      const r = sql.one<RequestRow>('SELECT * FROM signin_requests WHERE id = ? AND expires_at > ?', id, now)
      return r ? toRequest(r) : undefined
    },
    setSigninRequestPending(id, accountId, userName) {
      sql.run(
        'UPDATE signin_requests SET pending_account_id = ?, pending_user_name = ? WHERE id = ?',
        accountId,
        userName,
        id,
      )
    },
    deleteSigninRequest(id) {
      sql.run('DELETE FROM signin_requests WHERE id = ?', id)
    },
    createSigninCode(c) {
      checkLimits({ redirectUri: c.redirectUri, codeChallenge: c.codeChallenge, iamUserName: c.userName })
      sql.run(
        'INSERT INTO signin_codes (code_hash, client_id, redirect_uri, code_challenge, account_id, user_name, mfa_authenticated, used, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)',
        c.codeHash,
        c.clientId,
        c.redirectUri,
        c.codeChallenge,
        c.accountId,
        c.userName,
        c.mfaAuthenticated ? 1 : 0,
        c.createdAt,
        c.expiresAt,
      )
    },
    takeSigninCode(codeHash) {
      return sql.transaction(() => {
        const r = sql.one<CodeRow>('SELECT * FROM signin_codes WHERE code_hash = ?', codeHash)
        if (r) sql.run('UPDATE signin_codes SET used = 1 WHERE code_hash = ?', codeHash)
        return r ? toCode(r) : undefined
      })
    },
    createSigninSession(s, refreshToken) {
      sql.transaction(() => {
        sql.run(
          'INSERT INTO signin_sessions (id, client_id, account_id, user_name, jkt, mfa_authenticated, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)',
          s.id,
          s.clientId,
          s.accountId,
          s.userName,
          s.jkt,
          s.mfaAuthenticated ? 1 : 0,
          s.createdAt,
          s.expiresAt,
        )
        insertRefresh(refreshToken)
      })
    },
    getSigninSession(id) {
      const r = sql.one<SessionRow>('SELECT * FROM signin_sessions WHERE id = ?', id)
      return r ? toSession(r) : undefined
    },
    findSigninRefreshToken(tokenHash) {
      const r = sql.one<RefreshRow>('SELECT * FROM signin_refresh_tokens WHERE token_hash = ?', tokenHash)
      return r ? toRefresh(r) : undefined
    },
    rotateSigninRefreshToken(presentedHash, next) {
      return sql.transaction(() => {
        const before = store.findSigninRefreshToken(presentedHash)
        sql.run('UPDATE signin_refresh_tokens SET used_count = used_count + 1 WHERE token_hash = ?', presentedHash)
        insertRefresh(next)
        return before?.usedCount ?? 0
      })
    },
    revokeSigninSession(id, now) {
      sql.run('UPDATE signin_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', now, id)
    },
    recordDpopProof(jti, proofHash, expiresAt) {
      return sql.transaction(() => {
        const seen = sql.one<{ proof_hash: string }>('SELECT proof_hash FROM signin_dpop_proofs WHERE jti = ?', jti)
        if (seen) return seen.proof_hash === proofHash ? 'retry' : 'replay'
        sql.run(
          'INSERT INTO signin_dpop_proofs (jti, proof_hash, expires_at) VALUES (?, ?, ?)',
          jti,
          proofHash,
          expiresAt,
        )
        return 'new'
      })
    },
  }
  return store
}
