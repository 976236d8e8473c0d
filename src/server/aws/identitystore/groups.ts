/**
 * identitystore groups and memberships: create, describe, list, update, delete, GetGroupId,
 * the membership lookups (GetGroupMembershipId, IsMemberInGroups, ListGroupMembershipsForMember).
 *
 * @module
 */
import { newDirectoryId } from '../../domain/org.js'
import type { GroupMembership } from '../../store/store.js'
import type { AwsContext } from '../context.js'
import {
  compact,
  notFound,
  optionalString,
  paginate,
  requiredString,
  validationException,
  type JsonBody,
  type JsonOperation,
} from '../json-api.js'
import {
  externalIdsOf,
  groupOf,
  groupShape,
  hasExternalId,
  memberUserId,
  resourceIdOf,
  storeIdOf,
  uniquenessConflict,
  userOf,
} from './shapes.js'
import { filterValue } from './users.js'

function membershipShape(storeId: string, m: GroupMembership): Record<string, unknown> {
  return { IdentityStoreId: storeId, MembershipId: m.id, GroupId: m.groupId, MemberId: { UserId: m.userId } }
}

/** The identitystore group operations. */
export function createGroupOperations(ctx: AwsContext): Record<string, JsonOperation> {
  const { store } = ctx.deps
  return {
    CreateGroup(body) {
      const storeId = storeIdOf(ctx, body)
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
      const storeId = storeIdOf(ctx, body)
      return groupShape(storeId, groupOf(store, resourceIdOf(body, 'GroupId')))
    },
    ListGroups(body) {
      const storeId = storeIdOf(ctx, body)
      const displayName = filterValue(body, 'DisplayName')
      const groups = store.listGroups().filter((g) => displayName === undefined || g.displayName === displayName)
      const { page, nextToken } = paginate(body, groups)
      return compact({ Groups: page.map((g) => groupShape(storeId, g)), NextToken: nextToken })
    },
    UpdateGroup(body) {
      storeIdOf(ctx, body)
      const group = groupOf(store, resourceIdOf(body, 'GroupId'))
      const operations = body.Operations
      if (!Array.isArray(operations) || operations.length < 1 || operations.length > 100)
        throw validationException(
          "1 validation error detected: Value at 'operations' failed to satisfy constraint: Member must have length between 1 and 100",
        )
      let displayName: string | undefined
      let description: string | null | undefined
      const attributes = { ...group.attributes }
      for (const op of operations as JsonBody[]) {
        const path = typeof op?.AttributePath === 'string' ? op.AttributePath.toLowerCase() : ''
        const value = op.AttributeValue
        if (path === 'displayname') {
          if (typeof value !== 'string' || value === '')
            throw validationException('displayName must be a non-empty string')
          displayName = value
        } else if (path === 'description') {
          if (value !== undefined && value !== null && typeof value !== 'string')
            throw validationException('description must be a string')
          description = (value as string | undefined) ?? null
        } else if (path === 'externalids') {
          attributes.ExternalIds = externalIdsOf(value)
        } else {
          throw validationException(`Invalid attribute path: ${String(op?.AttributePath)}`)
        }
      }
      if (displayName !== undefined) {
        const other = store.findGroupByName(displayName)
        if (other && other.id !== group.id) throw uniquenessConflict(`Duplicate GroupDisplayName: ${displayName}`)
      }
      store.updateGroup(group.id, { displayName, description, attributes, updatedAt: ctx.deps.clock() })
      return {}
    },
    DeleteGroup(body) {
      storeIdOf(ctx, body)
      const id = resourceIdOf(body, 'GroupId')
      if (!store.deleteGroup(id)) throw notFound('GROUP not found.', 'GROUP', id)
      return {}
    },
    GetGroupId(body) {
      const storeId = storeIdOf(ctx, body)
      const identifier = body.AlternateIdentifier as JsonBody | undefined
      if (!identifier || typeof identifier !== 'object') throw validationException('AlternateIdentifier must be set')
      let group
      if (identifier.ExternalId && typeof identifier.ExternalId === 'object') {
        group = store.listGroups().find((g) => hasExternalId(g.attributes, identifier.ExternalId as JsonBody))
      } else {
        const unique = identifier.UniqueAttribute as JsonBody | undefined
        if (!unique || typeof unique !== 'object') throw validationException('AlternateIdentifier must be set')
        const path = requiredString(unique, 'AttributePath', 255)
        if (path.toLowerCase() !== 'displayname') throw validationException(`Invalid attribute path: ${path}`)
        if (typeof unique.AttributeValue !== 'string') throw validationException('AttributeValue must be a string')
        group = store.findGroupByName(unique.AttributeValue)
      }
      if (!group) throw notFound('GROUP not found.', 'GROUP')
      return { GroupId: group.id, IdentityStoreId: storeId }
    },
  }
}

