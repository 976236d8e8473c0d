/**
 * The organisation model as a declarative document ({@link OrgSpec}: the `--org` file and the
 * `--demo` organisation) and {@link applyOrg}, which makes the store match it idempotently: things
 * are found by their natural keys (account id, user name, group and permission-set name, bucket
 * name, role ARN) and updated in place, so applying the same file twice changes nothing.
 *
 * @module
 */
import { applyRootUser, hashRootPasswords, type OrgRootUserSpec } from './org-root-users.js'
import { createHash } from 'node:crypto'
import type { Ids } from '../ids.js'
import { randomHex, randomUpperAlnum, randomUuid } from '../ids.js'
import type { Store } from '../store/store.js'
import type { PasswordHasher } from './secrets.js'

/** The Identity Center instance settings. */
export interface OrgInstanceSpec {
  id: string
  region: string
  /** Default `https://<id>.awsapps.com/start`. */
  startUrl?: string
  /** ISO 8601 duration, default `PT8H`. */
  sessionDuration?: string
}

/** A bucket, by name or with details. */
export type OrgBucketSpec = string | { name: string; region?: string; createdAt?: string }

/** An account and its buckets. */
export interface OrgAccountSpec {
  id: string
  name: string
  email: string
  buckets?: OrgBucketSpec[]
  /** The account's root user (sign-in by email). */
  rootUser?: OrgRootUserSpec
}

/** A permission set. */
export interface OrgPermissionSetSpec {
  name: string
  description?: string
  sessionDuration?: string
  managedPolicies?: string[]
  inlinePolicy?: unknown
  relayState?: string
}

/** A directory user. */
export interface OrgUserSpec {
  userName: string
  email?: string
  givenName?: string
  familyName?: string
  displayName?: string
  /** Without a password the user is `invited` and gets an invitation link. */
  password?: string
  mfa?: { totpSecret: string }
}

/** A group and its members (user names). */
export interface OrgGroupSpec {
  name: string
  description?: string
  members?: string[]
}

/** An account assignment: exactly one of `user` or `group`. */
export interface OrgAssignmentSpec {
  /** Account id or name. */
  account: string
  permissionSet: string
  user?: string
  group?: string
}

/** An IAM user with access keys and MFA devices. */
export interface OrgIamUserSpec {
  account: string
  userName: string
  /** The console password (`aws login` / `idc login`); without one the user cannot sign in. */
  consolePassword?: string
  accessKeys?: { accessKeyId: string; secretAccessKey: string }[]
  mfaDevices?: { serialNumber?: string; name?: string; totpSecret: string }[]
  managedPolicies?: string[]
  inlinePolicies?: Record<string, unknown>
}

/** An IAM role with its trust policy. */
export interface OrgIamRoleSpec {
  account: string
  roleName: string
  path?: string
  trustPolicy: unknown
  managedPolicies?: string[]
  inlinePolicies?: Record<string, unknown>
  /** Seconds, 3600–43200, default 3600. */
  maxSessionDuration?: number
}

/** An administrator of the console (`/admin`); not a directory user, as in AWS. */
export interface OrgConsoleAdminSpec {
  userName: string
  password: string
}

/** The whole organisation document. */
export interface OrgSpec {
  instance?: OrgInstanceSpec
  accounts?: OrgAccountSpec[]
  permissionSets?: OrgPermissionSetSpec[]
  users?: OrgUserSpec[]
  groups?: OrgGroupSpec[]
  assignments?: OrgAssignmentSpec[]
  iam?: { users?: OrgIamUserSpec[]; roles?: OrgIamRoleSpec[] }
  consoleAdmins?: OrgConsoleAdminSpec[]
}

/** What {@link applyOrg} needs. */
export interface ApplyOrgContext {
  store: Store
  ids: Ids
  clock: () => number
  /** Hashes the spec's passwords. */
  passwords: PasswordHasher
}

/** Users created without a password (to be invited). */
export interface ApplyOrgResult {
  invitedUserIds: string[]
}

