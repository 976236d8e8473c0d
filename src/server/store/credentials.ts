/**
 * AWS credentials the server issued (GetRoleCredentials, AssumeRole, GetSessionToken, Sign-In) and the
 * lookups SigV4 verification makes on every signed request: a key with the policies of the
 * principal behind it, in one joined query each.
 *
 * @module
 */
import { toAccessKey, type AccessKeyRow } from './iam.js'
import { checkLimits } from './limits.js'
import type { Sql } from './sqlite.js'
import { jsonColumn } from './sqlite.js'
import type { CredentialPrincipal, IamAccessKey, IssuedCredentials } from './types.js'

/** Where a principal's identity policies come from: managed policy names and inline JSON texts. */
export interface PolicySource {
  managedPolicies: string[]
  /** Inline policy JSON texts, by name (a permission set's single one is named `inline`). */
  inlinePolicies: Record<string, string>
}

/** Issued credentials with the records their principal stands for (absent when since deleted). */
export interface IssuedCredentialsWithPolicies {
  credentials: IssuedCredentials
  /** `sso_role`: the permission set. */
  permissionSet: (PolicySource & { name: string; roleSuffix: string }) | undefined
  /** `assumed_role`: the IAM role. */
  role: (PolicySource & { roleName: string; roleId: string }) | undefined
  /** `iam_user_session`: the IAM user. */
  iamUser: (PolicySource & { userId: string }) | undefined
}

/** An active long-term access key with its IAM user's id and policies. */
export interface AccessKeyWithPolicies {
  key: IamAccessKey
  iamUser: PolicySource & { userId: string }
}

/** Reads and writes of issued credentials. */
export interface CredentialStore {
  /** Records credentials the server handed out, with the principal they act as. */
  recordIssuedCredentials(credentials: IssuedCredentials): void
  /** Issued credentials by access key id. */
  findIssuedCredentials(accessKeyId: string): IssuedCredentials | undefined
  /** Issued credentials with their principal's policies (SigV4 verification). */
  findIssuedCredentialsWithPolicies(accessKeyId: string): IssuedCredentialsWithPolicies | undefined
  /** An active IAM access key with its user's policies (SigV4 verification). */
  findActiveAccessKeyWithPolicies(accessKeyId: string): AccessKeyWithPolicies | undefined
  /** Deletes issued credentials that expired before `before` (housekeeping). */
  deleteExpiredCredentials(before: number): number
}

interface IssuedRow {
  access_key_id: string
  secret_access_key: string
  session_token: string | null
  expires_at: number | null
  principal_type: CredentialPrincipal['type']
  account_id: string
  permission_set_id: string | null
  user_id: string | null
  iam_user_name: string | null
  role_arn: string | null
  session_name: string | null
  source_identity: string | null
  source_access_key_id: string | null
  mfa_authenticated: number
  created_at: number
  session_policies: string | null
}
/** An issued-credentials row joined with the permission set, role and IAM user it may name. */
interface IssuedJoinedRow extends IssuedRow {
  ps_name: string | null
  ps_suffix: string | null
  ps_managed: string | null
  ps_inline: string | null
  r_name: string | null
  r_id: string | null
  r_managed: string | null
  r_inline: string | null
  u_id: string | null
  u_managed: string | null
  u_inline: string | null
}
interface AccessKeyJoinedRow extends AccessKeyRow {
  u_id: string
  u_managed: string
  u_inline: string
}

