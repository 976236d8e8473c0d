/**
 * identitystore (`AWSIdentityStore.*`, awsJson1_1, SigV4 `identitystore`): users, groups and
 * memberships (wire-protocol §9). A user created here starts `invited` with an invitation link in
 * the log (there is no mail), where they set a password and enrol MFA.
 *
 * @module
 */
import { createInvitation } from '../domain/invitations.js'
import { newDirectoryId } from '../domain/org.js'
import type { Group, User } from '../store/store.js'
import type { AwsContext } from './context.js'
import type { AwsError } from './errors.js'
import {
  compact,
  conflict,
  notFound,
  optionalString,
  paginate,
  requiredString,
  validationException,
  type JsonBody,
  type JsonOperation,
} from './json-api.js'

function userShape(storeId: string, u: User): Record<string, unknown> {
  const name = compact({
    Formatted: [u.givenName, u.familyName].filter(Boolean).join(' ') || undefined,
    GivenName: u.givenName ?? undefined,
    FamilyName: u.familyName ?? undefined,
  })
  return compact({
    UserName: u.userName,
    UserId: u.id,
    Name: Object.keys(name).length > 0 ? name : undefined,
    DisplayName: u.displayName ?? undefined,
    Emails: u.email ? [{ Value: u.email, Type: 'work', Primary: true }] : undefined,
    IdentityStoreId: storeId,
  })
}

function groupShape(storeId: string, g: Group): Record<string, unknown> {
  return compact({
    GroupId: g.id,
    DisplayName: g.displayName,
    Description: g.description ?? undefined,
    IdentityStoreId: storeId,
  })
}

/** The `Filters` of ListUsers/ListGroups (deprecated but still sent): one attribute equality. */
function filterValue(body: JsonBody, attribute: string): string | undefined {
  const filters = body.Filters
  if (filters === undefined || filters === null) return undefined
  if (!Array.isArray(filters) || filters.length > 1)
    throw validationException('Filters must contain at most one filter')
  const f = filters[0] as { AttributePath?: unknown; AttributeValue?: unknown } | undefined
  if (!f) return undefined
  if (f.AttributePath !== attribute || typeof f.AttributeValue !== 'string')
    throw validationException(`Filtering is only supported on ${attribute}`)
  return f.AttributeValue
}

