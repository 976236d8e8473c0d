/**
 * identitystore users: create (invited, with an invitation link in the log — there is no mail),
 * describe, list, update by attribute operations, delete, and GetUserId by a unique attribute or
 * an external id. Every change goes through the store's directory operations, as the console's do.
 *
 * @module
 */
import { createInvitation } from '../../domain/invitations.js'
import { newDirectoryId } from '../../domain/org.js'
import type { DirectoryAttributes, User, UserChanges } from '../../store/store.js'
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
  hasExternalId,
  primaryEmail,
  resourceIdOf,
  storeIdOf,
  uniquenessConflict,
  USER_ATTRIBUTES,
  userOf,
  userShape,
} from './shapes.js'

const RESERVED_NAMES = new Set(['administrator', 'aws-administrator'])

/** Refuses user names AWS refuses (blank, with spaces, the reserved administrator names). */
export function checkUserName(userName: string): void {
  if (/\s/.test(userName) || RESERVED_NAMES.has(userName.toLowerCase()))
    throw validationException(`Invalid UserName: ${userName}`)
}

/** Upper-cases the first letter of every key, so `{value, primary}` and `{Value, Primary}` read alike. */
function pascalKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascalKeys)
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), pascalKeys(v)]),
  )
}

/** The attributes a CreateUser body or an UpdateUser operation list sets, as columns and JSON. */
interface UserFields {
  userName?: string
  displayName?: string | null
  name: JsonBody
  attributes: DirectoryAttributes
}

function checkAttributes(attributes: DirectoryAttributes): void {
  const emails = attributes.Emails
  if (emails !== undefined && (!Array.isArray(emails) || emails.length > 1))
    throw validationException('Emails must contain at most one email')
  if (Array.isArray(emails) && emails.some((e: JsonBody) => typeof e?.Value !== 'string'))
    throw validationException('Emails[0].Value must be a string')
  for (const list of ['Addresses', 'PhoneNumbers', 'Photos', 'Roles'] as const) {
    const value = attributes[list]
    if (value !== undefined && (!Array.isArray(value) || value.length > 1))
      throw validationException(`${list} must contain at most one entry`)
  }
  externalIdsOf(attributes.ExternalIds)
}

function fieldsOfBody(body: JsonBody): UserFields {
  const attributes: DirectoryAttributes = {}
  for (const key of USER_ATTRIBUTES) if (body[key] !== undefined && body[key] !== null) attributes[key] = body[key]
  checkAttributes(attributes)
  const name = (body.Name ?? {}) as JsonBody
  if (typeof name !== 'object' || Array.isArray(name)) throw validationException('Name must be a structure')
  return { displayName: optionalString(body, 'DisplayName', 1024) ?? null, name, attributes }
}

const NAME_PARTS = ['Formatted', 'FamilyName', 'GivenName', 'MiddleName', 'HonorificPrefix', 'HonorificSuffix']

/** Applies UpdateUser's `Operations` (`AttributePath` in camelCase, no value = remove) to a user. */
function applyOperations(user: User, operations: unknown): UserFields {
  if (!Array.isArray(operations) || operations.length < 1 || operations.length > 100)
    throw validationException(
      "1 validation error detected: Value at 'operations' failed to satisfy constraint: Member must have length between 1 and 100",
    )
  const fields: UserFields = {
    name: { ...((user.attributes.Name ?? {}) as JsonBody), GivenName: user.givenName, FamilyName: user.familyName },
    attributes: { ...user.attributes },
  }
  for (const op of operations as JsonBody[]) {
    const path = typeof op?.AttributePath === 'string' ? op.AttributePath : ''
    const value = op.AttributeValue === undefined ? undefined : pascalKeys(op.AttributeValue)
    const [head = '', sub] = path.split('.')
    const key = head.charAt(0).toUpperCase() + head.slice(1)
    if (key === 'UserName' && sub === undefined) {
      if (typeof value !== 'string' || value === '') throw validationException('userName must be a non-empty string')
      checkUserName(value)
      fields.userName = value
    } else if (key === 'DisplayName' && sub === undefined) {
      if (value !== undefined && typeof value !== 'string') throw validationException('displayName must be a string')
      fields.displayName = value ?? null
    } else if (key === 'Name') {
      const part = sub === undefined ? undefined : sub.charAt(0).toUpperCase() + sub.slice(1)
      if (part === undefined) fields.name = (value ?? {}) as JsonBody
      else if (NAME_PARTS.includes(part)) fields.name[part] = value
      else throw validationException(`Invalid attribute path: ${path}`)
    } else if ((USER_ATTRIBUTES as readonly string[]).includes(key) && sub === undefined) {
      if (value === undefined) delete fields.attributes[key]
      else fields.attributes[key] = value
    } else {
      throw validationException(`Invalid attribute path: ${path}`)
    }
  }
  checkAttributes(fields.attributes)
  return fields
}

