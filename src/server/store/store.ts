/**
 * The server's state in SQLite (better-sqlite3): every read and write the server makes goes through
 * a {@link Store} method named after what it does. Each method is one statement or one transaction.
 *
 * Durability: WAL with `synchronous = FULL`. In WAL mode `NORMAL` already survives a killed
 * process (the WAL write reaches the OS before the commit returns), but may lose the last commits
 * on power loss or an OS crash; `FULL` fsyncs the WAL on every commit so an acknowledged write (an
 * issued token or credential a client now caches) survives both. Writes happen on logins and
 * credential issuance, not on the hot signed-request path, so the fsync costs little.
 *
 * @module
 */
import Database from 'better-sqlite3'
import { runMigrations } from './migrations.js'
import type {
  Account,
  AccountAssignment,
  AuthorizationCode,
  Bucket,
  CredentialPrincipal,
  DeviceAuthorization,
  Group,
  GroupMembership,
  IamAccessKey,
  IamMfaDevice,
  IamRole,
  IamUser,
  Instance,
  Invitation,
  IssuedCredentials,
  OidcClient,
  PermissionSet,
  PrincipalType,
  Throttle,
  TokenRecord,
  TokenSession,
  User,
  WebSession,
} from './types.js'

export type * from './types.js'

/** Where the database lives: a file path, or `':memory:'` for tests. */
export interface OpenStoreOptions {
  path: string
}

type Row = Record<string, any>

const json = (text: string | null | undefined, fallback: any): any => (text ? JSON.parse(text) : fallback)
const nullable = <T>(v: T | undefined): T | null => (v === undefined ? null : v)

function toInstance(r: Row): Instance {
  return {
    id: r.id,
    instanceArn: r.instance_arn,
    region: r.region,
    startUrl: r.start_url,
    sessionDurationSeconds: r.session_duration_s,
    createdAt: r.created_at,
  }
}
function toAccount(r: Row): Account {
  return { id: r.id, name: r.name, email: r.email, createdAt: r.created_at }
}
function toUser(r: Row): User {
  return {
    id: r.id,
    userName: r.user_name,
    email: r.email,
    givenName: r.given_name,
    familyName: r.family_name,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    status: r.status,
    totpSecret: r.totp_secret,
    totpLastStep: r.totp_last_step,
    createdAt: r.created_at,
  }
}
function toGroup(r: Row): Group {
  return { id: r.id, displayName: r.display_name, description: r.description, createdAt: r.created_at }
}
function toMembership(r: Row): GroupMembership {
  return { id: r.id, groupId: r.group_id, userId: r.user_id, createdAt: r.created_at }
}
function toPermissionSet(r: Row): PermissionSet {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    sessionDuration: r.session_duration,
    relayState: r.relay_state,
    managedPolicies: json(r.managed_policies, []),
    inlinePolicy: r.inline_policy,
    roleSuffix: r.role_suffix,
    createdAt: r.created_at,
  }
}
function toAssignment(r: Row): AccountAssignment {
  return {
    accountId: r.account_id,
    permissionSetId: r.permission_set_id,
    principalType: r.principal_type,
    principalId: r.principal_id,
    createdAt: r.created_at,
  }
}
function toBucket(r: Row): Bucket {
  return { name: r.name, accountId: r.account_id, region: r.region, createdAt: r.created_at }
}
function toIamUser(r: Row): IamUser {
  return {
    accountId: r.account_id,
    userName: r.user_name,
    userId: r.user_id,
    managedPolicies: json(r.managed_policies, []),
    inlinePolicies: json(r.inline_policies, {}),
    createdAt: r.created_at,
  }
}
function toAccessKey(r: Row): IamAccessKey {
  return {
    accessKeyId: r.access_key_id,
    secretAccessKey: r.secret_access_key,
    accountId: r.account_id,
    userName: r.user_name,
    status: r.status,
    createdAt: r.created_at,
  }
}
function toMfaDevice(r: Row): IamMfaDevice {
  return {
    serialNumber: r.serial_number,
    accountId: r.account_id,
    userName: r.user_name,
    totpSecret: r.totp_secret,
    lastUsedStep: r.last_used_step,
    createdAt: r.created_at,
  }
}
function toRole(r: Row): IamRole {
  return {
    arn: r.arn,
    accountId: r.account_id,
    roleName: r.role_name,
    roleId: r.role_id,
    path: r.path,
    trustPolicy: r.trust_policy,
    managedPolicies: json(r.managed_policies, []),
    inlinePolicies: json(r.inline_policies, {}),
    maxSessionDurationSeconds: r.max_session_duration_s,
    createdAt: r.created_at,
  }
}
function toClient(r: Row): OidcClient {
  return {
    clientId: r.client_id,
    clientSecretHash: r.client_secret_hash,
    clientName: r.client_name,
    clientType: r.client_type,
    scopes: json(r.scopes, []),
    redirectUris: json(r.redirect_uris, []),
    grantTypes: json(r.grant_types, []),
    issuerUrl: r.issuer_url,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
  }
}
function toDevice(r: Row): DeviceAuthorization {
  return {
    deviceCodeHash: r.device_code_hash,
    userCode: r.user_code,
    clientId: r.client_id,
    startUrl: r.start_url,
    scopes: json(r.scopes, []),
    status: r.status,
    userId: r.user_id,
    intervalSeconds: r.interval_s,
    pollCount: r.poll_count,
    lastPollAt: r.last_poll_at,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }
}
function toCode(r: Row): AuthorizationCode {
  return {
    codeHash: r.code_hash,
    clientId: r.client_id,
    userId: r.user_id,
    redirectUri: r.redirect_uri,
    codeChallenge: r.code_challenge,
    scopes: json(r.scopes, []),
    used: r.used === 1,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }
}
function toSession(r: Row): TokenSession {
  return {
    id: r.id,
    clientId: r.client_id,
    userId: r.user_id,
    scopes: json(r.scopes, []),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }
}
function toToken(r: Row): TokenRecord {
  return {
    tokenHash: r.token_hash,
    kind: r.kind,
    sessionId: r.session_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedCount: r.used_count,
    revokedAt: r.revoked_at,
  }
}
function toWebSession(r: Row): WebSession {
  return {
    idHash: r.id_hash,
    csrfToken: r.csrf_token,
    userId: r.user_id,
    pendingUserId: r.pending_user_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }
}
function toThrottle(r: Row): Throttle {
  return { key: r.key, failures: r.failures, windowStart: r.window_start, blockedUntil: r.blocked_until }
}
function toInvitation(r: Row): Invitation {
  return {
    tokenHash: r.token_hash,
    userId: r.user_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
  }
}
function toIssued(r: Row): IssuedCredentials {
  let principal: CredentialPrincipal
  if (r.principal_type === 'sso_role') {
    principal = {
      type: 'sso_role',
      accountId: r.account_id,
      permissionSetId: r.permission_set_id,
      userId: r.user_id,
      sessionName: r.session_name,
    }
  } else if (r.principal_type === 'iam_user_session') {
    principal = {
      type: 'iam_user_session',
      accountId: r.account_id,
      iamUserName: r.iam_user_name,
      mfaAuthenticated: r.mfa_authenticated === 1,
    }
  } else {
    principal = {
      type: 'assumed_role',
      accountId: r.account_id,
      roleArn: r.role_arn,
      sessionName: r.session_name,
      sourceAccessKeyId: r.source_access_key_id,
      sourceIdentity: r.source_identity,
      mfaAuthenticated: r.mfa_authenticated === 1,
      sessionPolicies: r.session_policies ?? null,
    }
  }
  return {
    accessKeyId: r.access_key_id,
    secretAccessKey: r.secret_access_key,
    sessionToken: r.session_token,
    expiresAt: r.expires_at,
    principal,
    createdAt: r.created_at,
  }
}

