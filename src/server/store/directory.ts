/**
 * The identity store: users (with their password hash and TOTP device), groups and memberships.
 *
 * @module
 */
import { checkLimits } from './limits.js'
import { jsonColumn, nullable, type Sql } from './sqlite.js'
import type { DirectoryAttributes, Group, GroupMembership, User } from './types.js'

/** Fields to create a user with. */
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
  attributes?: DirectoryAttributes
  createdAt: number
}

/** What an administrator changes on a user (identitystore UpdateUser, SCIM PUT/PATCH); unset fields stay. */
export interface UserChanges {
  userName?: string
  email?: string | null
  givenName?: string | null
  familyName?: string | null
  displayName?: string | null
  attributes?: DirectoryAttributes
  /** True disables the user (no sign-in, no portal), false enables again. */
  disabled?: boolean
  updatedAt: number
}

/** Fields to create a group with. */
export type GroupInput = Omit<Group, 'attributes' | 'updatedAt'> & { attributes?: DirectoryAttributes }

/** What an administrator changes on a group; unset fields stay. */
export interface GroupChanges {
  displayName?: string
  description?: string | null
  attributes?: DirectoryAttributes
  updatedAt: number
}

/** A user's profile fields (not the password or MFA). */
export interface UserProfile {
  email?: string | null
  givenName?: string | null
  familyName?: string | null
  displayName?: string | null
}

/** Reads and writes of users, groups and memberships. */
export interface DirectoryStore {
  /** Creates a user; fails on a duplicate user name. */
  createUser(user: UserInput): User
  /** Updates a user's profile fields. */
  updateUserProfile(id: string, profile: UserProfile): void
  /** Changes a user; fails on a duplicate user name; undefined when there is no such user. */
  updateUser(id: string, changes: UserChanges): User | undefined
  /** Deletes a user with its memberships, invitations, sessions and account assignments. */
  deleteUser(id: string): boolean
  /** One user by id. */
  getUser(id: string): User | undefined
  /** One user by user name (case-insensitive). */
  findUserByName(userName: string): User | undefined
  /** Every user, by user name. */
  listUsers(): User[]
  /**
   * Sets a user's password hash. `changeRequired`: a one-time password an administrator generated,
   * which the user must replace at the next sign-in; any other password clears that.
   */
  setUserPassword(id: string, passwordHash: string, options?: { changeRequired?: boolean }): void
  /** Sets or removes a user's TOTP device (resets the reuse guard). */
  setUserTotp(id: string, totpSecret: string | null): void
  /** Marks an invited user active. */
  activateUser(id: string): void
  /**
   * Records that a user's TOTP code for time step `step` was used. Returns false when that step (or
   * a later one) was already used, so a code cannot be replayed.
   */
  consumeUserTotpStep(id: string, step: number): boolean
  /** Creates a group; fails on a duplicate name. */
  createGroup(group: GroupInput): Group
  /** Updates a group's description. */
  updateGroupDescription(id: string, description: string | null): void
  /** Changes a group; fails on a duplicate name; undefined when there is no such group. */
  updateGroup(id: string, changes: GroupChanges): Group | undefined
  /** Deletes a group with its memberships and account assignments. */
  deleteGroup(id: string): boolean
  /** One group. */
  getGroup(id: string): Group | undefined
  /** One group by display name. */
  findGroupByName(displayName: string): Group | undefined
  /** Every group, by name. */
  listGroups(): Group[]
  /** Adds a user to a group; returns the existing membership when already a member. */
  addGroupMember(membership: GroupMembership): GroupMembership
  /** Members of a group. */
  listGroupMemberships(groupId: string): GroupMembership[]
  /** One membership by id. */
  getGroupMembership(id: string): GroupMembership | undefined
  /** The membership of `userId` in `groupId`, if any. */
  findGroupMembership(groupId: string, userId: string): GroupMembership | undefined
  /** A user's memberships, oldest first. */
  listMembershipsOfUser(userId: string): GroupMembership[]
  /** The groups a user belongs to. */
  listGroupsOfUser(userId: string): Group[]
  /** Removes a membership by id. */
  deleteGroupMembership(id: string): boolean
}

