/**
 * Permission sets and account assignments, and what they add up to for one user: the accounts and
 * permission sets reachable directly or through groups.
 *
 * @module
 */
import { checkLimits } from './limits.js'
import { toAccount, type AccountRow } from './organization.js'
import { jsonColumn, type Sql } from './sqlite.js'
import type { Account, AccountAssignment, PermissionSet, PrincipalType } from './types.js'

/** The fields of a permission set that UpdatePermissionSet changes. */
export interface PermissionSetUpdate {
  description?: string | null
  sessionDuration?: string
  relayState?: string | null
}

/** Which assignments to list; every field narrows. */
export interface AssignmentFilter {
  accountId?: string
  permissionSetId?: string
  principalType?: PrincipalType
  principalId?: string
}

/** Reads and writes of permission sets and assignments. */
export interface PermissionSetStore {
  /** Creates a permission set; fails on a duplicate name. */
  createPermissionSet(permissionSet: PermissionSet): PermissionSet
  /** Updates a permission set's description, duration and relay state. */
  updatePermissionSet(id: string, update: PermissionSetUpdate): void
  /** One permission set. */
  getPermissionSet(id: string): PermissionSet | undefined
  /** One permission set by name. */
  findPermissionSetByName(name: string): PermissionSet | undefined
  /** Every permission set, oldest first. */
  listPermissionSets(): PermissionSet[]
  /** Replaces a permission set's managed policy names. */
  setPermissionSetManagedPolicies(id: string, names: readonly string[]): void
  /** Attaches one AWS-managed policy by name; false when it was already attached. */
  attachManagedPolicy(id: string, name: string): boolean
  /** Detaches one AWS-managed policy by name; false when it was not attached. */
  detachManagedPolicy(id: string, name: string): boolean
  /**
   * Deletes a permission set with its account assignments and the admin records that belong to it
   * (customer-managed policy references, boundary, provisioning marks); false when there was none.
   */
  deletePermissionSet(id: string): boolean
  /** Sets (or with null removes) the inline policy JSON. */
  putInlinePolicy(id: string, policy: string | null): void
  /** Creates an assignment; false when it already existed. */
  createAssignment(assignment: AccountAssignment): boolean
  /** Deletes an assignment; false when there was none. */
  deleteAssignment(assignment: Omit<AccountAssignment, 'createdAt'>): boolean
  /** Assignments, optionally filtered by account, permission set and principal. */
  listAssignments(filter?: AssignmentFilter): AccountAssignment[]
  /** The accounts a user may access, directly or through groups. */
  listAccountsOfUser(userId: string): Account[]
  /** The permission sets a user may use in an account, directly or through groups. */
  listPermissionSetsOfUser(userId: string, accountId: string): PermissionSet[]
}

interface PermissionSetRow {
  id: string
  name: string
  description: string | null
  session_duration: string
  relay_state: string | null
  managed_policies: string
  inline_policy: string | null
  role_suffix: string
  created_at: number
}
interface AssignmentRow {
  account_id: string
  permission_set_id: string
  principal_type: PrincipalType
  principal_id: string
  created_at: number
}

function toPermissionSet(r: PermissionSetRow): PermissionSet {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    sessionDuration: r.session_duration,
    relayState: r.relay_state,
    managedPolicies: jsonColumn(r.managed_policies, []),
    inlinePolicy: r.inline_policy,
    roleSuffix: r.role_suffix,
    createdAt: r.created_at,
  }
}
function toAssignment(r: AssignmentRow): AccountAssignment {
  return {
    accountId: r.account_id,
    permissionSetId: r.permission_set_id,
    principalType: r.principal_type,
    principalId: r.principal_id,
    createdAt: r.created_at,
  }
}

// Every combination of filter columns gives its own SQL text (16 at most), each prepared once.
const FILTER_COLUMNS = [
  ['account_id', 'accountId'],
  ['permission_set_id', 'permissionSetId'],
  ['principal_type', 'principalType'],
  ['principal_id', 'principalId'],
] as const

// A user's grants: assignments to the user, or to a group the user is a member of.
const GRANTED_TO_USER = `((x.principal_type = 'USER' AND x.principal_id = ?)
  OR (x.principal_type = 'GROUP' AND x.principal_id IN (SELECT group_id FROM group_memberships WHERE user_id = ?)))`