/** Fields to create or update a user with. */
export interface UserInput {
  id: string
  userName: string
  email?: string | null
  givenName?: string | null
  familyName?: string | null
  displayName?: string | null
  passwordHash?: string | null
  status: 'invited' | 'active'
  totpSecret?: string | null
  createdAt: number
}

/** Opens (creating and migrating as needed) the store at `path`. */
export function openStore(options: OpenStoreOptions): Store {
  return new Store(options.path)
}

/** The SQLite store. Construct it with {@link openStore}. */
export class Store {
  readonly db: Database.Database

  constructor(path: string) {
    this.db = new Database(path)
    if (path !== ':memory:') {
      this.db.pragma('journal_mode = WAL')
      this.db.pragma('synchronous = FULL')
    }
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    runMigrations(this.db)
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  /** Closes the database (checkpointing the WAL). */
  close(): void {
    this.db.close()
  }

  private one(sql: string, ...params: unknown[]): Row | undefined {
    return this.db.prepare(sql).get(...params) as Row | undefined
  }
  private all(sql: string, ...params: unknown[]): Row[] {
    return this.db.prepare(sql).all(...params) as Row[]
  }
  private run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.db.prepare(sql).run(...params)
  }

  // ---- meta ---------------------------------------------------------------------------------

  /** Reads a server setting. */
  getMeta(key: string): string | undefined {
    return this.one('SELECT value FROM meta WHERE key = ?', key)?.value
  }
  /** Writes a server setting. */
  setMeta(key: string, value: string): void {
    this.run(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      key,
      value,
    )
  }

  // ---- instance and organisation -------------------------------------------------------------

