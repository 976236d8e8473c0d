/**
 * Who signed a request: maps an access key id to its secret (for SigV4) and to the principal it acts
 * as (ARNs, ids and policies), from the issued-credentials table, IAM access keys and the
 * administrator's key. The statements are prepared once per API instance: this is the hot path of
 * every signed request.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { Store } from '../store/store.js'
import { evaluatePolicies, managedPolicy, parsePolicy, type PolicyDocument, type PolicyRequest } from './policy.js'
import type { SigV4Credential } from './sigv4.js'

/** The kinds of callers. */
export type CallerKind = 'admin' | 'iam_user' | 'iam_user_session' | 'sso_role' | 'assumed_role'

/** A resolved caller: the key's secret plus the identity it stands for. */
export interface Caller extends SigV4Credential {
  accessKeyId: string
  kind: CallerKind
  accountId: string
  /** GetCallerIdentity `Arn`. */
  arn: string
  /** GetCallerIdentity `UserId` (`AIDA…` or `AROA…:<session>`). */
  userId: string
  /** The IAM role behind a role session (trust policies may name it). */
  roleArn: string | undefined
  /** IAM user name for IAM users and their sessions. */
  iamUserName: string | undefined
  /** Whether MFA was used to obtain these credentials (session credentials only). */
  mfaAuthenticated: boolean | undefined
  /** The identity policies that apply (computed on demand). */
  policies(): PolicyDocument[]
  /** Session policies passed to AssumeRole, which narrow the session; undefined when none. */
  sessionPolicies(): PolicyDocument[] | undefined
}

/**
 * Whether the caller may make `request`: its identity policies must allow it and, for a session
 * with session policies, so must those (an explicit Deny in either wins).
 */
export function callerAllows(caller: Caller, request: PolicyRequest): boolean {
  if (evaluatePolicies(caller.policies(), request) !== 'allow') return false
  const session = caller.sessionPolicies()
  return session === undefined || evaluatePolicies(session, request) === 'allow'
}

const NO_SESSION_POLICIES = (): undefined => undefined

function sessionPoliciesOf(text: string | null): () => PolicyDocument[] | undefined {
  if (text === null) return NO_SESSION_POLICIES
  return once(() => {
    try {
      return JSON.parse(text) as PolicyDocument[]
    } catch {
      // Unreadable stored session policies must not widen the session: they allow nothing.
      return []
    }
  })
}

type Row = Record<string, any>

/** A stable `AROA…` id (17 upper-case alphanumerics) for an Identity Center role. */
export function ssoRoleId(accountId: string, permissionSetId: string): string {
  const digest = createHash('sha256').update(`sso-role:${accountId}:${permissionSetId}`).digest()
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let out = 'AROA'
  for (let i = 0; i < 17; i++) out += alphabet[(digest[i] as number) & 31]
  return out
}

/** The `AWSReservedSSO_<PermissionSet>_<suffix>` role name. */
export function ssoRoleName(permissionSetName: string, roleSuffix: string): string {
  return `AWSReservedSSO_${permissionSetName}_${roleSuffix}`
}

function once<T>(fn: () => T): () => T {
  let value: T | undefined
  return () => (value ??= fn())
}

function policiesOf(managed: string, inline: Record<string, string> | string | null): PolicyDocument[] {
  const docs: PolicyDocument[] = []
  for (const name of JSON.parse(managed || '[]') as string[]) {
    const doc = managedPolicy(name)
    if (doc) docs.push(doc)
  }
  const inlineTexts = inline === null ? [] : typeof inline === 'string' ? [inline] : Object.values(inline)
  for (const text of inlineTexts) {
    try {
      docs.push(parsePolicy(text))
    } catch {
      // A malformed stored policy grants nothing.
    }
  }
  return docs
}

/** Prepared lookups over the store's database. */
export interface CallerResolver {
  /** The caller for an access key id, or undefined if no such key exists. */
  lookup(accessKeyId: string): Caller | undefined
  /** The account the administrator's key acts in. */
  adminAccountId(): string
}

/** How long a resolved caller is reused: policy changes through the admin APIs show within this. */
export const CALLER_CACHE_TTL_MS = 1000
const CALLER_CACHE_SIZE = 4096

/** Options of {@link createCallerResolver}. */
export interface CallerResolverOptions {
  /** Epoch ms, for the cache's time to live. */
  clock: () => number
}

/**
 * Prepares the lookups once, behind a small per-instance cache (never module-level): every signed
 * request resolves its key, and the same few keys sign almost every request.
 */
export function createCallerResolver(store: Store, options: CallerResolverOptions): CallerResolver {
  const resolve = createUncachedResolver(store)
  const cache = new Map<string, { caller: Caller | undefined; at: number }>()
  return {
    adminAccountId: resolve.adminAccountId,
    lookup(accessKeyId) {
      const now = options.clock()
      const hit = cache.get(accessKeyId)
      if (hit && now - hit.at < CALLER_CACHE_TTL_MS && now >= hit.at) return hit.caller
      const caller = resolve.lookup(accessKeyId)
      if (cache.size >= CALLER_CACHE_SIZE) cache.delete(cache.keys().next().value as string)
      cache.delete(accessKeyId)
      cache.set(accessKeyId, { caller, at: now })
      return caller
    },
  }
}