interface UserRow {
  id: string
  user_name: string
  email: string | null
  given_name: string | null
  family_name: string | null
  display_name: string | null
  password_hash: string | null
  status: 'invited' | 'active'
  totp_secret: string | null
  totp_last_step: number
  attributes: string
  disabled: number
  password_change_required: number
  created_at: number
  updated_at: number | null
}
interface GroupRow {
  id: string
  display_name: string
  description: string | null
  attributes: string
  created_at: number
  updated_at: number | null
}
interface MembershipRow {
  id: string
  group_id: string
  user_id: string
  created_at: number
}

function toUser(r: UserRow): User {
  return {
    id: r.id,
    userName: r.user_name,
    email: r.email,
    givenName: r.given_name,
    familyName: r.family_name,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    ...(r.password_change_required ? { passwordChangeRequired: true } : {}),
    status: r.disabled ? 'disabled' : r.status,
    totpSecret: r.totp_secret,
    totpLastStep: r.totp_last_step,
    attributes: jsonColumn(r.attributes, {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}
function toGroup(r: GroupRow): Group {
  return {
    id: r.id,
    displayName: r.display_name,
    description: r.description,
    attributes: jsonColumn(r.attributes, {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}
function toMembership(r: MembershipRow): GroupMembership {
  return { id: r.id, groupId: r.group_id, userId: r.user_id, createdAt: r.created_at }
}

function profileFields(p: UserProfile) {
  return { email: p.email, givenName: p.givenName, familyName: p.familyName, displayName: p.displayName }
}

/** The directory module over one database. */
export function createDirectoryStore(sql: Sql): DirectoryStore {
  const user = (r: UserRow | undefined) => (r ? toUser(r) : undefined)
  const group = (r: GroupRow | undefined) => (r ? toGroup(r) : undefined)
  const store: DirectoryStore = {
    createUser(u) {
      checkLimits({
        userName: u.userName,
        ...profileFields(u),
        totpSecret: u.totpSecret,
        directoryAttributes: JSON.stringify(u.attributes ?? {}),
      })
      sql.run(
        `INSERT INTO users (id, user_name, email, given_name, family_name, display_name, password_hash, status, totp_secret, attributes, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        u.id,
        u.userName,
        nullable(u.email),
        nullable(u.givenName),
        nullable(u.familyName),
        nullable(u.displayName),
        nullable(u.passwordHash),
        u.status,
        nullable(u.totpSecret),
        JSON.stringify(u.attributes ?? {}),
        u.createdAt,
      )
      return store.getUser(u.id) as User
    },
    updateUser(id, c) {
      const cur = store.getUser(id)
      if (!cur) return undefined
      checkLimits({
        userName: c.userName,
        ...profileFields(c),
        directoryAttributes: c.attributes && JSON.stringify(c.attributes),
      })
      sql.run(
        `UPDATE users SET user_name = ?, email = ?, given_name = ?, family_name = ?, display_name = ?, attributes = ?,
         disabled = ?, updated_at = ? WHERE id = ?`,
        c.userName ?? cur.userName,
        c.email === undefined ? cur.email : c.email,
        c.givenName === undefined ? cur.givenName : c.givenName,
        c.familyName === undefined ? cur.familyName : c.familyName,
        c.displayName === undefined ? cur.displayName : c.displayName,
        JSON.stringify(c.attributes ?? cur.attributes),
        (c.disabled ?? cur.status === 'disabled') ? 1 : 0,
        c.updatedAt,
        id,
      )
      return store.getUser(id)
    },
    deleteUser: (id) =>
      sql.transaction(() => {
        // Assignments name their principal without a foreign key (it may be a user or a group).
        sql.run("DELETE FROM account_assignments WHERE principal_type = 'USER' AND principal_id = ?", id)
        return sql.run('DELETE FROM users WHERE id = ?', id) === 1
      }),
    updateUserProfile(id, p) {
      checkLimits(profileFields(p))
      sql.run(
        'UPDATE users SET email = ?, given_name = ?, family_name = ?, display_name = ? WHERE id = ?',
        nullable(p.email),
        nullable(p.givenName),
        nullable(p.familyName),
        nullable(p.displayName),
        id,
      )
    },
    getUser: (id) => user(sql.one<UserRow>('SELECT * FROM users WHERE id = ?', id)),
    findUserByName: (userName) => user(sql.one<UserRow>('SELECT * FROM users WHERE user_name = ?', userName)),
    listUsers: () => sql.all<UserRow>('SELECT * FROM users ORDER BY user_name').map(toUser),
    setUserPassword(id, passwordHash, options) {
      sql.run(
        'UPDATE users SET password_hash = ?, password_change_required = ? WHERE id = ?',
        passwordHash,
        options?.changeRequired ? 1 : 0,
        id,
      )
    },
    setUserTotp(id, totpSecret) {
      checkLimits({ totpSecret })
      sql.run('UPDATE users SET totp_secret = ?, totp_last_step = 0 WHERE id = ?', totpSecret, id)
    },
    activateUser(id) {
      sql.run("UPDATE users SET status = 'active' WHERE id = ?", id)
    },
    consumeUserTotpStep: (id, step) =>
      sql.run('UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?', step, id, step) === 1,

    createGroup(g) {
      checkLimits({
        groupDisplayName: g.displayName,
        groupDescription: g.description,
        directoryAttributes: JSON.stringify(g.attributes ?? {}),
      })
      sql.run(
        'INSERT INTO groups (id, display_name, description, attributes, created_at) VALUES (?, ?, ?, ?, ?)',
        g.id,
        g.displayName,
        g.description,
        JSON.stringify(g.attributes ?? {}),
        g.createdAt,
      )
      return store.getGroup(g.id) as Group
    },
    updateGroup(id, c) {
      const cur = store.getGroup(id)
      if (!cur) return undefined
      checkLimits({
        groupDisplayName: c.displayName,
        groupDescription: c.description,
        directoryAttributes: c.attributes && JSON.stringify(c.attributes),
      })
      sql.run(
        'UPDATE groups SET display_name = ?, description = ?, attributes = ?, updated_at = ? WHERE id = ?',
        c.displayName ?? cur.displayName,
        c.description === undefined ? cur.description : c.description,
        JSON.stringify(c.attributes ?? cur.attributes),
        c.updatedAt,
        id,
      )
      return store.getGroup(id)
    },
    deleteGroup: (id) =>
      sql.transaction(() => {
        sql.run("DELETE FROM account_assignments WHERE principal_type = 'GROUP' AND principal_id = ?", id)
        return sql.run('DELETE FROM groups WHERE id = ?', id) === 1
      }),
    updateGroupDescription(id, description) {
      checkLimits({ groupDescription: description })
      sql.run('UPDATE groups SET description = ? WHERE id = ?', description, id)
    },
    getGroup: (id) => group(sql.one<GroupRow>('SELECT * FROM groups WHERE id = ?', id)),
    findGroupByName: (displayName) =>
      group(sql.one<GroupRow>('SELECT * FROM groups WHERE display_name = ?', displayName)),
    listGroups: () => sql.all<GroupRow>('SELECT * FROM groups ORDER BY display_name').map(toGroup),
    addGroupMember(m) {
      return sql.transaction(() => {
        const existing = sql.one<MembershipRow>(
          'SELECT * FROM group_memberships WHERE group_id = ? AND user_id = ?',
          m.groupId,
          m.userId,
        )
        if (existing) return toMembership(existing)
        sql.run(
          'INSERT INTO group_memberships (id, group_id, user_id, created_at) VALUES (?, ?, ?, ?)',
          m.id,
          m.groupId,
          m.userId,
          m.createdAt,
        )
        return m
      })
    },
    listGroupMemberships: (groupId) =>
      sql
        .all<MembershipRow>('SELECT * FROM group_memberships WHERE group_id = ? ORDER BY created_at, id', groupId)
        .map(toMembership),
    getGroupMembership(id) {
      const r = sql.one<MembershipRow>('SELECT * FROM group_memberships WHERE id = ?', id)
      return r ? toMembership(r) : undefined
    },
    findGroupMembership(groupId, userId) {
      const r = sql.one<MembershipRow>(
        'SELECT * FROM group_memberships WHERE group_id = ? AND user_id = ?',
        groupId,
        userId,
      )
      return r ? toMembership(r) : undefined
    },
    listMembershipsOfUser: (userId) =>
      sql
        .all<MembershipRow>('SELECT * FROM group_memberships WHERE user_id = ? ORDER BY created_at, id', userId)
        .map(toMembership),
    listGroupsOfUser: (userId) =>
      sql
        .all<GroupRow>(
          'SELECT g.* FROM groups g JOIN group_memberships m ON m.group_id = g.id WHERE m.user_id = ? ORDER BY g.display_name',
          userId,
        )
        .map(toGroup),
    deleteGroupMembership: (id) => sql.run('DELETE FROM group_memberships WHERE id = ?', id) === 1,
  }
  return store
}
