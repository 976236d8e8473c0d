/**
 * identitystore's JSON shapes of users and groups over the store's records, and the checks every
 * operation shares (the identity store id, resource ids, not-found errors with `ResourceType`).
 *
 * @module
 */
import type { DirectoryAttributes, Group, Store, User } from '../../store/store.js'
import type { AwsContext } from '../context.js'
import type { AwsError } from '../errors.js'
import {
  compact,
  conflict,
  epochSeconds,
  notFound,
  requiredString,
  validationException,
  type JsonBody,
} from '../json-api.js'

/** The user attributes kept in `attributes` (every member of identitystore's User but the columns). */
export const USER_ATTRIBUTES = [
  'NickName',
  'ProfileUrl',
  'Emails',
  'Addresses',
  'PhoneNumbers',
  'UserType',
  'Title',
  'PreferredLanguage',
  'Locale',
  'Timezone',
  'Photos',
  'Website',
  'Birthdate',
  'Roles',
  'Extensions',
  'ExternalIds',
] as const

const RESOURCE_ID = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/
const STORE_ID = /^d-[0-9a-f]{10}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** A user in identitystore's shape (DescribeUser, ListUsers). */
export function userShape(storeId: string, u: User): Record<string, unknown> {
  const stored = (u.attributes.Name ?? {}) as JsonBody
  const name = compact({
    ...stored,
    Formatted: stored.Formatted ?? ([u.givenName, u.familyName].filter(Boolean).join(' ') || undefined),
    GivenName: u.givenName ?? undefined,
    FamilyName: u.familyName ?? undefined,
  })
  const extra: Record<string, unknown> = {}
  for (const key of USER_ATTRIBUTES) extra[key] = u.attributes[key]
  if (extra.Emails === undefined && u.email) extra.Emails = [{ Value: u.email, Type: 'work', Primary: true }]
  return compact({
    IdentityStoreId: storeId,
    UserId: u.id,
    UserName: u.userName,
    Name: Object.keys(name).length > 0 ? name : undefined,
    DisplayName: u.displayName ?? undefined,
    ...extra,
    UserStatus: u.status === 'disabled' ? 'DISABLED' : 'ENABLED',
    CreatedAt: epochSeconds(u.createdAt),
    UpdatedAt: u.updatedAt === null ? undefined : epochSeconds(u.updatedAt),
  })
}

/** A group in identitystore's shape. */
export function groupShape(storeId: string, g: Group): Record<string, unknown> {
  return compact({
    GroupId: g.id,
    DisplayName: g.displayName,
    ExternalIds: g.attributes.ExternalIds,
    Description: g.description ?? undefined,
    CreatedAt: epochSeconds(g.createdAt),
    UpdatedAt: g.updatedAt === null ? undefined : epochSeconds(g.updatedAt),
    IdentityStoreId: storeId,
  })
}

/** The primary (else the first) e-mail address of an `Emails` list. */
export function primaryEmail(emails: unknown): string | null {
  if (!Array.isArray(emails) || emails.length === 0) return null
  const list = emails as JsonBody[]
  const chosen = list.find((e) => e.Primary === true) ?? list[0]
  return typeof chosen?.Value === 'string' ? chosen.Value : null
}

/** Checks the request's `IdentityStoreId` names this server's store. */
export function storeIdOf(ctx: AwsContext, body: JsonBody): string {
  const id = requiredString(body, 'IdentityStoreId', 36)
  if (!STORE_ID.test(id)) {
    throw validationException(
      `1 validation error detected: Value '${id}' at 'identityStoreId' failed to satisfy constraint: Member must satisfy regular expression pattern: d-[0-9a-f]{10}$|^[0-9a-f]{8}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{12}`,
    )
  }
  if (ctx.deps.store.getInstance()?.id !== id)
    throw notFound(`Identity store ${id} does not exist`, 'IDENTITY_STORE', id)
  return id
}

/** A resource id member (`UserId`, `GroupId`, `MembershipId`), checked against AWS's pattern. */
export function resourceIdOf(body: JsonBody, member: string): string {
  const id = requiredString(body, member, 47)
  if (!RESOURCE_ID.test(id)) {
    const path = member.charAt(0).toLowerCase() + member.slice(1)
    throw validationException(
      `1 validation error detected: Value '${id}' at '${path}' failed to satisfy constraint: Member must satisfy regular expression pattern: ([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}`,
    )
  }
  return id
}

/** The user with this id (ResourceNotFoundException, `ResourceType: USER`). */
export function userOf(store: Store, id: string): User {
  const user = store.getUser(id)
  if (!user) throw notFound(`USER not found.`, 'USER', id)
  return user
}

/** The group with this id (ResourceNotFoundException, `ResourceType: GROUP`). */
export function groupOf(store: Store, id: string): Group {
  const group = store.getGroup(id)
  if (!group) throw notFound(`GROUP not found.`, 'GROUP', id)
  return group
}

/** The `MemberId` union's user id. */
export function memberUserId(body: JsonBody): string {
  const member = body.MemberId
  if (!member || typeof member !== 'object' || Array.isArray(member))
    throw validationException(
      "1 validation error detected: Value null at 'memberId' failed to satisfy constraint: Member must not be null",
    )
  return resourceIdOf(member as JsonBody, 'UserId')
}

/** identitystore's ConflictException carries `Reason: UNIQUENESS_CONSTRAINT_VIOLATION`. */
export function uniquenessConflict(message: string): AwsError {
  const error = conflict(message)
  error.extra.Reason = 'UNIQUENESS_CONSTRAINT_VIOLATION'
  return error
}

/** `ExternalIds` as sent: at most one `{Issuer, Id}`. */
export function externalIdsOf(value: unknown): DirectoryAttributes['ExternalIds'] {
  if (value === undefined || value === null) return undefined
  if (
    !Array.isArray(value) ||
    value.length > 1 ||
    value.some((e: JsonBody) => typeof e?.Issuer !== 'string' || typeof e?.Id !== 'string')
  )
    throw validationException('ExternalIds must contain at most one {Issuer, Id}')
  return value
}

/** The `ExternalId` of an `AlternateIdentifier` matches the record's `ExternalIds`. */
export function hasExternalId(attributes: DirectoryAttributes, external: JsonBody): boolean {
  const ids = attributes.ExternalIds
  return Array.isArray(ids) && ids.some((e: JsonBody) => e.Issuer === external.Issuer && e.Id === external.Id)
}
