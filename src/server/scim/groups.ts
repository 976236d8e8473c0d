/**
 * SCIM Groups over the store's directory: create (with members), display name and external id
 * changes, member add and remove by PATCH, delete. As with Identity Center, a group resource is
 * answered without its members; `id eq "…" and members eq "…"` tells whether a user is one.
 *
 * @module
 */
import { newDirectoryId } from '../domain/org.js'
import type { ServerDeps } from '../deps.js'
import type { Group } from '../store/store.js'
import { ScimError } from './errors.js'
import { patchOpOf, patchOperations } from './patch.js'
import { SCIM_ISSUER } from './users.js'

/** The SCIM core group schema. */
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group'

type Json = Record<string, unknown>

/** A store group as a SCIM resource. */
export function toScimGroup(g: Group): Json {
  const externalId = Array.isArray(g.attributes.ExternalIds)
    ? (g.attributes.ExternalIds as Json[]).find((e) => e.Issuer === SCIM_ISSUER)?.Id
    : undefined
  return JSON.parse(
    JSON.stringify({
      schemas: [GROUP_SCHEMA],
      id: g.id,
      externalId,
      displayName: g.displayName,
      meta: {
        resourceType: 'Group',
        created: new Date(g.createdAt).toISOString(),
        lastModified: new Date(g.updatedAt ?? g.createdAt).toISOString(),
      },
    }),
  ) as Json
}

function displayNameOf(value: unknown): string {
  if (typeof value !== 'string' || value === '' || value.length > 1024)
    throw new ScimError(400, 'displayName is required', 'invalidValue')
  return value
}

function memberIds(value: unknown): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || value.length > 100)
    throw new ScimError(400, 'members must be a list of at most 100 {value}', 'invalidValue')
  return (value as Json[]).map((m) => {
    if (typeof m?.value !== 'string') throw new ScimError(400, 'Each member needs a value', 'invalidValue')
    return m.value
  })
}

function addMembers(deps: ServerDeps, group: Group, ids: readonly string[]): void {
  for (const userId of ids) {
    if (!deps.store.getUser(userId)) throw new ScimError(400, `User ${userId} does not exist`, 'invalidValue')
    deps.store.addGroupMember({ id: newDirectoryId(deps.ids), groupId: group.id, userId, createdAt: deps.clock() })
  }
}

function removeMembers(deps: ServerDeps, group: Group, ids: readonly string[]): void {
  for (const m of deps.store.listGroupMemberships(group.id)) {
    if (ids.includes(m.userId)) deps.store.deleteGroupMembership(m.id)
  }
}

function externalIdsOf(value: unknown): Json[] | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string' || value.length > 256)
    throw new ScimError(400, 'externalId must be a string', 'invalidValue')
  return [{ Issuer: SCIM_ISSUER, Id: value }]
}

/** Creates a group (and its members) from a SCIM body. */
export function createScimGroup(deps: ServerDeps, body: Json): Group {
  const displayName = displayNameOf(body.displayName)
  return deps.store.transaction(() => {
    if (deps.store.findGroupByName(displayName))
      throw new ScimError(409, `Group ${displayName} already exists`, 'uniqueness')
    const externalIds = externalIdsOf(body.externalId)
    const group = deps.store.createGroup({
      id: newDirectoryId(deps.ids),
      displayName,
      description: null,
      attributes: externalIds ? { ExternalIds: externalIds } : {},
      createdAt: deps.clock(),
    })
    addMembers(deps, group, memberIds(body.members))
    return group
  })
}

function replaceAllRefused(): never {
  throw new ScimError(
    400,
    'Replacing or removing all group memberships in one request is not supported by the IAM Identity Center SCIM implementation',
  )
}

/** Applies a SCIM PATCH to a group: displayName, externalId, members add and remove. */
export function patchScimGroup(deps: ServerDeps, group: Group, body: unknown): Group {
  return deps.store.transaction(() => {
    let displayName: string | undefined
    let attributes = group.attributes
    for (const operation of patchOperations(body)) {
      const op = patchOpOf(operation)
      const path = typeof operation.path === 'string' ? operation.path : undefined
      const filtered = path && /^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$/i.exec(path)
      if (filtered) {
        if (op !== 'remove') throw new ScimError(400, 'Only remove takes a member filter', 'invalidPath')
        removeMembers(deps, group, [filtered[1] as string])
      } else if (path?.toLowerCase() === 'members') {
        // As Identity Center: no replacing or removing every member in one request (a 400).
        if (op === 'replace' || (op === 'remove' && operation.value === undefined)) replaceAllRefused()
        const ids = memberIds(operation.value)
        if (op === 'add') addMembers(deps, group, ids)
        else removeMembers(deps, group, ids)
      } else if (path?.toLowerCase() === 'displayname' && op !== 'remove') {
        displayName = displayNameOf(operation.value)
      } else if (path?.toLowerCase() === 'externalid') {
        attributes = { ...attributes, ExternalIds: op === 'remove' ? undefined : externalIdsOf(operation.value) }
      } else if (path === undefined && op !== 'remove' && operation.value && typeof operation.value === 'object') {
        const value = operation.value as Json
        if (value.displayName !== undefined) displayName = displayNameOf(value.displayName)
        if (value.externalId !== undefined) attributes = { ...attributes, ExternalIds: externalIdsOf(value.externalId) }
        if (value.members !== undefined) {
          if (op === 'replace') replaceAllRefused()
          addMembers(deps, group, memberIds(value.members))
        }
      } else {
        throw new ScimError(400, `Unsupported path: ${String(path).slice(0, 200)}`, 'invalidPath')
      }
    }
    if (displayName !== undefined) {
      const other = deps.store.findGroupByName(displayName)
      if (other && other.id !== group.id) throw new ScimError(409, `Group ${displayName} already exists`, 'uniqueness')
    }
    return deps.store.updateGroup(group.id, { displayName, attributes, updatedAt: deps.clock() }) as Group
  })
}
