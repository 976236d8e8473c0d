/**
 * IAM inside the organisation's accounts: IAM users with their long-term access keys and virtual
 * MFA devices, and IAM roles.
 *
 * @module
 */
import { checkLimits } from './limits.js'
import { jsonColumn, type Sql } from './sqlite.js'
import type { IamAccessKey, IamMfaDevice, IamRole, IamUser } from './types.js'

/** Reads and writes of IAM users, keys, MFA devices and roles. */
export interface IamStore {
  /** Creates or updates an IAM user (policies replaced; the user id is kept). */
  saveIamUser(user: IamUser): IamUser
  /** One IAM user. */
  getIamUser(accountId: string, userName: string): IamUser | undefined
  /** Creates or updates an access key. */
  saveAccessKey(key: IamAccessKey): void
  /** A long-term access key by id. */
  findAccessKey(accessKeyId: string): IamAccessKey | undefined
  /** Creates or updates an MFA device. */
  saveMfaDevice(device: Omit<IamMfaDevice, 'lastUsedStep'>): void
  /** An MFA device by serial number (ARN). */
  findMfaDevice(serialNumber: string): IamMfaDevice | undefined
  /** Records that an MFA device's code for `step` was used; false on reuse. */
  consumeMfaStep(serialNumber: string, step: number): boolean
  /** Creates or updates an IAM role (the role id is kept). */
  saveRole(role: IamRole): IamRole
  /** A role by ARN. */
  getRole(arn: string): IamRole | undefined
  /** A role by account and name (ARNs may carry a path). */
  findRole(accountId: string, roleName: string): IamRole | undefined
}

interface IamUserRow {
  account_id: string
  user_name: string
  user_id: string
  managed_policies: string
  inline_policies: string
  created_at: number
}
/** A row of `iam_access_keys`. */
export interface AccessKeyRow {
  access_key_id: string
  secret_access_key: string
  account_id: string
  user_name: string
  status: 'Active' | 'Inactive'
  created_at: number
}
interface MfaDeviceRow {
  serial_number: string
  account_id: string
  user_name: string
  totp_secret: string
  last_used_step: number
  created_at: number
}
interface RoleRow {
  arn: string
  account_id: string
  role_name: string
  role_id: string
  path: string
  trust_policy: string
  managed_policies: string
  inline_policies: string
  max_session_duration_s: number
  created_at: number
}

function toIamUser(r: IamUserRow): IamUser {
  return {
    accountId: r.account_id,
    userName: r.user_name,
    userId: r.user_id,
    managedPolicies: jsonColumn(r.managed_policies, []),
    inlinePolicies: jsonColumn(r.inline_policies, {}),
    createdAt: r.created_at,
  }
}
/** Maps an `iam_access_keys` row (also for lookups that join it). */
export function toAccessKey(r: AccessKeyRow): IamAccessKey {
  return {
    accessKeyId: r.access_key_id,
    secretAccessKey: r.secret_access_key,
    accountId: r.account_id,
    userName: r.user_name,
    status: r.status,
    createdAt: r.created_at,
  }
}
function toMfaDevice(r: MfaDeviceRow): IamMfaDevice {
  return {
    serialNumber: r.serial_number,
    accountId: r.account_id,
    userName: r.user_name,
    totpSecret: r.totp_secret,
    lastUsedStep: r.last_used_step,
    createdAt: r.created_at,
  }
}
function toRole(r: RoleRow): IamRole {
  return {
    arn: r.arn,
    accountId: r.account_id,
    roleName: r.role_name,
    roleId: r.role_id,
    path: r.path,
    trustPolicy: r.trust_policy,
    managedPolicies: jsonColumn(r.managed_policies, []),
    inlinePolicies: jsonColumn(r.inline_policies, {}),
    maxSessionDurationSeconds: r.max_session_duration_s,
    createdAt: r.created_at,
  }
}

function policyFields(p: { managedPolicies: string[]; inlinePolicies: Record<string, string> }) {
  return {
    iamManagedPolicies: p.managedPolicies,
    policyName: Object.keys(p.inlinePolicies),
    iamInlinePolicies: Object.values(p.inlinePolicies),
  }
}

/** The IAM module over one database. */
export function createIamStore(sql: Sql): IamStore {
  const role = (r: RoleRow | undefined) => (r ? toRole(r) : undefined)
  const store: IamStore = {
    saveIamUser(u) {
      checkLimits({ iamUserName: u.userName, ...policyFields(u) })
      sql.run(
        `INSERT INTO iam_users (account_id, user_name, user_id, managed_policies, inline_policies, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, user_name) DO UPDATE SET managed_policies = excluded.managed_policies, inline_policies = excluded.inline_policies`,
        u.accountId,
        u.userName,
        u.userId,
        JSON.stringify(u.managedPolicies),
        JSON.stringify(u.inlinePolicies),
        u.createdAt,
      )
      return store.getIamUser(u.accountId, u.userName) as IamUser
    },
    getIamUser(accountId, userName) {
      const r = sql.one<IamUserRow>(
        'SELECT * FROM iam_users WHERE account_id = ? AND user_name = ?',
        accountId,
        userName,
      )
      return r ? toIamUser(r) : undefined
    },
    saveAccessKey(k) {
      sql.run(
        `INSERT INTO iam_access_keys (access_key_id, secret_access_key, account_id, user_name, status, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (access_key_id) DO UPDATE SET secret_access_key = excluded.secret_access_key, status = excluded.status`,
        k.accessKeyId,
        k.secretAccessKey,
        k.accountId,
        k.userName,
        k.status,
        k.createdAt,
      )
    },
    findAccessKey(accessKeyId) {
      const r = sql.one<AccessKeyRow>('SELECT * FROM iam_access_keys WHERE access_key_id = ?', accessKeyId)
      return r ? toAccessKey(r) : undefined
    },
    saveMfaDevice(d) {
      checkLimits({ serialNumber: d.serialNumber, iamUserName: d.userName, totpSecret: d.totpSecret })
      sql.run(
        `INSERT INTO iam_mfa_devices (serial_number, account_id, user_name, totp_secret, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (serial_number) DO UPDATE SET totp_secret = excluded.totp_secret, account_id = excluded.account_id, user_name = excluded.user_name`,
        d.serialNumber,
        d.accountId,
        d.userName,
        d.totpSecret,
        d.createdAt,
      )
    },
    findMfaDevice(serialNumber) {
      const r = sql.one<MfaDeviceRow>('SELECT * FROM iam_mfa_devices WHERE serial_number = ?', serialNumber)
      return r ? toMfaDevice(r) : undefined
    },
    consumeMfaStep: (serialNumber, step) =>
      sql.run(
        'UPDATE iam_mfa_devices SET last_used_step = ? WHERE serial_number = ? AND last_used_step < ?',
        step,
        serialNumber,
        step,
      ) === 1,
    saveRole(r) {
      checkLimits({ roleName: r.roleName, rolePath: r.path, trustPolicy: r.trustPolicy, ...policyFields(r) })
      sql.run(
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
      return store.getRole(r.arn) as IamRole
    },
    getRole: (arn) => role(sql.one<RoleRow>('SELECT * FROM iam_roles WHERE arn = ?', arn)),
    findRole: (accountId, roleName) =>
      role(sql.one<RoleRow>('SELECT * FROM iam_roles WHERE account_id = ? AND role_name = ?', accountId, roleName)),
  }
  return store
}
