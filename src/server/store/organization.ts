/**
 * The organisation around the directory: server settings, the Identity Center instance, AWS
 * accounts, their S3 buckets, and the administrator's access key.
 *
 * @module
 */
import { checkLimits } from './limits.js'
import type { Sql } from './sqlite.js'
import type { Account, Bucket, Instance } from './types.js'

/** The administrator's access key (for the admin APIs). */
export interface AdminCredentials {
  accessKeyId: string
  secretAccessKey: string
}

/** Reads and writes of the organisation's records. */
export interface OrganizationStore {
  /** Reads a server setting. */
  getMeta(key: string): string | undefined
  /** Writes a server setting. */
  setMeta(key: string, value: string): void
  /** The schema migrations applied to this database, oldest first. */
  appliedMigrations(): number[]
  /** The Identity Center instance, once configured. */
  getInstance(): Instance | undefined
  /** Creates the instance or updates its settings (there is only one). */
  saveInstance(instance: Instance): void
  /** Every account, by id. */
  listAccounts(): Account[]
  /** One account. */
  getAccount(id: string): Account | undefined
  /** One account by name. */
  findAccountByName(name: string): Account | undefined
  /** The account created first (the administrator acts in it), or undefined before any exists. */
  firstAccountId(): string | undefined
  /** Creates an account or updates its name and email. */
  saveAccount(account: Account): void
  /** Creates a bucket or moves it (idempotent by name). */
  saveBucket(bucket: Bucket): void
  /** An account's buckets, by name. */
  listBuckets(accountId: string): Bucket[]
  /** The administrator's access key, once created. */
  getAdminCredentials(): AdminCredentials | undefined
  /** The administrator's key with this id, or undefined. */
  findAdminCredentials(accessKeyId: string): AdminCredentials | undefined
  /** Stores the administrator's access key (the first one stays). */
  saveAdminCredentials(credentials: AdminCredentials & { createdAt: number }): void
}

interface InstanceRow {
  id: string
  instance_arn: string
  region: string
  start_url: string
  session_duration_s: number
  created_at: number
}
/** A row of `accounts`. */
export interface AccountRow {
  id: string
  name: string
  email: string
  created_at: number
}
interface BucketRow {
  name: string
  account_id: string
  region: string
  created_at: number
}
interface AdminRow {
  access_key_id: string
  secret_access_key: string
}

function toInstance(r: InstanceRow): Instance {
  return {
    id: r.id,
    instanceArn: r.instance_arn,
    region: r.region,
    startUrl: r.start_url,
    sessionDurationSeconds: r.session_duration_s,
    createdAt: r.created_at,
  }
}
/** Maps an `accounts` row (also used by modules that join accounts). */
export function toAccount(r: AccountRow): Account {
  return { id: r.id, name: r.name, email: r.email, createdAt: r.created_at }
}
function toBucket(r: BucketRow): Bucket {
  return { name: r.name, accountId: r.account_id, region: r.region, createdAt: r.created_at }
}
function toAdmin(r: AdminRow): AdminCredentials {
  return { accessKeyId: r.access_key_id, secretAccessKey: r.secret_access_key }
}

/** The organisation module over one database. */
export function createOrganizationStore(sql: Sql): OrganizationStore {
  const account = (r: AccountRow | undefined) => (r ? toAccount(r) : undefined)
  return {
    getMeta: (key) => sql.one<{ value: string }>('SELECT value FROM meta WHERE key = ?', key)?.value,
    setMeta(key, value) {
      sql.run(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        key,
        value,
      )
    },
    appliedMigrations: () =>
      sql.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version').map((r) => r.version),
    getInstance() {
      const r = sql.one<InstanceRow>('SELECT * FROM instance LIMIT 1')
      return r ? toInstance(r) : undefined
    },
    saveInstance(i) {
      checkLimits({ startUrl: i.startUrl, region: i.region })
      sql.transaction(() => {
        sql.run('DELETE FROM instance WHERE id <> ?', i.id)
        sql.run(
          `INSERT INTO instance (id, instance_arn, region, start_url, session_duration_s, created_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET instance_arn = excluded.instance_arn, region = excluded.region, start_url = excluded.start_url, session_duration_s = excluded.session_duration_s`,
          i.id,
          i.instanceArn,
          i.region,
          i.startUrl,
          i.sessionDurationSeconds,
          i.createdAt,
        )
      })
    },
    listAccounts: () => sql.all<AccountRow>('SELECT * FROM accounts ORDER BY id').map(toAccount),
    getAccount: (id) => account(sql.one<AccountRow>('SELECT * FROM accounts WHERE id = ?', id)),
    findAccountByName: (name) => account(sql.one<AccountRow>('SELECT * FROM accounts WHERE name = ?', name)),
    firstAccountId: () => sql.one<{ id: string }>('SELECT id FROM accounts ORDER BY created_at, id LIMIT 1')?.id,
    saveAccount(a) {
      checkLimits({ accountName: a.name, accountEmail: a.email })
      sql.run(
        'INSERT INTO accounts (id, name, email, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email',
        a.id,
        a.name,
        a.email,
        a.createdAt,
      )
    },
    saveBucket(b) {
      checkLimits({ bucketName: b.name, region: b.region })
      sql.run(
        'INSERT INTO buckets (name, account_id, region, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET account_id = excluded.account_id, region = excluded.region',
        b.name,
        b.accountId,
        b.region,
        b.createdAt,
      )
    },
    listBuckets: (accountId) =>
      sql.all<BucketRow>('SELECT * FROM buckets WHERE account_id = ? ORDER BY name', accountId).map(toBucket),
    getAdminCredentials() {
      const r = sql.one<AdminRow>('SELECT * FROM admin_credentials ORDER BY created_at LIMIT 1')
      return r ? toAdmin(r) : undefined
    },
    findAdminCredentials(accessKeyId) {
      const r = sql.one<AdminRow>('SELECT * FROM admin_credentials WHERE access_key_id = ?', accessKeyId)
      return r ? toAdmin(r) : undefined
    },
    saveAdminCredentials(c) {
      sql.run(
        'INSERT INTO admin_credentials (access_key_id, secret_access_key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        c.accessKeyId,
        c.secretAccessKey,
        c.createdAt,
      )
    },
  }
}