/** The permission-set module over one database. */
export function createPermissionSetStore(sql: Sql): PermissionSetStore {
  const permissionSet = (r: PermissionSetRow | undefined) => (r ? toPermissionSet(r) : undefined)
  const store: PermissionSetStore = {
    createPermissionSet(p) {
      checkLimits({
        permissionSetName: p.name,
        permissionSetDescription: p.description,
        sessionDuration: p.sessionDuration,
        relayState: p.relayState,
        managedPolicies: p.managedPolicies,
        inlinePolicy: p.inlinePolicy,
      })
      sql.run(
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
    },
    updatePermissionSet(id, p) {
      const cur = store.getPermissionSet(id)
      if (!cur) return
      checkLimits({
        permissionSetDescription: p.description,
        sessionDuration: p.sessionDuration,
        relayState: p.relayState,
      })
      sql.run(
        'UPDATE permission_sets SET description = ?, session_duration = ?, relay_state = ? WHERE id = ?',
        p.description === undefined ? cur.description : p.description,
        p.sessionDuration ?? cur.sessionDuration,
        p.relayState === undefined ? cur.relayState : p.relayState,
        id,
      )
    },
    getPermissionSet: (id) =>
      permissionSet(sql.one<PermissionSetRow>('SELECT * FROM permission_sets WHERE id = ?', id)),
    findPermissionSetByName: (name) =>
      permissionSet(sql.one<PermissionSetRow>('SELECT * FROM permission_sets WHERE name = ?', name)),
    listPermissionSets: () =>
      sql.all<PermissionSetRow>('SELECT * FROM permission_sets ORDER BY created_at, id').map(toPermissionSet),
    setPermissionSetManagedPolicies(id, names) {
      const unique = [...new Set(names)]
      checkLimits({ managedPolicies: unique })
      sql.run('UPDATE permission_sets SET managed_policies = ? WHERE id = ?', JSON.stringify(unique), id)
    },
    attachManagedPolicy(id, name) {
      return sql.transaction(() => {
        const ps = store.getPermissionSet(id)
        if (!ps || ps.managedPolicies.includes(name)) return false
        store.setPermissionSetManagedPolicies(id, [...ps.managedPolicies, name])
        return true
      })
    },
    detachManagedPolicy(id, name) {
      return sql.transaction(() => {
        const ps = store.getPermissionSet(id)
        if (!ps || !ps.managedPolicies.includes(name)) return false
        store.setPermissionSetManagedPolicies(
          id,
          ps.managedPolicies.filter((n) => n !== name),
        )
        return true
      })
    },
    deletePermissionSet: (id) =>
      sql.transaction(() => {
        sql.run('DELETE FROM admin_records WHERE parent_id = ?', id)
        return sql.run('DELETE FROM permission_sets WHERE id = ?', id) === 1
      }),
    putInlinePolicy(id, policy) {
      checkLimits({ inlinePolicy: policy })
      sql.run('UPDATE permission_sets SET inline_policy = ? WHERE id = ?', policy, id)
    },

    createAssignment: (a) =>
      sql.run(
        `INSERT INTO account_assignments (account_id, permission_set_id, principal_type, principal_id, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
        a.accountId,
        a.permissionSetId,
        a.principalType,
        a.principalId,
        a.createdAt,
      ) === 1,
    deleteAssignment: (a) =>
      sql.run(
        'DELETE FROM account_assignments WHERE account_id = ? AND permission_set_id = ? AND principal_type = ? AND principal_id = ?',
        a.accountId,
        a.permissionSetId,
        a.principalType,
        a.principalId,
      ) === 1,
    listAssignments(filter = {}) {
      const where: string[] = []
      const params: unknown[] = []
      for (const [column, key] of FILTER_COLUMNS) {
        const value = filter[key]
        if (value === undefined) continue
        where.push(`${column} = ?`)
        params.push(value)
      }
      const text = `SELECT * FROM account_assignments ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY account_id, created_at, permission_set_id, principal_id`
      return sql.all<AssignmentRow>(text, ...params).map(toAssignment)
    },
    listAccountsOfUser: (userId) =>
      sql
        .all<AccountRow>(
          `SELECT DISTINCT a.* FROM accounts a JOIN account_assignments x ON x.account_id = a.id
           WHERE ${GRANTED_TO_USER} ORDER BY a.id`,
          userId,
          userId,
        )
        .map(toAccount),
    listPermissionSetsOfUser: (userId, accountId) =>
      sql
        .all<PermissionSetRow>(
          `SELECT DISTINCT p.* FROM permission_sets p JOIN account_assignments x ON x.permission_set_id = p.id
           WHERE x.account_id = ? AND ${GRANTED_TO_USER} ORDER BY p.name`,
          accountId,
          userId,
          userId,
        )
        .map(toPermissionSet),
  }
  return store
}
