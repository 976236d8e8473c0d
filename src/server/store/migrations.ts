/**
 * The schema, as ordered, append-only migrations. Never edit a released migration: add a new one at
 * the end. `schema_migrations` records which ones ran, each inside its own transaction.
 *
 * @module
 */
import type { Database } from 'better-sqlite3'
import { ADMIN_SCHEMA } from './admin-schema.js'
import { CONSOLE_SCHEMA, ONE_TIME_PASSWORD_SCHEMA, OUTBOX_DELIVERY_SCHEMA } from './console-schema.js'
import { ROOT_SIGNIN_SCHEMA, SIGNIN_SCHEMA } from './signin-schema.js'

/** One schema step. */
export interface Migration {
  version: number
  name: string
  sql: string
}

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE instance (
  id TEXT PRIMARY KEY CHECK (id GLOB 'd-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  instance_arn TEXT NOT NULL,
  region TEXT NOT NULL,
  start_url TEXT NOT NULL,
  session_duration_s INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE accounts (
  id TEXT PRIMARY KEY CHECK (length(id) = 12),
  name TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  user_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  email TEXT,
  given_name TEXT,
  family_name TEXT,
  display_name TEXT,
  password_hash TEXT,
  status TEXT NOT NULL CHECK (status IN ('invited', 'active')),
  totp_secret TEXT,
  totp_last_step INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE groups (
  id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL UNIQUE,
  description TEXT,
  created_at INTEGER NOT NULL
);

CREATE TABLE group_memberships (
  id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  UNIQUE (group_id, user_id)
);

CREATE TABLE permission_sets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT,
  session_duration TEXT NOT NULL DEFAULT 'PT1H',
  relay_state TEXT,
  managed_policies TEXT NOT NULL DEFAULT '[]',
  inline_policy TEXT,
  role_suffix TEXT NOT NULL CHECK (length(role_suffix) = 16),
  created_at INTEGER NOT NULL
);

CREATE TABLE account_assignments (
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  permission_set_id TEXT NOT NULL REFERENCES permission_sets(id) ON DELETE CASCADE,
  principal_type TEXT NOT NULL CHECK (principal_type IN ('USER', 'GROUP')),
  principal_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, permission_set_id, principal_type, principal_id)
);
CREATE INDEX account_assignments_principal ON account_assignments (principal_type, principal_id);

CREATE TABLE buckets (
  name TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  region TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE iam_users (
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_name TEXT NOT NULL,
  user_id TEXT NOT NULL UNIQUE,
  managed_policies TEXT NOT NULL DEFAULT '[]',
  inline_policies TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, user_name)
);

CREATE TABLE iam_access_keys (
  access_key_id TEXT PRIMARY KEY,
  secret_access_key TEXT NOT NULL,
  account_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'Active' CHECK (status IN ('Active', 'Inactive')),
  created_at INTEGER NOT NULL,
  FOREIGN KEY (account_id, user_name) REFERENCES iam_users(account_id, user_name) ON DELETE CASCADE
);

CREATE TABLE iam_mfa_devices (
  serial_number TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  totp_secret TEXT NOT NULL,
  last_used_step INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  FOREIGN KEY (account_id, user_name) REFERENCES iam_users(account_id, user_name) ON DELETE CASCADE
);

CREATE TABLE iam_roles (
  arn TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  role_name TEXT NOT NULL,
  role_id TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL DEFAULT '/',
  trust_policy TEXT NOT NULL,
  managed_policies TEXT NOT NULL DEFAULT '[]',
  inline_policies TEXT NOT NULL DEFAULT '{}',
  max_session_duration_s INTEGER NOT NULL DEFAULT 3600,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, role_name)
);

