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

/**
 * Migration 6: root users, who sign in by email. Issued credentials get the `root_session`
 * principal type and login sessions and codes a NULL user name for the root user. SQLite cannot
 * change a CHECK or NOT NULL constraint in place, so those tables are rebuilt: create the new
 * table, copy the rows, drop the old one, rename (the migration runs in one transaction). The
 * refresh tokens are rebuilt with their sessions: dropping a parent table with foreign keys on
 * would otherwise cascade-delete them.
 */
export const ROOT_SIGNIN_SCHEMA = `
CREATE TABLE root_users (
  account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  changed_at INTEGER NOT NULL,
  mfa_serial_number TEXT UNIQUE,
  mfa_totp_secret TEXT,
  mfa_last_used_step INTEGER NOT NULL DEFAULT 0,
  CHECK ((mfa_serial_number IS NULL) = (mfa_totp_secret IS NULL))
);

CREATE TABLE issued_credentials_v6 (
  access_key_id TEXT PRIMARY KEY,
  secret_access_key TEXT NOT NULL,
  session_token TEXT,
  expires_at INTEGER,
  principal_type TEXT NOT NULL CHECK (principal_type IN ('sso_role', 'iam_user_session', 'assumed_role', 'root_session')),
  account_id TEXT NOT NULL,
  permission_set_id TEXT,
  user_id TEXT,
  iam_user_name TEXT,
  role_arn TEXT,
  session_name TEXT,
  source_identity TEXT,
  source_access_key_id TEXT,
  mfa_authenticated INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  session_policies TEXT
);
INSERT INTO issued_credentials_v6 (access_key_id, secret_access_key, session_token, expires_at, principal_type, account_id,
  permission_set_id, user_id, iam_user_name, role_arn, session_name, source_identity, source_access_key_id, mfa_authenticated,
  created_at, session_policies)
SELECT access_key_id, secret_access_key, session_token, expires_at, principal_type, account_id,
  permission_set_id, user_id, iam_user_name, role_arn, session_name, source_identity, source_access_key_id, mfa_authenticated,
  created_at, session_policies FROM issued_credentials;
DROP TABLE issued_credentials;
ALTER TABLE issued_credentials_v6 RENAME TO issued_credentials;
CREATE INDEX issued_credentials_expiry ON issued_credentials (expires_at);

CREATE TABLE signin_codes_v6 (
  code_hash TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  code_challenge TEXT NOT NULL,
  account_id TEXT NOT NULL,
  user_name TEXT,
  mfa_authenticated INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
INSERT INTO signin_codes_v6 SELECT code_hash, client_id, redirect_uri, code_challenge, account_id, user_name,
  mfa_authenticated, used, created_at, expires_at FROM signin_codes;
DROP TABLE signin_codes;
ALTER TABLE signin_codes_v6 RENAME TO signin_codes;

CREATE TABLE signin_sessions_v6 (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_name TEXT,
  jkt TEXT NOT NULL,
  mfa_authenticated INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER,
  FOREIGN KEY (account_id, user_name) REFERENCES iam_users(account_id, user_name) ON DELETE CASCADE
);
INSERT INTO signin_sessions_v6 SELECT id, client_id, account_id, user_name, jkt, mfa_authenticated, created_at,
  expires_at, revoked_at FROM signin_sessions;
CREATE TABLE signin_refresh_tokens_v6 (
  token_hash TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES signin_sessions_v6(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  used_count INTEGER NOT NULL DEFAULT 0
);
INSERT INTO signin_refresh_tokens_v6 SELECT token_hash, session_id, created_at, used_count FROM signin_refresh_tokens;
DROP TABLE signin_refresh_tokens;
DROP TABLE signin_sessions;
ALTER TABLE signin_sessions_v6 RENAME TO signin_sessions;
ALTER TABLE signin_refresh_tokens_v6 RENAME TO signin_refresh_tokens;
CREATE INDEX signin_refresh_tokens_session ON signin_refresh_tokens (session_id);
`
