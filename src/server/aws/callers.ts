/**
 * Who signed a request: maps an access key id to its secret (for SigV4) and to the principal it acts
 * as (ARNs, ids and policies), from the issued-credentials table, IAM access keys and the
 * administrator's key. The store prepares its lookups once per database: this is the hot path of
 * every signed request.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { IssuedCredentialsWithPolicies, PolicySource, Store } from '../store/store.js'
import { evaluatePolicies, managedPolicy, parsePolicy, type PolicyDocument, type PolicyRequest } from './policy.js'
import type { SigV4Credential } from './sigv4.js'

/** The kinds of callers. */
export type CallerKind = 'admin' | 'iam_user' | 'iam_user_session' | 'root' | 'sso_role' | 'assumed_role'

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
 * The account a resource ARN names (`arn:aws:iam::<account>:role/R`), or undefined for `*` and for
 * ARNs without an account field (S3 buckets, the Identity Center instance).
 */
export function arnAccountId(resource: string): string | undefined {
  if (!resource.startsWith('arn:')) return undefined
  const account = resource.split(':', 5)[4]
  return account === undefined || account === '' ? undefined : account
}

/**
 * Whether the caller's identity policies allow `request` and, for a session with session policies,
 * so do those (an explicit Deny in either wins). This is one account's half of AWS's evaluation: it
 * says nothing about whose resource it is; {@link callerAllows} adds the account boundary.
 */
export function identityAllows(caller: Caller, request: PolicyRequest): boolean {
  if (evaluatePolicies(caller.policies(), request) !== 'allow') return false
  const session = caller.sessionPolicies()
  return session === undefined || evaluatePolicies(session, request) === 'allow'
}

/**
 * Whether the caller may make `request` on a resource of the account `owner` (by default the one
 * the resource's ARN names; undefined when the resource names none), for resources without a
 * resource-based policy. AWS's account boundary: identity policies, the root user's `*` included,
 * grant access within the principal's own account only; another account's resource needs its own
 * resource-based policy to let the principal in, and the only one idc models is a role's trust
 * policy, which AssumeRole evaluates itself (`sts.ts`). So another account's resource is refused
 * here whatever the caller's policies say.
 */
export function callerAllows(
  caller: Caller,
  request: PolicyRequest,
  owner: string | undefined = arnAccountId(request.resource),
): boolean {
  if (owner !== undefined && owner !== caller.accountId) return false
  return identityAllows(caller, request)
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

function policiesOf(source: PolicySource | undefined): PolicyDocument[] {
  if (!source) return []
  const docs: PolicyDocument[] = []
  for (const name of source.managedPolicies) {
    const doc = managedPolicy(name)
    if (doc) docs.push(doc)
  }
  for (const text of Object.values(source.inlinePolicies)) {
    try {
      docs.push(parsePolicy(text))
    } catch {
      // A malformed stored policy grants nothing.
    }
  }
  return docs
}

/** Caller lookups over the store. */
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
 * Resolves callers behind a small per-instance cache (never module-level): every signed
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
  const instanceRegion = (): string => store.getInstance()?.region ?? 'us-east-1'
  const adminAccountId = (): string => store.firstAccountId() ?? '000000000000'

  function fromIssued({ credentials: c, permissionSet, role, iamUser }: IssuedCredentialsWithPolicies): Caller {
    const p = c.principal
    const base = {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      expiresAt: c.expiresAt,
      accountId: p.accountId,
    }
    if (p.type === 'sso_role') {
      const roleName = ssoRoleName(permissionSet?.name ?? 'Unknown', permissionSet?.roleSuffix ?? '0000000000000000')
      const region = instanceRegion()
      return {
        ...base,
        kind: 'sso_role',
        arn: `arn:aws:sts::${p.accountId}:assumed-role/${roleName}/${p.sessionName}`,
        userId: `${ssoRoleId(p.accountId, p.permissionSetId)}:${p.sessionName}`,
        roleArn: `arn:aws:iam::${p.accountId}:role/aws-reserved/sso.amazonaws.com/${region === 'us-east-1' ? '' : `${region}/`}${roleName}`,
        iamUserName: undefined,
        mfaAuthenticated: false,
        policies: once(() => policiesOf(permissionSet)),
        sessionPolicies: NO_SESSION_POLICIES,
      }
    }
    if (p.type === 'iam_user_session') {
      return {
        ...base,
        kind: 'iam_user_session',
        arn: `arn:aws:iam::${p.accountId}:user/${p.iamUserName}`,
        userId: iamUser?.userId ?? 'AIDAUNKNOWN',
        roleArn: undefined,
        iamUserName: p.iamUserName,
        mfaAuthenticated: p.mfaAuthenticated,
        policies: once(() => policiesOf(iamUser)),
        sessionPolicies: NO_SESSION_POLICIES,
      }
    }
    if (p.type === 'root_session') {
      return {
        ...base,
        kind: 'root',
        arn: `arn:aws:iam::${p.accountId}:root`,
        // AWS shows the account id as the root user's UserId.
        userId: p.accountId,
        roleArn: undefined,
        iamUserName: undefined,
        mfaAuthenticated: p.mfaAuthenticated,
        // Root may do everything in its account; policies cannot restrict it (only SCPs could, and
        // the local organisation has none). callerAllows keeps it out of other accounts, as it
        // does every principal.
        policies: () => [managedPolicy('AdministratorAccess') as PolicyDocument],
        sessionPolicies: NO_SESSION_POLICIES,
      }
    }
    return {
      ...base,
      kind: 'assumed_role',
      arn: `arn:aws:sts::${p.accountId}:assumed-role/${role?.roleName ?? p.roleArn.split('/').pop()}/${p.sessionName}`,
      userId: `${role?.roleId ?? 'AROAUNKNOWN'}:${p.sessionName}`,
      roleArn: p.roleArn,
      iamUserName: undefined,
      mfaAuthenticated: p.mfaAuthenticated,
      policies: once(() => policiesOf(role)),
      sessionPolicies: sessionPoliciesOf(p.sessionPolicies),
    }
  }

  function issued(accessKeyId: string): Caller | undefined {
    const found = store.findIssuedCredentialsWithPolicies(accessKeyId)
    return found ? fromIssued(found) : undefined
  }

  return {
    adminAccountId,
    lookup(accessKeyId) {
      if (accessKeyId.startsWith('ASIA')) return issued(accessKeyId)
      const found = store.findActiveAccessKeyWithPolicies(accessKeyId)
      if (found) {
        const { key, iamUser } = found
        return {
          accessKeyId,
          secretAccessKey: key.secretAccessKey,
          sessionToken: null,
          expiresAt: null,
          kind: 'iam_user',
          accountId: key.accountId,
          arn: `arn:aws:iam::${key.accountId}:user/${key.userName}`,
          userId: iamUser.userId,
          roleArn: undefined,
          iamUserName: key.userName,
          mfaAuthenticated: undefined,
          policies: once(() => policiesOf(iamUser)),
          sessionPolicies: NO_SESSION_POLICIES,
        }
      }
      const admin = store.findAdminCredentials(accessKeyId)
      if (admin) {
        const accountId = adminAccountId()
        return {
          accessKeyId,
          secretAccessKey: admin.secretAccessKey,
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
      return issued(accessKeyId)
    },
  }
}
