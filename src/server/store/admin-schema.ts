/**
 * Schema of migration 4: what the full admin APIs (identitystore, sso-admin) and SCIM add.
 *
 * @module
 */

/** Users and groups gain AWS's other attributes (JSON) and an update time; users can be disabled. */
export const ADMIN_SCHEMA = `
ALTER TABLE users ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN updated_at INTEGER;
ALTER TABLE groups ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE groups ADD COLUMN updated_at INTEGER;

-- Records the admin APIs keep and answer from but nothing else acts on: applications, trusted
-- token issuers, tags, customer-managed policy references, request statuses (kind + id, JSON data).
CREATE TABLE admin_records (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  parent_id TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX admin_records_parent ON admin_records (kind, parent_id, created_at);

-- SCIM bearer tokens (SHA-256 hashes; the token is shown once).
CREATE TABLE scim_tokens (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_used_at INTEGER
);
`