/** The identitystore operations. */
export function createIdentityStoreOperations(ctx: AwsContext): Record<string, JsonOperation> {
  const { store } = ctx.deps

  function storeIdOf(body: JsonBody): string {
    const id = requiredString(body, 'IdentityStoreId', 36)
    if (!/^d-[0-9a-f]{10}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) {
      throw validationException(
        `1 validation error detected: Value '${id}' at 'identityStoreId' failed to satisfy constraint: Member must satisfy regular expression pattern: d-[0-9a-f]{10}$|^[0-9a-f]{8}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{12}`,
      )
    }
    if (store.getInstance()?.id !== id) throw notFound(`Identity store ${id} does not exist`, 'IDENTITY_STORE', id)
    return id
  }

  function userOf(id: string): User {
    const user = store.getUser(id)
    if (!user) throw notFound(`User ${id} does not exist`, 'USER', id)
    return user
  }

  function groupOf(id: string): Group {
    const group = store.getGroup(id)
    if (!group) throw notFound(`Group ${id} does not exist`, 'GROUP', id)
    return group
  }

  return {
    CreateUser(body) {
      const storeId = storeIdOf(body)
      const userName = requiredString(body, 'UserName', 128)
      if (
        /\s/.test(userName) ||
        userName.toLowerCase() === 'administrator' ||
        userName.toLowerCase() === 'aws-administrator'
      ) {
        throw validationException(`Invalid UserName: ${userName}`)
      }
      const name = (body.Name ?? {}) as JsonBody
      const emails = body.Emails
      if (emails !== undefined && (!Array.isArray(emails) || emails.length > 1))
        throw validationException('Emails must contain at most one email')
      const email = Array.isArray(emails) && emails[0] ? (emails[0] as JsonBody).Value : undefined
      if (email !== undefined && typeof email !== 'string')
        throw validationException('Emails[0].Value must be a string')
      if (store.findUserByName(userName)) throw uniquenessConflict(`Duplicate UserName: ${userName}`)
      const user = store.createUser({
        id: newDirectoryId(ctx.deps.ids),
        userName,
        email: email ?? null,
        givenName: optionalString(name, 'GivenName', 1024) ?? null,
        familyName: optionalString(name, 'FamilyName', 1024) ?? null,
        displayName: optionalString(body, 'DisplayName', 1024) ?? null,
        status: 'invited',
        createdAt: ctx.deps.clock(),
      })
      // The invitation page sets a password and enrols MFA; its link goes to the log (there is no mail).
      createInvitation(ctx.deps, user.id)
      return { UserId: user.id, IdentityStoreId: storeId }
    },
    DescribeUser(body) {
      const storeId = storeIdOf(body)
      return userShape(storeId, userOf(requiredString(body, 'UserId', 47)))
    },
    ListUsers(body) {
      const storeId = storeIdOf(body)
      const userName = filterValue(body, 'UserName')
      const users = store
        .listUsers()
        .filter((u) => userName === undefined || u.userName.toLowerCase() === userName.toLowerCase())
      const { page, nextToken } = paginate(body, users)
      return compact({ Users: page.map((u) => userShape(storeId, u)), NextToken: nextToken })
    },
    CreateGroup(body) {
      const storeId = storeIdOf(body)
      const displayName = requiredString(body, 'DisplayName', 1024)
      if (store.findGroupByName(displayName)) throw uniquenessConflict(`Duplicate GroupDisplayName: ${displayName}`)
      const group = store.createGroup({
        id: newDirectoryId(ctx.deps.ids),
        displayName,
        description: optionalString(body, 'Description', 1024) ?? null,
        createdAt: ctx.deps.clock(),
      })
      return { GroupId: group.id, IdentityStoreId: storeId }
    },
    DescribeGroup(body) {
      const storeId = storeIdOf(body)
      return groupShape(storeId, groupOf(requiredString(body, 'GroupId', 47)))
    },
    ListGroups(body) {
      const storeId = storeIdOf(body)
      const displayName = filterValue(body, 'DisplayName')
      const groups = store.listGroups().filter((g) => displayName === undefined || g.displayName === displayName)
      const { page, nextToken } = paginate(body, groups)
      return compact({ Groups: page.map((g) => groupShape(storeId, g)), NextToken: nextToken })
    },
    CreateGroupMembership(body) {
      const storeId = storeIdOf(body)
      const group = groupOf(requiredString(body, 'GroupId', 47))
      const member = body.MemberId as JsonBody | undefined
      if (!member || typeof member !== 'object')
        throw validationException(
          "1 validation error detected: Value null at 'memberId' failed to satisfy constraint: Member must not be null",
        )
      const user = userOf(requiredString(member, 'UserId', 47))
      if (store.listGroupMemberships(group.id).some((m) => m.userId === user.id))
        throw uniquenessConflict('Member is already in the group')
      const membership = store.addGroupMember({
        id: newDirectoryId(ctx.deps.ids),
        groupId: group.id,
        userId: user.id,
        createdAt: ctx.deps.clock(),
      })
      return { MembershipId: membership.id, IdentityStoreId: storeId }
    },
    ListGroupMemberships(body) {
      const storeId = storeIdOf(body)
      const group = groupOf(requiredString(body, 'GroupId', 47))
      const { page, nextToken } = paginate(body, store.listGroupMemberships(group.id))
      return compact({
        GroupMemberships: page.map((m) => ({
          IdentityStoreId: storeId,
          MembershipId: m.id,
          GroupId: m.groupId,
          MemberId: { UserId: m.userId },
        })),
        NextToken: nextToken,
      })
    },
  }
}

/** identitystore's ConflictException carries `Reason: UNIQUENESS_CONSTRAINT_VIOLATION`. */
function uniquenessConflict(message: string): AwsError {
  const error = conflict(message)
  error.extra.Reason = 'UNIQUENESS_CONSTRAINT_VIOLATION'
  return error
}
