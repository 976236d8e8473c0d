/**
 * The server's state in SQLite: one module per domain (organisation, directory, permission sets,
 * IAM, OIDC grants, tokens, web sessions, invitations, issued credentials), each over the shared
 * {@link Sql} connection with typed rows and statements prepared once. {@link Store} puts their
 * methods side by side so callers write `store.getUser(id)`; a caller that needs one domain can
 * take that module's type (`DirectoryStore`, `OidcStore`, …) instead. The database handle itself
 * is never exposed: no SQL outside this folder.
 *
 * @module
 */
import { createAdminRecordStore, type AdminRecordStore } from './admin-records.js'
import { createConsoleAdminStore, type ConsoleAdminStore } from './console-admins.js'
import { createCredentialStore, type CredentialStore } from './credentials.js'
import { createDirectoryStore, type DirectoryStore } from './directory.js'
import { createIamStore, type IamStore } from './iam.js'
import { createInvitationStore, type InvitationStore } from './invitations.js'
import { createOidcStore, type OidcStore } from './oidc.js'
import { createOrganizationStore, type OrganizationStore } from './organization.js'
import { createPermissionSetStore, type PermissionSetStore } from './permission-sets.js'
import { createOutboxStore, type OutboxStore } from './outbox.js'
import { openSql, type Sql } from './sqlite.js'
import { createScimTokenStore, type ScimTokenStore } from './scim-tokens.js'
import { createRootUserStore, type RootUserStore } from './root-users.js'
import { createSigninStore, type SigninStore } from './signin.js'
import { createTokenStore, type TokenStore } from './tokens.js'
import { createWebSessionStore, type WebSessionStore } from './web-sessions.js'

export type * from './types.js'
export type { UserInput, UserProfile, UserChanges, GroupInput, GroupChanges, DirectoryStore } from './directory.js'
export type { AdminRecord, AdminRecordStore } from './admin-records.js'
export type { ScimToken, ScimTokenStore } from './scim-tokens.js'
export type { AdminCredentials, OrganizationStore } from './organization.js'
export type { PermissionSetStore, PermissionSetUpdate, AssignmentFilter } from './permission-sets.js'
export type { IamStore } from './iam.js'
export type { OidcStore } from './oidc.js'
export type { TokenStore } from './tokens.js'
export type { WebSessionStore, WebSessionUser } from './web-sessions.js'
export type { InvitationStore } from './invitations.js'
export type { ConsoleAdmin, ConsoleAdminStore, ConsoleSession } from './console-admins.js'
export type { MailDelivery, OutboxMail, OutboxStore } from './outbox.js'
export type {
  ConsolePassword,
  DpopUse,
  SigninCode,
  SigninRefreshToken,
  SigninRequest,
  SigninSession,
  SigninStore,
} from './signin.js'
export type { RootUser, RootUserStore } from './root-users.js'
export type {
  CredentialStore,
  IssuedCredentialsWithPolicies,
  AccessKeyWithPolicies,
  PolicySource,
} from './credentials.js'

/** Where the database lives: a file path, or `':memory:'` for tests. */
export interface OpenStoreOptions {
  path: string
}

/** What spans the modules: transactions, housekeeping, the connection's life. */
export interface StoreCore {
  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T
  /**
   * Deletes what expired more than a day before `now` (codes, device authorizations, browser
   * sessions, ended token families, credentials). The day of grace keeps error codes precise: an
   * expired key still gets `ExpiredToken`, not `InvalidClientTokenId`.
   */
  purgeExpired(now: number): void
  /** The database's journal mode (`wal` for a file database). */
  journalMode(): string
  /** Closes the database (checkpointing the WAL). */
  close(): void
}

/** The whole store: every domain module's methods. */
export type Store = StoreCore &
  OrganizationStore &
  DirectoryStore &
  PermissionSetStore &
  IamStore &
  OidcStore &
  TokenStore &
  WebSessionStore &
  InvitationStore &
  CredentialStore &
  SigninStore &
  RootUserStore &
  AdminRecordStore &
  ScimTokenStore &
  ConsoleAdminStore &
  OutboxStore

const DAY_MS = 24 * 3600_000

function createStoreCore(sql: Sql): StoreCore {
  return {
    transaction: (fn) => sql.transaction(fn),
    purgeExpired(now) {
      const before = now - DAY_MS
      sql.transaction(() => {
        sql.run('DELETE FROM device_authorizations WHERE expires_at < ?', before)
        sql.run('DELETE FROM authorization_codes WHERE expires_at < ?', before)
        sql.run('DELETE FROM web_sessions WHERE expires_at < ?', before)
        sql.run('DELETE FROM console_sessions WHERE expires_at < ?', before)
        sql.run('DELETE FROM token_sessions WHERE expires_at < ?', before)
        sql.run('DELETE FROM throttles WHERE blocked_until < ? AND window_start < ?', now, before)
        sql.run('DELETE FROM issued_credentials WHERE expires_at IS NOT NULL AND expires_at < ?', before)
        for (const table of ['signin_requests', 'signin_codes', 'signin_sessions', 'signin_dpop_proofs']) {
          sql.run(`DELETE FROM ${table} WHERE expires_at < ?`, before)
        }
      })
    },
    journalMode: () => sql.journalMode(),
    close: () => sql.close(),
  }
}

/**
 * Opens (creating and migrating as needed) the store at `path` and builds every module over it.
 * A new module is one more `createXxxStore(sql)` here and one more member of {@link Store}.
 */
export function openStore(options: OpenStoreOptions): Store {
  const sql = openSql(options.path)
  const directory = createDirectoryStore(sql)
  return {
    ...createStoreCore(sql),
    ...createOrganizationStore(sql),
    ...directory,
    ...createPermissionSetStore(sql),
    ...createIamStore(sql),
    ...createOidcStore(sql),
    ...createTokenStore(sql),
    ...createWebSessionStore(sql),
    ...createInvitationStore(sql, directory),
    ...createCredentialStore(sql),
    ...createSigninStore(sql),
    ...createRootUserStore(sql),
    ...createAdminRecordStore(sql),
    ...createScimTokenStore(sql),
    ...createConsoleAdminStore(sql),
    ...createOutboxStore(sql),
  }
}
