/**
 * Schema of the administrator's console and the mail outbox: console administrators (from the
 * org file), their browser sessions, and every mail the server "sent".
 *
 * @module
 */

/** Console administrators, their sessions (cookie hashes) and the outbox. */
export const CONSOLE_SCHEMA = `
CREATE TABLE console_admins (
  user_name TEXT PRIMARY KEY COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE console_sessions (
  id_hash TEXT PRIMARY KEY,
  user_name TEXT NOT NULL REFERENCES console_admins (user_name) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE mail_outbox (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT,
  user_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX mail_outbox_created ON mail_outbox (created_at);
`

/**
 * Whether each kept mail was also delivered over SMTP (`idc server --smtp`): `pending`,
 * `delivered` or `failed` with the reason; NULL when no SMTP server was configured.
 */
export const OUTBOX_DELIVERY_SCHEMA = `
ALTER TABLE mail_outbox ADD COLUMN delivery TEXT CHECK (delivery IN ('pending', 'delivered', 'failed'));
ALTER TABLE mail_outbox ADD COLUMN delivery_error TEXT;
`

/** A one-time password an administrator generated, which the user must change at the next sign-in. */
export const ONE_TIME_PASSWORD_SCHEMA = `
ALTER TABLE users ADD COLUMN password_change_required INTEGER NOT NULL DEFAULT 0;
`
