/**
 * The Sign-In module's tables (migration 3). Kept apart from `signin.ts` so that the migrations
 * module does not load the store module.
 *
 * @module
 */

/** The tables of this module (a migration of `migrations.ts`). */
export const SIGNIN_SCHEMA = `
CREATE TABLE signin_passwords (
  account_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  changed_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, user_name),
  FOREIGN KEY (account_id, user_name) REFERENCES iam_users(account_id, user_name) ON DELETE CASCADE
);
CREATE TABLE signin_requests (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  state TEXT NOT NULL,
  code_challenge TEXT NOT NULL,
  pending_account_id TEXT,
  pending_user_name TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE signin_codes (
  code_hash TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  code_challenge TEXT NOT NULL,
  account_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  mfa_authenticated INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE signin_sessions (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  jkt TEXT NOT NULL,
  mfa_authenticated INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER,
  FOREIGN KEY (account_id, user_name) REFERENCES iam_users(account_id, user_name) ON DELETE CASCADE
);
CREATE TABLE signin_refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES signin_sessions(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  used_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX signin_refresh_tokens_session ON signin_refresh_tokens (session_id);
CREATE TABLE signin_dpop_proofs (
  jti TEXT PRIMARY KEY,
  proof_hash TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
`
