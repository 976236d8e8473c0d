import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { MIGRATIONS, runMigrations } from './migrations.js'
import { openStore } from './store.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A data file as the previous release left it: migrated up to version 5, with rows in it. */
function oldDataFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'idc-migrate-'))
  dirs.push(dir)
  const path = join(dir, 'idc.sqlite')
  const db = new Database(path)
  db.pragma('foreign_keys = ON')
  expect(
    runMigrations(
      db,
      MIGRATIONS.filter((m) => m.version <= 5),
    ),
  ).toEqual([1, 2, 3, 4, 5])
  db.exec(`
    INSERT INTO accounts (id, name, email, created_at) VALUES ('123456789011', 'Dev', 'dev@example.com', 1);
    INSERT INTO iam_users (account_id, user_name, user_id, created_at) VALUES ('123456789011', 'ci', 'AIDAEXAMPLE', 1);
    INSERT INTO issued_credentials (access_key_id, secret_access_key, session_token, expires_at, principal_type, account_id,
      iam_user_name, mfa_authenticated, created_at) VALUES ('ASIAOLDUSERSESSION01', 'secret-1', 'token-1', 9000, 'iam_user_session', '123456789011', 'ci', 1, 2);
    INSERT INTO issued_credentials (access_key_id, secret_access_key, session_token, expires_at, principal_type, account_id,
      role_arn, session_name, source_access_key_id, created_at, session_policies)
      VALUES ('ASIAOLDASSUMEDROLE01', 'secret-2', 'token-2', 9000, 'assumed_role', '123456789011', 'arn:aws:iam::123456789011:role/R', 's', 'AKIAX', 3, '[]');
    INSERT INTO signin_sessions (id, client_id, account_id, user_name, jkt, mfa_authenticated, created_at, expires_at)
      VALUES ('session-1', 'c', '123456789011', 'ci', 'jkt', 1, 2, 9000);
    INSERT INTO signin_refresh_tokens (token_hash, session_id, created_at, used_count) VALUES ('hash-1', 'session-1', 2, 1);
    INSERT INTO signin_codes (code_hash, client_id, redirect_uri, code_challenge, account_id, user_name, mfa_authenticated, created_at, expires_at)
      VALUES ('code-1', 'c', 'r', 'ch', '123456789011', 'ci', 0, 2, 9000);
  `)
  db.close()
  return path
}

describe('migration 6 (root users; issued_credentials, signin_codes and signin_sessions rebuilt)', () => {
  it('opens an old data file and keeps its issued credentials, login sessions, refresh tokens and codes', () => {
    const store = openStore({ path: oldDataFile() })
    try {
      expect(store.appliedMigrations()).toEqual(MIGRATIONS.map((m) => m.version))
      expect(store.findIssuedCredentials('ASIAOLDUSERSESSION01')).toEqual({
        accessKeyId: 'ASIAOLDUSERSESSION01',
        secretAccessKey: 'secret-1',
        sessionToken: 'token-1',
        expiresAt: 9000,
        principal: { type: 'iam_user_session', accountId: '123456789011', iamUserName: 'ci', mfaAuthenticated: true },
        createdAt: 2,
      })
      expect(store.findIssuedCredentials('ASIAOLDASSUMEDROLE01')?.principal).toMatchObject({
        type: 'assumed_role',
        sessionPolicies: '[]',
      })
      expect(store.getSigninSession('session-1')).toMatchObject({ userName: 'ci', jkt: 'jkt', mfaAuthenticated: true })
      expect(store.findSigninRefreshToken('hash-1')).toEqual({
        tokenHash: 'hash-1',
        sessionId: 'session-1',
        createdAt: 2,
        usedCount: 1,
      })
      expect(store.takeSigninCode('code-1')).toMatchObject({ userName: 'ci', used: false })
      // The new principal type is accepted now.
      store.recordIssuedCredentials({
        accessKeyId: 'ASIANEWROOTSESSION01',
        secretAccessKey: 's',
        sessionToken: 't',
        expiresAt: 9000,
        principal: { type: 'root_session', accountId: '123456789011', mfaAuthenticated: false },
        createdAt: 4,
      })
      expect(store.findIssuedCredentials('ASIANEWROOTSESSION01')?.principal.type).toBe('root_session')
    } finally {
      store.close()
    }
  })

  it('keeps the foreign keys of the rebuilt tables: refresh tokens go with their session, sessions with their IAM user', () => {
    const path = oldDataFile()
    const store = openStore({ path })
    store.close()
    const db = new Database(path)
    db.pragma('foreign_keys = ON')
    try {
      expect(db.pragma('foreign_key_check')).toEqual([])
      expect(() =>
        db
          .prepare(
            "INSERT INTO signin_refresh_tokens (token_hash, session_id, created_at) VALUES ('h', 'no-such-session', 1)",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/)
      db.prepare("DELETE FROM iam_users WHERE user_name = 'ci'").run()
      expect(db.prepare('SELECT count(*) AS n FROM signin_sessions').get()).toEqual({ n: 0 })
      expect(db.prepare('SELECT count(*) AS n FROM signin_refresh_tokens').get()).toEqual({ n: 0 })
    } finally {
      db.close()
    }
  })
})