CREATE TABLE admin_credentials (
  access_key_id TEXT PRIMARY KEY,
  secret_access_key TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE oidc_clients (
  client_id TEXT PRIMARY KEY,
  client_secret_hash TEXT NOT NULL,
  client_name TEXT NOT NULL,
  client_type TEXT NOT NULL,
  scopes TEXT NOT NULL DEFAULT '[]',
  redirect_uris TEXT NOT NULL DEFAULT '[]',
  grant_types TEXT NOT NULL DEFAULT '[]',
  issuer_url TEXT,
  issued_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE device_authorizations (
  device_code_hash TEXT PRIMARY KEY,
  user_code TEXT NOT NULL UNIQUE,
  client_id TEXT NOT NULL REFERENCES oidc_clients(client_id) ON DELETE CASCADE,
  start_url TEXT NOT NULL,
  scopes TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'used')),
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  interval_s INTEGER NOT NULL,
  poll_count INTEGER NOT NULL DEFAULT 0,
  last_poll_at INTEGER,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE authorization_codes (
  code_hash TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES oidc_clients(client_id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  redirect_uri TEXT NOT NULL,
  code_challenge TEXT NOT NULL,
  scopes TEXT NOT NULL DEFAULT '[]',
  used INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE token_sessions (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  scopes TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);

CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
  session_id TEXT NOT NULL REFERENCES token_sessions(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_count INTEGER NOT NULL DEFAULT 0,
  revoked_at INTEGER
);
CREATE INDEX tokens_session ON tokens (session_id);

CREATE TABLE web_sessions (
  id_hash TEXT PRIMARY KEY,
  csrf_token TEXT NOT NULL,
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  pending_user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE throttles (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start INTEGER NOT NULL,
  blocked_until INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE invitations (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);

CREATE TABLE issued_credentials (
  access_key_id TEXT PRIMARY KEY,
  secret_access_key TEXT NOT NULL,
  session_token TEXT,
  expires_at INTEGER,
  principal_type TEXT NOT NULL CHECK (principal_type IN ('sso_role', 'iam_user_session', 'assumed_role')),
  account_id TEXT NOT NULL,
  permission_set_id TEXT,
  user_id TEXT,
  iam_user_name TEXT,
  role_arn TEXT,
  session_name TEXT,
  source_identity TEXT,
  source_access_key_id TEXT,
  mfa_authenticated INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX issued_credentials_expiry ON issued_credentials (expires_at);
`,
  },
  {
    version: 2,
    name: 'session policies of assumed-role sessions',
    // A JSON array of the policy documents passed to AssumeRole (`Policy`, `PolicyArns`); NULL when none.
    sql: 'ALTER TABLE issued_credentials ADD COLUMN session_policies TEXT;',
  },
  {
    version: 3,
    name: 'AWS Sign-In: console passwords, sign-in requests, codes, login sessions, refresh tokens, DPoP proof ids',
    sql: SIGNIN_SCHEMA,
  },
  {
    version: 4,
    name: 'admin APIs: user and group attributes, disabled users, stored admin records, SCIM tokens',
    sql: ADMIN_SCHEMA,
  },
  {
    version: 5,
    name: "the administrator's console: console administrators and their sessions, the mail outbox",
    sql: CONSOLE_SCHEMA,
  },
  {
    version: 6,
    name: 'AWS Sign-In for root users: root users by email, root sessions in issued credentials and login sessions',
    sql: ROOT_SIGNIN_SCHEMA,
  },
  {
    version: 7,
    name: 'the mail outbox: SMTP delivery status of each mail (idc server --smtp)',
    sql: OUTBOX_DELIVERY_SCHEMA,
  },
  {
    version: 8,
    name: 'one-time passwords: users who must change their password at the next sign-in',
    sql: ONE_TIME_PASSWORD_SCHEMA,
  },
]

/** Applies every migration not yet recorded, in order, each in a transaction. */
export function runMigrations(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  )
  const done = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  )
  const applied: number[] = []
  let last = 0
  for (const migration of migrations) {
    if (migration.version <= last) throw new Error(`Migrations out of order: ${migration.version} after ${last}`)
    last = migration.version
    if (done.has(migration.version)) continue
    db.transaction(() => {
      db.exec(migration.sql)
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, datetime('now'))").run(
        migration.version,
        migration.name,
      )
    })()
    applied.push(migration.version)
  }
  return applied
}