/** Parses `PT1H`, `PT90M`, `PT1H30M`, `PT3600S` into seconds; undefined if malformed. */
export function parseIsoDuration(text: string): number | undefined {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(text)
  if (!m || (!m[1] && !m[2] && !m[3])) return undefined
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)
}

/** `arn:aws:sso:::instance/ssoins-<16 hex>`, derived from the instance id so it is stable. */
export function instanceArnFor(instanceId: string): string {
  return `arn:aws:sso:::instance/ssoins-${createHash('sha256').update(`instance:${instanceId}`).digest('hex').slice(0, 16)}`
}

/** `arn:aws:sso:::permissionSet/ssoins-…/ps-…`. */
export function permissionSetArn(instanceArn: string, permissionSetId: string): string {
  return `arn:aws:sso:::permissionSet/${instanceArn.split('/').pop()}/${permissionSetId}`
}

/** The role suffix of `AWSReservedSSO_<name>_<suffix>`: stable per instance and name. */
export function roleSuffixFor(instanceId: string, permissionSetName: string): string {
  return createHash('sha256').update(`role:${instanceId}:${permissionSetName}`).digest('hex').slice(0, 16)
}

/** A new identity-store id: 10 hex, a dash and a UUID, as AWS makes them. */
export function newDirectoryId(ids: Ids): string {
  return `${randomHex(ids, 10)}-${randomUuid(ids)}`
}

/** A new permission-set id, `ps-` + 16 hex. */
export function newPermissionSetId(ids: Ids): string {
  return `ps-${randomHex(ids, 16)}`
}

const DEFAULT_INSTANCE: OrgInstanceSpec = { id: 'd-0000000000', region: 'us-east-1' }

function policyText(policy: unknown): string {
  return typeof policy === 'string' ? policy : JSON.stringify(policy)
}

/** Ensures an instance exists (a default one when nothing configured it yet). */
export function ensureInstance(ctx: ApplyOrgContext, spec: OrgInstanceSpec = DEFAULT_INSTANCE): void {
  const existing = ctx.store.getInstance()
  if (existing && spec === DEFAULT_INSTANCE) return
  ctx.store.saveInstance({
    id: spec.id,
    instanceArn: instanceArnFor(spec.id),
    region: spec.region,
    startUrl: spec.startUrl ?? `https://${spec.id}.awsapps.com/start`,
    sessionDurationSeconds: parseIsoDuration(spec.sessionDuration ?? 'PT8H') ?? 8 * 3600,
    createdAt: existing?.createdAt ?? ctx.clock(),
  })
}