/** The identitystore membership operations. */
export function createMembershipOperations(ctx: AwsContext): Record<string, JsonOperation> {
  const { store } = ctx.deps
  const membershipOf = (body: JsonBody) => {
    const id = resourceIdOf(body, 'MembershipId')
    const membership = store.getGroupMembership(id)
    if (!membership) throw notFound('GROUP_MEMBERSHIP not found.', 'GROUP_MEMBERSHIP', id)
    return membership
  }
  return {
    CreateGroupMembership(body) {
      const storeId = storeIdOf(ctx, body)
      const group = groupOf(store, resourceIdOf(body, 'GroupId'))
      const user = userOf(store, memberUserId(body))
      if (store.findGroupMembership(group.id, user.id)) throw uniquenessConflict('Member is already in the group')
      const membership = store.addGroupMember({
        id: newDirectoryId(ctx.deps.ids),
        groupId: group.id,
        userId: user.id,
        createdAt: ctx.deps.clock(),
      })
      return { MembershipId: membership.id, IdentityStoreId: storeId }
    },
    DescribeGroupMembership(body) {
      return membershipShape(storeIdOf(ctx, body), membershipOf(body))
    },
    DeleteGroupMembership(body) {
      storeIdOf(ctx, body)
      store.deleteGroupMembership(membershipOf(body).id)
      return {}
    },
    GetGroupMembershipId(body) {
      const storeId = storeIdOf(ctx, body)
      const groupId = resourceIdOf(body, 'GroupId')
      const membership = store.findGroupMembership(groupId, memberUserId(body))
      if (!membership) throw notFound('GROUP_MEMBERSHIP not found.', 'GROUP_MEMBERSHIP')
      return { MembershipId: membership.id, IdentityStoreId: storeId }
    },
    ListGroupMemberships(body) {
      const storeId = storeIdOf(ctx, body)
      const group = groupOf(store, resourceIdOf(body, 'GroupId'))
      const { page, nextToken } = paginate(body, store.listGroupMemberships(group.id))
      return compact({ GroupMemberships: page.map((m) => membershipShape(storeId, m)), NextToken: nextToken })
    },
    ListGroupMembershipsForMember(body) {
      const storeId = storeIdOf(ctx, body)
      const user = userOf(store, memberUserId(body))
      const { page, nextToken } = paginate(body, store.listMembershipsOfUser(user.id))
      return compact({ GroupMemberships: page.map((m) => membershipShape(storeId, m)), NextToken: nextToken })
    },
    IsMemberInGroups(body) {
      storeIdOf(ctx, body)
      const userId = memberUserId(body)
      const groupIds = body.GroupIds
      if (!Array.isArray(groupIds) || groupIds.length < 1 || groupIds.length > 100)
        throw validationException(
          "1 validation error detected: Value at 'groupIds' failed to satisfy constraint: Member must have length between 1 and 100",
        )
      return {
        Results: groupIds.map((groupId) => {
          const id = resourceIdOf({ GroupId: groupId }, 'GroupId')
          return {
            GroupId: id,
            MemberId: { UserId: userId },
            MembershipExists: store.findGroupMembership(id, userId) !== undefined,
          }
        }),
      }
    },
  }
}