/** The user's changes for the store from a CreateUser body or applied operations. */
function changesOf(fields: UserFields, now: number): UserChanges {
  const { GivenName, FamilyName, ...rest } = fields.name
  const name = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null))
  const attributes = { ...fields.attributes }
  if (Object.keys(name).length > 0) attributes.Name = name
  else delete attributes.Name
  return compact({
    userName: fields.userName,
    displayName: fields.displayName,
    givenName: typeof GivenName === 'string' ? GivenName : null,
    familyName: typeof FamilyName === 'string' ? FamilyName : null,
    email: primaryEmail(attributes.Emails),
    attributes,
    updatedAt: now,
  })
}

/** The user with this unique attribute or external id (`AlternateIdentifier`). */
function findUser(ctx: AwsContext, identifier: unknown): User | undefined {
  const { store } = ctx.deps
  if (!identifier || typeof identifier !== 'object') throw validationException('AlternateIdentifier must be set')
  const { UniqueAttribute: unique, ExternalId: external } = identifier as JsonBody
  if (external && typeof external === 'object') {
    return store.listUsers().find((u) => hasExternalId(u.attributes, external as JsonBody))
  }
  if (!unique || typeof unique !== 'object') throw validationException('AlternateIdentifier must be set')
  const path = requiredString(unique as JsonBody, 'AttributePath', 255)
  const value = (unique as JsonBody).AttributeValue
  if (typeof value !== 'string') throw validationException('AttributeValue must be a string')
  if (path.toLowerCase() === 'username') return store.findUserByName(value)
  if (path.toLowerCase() === 'emails.value')
    return store.listUsers().find((u) => u.email?.toLowerCase() === value.toLowerCase())
  throw validationException(`Invalid attribute path: ${path}`)
}

/** The identitystore user operations. */
export function createUserOperations(ctx: AwsContext): Record<string, JsonOperation> {
  const { store } = ctx.deps
  return {
    CreateUser(body) {
      const storeId = storeIdOf(ctx, body)
      const userName = requiredString(body, 'UserName', 128)
      checkUserName(userName)
      const changes = changesOf(fieldsOfBody(body), ctx.deps.clock())
      if (store.findUserByName(userName)) throw uniquenessConflict(`Duplicate UserName: ${userName}`)
      const user = store.createUser({
        id: newDirectoryId(ctx.deps.ids),
        userName,
        email: changes.email,
        givenName: changes.givenName,
        familyName: changes.familyName,
        displayName: changes.displayName,
        attributes: changes.attributes,
        status: 'invited',
        createdAt: ctx.deps.clock(),
      })
      // The invitation page sets a password and enrols MFA; its link goes to the log (there is no mail).
      createInvitation(ctx.deps, user.id)
      return { UserId: user.id, IdentityStoreId: storeId }
    },
    DescribeUser(body) {
      const storeId = storeIdOf(ctx, body)
      return userShape(storeId, userOf(store, resourceIdOf(body, 'UserId')))
    },
    ListUsers(body) {
      const storeId = storeIdOf(ctx, body)
      const userName = filterValue(body, 'UserName')
      const users = store
        .listUsers()
        .filter((u) => userName === undefined || u.userName.toLowerCase() === userName.toLowerCase())
      const { page, nextToken } = paginate(body, users)
      return compact({ Users: page.map((u) => userShape(storeId, u)), NextToken: nextToken })
    },
    UpdateUser(body) {
      storeIdOf(ctx, body)
      const user = userOf(store, resourceIdOf(body, 'UserId'))
      const changes = changesOf(applyOperations(user, body.Operations), ctx.deps.clock())
      if (changes.userName !== undefined) {
        const other = store.findUserByName(changes.userName)
        if (other && other.id !== user.id) throw uniquenessConflict(`Duplicate UserName: ${changes.userName}`)
      }
      store.updateUser(user.id, changes)
      return {}
    },
    DeleteUser(body) {
      storeIdOf(ctx, body)
      const id = resourceIdOf(body, 'UserId')
      if (!store.deleteUser(id)) throw notFound('USER not found.', 'USER', id)
      return {}
    },
    GetUserId(body) {
      const storeId = storeIdOf(ctx, body)
      const user = findUser(ctx, body.AlternateIdentifier)
      if (!user) throw notFound('USER not found.', 'USER')
      return { UserId: user.id, IdentityStoreId: storeId }
    },
  }
}

/** The `Filters` of ListUsers/ListGroups (deprecated but still sent): one attribute equality. */
export function filterValue(body: JsonBody, attribute: string): string | undefined {
  const filters = body.Filters
  if (filters === undefined || filters === null) return undefined
  if (!Array.isArray(filters) || filters.length > 1)
    throw validationException('Filters must contain at most one filter')
  const f = filters[0] as { AttributePath?: unknown; AttributeValue?: unknown } | undefined
  if (!f) return undefined
  if (typeof f.AttributePath !== 'string' || f.AttributePath.toLowerCase() !== attribute.toLowerCase())
    throw validationException(`Filtering is only supported on ${attribute}`)
  if (typeof f.AttributeValue !== 'string') throw validationException('AttributeValue must be a string')
  return f.AttributeValue
}