  /** The Identity Center instance, once configured. */
  getInstance(): Instance | undefined {
    const r = this.one('SELECT * FROM instance LIMIT 1')
    return r ? toInstance(r) : undefined
  }
  /** Creates the instance or updates its settings (there is only one). */
  saveInstance(i: Instance): void {
    this.transaction(() => {
      this.run('DELETE FROM instance WHERE id <> ?', i.id)
      this.run(
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
  }

  /** Every account, by id. */
  listAccounts(): Account[] {
    return this.all('SELECT * FROM accounts ORDER BY id').map(toAccount)
  }
  /** One account. */
  getAccount(id: string): Account | undefined {
    const r = this.one('SELECT * FROM accounts WHERE id = ?', id)
    return r ? toAccount(r) : undefined
  }
  /** One account by name. */
  findAccountByName(name: string): Account | undefined {
    const r = this.one('SELECT * FROM accounts WHERE name = ?', name)
    return r ? toAccount(r) : undefined
  }
  /** Creates an account or updates its name and email. */
  saveAccount(a: Account): void {
    this.run(
      'INSERT INTO accounts (id, name, email, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email',
      a.id,
      a.name,
      a.email,
      a.createdAt,
    )
  }

  // ---- users and groups ----------------------------------------------------------------------

  /** Creates a user; fails on a duplicate user name. */
  createUser(u: UserInput): User {
    this.run(
      `INSERT INTO users (id, user_name, email, given_name, family_name, display_name, password_hash, status, totp_secret, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      u.id,
      u.userName,
      nullable(u.email),
      nullable(u.givenName),
      nullable(u.familyName),
      nullable(u.displayName),
      nullable(u.passwordHash),
      u.status,
      nullable(u.totpSecret),
      u.createdAt,
    )
    return this.getUser(u.id) as User
  }
  /** Updates a user's profile fields (not the password or MFA). */
  updateUserProfile(
    id: string,
    p: { email?: string | null; givenName?: string | null; familyName?: string | null; displayName?: string | null },
  ): void {
    this.run(
      'UPDATE users SET email = ?, given_name = ?, family_name = ?, display_name = ? WHERE id = ?',
      nullable(p.email),
      nullable(p.givenName),
      nullable(p.familyName),
      nullable(p.displayName),
      id,
    )
  }
  /** One user by id. */
  getUser(id: string): User | undefined {
    const r = this.one('SELECT * FROM users WHERE id = ?', id)
    return r ? toUser(r) : undefined
  }
  /** One user by user name (case-insensitive). */
  findUserByName(userName: string): User | undefined {
    const r = this.one('SELECT * FROM users WHERE user_name = ?', userName)
    return r ? toUser(r) : undefined
  }
  /** Every user, by user name. */
  listUsers(): User[] {
    return this.all('SELECT * FROM users ORDER BY user_name').map(toUser)
  }
  /** Sets a user's password hash. */
  setUserPassword(id: string, passwordHash: string): void {
    this.run('UPDATE users SET password_hash = ? WHERE id = ?', passwordHash, id)
  }
  /** Sets or removes a user's TOTP device (resets the reuse guard). */
  setUserTotp(id: string, totpSecret: string | null): void {
    this.run('UPDATE users SET totp_secret = ?, totp_last_step = 0 WHERE id = ?', totpSecret, id)
  }
  /** Marks an invited user active. */
  activateUser(id: string): void {
    this.run("UPDATE users SET status = 'active' WHERE id = ?", id)
  }
  /**
   * Records that a user's TOTP code for time step `step` was used. Returns false when that step (or
   * a later one) was already used, so a code cannot be replayed.
   */
  consumeUserTotpStep(id: string, step: number): boolean {
    return (
      this.run('UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?', step, id, step).changes === 1
    )
  }

  /** Creates a group; fails on a duplicate name. */
  createGroup(g: Group): Group {
    this.run(
      'INSERT INTO groups (id, display_name, description, created_at) VALUES (?, ?, ?, ?)',
      g.id,
      g.displayName,
      g.description,
      g.createdAt,
    )
    return g
  }
  /** Updates a group's description. */
  updateGroupDescription(id: string, description: string | null): void {
    this.run('UPDATE groups SET description = ? WHERE id = ?', description, id)
  }
  /** One group. */
  getGroup(id: string): Group | undefined {
    const r = this.one('SELECT * FROM groups WHERE id = ?', id)
    return r ? toGroup(r) : undefined
  }
  /** One group by display name. */
  findGroupByName(displayName: string): Group | undefined {
    const r = this.one('SELECT * FROM groups WHERE display_name = ?', displayName)
    return r ? toGroup(r) : undefined
  }
  /** Every group, by name. */
  listGroups(): Group[] {
    return this.all('SELECT * FROM groups ORDER BY display_name').map(toGroup)
  }
  /** Adds a user to a group; returns the existing membership when already a member. */
  addGroupMember(m: GroupMembership): GroupMembership {
    return this.transaction(() => {
      const existing = this.one(
        'SELECT * FROM group_memberships WHERE group_id = ? AND user_id = ?',
        m.groupId,
        m.userId,
      )
      if (existing) return toMembership(existing)
      this.run(
        'INSERT INTO group_memberships (id, group_id, user_id, created_at) VALUES (?, ?, ?, ?)',
        m.id,
        m.groupId,
        m.userId,
        m.createdAt,
      )
      return m
    })
  }
  /** Members of a group. */
  listGroupMemberships(groupId: string): GroupMembership[] {
    return this.all('SELECT * FROM group_memberships WHERE group_id = ? ORDER BY created_at, id', groupId).map(
      toMembership,
    )
  }
  /** The groups a user belongs to. */
  listGroupsOfUser(userId: string): Group[] {
    return this.all(
      'SELECT g.* FROM groups g JOIN group_memberships m ON m.group_id = g.id WHERE m.user_id = ? ORDER BY g.display_name',
      userId,
    ).map(toGroup)
  }
  /** Removes a membership by id. */
  deleteGroupMembership(id: string): boolean {
    return this.run('DELETE FROM group_memberships WHERE id = ?', id).changes === 1
  }

  // ---- permission sets and assignments -------------------------------------------------------

  /** Creates a permission set; fails on a duplicate name. */
  createPermissionSet(p: PermissionSet): PermissionSet {
    this.run(
      `INSERT INTO permission_sets (id, name, description, session_duration, relay_state, managed_policies, inline_policy, role_suffix, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      p.id,
      p.name,
      p.description,
      p.sessionDuration,
      p.relayState,
      JSON.stringify(p.managedPolicies),
      p.inlinePolicy,
      p.roleSuffix,
      p.createdAt,
    )
    return p
  }
  /** Updates a permission set's description, duration and relay state. */
  updatePermissionSet(
    id: string,
    p: { description?: string | null; sessionDuration?: string; relayState?: string | null },
  ): void {
    const cur = this.getPermissionSet(id)
    if (!cur) return
    this.run(
      'UPDATE permission_sets SET description = ?, session_duration = ?, relay_state = ? WHERE id = ?',
      p.description === undefined ? cur.description : p.description,
      p.sessionDuration ?? cur.sessionDuration,
      p.relayState === undefined ? cur.relayState : p.relayState,
      id,
    )
  }
  /** One permission set. */
  getPermissionSet(id: string): PermissionSet | undefined {
    const r = this.one('SELECT * FROM permission_sets WHERE id = ?', id)
    return r ? toPermissionSet(r) : undefined
  }
  /** One permission set by name. */
  findPermissionSetByName(name: string): PermissionSet | undefined {
    const r = this.one('SELECT * FROM permission_sets WHERE name = ?', name)
    return r ? toPermissionSet(r) : undefined
  }
  /** Every permission set, oldest first. */
  listPermissionSets(): PermissionSet[] {
    return this.all('SELECT * FROM permission_sets ORDER BY created_at, id').map(toPermissionSet)
  }
  /** Replaces a permission set's managed policy names. */
  setPermissionSetManagedPolicies(id: string, names: readonly string[]): void {
    this.run('UPDATE permission_sets SET managed_policies = ? WHERE id = ?', JSON.stringify([...new Set(names)]), id)
  }
  /** Attaches one AWS-managed policy by name; false when it was already attached. */
  attachManagedPolicy(id: string, name: string): boolean {
    return this.transaction(() => {
      const ps = this.getPermissionSet(id)
      if (!ps || ps.managedPolicies.includes(name)) return false
      this.setPermissionSetManagedPolicies(id, [...ps.managedPolicies, name])
      return true
    })
  }
  /** Sets (or with null removes) the inline policy JSON. */
  putInlinePolicy(id: string, policy: string | null): void {
    this.run('UPDATE permission_sets SET inline_policy = ? WHERE id = ?', policy, id)
  }

  /** Creates an assignment; false when it already existed. */
  createAssignment(a: AccountAssignment): boolean {
    return (
      this.run(
        `INSERT INTO account_assignments (account_id, permission_set_id, principal_type, principal_id, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
        a.accountId,
        a.permissionSetId,
        a.principalType,
        a.principalId,
        a.createdAt,
      ).changes === 1
    )
  }
  /** Deletes an assignment; false when there was none. */
  deleteAssignment(a: Omit<AccountAssignment, 'createdAt'>): boolean {
    return (
      this.run(
        'DELETE FROM account_assignments WHERE account_id = ? AND permission_set_id = ? AND principal_type = ? AND principal_id = ?',
        a.accountId,
        a.permissionSetId,
        a.principalType,
        a.principalId,
      ).changes === 1
    )
  }
  /** Assignments, optionally filtered by account, permission set and principal. */
  listAssignments(
    filter: { accountId?: string; permissionSetId?: string; principalType?: PrincipalType; principalId?: string } = {},
  ): AccountAssignment[] {
    const where: string[] = []
    const params: unknown[] = []
    const columns = {
      account_id: filter.accountId,
      permission_set_id: filter.permissionSetId,
      principal_type: filter.principalType,
      principal_id: filter.principalId,
    }
    for (const [column, value] of Object.entries(columns)) {
      if (value === undefined) continue
      where.push(`${column} = ?`)
      params.push(value)
    }
    const sql = `SELECT * FROM account_assignments ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY account_id, created_at, permission_set_id, principal_id`
    return this.all(sql, ...params).map(toAssignment)
  }
  /** The accounts a user may access, directly or through groups. */
  listAccountsOfUser(userId: string): Account[] {
    return this.all(
      `SELECT DISTINCT a.* FROM accounts a JOIN account_assignments x ON x.account_id = a.id
       WHERE (x.principal_type = 'USER' AND x.principal_id = ?)
          OR (x.principal_type = 'GROUP' AND x.principal_id IN (SELECT group_id FROM group_memberships WHERE user_id = ?))
       ORDER BY a.id`,
      userId,
      userId,
    ).map(toAccount)
  }
  /** The permission sets a user may use in an account, directly or through groups. */
  listPermissionSetsOfUser(userId: string, accountId: string): PermissionSet[] {
    return this.all(
      `SELECT DISTINCT p.* FROM permission_sets p JOIN account_assignments x ON x.permission_set_id = p.id
       WHERE x.account_id = ? AND ((x.principal_type = 'USER' AND x.principal_id = ?)
          OR (x.principal_type = 'GROUP' AND x.principal_id IN (SELECT group_id FROM group_memberships WHERE user_id = ?)))
       ORDER BY p.name`,
      accountId,
      userId,
      userId,
    ).map(toPermissionSet)
  }

  // ---- S3 ------------------------------------------------------------------------------------

  /** Creates a bucket or moves it (idempotent by name). */
  saveBucket(b: Bucket): void {
    this.run(
      'INSERT INTO buckets (name, account_id, region, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET account_id = excluded.account_id, region = excluded.region',
      b.name,
      b.accountId,
      b.region,
      b.createdAt,
    )
  }
  /** An account's buckets, by name. */
  listBuckets(accountId: string): Bucket[] {
    return this.all('SELECT * FROM buckets WHERE account_id = ? ORDER BY name', accountId).map(toBucket)
  }

  // ---- IAM -----------------------------------------------------------------------------------

  /** Creates or updates an IAM user (policies replaced; the user id is kept). */
  saveIamUser(u: IamUser): IamUser {
    this.run(
      `INSERT INTO iam_users (account_id, user_name, user_id, managed_policies, inline_policies, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, user_name) DO UPDATE SET managed_policies = excluded.managed_policies, inline_policies = excluded.inline_policies`,
      u.accountId,
      u.userName,
      u.userId,
      JSON.stringify(u.managedPolicies),
      JSON.stringify(u.inlinePolicies),
      u.createdAt,
    )
    return this.getIamUser(u.accountId, u.userName) as IamUser
  }
  /** One IAM user. */
  getIamUser(accountId: string, userName: string): IamUser | undefined {
    const r = this.one('SELECT * FROM iam_users WHERE account_id = ? AND user_name = ?', accountId, userName)
    return r ? toIamUser(r) : undefined
  }
  /** Creates or updates an access key. */
  saveAccessKey(k: IamAccessKey): void {
    this.run(
      `INSERT INTO iam_access_keys (access_key_id, secret_access_key, account_id, user_name, status, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (access_key_id) DO UPDATE SET secret_access_key = excluded.secret_access_key, status = excluded.status`,
      k.accessKeyId,
      k.secretAccessKey,
      k.accountId,
      k.userName,
      k.status,
      k.createdAt,
    )
  }
  /** A long-term access key by id. */
  findAccessKey(accessKeyId: string): IamAccessKey | undefined {
    const r = this.one('SELECT * FROM iam_access_keys WHERE access_key_id = ?', accessKeyId)
    return r ? toAccessKey(r) : undefined
  }
  /** Creates or updates an MFA device. */
  saveMfaDevice(d: Omit<IamMfaDevice, 'lastUsedStep'>): void {
    this.run(
      `INSERT INTO iam_mfa_devices (serial_number, account_id, user_name, totp_secret, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (serial_number) DO UPDATE SET totp_secret = excluded.totp_secret, account_id = excluded.account_id, user_name = excluded.user_name`,
      d.serialNumber,
      d.accountId,
      d.userName,
      d.totpSecret,
      d.createdAt,
    )
  }
  /** An MFA device by serial number (ARN). */
  findMfaDevice(serialNumber: string): IamMfaDevice | undefined {
    const r = this.one('SELECT * FROM iam_mfa_devices WHERE serial_number = ?', serialNumber)
    return r ? toMfaDevice(r) : undefined
  }
  /** Records that an MFA device's code for `step` was used; false on reuse. */
  consumeMfaStep(serialNumber: string, step: number): boolean {
    return (
      this.run(
        'UPDATE iam_mfa_devices SET last_used_step = ? WHERE serial_number = ? AND last_used_step < ?',
        step,
        serialNumber,
        step,
      ).changes === 1
    )
  }
  /** Creates or updates an IAM role (the role id is kept). */
  saveRole(r: IamRole): IamRole {
    this.run(
      `INSERT INTO iam_roles (arn, account_id, role_name, role_id, path, trust_policy, managed_policies, inline_policies, max_session_duration_s, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (arn) DO UPDATE SET trust_policy = excluded.trust_policy, managed_policies = excluded.managed_policies,
         inline_policies = excluded.inline_policies, max_session_duration_s = excluded.max_session_duration_s, path = excluded.path`,
      r.arn,
      r.accountId,
      r.roleName,
      r.roleId,
      r.path,
      r.trustPolicy,
      JSON.stringify(r.managedPolicies),
      JSON.stringify(r.inlinePolicies),
      r.maxSessionDurationSeconds,
      r.createdAt,
    )
    return this.getRole(r.arn) as IamRole
  }
  /** A role by ARN. */
  getRole(arn: string): IamRole | undefined {
    const r = this.one('SELECT * FROM iam_roles WHERE arn = ?', arn)
    return r ? toRole(r) : undefined
  }
  /** A role by account and name (ARNs may carry a path). */
  findRole(accountId: string, roleName: string): IamRole | undefined {
    const r = this.one('SELECT * FROM iam_roles WHERE account_id = ? AND role_name = ?', accountId, roleName)
    return r ? toRole(r) : undefined
  }

  /** The administrator's access key (for the admin APIs), once created. */
  getAdminCredentials(): { accessKeyId: string; secretAccessKey: string } | undefined {
    const r = this.one('SELECT * FROM admin_credentials ORDER BY created_at LIMIT 1')
    return r ? { accessKeyId: r.access_key_id, secretAccessKey: r.secret_access_key } : undefined
  }
  /** Stores the administrator's access key. */
  saveAdminCredentials(c: { accessKeyId: string; secretAccessKey: string; createdAt: number }): void {
    this.run(
      'INSERT INTO admin_credentials (access_key_id, secret_access_key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      c.accessKeyId,
      c.secretAccessKey,
      c.createdAt,
    )
  }

  // ---- OIDC ----------------------------------------------------------------------------------

  /** Stores a client registration. */
  registerClient(c: OidcClient): void {
    this.run(
      `INSERT INTO oidc_clients (client_id, client_secret_hash, client_name, client_type, scopes, redirect_uris, grant_types, issuer_url, issued_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      c.clientId,
      c.clientSecretHash,
      c.clientName,
      c.clientType,
      JSON.stringify(c.scopes),
      JSON.stringify(c.redirectUris),
      JSON.stringify(c.grantTypes),
      c.issuerUrl,
      c.issuedAt,
      c.expiresAt,
    )
  }
  /** Sets the secret of an adopted client on its first authenticated use; false if it already had one. */
  bindClientSecret(clientId: string, clientSecretHash: string): boolean {
    return (
      this.run(
        "UPDATE oidc_clients SET client_secret_hash = ? WHERE client_id = ? AND client_secret_hash = ''",
        clientSecretHash,
        clientId,
      ).changes === 1
    )
  }
  /** A client registration. */
  getClient(clientId: string): OidcClient | undefined {
    const r = this.one('SELECT * FROM oidc_clients WHERE client_id = ?', clientId)
    return r ? toClient(r) : undefined
  }

  /** Stores a new device authorization. */
  createDeviceAuthorization(d: DeviceAuthorization): void {
    this.run(
      `INSERT INTO device_authorizations (device_code_hash, user_code, client_id, start_url, scopes, status, user_id, interval_s, poll_count, last_poll_at, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      d.deviceCodeHash,
      d.userCode,
      d.clientId,
      d.startUrl,
      JSON.stringify(d.scopes),
      d.status,
      d.userId,
      d.intervalSeconds,
      d.pollCount,
      d.lastPollAt,
      d.createdAt,
      d.expiresAt,
    )
  }
  /** A device authorization by its user code. */
  findDeviceAuthorizationByUserCode(userCode: string): DeviceAuthorization | undefined {
    const r = this.one('SELECT * FROM device_authorizations WHERE user_code = ?', userCode)
    return r ? toDevice(r) : undefined
  }
  /** A device authorization by the hash of its device code. */
  findDeviceAuthorization(deviceCodeHash: string): DeviceAuthorization | undefined {
    const r = this.one('SELECT * FROM device_authorizations WHERE device_code_hash = ?', deviceCodeHash)
    return r ? toDevice(r) : undefined
  }
  /** Approves or denies a pending device authorization; false when it was no longer pending. */
  decideDeviceAuthorization(userCode: string, decision: 'approved' | 'denied', userId: string): boolean {
    return (
      this.run(
        "UPDATE device_authorizations SET status = ?, user_id = ? WHERE user_code = ? AND status = 'pending'",
        decision,
        userId,
        userCode,
      ).changes === 1
    )
  }
  /** Counts a CreateToken poll and returns the record as it was before this poll. */
  recordDevicePoll(deviceCodeHash: string, now: number): DeviceAuthorization | undefined {
    return this.transaction(() => {
      const before = this.findDeviceAuthorization(deviceCodeHash)
      if (before)
        this.run(
          'UPDATE device_authorizations SET poll_count = poll_count + 1, last_poll_at = ? WHERE device_code_hash = ?',
          now,
          deviceCodeHash,
        )
      return before
    })
  }
  /** Marks an approved device authorization used; false when it was already used (single use). */
  consumeDeviceAuthorization(deviceCodeHash: string): boolean {
    return (
      this.run(
        "UPDATE device_authorizations SET status = 'used' WHERE device_code_hash = ? AND status = 'approved'",
        deviceCodeHash,
      ).changes === 1
    )
  }

  /** Stores an authorization code. */
  createAuthorizationCode(c: AuthorizationCode): void {
    this.run(
      `INSERT INTO authorization_codes (code_hash, client_id, user_id, redirect_uri, code_challenge, scopes, used, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
      c.codeHash,
      c.clientId,
      c.userId,
      c.redirectUri,
      c.codeChallenge,
      JSON.stringify(c.scopes),
      c.createdAt,
      c.expiresAt,
    )
  }
  /** Marks a code used and returns it as it was; a second call sees `used: true`. */
  consumeAuthorizationCode(codeHash: string): AuthorizationCode | undefined {
    return this.transaction(() => {
      const r = this.one('SELECT * FROM authorization_codes WHERE code_hash = ?', codeHash)
      if (r) this.run('UPDATE authorization_codes SET used = 1 WHERE code_hash = ?', codeHash)
      return r ? toCode(r) : undefined
    })
  }

  /** Starts a token family and stores its first access and refresh tokens, atomically. */
  createTokenSession(s: TokenSession, tokens: readonly TokenRecord[]): void {
    this.transaction(() => {
      this.run(
        'INSERT INTO token_sessions (id, client_id, user_id, scopes, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, NULL)',
        s.id,
        s.clientId,
        s.userId,
        JSON.stringify(s.scopes),
        s.createdAt,
        s.expiresAt,
      )
      for (const t of tokens) this.insertToken(t)
    })
  }
  private insertToken(t: TokenRecord): void {
    this.run(
      'INSERT INTO tokens (token_hash, kind, session_id, created_at, expires_at, used_count, revoked_at) VALUES (?, ?, ?, ?, ?, 0, NULL)',
      t.tokenHash,
      t.kind,
      t.sessionId,
      t.createdAt,
      t.expiresAt,
    )
  }
  /** A token family. */
  getTokenSession(id: string): TokenSession | undefined {
    const r = this.one('SELECT * FROM token_sessions WHERE id = ?', id)
    return r ? toSession(r) : undefined
  }
  /** An access or refresh token by hash. */
  findToken(tokenHash: string): TokenRecord | undefined {
    const r = this.one('SELECT * FROM tokens WHERE token_hash = ?', tokenHash)
    return r ? toToken(r) : undefined
  }
  /**
   * Refreshes: counts a use of the presented refresh token and stores the new tokens, atomically.
   * Returns the presented token's use count before this call (0 the first time).
   */
  rotateRefreshToken(presentedHash: string, fresh: readonly TokenRecord[]): number {
    return this.transaction(() => {
      const before = this.findToken(presentedHash)
      this.run('UPDATE tokens SET used_count = used_count + 1 WHERE token_hash = ?', presentedHash)
      for (const t of fresh) this.insertToken(t)
      return before?.usedCount ?? 0
    })
  }
  /** Revokes a token family: the session and every token in it. */
  revokeTokenSession(sessionId: string, now: number): void {
    this.transaction(() => {
      this.run('UPDATE token_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', now, sessionId)
      this.run('UPDATE tokens SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL', now, sessionId)
    })
  }

  // ---- browser sessions, throttling, invitations -----------------------------------------------

  /** Stores a browser session. */
  createWebSession(s: WebSession): void {
    this.run(
      'INSERT INTO web_sessions (id_hash, csrf_token, user_id, pending_user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      s.idHash,
      s.csrfToken,
      s.userId,
      s.pendingUserId,
      s.createdAt,
      s.expiresAt,
    )
  }
  /** A browser session by the hash of its cookie. */
  getWebSession(idHash: string): WebSession | undefined {
    const r = this.one('SELECT * FROM web_sessions WHERE id_hash = ?', idHash)
    return r ? toWebSession(r) : undefined
  }
  /** Sets who is signed in (or half-way through MFA) in a browser session. */
  setWebSessionUser(
    idHash: string,
    p: { userId: string | null; pendingUserId: string | null; expiresAt?: number },
  ): void {
    this.run(
      'UPDATE web_sessions SET user_id = ?, pending_user_id = ?, expires_at = COALESCE(?, expires_at) WHERE id_hash = ?',
      p.userId,
      p.pendingUserId,
      p.expiresAt ?? null,
      idHash,
    )
  }
  /** Ends a browser session. */
  deleteWebSession(idHash: string): void {
    this.run('DELETE FROM web_sessions WHERE id_hash = ?', idHash)
  }

  /** A throttle counter. */
  getThrottle(key: string): Throttle | undefined {
    const r = this.one('SELECT * FROM throttles WHERE key = ?', key)
    return r ? toThrottle(r) : undefined
  }
  /** Saves a throttle counter. */
  saveThrottle(t: Throttle): void {
    this.run(
      `INSERT INTO throttles (key, failures, window_start, blocked_until) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start, blocked_until = excluded.blocked_until`,
      t.key,
      t.failures,
      t.windowStart,
      t.blockedUntil,
    )
  }
  /** Forgets a throttle counter (after a success). */
  clearThrottle(key: string): void {
    this.run('DELETE FROM throttles WHERE key = ?', key)
  }

  /** Stores an invitation. */
  createInvitation(i: Invitation): void {
    this.run(
      'INSERT INTO invitations (token_hash, user_id, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, NULL)',
      i.tokenHash,
      i.userId,
      i.createdAt,
      i.expiresAt,
    )
  }
  /** An invitation by token hash. */
  findInvitation(tokenHash: string): Invitation | undefined {
    const r = this.one('SELECT * FROM invitations WHERE token_hash = ?', tokenHash)
    return r ? toInvitation(r) : undefined
  }
  /** Uses up an invitation and activates its user; false when it was used, expired or unknown. */
  completeInvitation(tokenHash: string, now: number): boolean {
    return this.transaction(() => {
      const inv = this.findInvitation(tokenHash)
      if (!inv || inv.usedAt !== null || inv.expiresAt <= now) return false
      this.run('UPDATE invitations SET used_at = ? WHERE token_hash = ?', now, tokenHash)
      this.activateUser(inv.userId)
      return true
    })
  }

  /** True when `userId` has an unused, unexpired invitation. */
  hasLiveInvitation(userId: string, now: number): boolean {
    return (
      this.one(
        'SELECT 1 AS x FROM invitations WHERE user_id = ? AND used_at IS NULL AND expires_at > ?',
        userId,
        now,
      ) !== undefined
    )
  }

  /**
   * Deletes what expired more than a day before `now` (codes, device authorizations, browser
   * sessions, ended token families, credentials). The day of grace keeps error codes precise: an
   * expired key still gets `ExpiredToken`, not `InvalidClientTokenId`.
   */
  purgeExpired(now: number): void {
    const before = now - 24 * 3600_000
    this.transaction(() => {
      this.run('DELETE FROM device_authorizations WHERE expires_at < ?', before)
      this.run('DELETE FROM authorization_codes WHERE expires_at < ?', before)
      this.run('DELETE FROM web_sessions WHERE expires_at < ?', before)
      this.run('DELETE FROM token_sessions WHERE expires_at < ?', before)
      this.run('DELETE FROM throttles WHERE blocked_until < ? AND window_start < ?', now, before)
      this.run('DELETE FROM issued_credentials WHERE expires_at IS NOT NULL AND expires_at < ?', before)
    })
  }

  // ---- issued AWS credentials ---------------------------------------------------------------

  /** Records credentials the server handed out, with the principal they act as. */
  recordIssuedCredentials(c: IssuedCredentials): void {
    const p = c.principal
    this.run(
      `INSERT INTO issued_credentials (access_key_id, secret_access_key, session_token, expires_at, principal_type, account_id, permission_set_id,
         user_id, iam_user_name, role_arn, session_name, source_identity, source_access_key_id, mfa_authenticated, created_at, session_policies)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      c.accessKeyId,
      c.secretAccessKey,
      c.sessionToken,
      c.expiresAt,
      p.type,
      p.accountId,
      p.type === 'sso_role' ? p.permissionSetId : null,
      p.type === 'sso_role' ? p.userId : null,
      p.type === 'iam_user_session' ? p.iamUserName : null,
      p.type === 'assumed_role' ? p.roleArn : null,
      p.type === 'iam_user_session' ? null : p.sessionName,
      p.type === 'assumed_role' ? p.sourceIdentity : null,
      p.type === 'assumed_role' ? p.sourceAccessKeyId : null,
      p.type === 'sso_role' ? 0 : p.mfaAuthenticated ? 1 : 0,
      c.createdAt,
      p.type === 'assumed_role' ? p.sessionPolicies : null,
    )
  }
  /** Issued credentials by access key id (SigV4 verification looks keys up here). */
  findIssuedCredentials(accessKeyId: string): IssuedCredentials | undefined {
    const r = this.one('SELECT * FROM issued_credentials WHERE access_key_id = ?', accessKeyId)
    return r ? toIssued(r) : undefined
  }
  /** Deletes issued credentials that expired before `before` (housekeeping). */
  deleteExpiredCredentials(before: number): number {
    return this.run('DELETE FROM issued_credentials WHERE expires_at IS NOT NULL AND expires_at < ?', before).changes
  }
}