function createUncachedResolver(store: Store): CallerResolver {
  const db = store.db
  const issued = db.prepare(
    `SELECT ic.*, ps.name AS ps_name, ps.role_suffix AS ps_suffix, ps.managed_policies AS ps_managed, ps.inline_policy AS ps_inline,
            r.role_name AS r_name, r.role_id AS r_id, r.managed_policies AS r_managed, r.inline_policies AS r_inline,
            u.user_id AS u_id, u.managed_policies AS u_managed, u.inline_policies AS u_inline
       FROM issued_credentials ic
       LEFT JOIN permission_sets ps ON ps.id = ic.permission_set_id
       LEFT JOIN iam_roles r ON r.arn = ic.role_arn
       LEFT JOIN iam_users u ON u.account_id = ic.account_id AND u.user_name = ic.iam_user_name
      WHERE ic.access_key_id = ?`,
  )
  const accessKey = db.prepare(
    `SELECT k.*, u.user_id AS u_id, u.managed_policies AS u_managed, u.inline_policies AS u_inline
       FROM iam_access_keys k JOIN iam_users u ON u.account_id = k.account_id AND u.user_name = k.user_name
      WHERE k.access_key_id = ? AND k.status = 'Active'`,
  )
  const admin = db.prepare('SELECT * FROM admin_credentials WHERE access_key_id = ?')
  const firstAccount = db.prepare('SELECT id FROM accounts ORDER BY created_at, id LIMIT 1')
  const instance = db.prepare('SELECT region FROM instance LIMIT 1')
  const instanceRegion = (): string =>
    ((instance.get() as Row | undefined)?.region as string | undefined) ?? 'us-east-1'

  function adminAccountId(): string {
    return ((firstAccount.get() as Row | undefined)?.id as string | undefined) ?? '000000000000'
  }

  function fromIssued(r: Row): Caller {
    const base = {
      accessKeyId: r.access_key_id as string,
      secretAccessKey: r.secret_access_key as string,
      sessionToken: r.session_token as string | null,
      expiresAt: r.expires_at as number | null,
      accountId: r.account_id as string,
    }
    if (r.principal_type === 'sso_role') {
      const roleName = ssoRoleName(r.ps_name ?? 'Unknown', r.ps_suffix ?? '0000000000000000')
      const region = instanceRegion()
      return {
        ...base,
        kind: 'sso_role',
        arn: `arn:aws:sts::${r.account_id}:assumed-role/${roleName}/${r.session_name}`,
        userId: `${ssoRoleId(r.account_id, r.permission_set_id)}:${r.session_name}`,
        roleArn: `arn:aws:iam::${r.account_id}:role/aws-reserved/sso.amazonaws.com/${region === 'us-east-1' ? '' : `${region}/`}${roleName}`,
        iamUserName: undefined,
        mfaAuthenticated: false,
        policies: once(() => policiesOf(r.ps_managed ?? '[]', r.ps_inline ?? null)),
        sessionPolicies: NO_SESSION_POLICIES,
      }
    }
    if (r.principal_type === 'iam_user_session') {
      return {
        ...base,
        kind: 'iam_user_session',
        arn: `arn:aws:iam::${r.account_id}:user/${r.iam_user_name}`,
        userId: r.u_id ?? 'AIDAUNKNOWN',
        roleArn: undefined,
        iamUserName: r.iam_user_name,
        mfaAuthenticated: r.mfa_authenticated === 1,
        policies: once(() => policiesOf(r.u_managed ?? '[]', JSON.parse(r.u_inline ?? '{}'))),
        sessionPolicies: NO_SESSION_POLICIES,
      }
    }
    return {
      ...base,
      kind: 'assumed_role',
      arn: `arn:aws:sts::${r.account_id}:assumed-role/${r.r_name ?? String(r.role_arn).split('/').pop()}/${r.session_name}`,
      userId: `${r.r_id ?? 'AROAUNKNOWN'}:${r.session_name}`,
      roleArn: r.role_arn,
      iamUserName: undefined,
      mfaAuthenticated: r.mfa_authenticated === 1,
      policies: once(() => policiesOf(r.r_managed ?? '[]', JSON.parse(r.r_inline ?? '{}'))),
      sessionPolicies: sessionPoliciesOf(r.session_policies ?? null),
    }
  }

  return {
    adminAccountId,
    lookup(accessKeyId) {
      if (accessKeyId.startsWith('ASIA')) {
        const r = issued.get(accessKeyId) as Row | undefined
        return r ? fromIssued(r) : undefined
      }
      const k = accessKey.get(accessKeyId) as Row | undefined
      if (k) {
        return {
          accessKeyId,
          secretAccessKey: k.secret_access_key,
          sessionToken: null,
          expiresAt: null,
          kind: 'iam_user',
          accountId: k.account_id,
          arn: `arn:aws:iam::${k.account_id}:user/${k.user_name}`,
          userId: k.u_id,
          roleArn: undefined,
          iamUserName: k.user_name,
          mfaAuthenticated: undefined,
          policies: once(() => policiesOf(k.u_managed, JSON.parse(k.u_inline || '{}'))),
          sessionPolicies: NO_SESSION_POLICIES,
        }
      }
      const a = admin.get(accessKeyId) as Row | undefined
      if (a) {
        const accountId = adminAccountId()
        return {
          accessKeyId,
          secretAccessKey: a.secret_access_key,
          sessionToken: null,
          expiresAt: null,
          kind: 'admin',
          accountId,
          arn: `arn:aws:iam::${accountId}:user/idc-admin`,
          userId: `AIDA${ssoRoleId(accountId, 'admin').slice(4)}`,
          roleArn: undefined,
          iamUserName: undefined,
          mfaAuthenticated: undefined,
          policies: () => [managedPolicy('AdministratorAccess') as PolicyDocument],
          sessionPolicies: NO_SESSION_POLICIES,
        }
      }
      const r = issued.get(accessKeyId) as Row | undefined
      return r ? fromIssued(r) : undefined
    },
  }
}