/** Makes the store match `spec`, idempotently, in one transaction (passwords hashed first). */
export function applyOrg(ctx: ApplyOrgContext, spec: OrgSpec): ApplyOrgResult {
  const { store, ids } = ctx
  const now = ctx.clock()
  // scrypt is slow; hash outside the transaction, and only when the password changed.
  const passwordHashes = new Map<string, string>()
  for (const u of spec.users ?? []) {
    if (u.password === undefined) continue
    const existing = store.findUserByName(u.userName)
    if (existing?.passwordHash && ctx.passwords.verify(u.password, existing.passwordHash)) continue
    passwordHashes.set(u.userName, ctx.passwords.hash(u.password))
  }
  // IAM users' console passwords, by position in the spec; unchanged ones keep their hash and date
  // (a restart must not end their login sessions).
  const consoleHashes = new Map<OrgIamUserSpec, string>()
  for (const u of spec.iam?.users ?? []) {
    if (u.consolePassword === undefined) continue
    const account = (store.getAccount(u.account) ?? store.findAccountByName(u.account))?.id ?? u.account
    const current = store.getConsolePassword(account, u.userName)
    if (current && ctx.passwords.verify(u.consolePassword, current.passwordHash)) continue
    consoleHashes.set(u, ctx.passwords.hash(u.consolePassword))
  }
  const rootHashes = hashRootPasswords(store, ctx.passwords, spec.accounts ?? [])
  const adminHashes = new Map<string, string>()
  for (const a of spec.consoleAdmins ?? []) {
    const existing = store.getConsoleAdmin(a.userName)
    if (existing && ctx.passwords.verify(a.password, existing.passwordHash)) continue
    adminHashes.set(a.userName, ctx.passwords.hash(a.password))
  }
  const invitedUserIds: string[] = []
  store.transaction(() => {
    for (const [userName, passwordHash] of adminHashes)
      store.saveConsoleAdmin({ userName, passwordHash, createdAt: now })
    if (spec.instance) ensureInstance(ctx, spec.instance)
    else ensureInstance(ctx)
    const instance = store.getInstance()!
    const accountId = (ref: string): string => (store.getAccount(ref) ?? store.findAccountByName(ref))?.id ?? ref

    for (const a of spec.accounts ?? []) {
      store.saveAccount({ id: a.id, name: a.name, email: a.email, createdAt: now })
      applyRootUser(store, a, rootHashes, now)
      for (const b of a.buckets ?? []) {
        const bucket = typeof b === 'string' ? { name: b } : b
        store.saveBucket({
          name: bucket.name,
          accountId: a.id,
          region: ('region' in bucket && bucket.region) || instance.region,
          createdAt: 'createdAt' in bucket && bucket.createdAt ? Date.parse(bucket.createdAt) : now,
        })
      }
    }
    for (const p of spec.permissionSets ?? []) {
      const existing = store.findPermissionSetByName(p.name)
      const id = existing?.id ?? newPermissionSetId(ids)
      if (!existing) {
        store.createPermissionSet({
          id,
          name: p.name,
          description: p.description ?? null,
          sessionDuration: p.sessionDuration ?? 'PT1H',
          relayState: p.relayState ?? null,
          managedPolicies: p.managedPolicies ?? [],
          inlinePolicy: p.inlinePolicy === undefined ? null : policyText(p.inlinePolicy),
          roleSuffix: roleSuffixFor(instance.id, p.name),
          createdAt: now,
        })
      } else {
        store.updatePermissionSet(id, {
          description: p.description ?? null,
          sessionDuration: p.sessionDuration ?? 'PT1H',
          relayState: p.relayState ?? null,
        })
        store.setPermissionSetManagedPolicies(id, p.managedPolicies ?? [])
        store.putInlinePolicy(id, p.inlinePolicy === undefined ? null : policyText(p.inlinePolicy))
      }
    }
    for (const u of spec.users ?? []) {
      let user = store.findUserByName(u.userName)
      const profile = {
        email: u.email ?? null,
        givenName: u.givenName ?? null,
        familyName: u.familyName ?? null,
        displayName: u.displayName ?? null,
      }
      if (!user) {
        user = store.createUser({
          id: newDirectoryId(ids),
          userName: u.userName,
          ...profile,
          status: u.password === undefined ? 'invited' : 'active',
          createdAt: now,
        })
        if (u.password === undefined) invitedUserIds.push(user.id)
      } else {
        store.updateUserProfile(user.id, profile)
      }
      const hash = passwordHashes.get(u.userName)
      if (hash) {
        store.setUserPassword(user.id, hash)
        store.activateUser(user.id)
      }
      const secret = u.mfa?.totpSecret ?? null
      if (u.mfa !== undefined && user.totpSecret !== secret) store.setUserTotp(user.id, secret)
    }
    for (const g of spec.groups ?? []) {
      let group = store.findGroupByName(g.name)
      if (!group)
        group = store.createGroup({
          id: newDirectoryId(ids),
          displayName: g.name,
          description: g.description ?? null,
          createdAt: now,
        })
      else store.updateGroupDescription(group.id, g.description ?? null)
      for (const member of g.members ?? []) {
        const user = store.findUserByName(member)
        if (!user) throw new Error(`Group "${g.name}" names an unknown user: "${member}"`)
        store.addGroupMember({ id: newDirectoryId(ids), groupId: group.id, userId: user.id, createdAt: now })
      }
    }
    for (const a of spec.assignments ?? []) {
      const account = accountId(a.account)
      if (!store.getAccount(account)) throw new Error(`Assignment names an unknown account: "${a.account}"`)
      const ps = store.findPermissionSetByName(a.permissionSet)
      if (!ps) throw new Error(`Assignment names an unknown permission set: "${a.permissionSet}"`)
      const principal = a.user !== undefined ? store.findUserByName(a.user) : store.findGroupByName(a.group ?? '')
      if (!principal)
        throw new Error(
          `Assignment names an unknown ${a.user !== undefined ? 'user' : 'group'}: "${a.user ?? a.group}"`,
        )
      store.createAssignment({
        accountId: account,
        permissionSetId: ps.id,
        principalType: a.user !== undefined ? 'USER' : 'GROUP',
        principalId: principal.id,
        createdAt: now,
      })
    }
    for (const u of spec.iam?.users ?? []) {
      const account = accountId(u.account)
      const existing = store.getIamUser(account, u.userName)
      store.saveIamUser({
        accountId: account,
        userName: u.userName,
        userId: existing?.userId ?? `AIDA${randomUpperAlnum(ids, 17)}`,
        managedPolicies: u.managedPolicies ?? [],
        inlinePolicies: Object.fromEntries(Object.entries(u.inlinePolicies ?? {}).map(([k, v]) => [k, policyText(v)])),
        createdAt: existing?.createdAt ?? now,
      })
      const consoleHash = consoleHashes.get(u)
      if (consoleHash !== undefined) {
        store.saveConsolePassword({
          accountId: account,
          userName: u.userName,
          passwordHash: consoleHash,
          changedAt: now,
        })
      }
      for (const k of u.accessKeys ?? []) {
        store.saveAccessKey({
          accessKeyId: k.accessKeyId,
          secretAccessKey: k.secretAccessKey,
          accountId: account,
          userName: u.userName,
          status: 'Active',
          createdAt: now,
        })
      }
      for (const d of u.mfaDevices ?? []) {
        const serial = d.serialNumber ?? `arn:aws:iam::${account}:mfa/${d.name ?? u.userName}`
        store.saveMfaDevice({
          serialNumber: serial,
          accountId: account,
          userName: u.userName,
          totpSecret: d.totpSecret,
          createdAt: now,
        })
      }
    }
    for (const r of spec.iam?.roles ?? []) {
      const account = accountId(r.account)
      const path = r.path ?? '/'
      const arn = `arn:aws:iam::${account}:role${path}${r.roleName}`
      const existing = store.getRole(arn)
      store.saveRole({
        arn,
        accountId: account,
        roleName: r.roleName,
        roleId: existing?.roleId ?? `AROA${randomUpperAlnum(ids, 17)}`,
        path,
        trustPolicy: policyText(r.trustPolicy),
        managedPolicies: r.managedPolicies ?? [],
        inlinePolicies: Object.fromEntries(Object.entries(r.inlinePolicies ?? {}).map(([k, v]) => [k, policyText(v)])),
        maxSessionDurationSeconds: r.maxSessionDuration ?? 3600,
        createdAt: existing?.createdAt ?? now,
      })
    }
  })
  return { invitedUserIds }
}

/** Ensures the administrator's access key exists; returns it. */
export function ensureAdminCredentials(ctx: ApplyOrgContext): { accessKeyId: string; secretAccessKey: string } {
  const existing = ctx.store.getAdminCredentials()
  if (existing) return existing
  const created = {
    accessKeyId: `AKIA${randomUpperAlnum(ctx.ids, 16)}`,
    secretAccessKey: ctx.ids.bytes(30).toString('base64').slice(0, 40),
  }
  ctx.store.saveAdminCredentials({ ...created, createdAt: ctx.clock() })
  return created
}