function toPrincipal(r: IssuedRow): CredentialPrincipal {
  if (r.principal_type === 'sso_role') {
    return {
      type: 'sso_role',
      accountId: r.account_id,
      permissionSetId: r.permission_set_id as string,
      userId: r.user_id as string,
      sessionName: r.session_name as string,
    }
  }
  if (r.principal_type === 'iam_user_session') {
    return {
      type: 'iam_user_session',
      accountId: r.account_id,
      iamUserName: r.iam_user_name as string,
      mfaAuthenticated: r.mfa_authenticated === 1,
    }
  }
  if (r.principal_type === 'root_session') {
    return { type: 'root_session', accountId: r.account_id, mfaAuthenticated: r.mfa_authenticated === 1 }
  }
  return {
    type: 'assumed_role',
    accountId: r.account_id,
    roleArn: r.role_arn as string,
    sessionName: r.session_name as string,
    sourceAccessKeyId: r.source_access_key_id as string,
    sourceIdentity: r.source_identity,
    mfaAuthenticated: r.mfa_authenticated === 1,
    sessionPolicies: r.session_policies ?? null,
  }
}
function toIssued(r: IssuedRow): IssuedCredentials {
  return {
    accessKeyId: r.access_key_id,
    secretAccessKey: r.secret_access_key,
    sessionToken: r.session_token,
    expiresAt: r.expires_at,
    principal: toPrincipal(r),
    createdAt: r.created_at,
  }
}
function policySource(managed: string | null, inline: string | null): PolicySource {
  return { managedPolicies: jsonColumn(managed, []), inlinePolicies: jsonColumn(inline, {}) }
}
function toIssuedWithPolicies(r: IssuedJoinedRow): IssuedCredentialsWithPolicies {
  return {
    credentials: toIssued(r),
    permissionSet:
      r.ps_name === null
        ? undefined
        : {
            name: r.ps_name,
            roleSuffix: r.ps_suffix as string,
            managedPolicies: jsonColumn(r.ps_managed, []),
            inlinePolicies: r.ps_inline === null ? {} : { inline: r.ps_inline },
          },
    role:
      r.r_id === null
        ? undefined
        : { roleName: r.r_name as string, roleId: r.r_id, ...policySource(r.r_managed, r.r_inline) },
    iamUser: r.u_id === null ? undefined : { userId: r.u_id, ...policySource(r.u_managed, r.u_inline) },
  }
}

const ISSUED_WITH_POLICIES = `SELECT ic.*, ps.name AS ps_name, ps.role_suffix AS ps_suffix, ps.managed_policies AS ps_managed, ps.inline_policy AS ps_inline,
       r.role_name AS r_name, r.role_id AS r_id, r.managed_policies AS r_managed, r.inline_policies AS r_inline,
       u.user_id AS u_id, u.managed_policies AS u_managed, u.inline_policies AS u_inline
  FROM issued_credentials ic
  LEFT JOIN permission_sets ps ON ps.id = ic.permission_set_id
  LEFT JOIN iam_roles r ON r.arn = ic.role_arn
  LEFT JOIN iam_users u ON u.account_id = ic.account_id AND u.user_name = ic.iam_user_name
 WHERE ic.access_key_id = ?`

const ACTIVE_KEY_WITH_POLICIES = `SELECT k.*, u.user_id AS u_id, u.managed_policies AS u_managed, u.inline_policies AS u_inline
  FROM iam_access_keys k JOIN iam_users u ON u.account_id = k.account_id AND u.user_name = k.user_name
 WHERE k.access_key_id = ? AND k.status = 'Active'`

/** The issued-credentials module over one database. */
export function createCredentialStore(sql: Sql): CredentialStore {
  return {
    recordIssuedCredentials(c) {
      const p = c.principal
      checkLimits({
        // An SSO role session is named after the user (up to 128 characters); AssumeRole's after the caller's choice.
        userName: p.type === 'sso_role' ? p.sessionName : null,
        roleSessionName: p.type === 'assumed_role' ? p.sessionName : null,
        sourceIdentity: p.type === 'assumed_role' ? p.sourceIdentity : null,
        sessionPolicies: p.type === 'assumed_role' ? p.sessionPolicies : null,
      })
      sql.run(
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
        p.type === 'sso_role' || p.type === 'assumed_role' ? p.sessionName : null,
        p.type === 'assumed_role' ? p.sourceIdentity : null,
        p.type === 'assumed_role' ? p.sourceAccessKeyId : null,
        p.type === 'sso_role' ? 0 : p.mfaAuthenticated ? 1 : 0,
        c.createdAt,
        p.type === 'assumed_role' ? p.sessionPolicies : null,
      )
    },
    findIssuedCredentials(accessKeyId) {
      const r = sql.one<IssuedRow>('SELECT * FROM issued_credentials WHERE access_key_id = ?', accessKeyId)
      return r ? toIssued(r) : undefined
    },
    findIssuedCredentialsWithPolicies(accessKeyId) {
      const r = sql.one<IssuedJoinedRow>(ISSUED_WITH_POLICIES, accessKeyId)
      return r ? toIssuedWithPolicies(r) : undefined
    },
    findActiveAccessKeyWithPolicies(accessKeyId) {
      const r = sql.one<AccessKeyJoinedRow>(ACTIVE_KEY_WITH_POLICIES, accessKeyId)
      if (!r) return undefined
      return {
        key: toAccessKey(r),
        iamUser: { userId: r.u_id, ...policySource(r.u_managed, r.u_inline) },
      }
    },
    deleteExpiredCredentials: (before) =>
      sql.run('DELETE FROM issued_credentials WHERE expires_at IS NOT NULL AND expires_at < ?', before),
  }
}
