/**
 * SCIM Users over the store's directory: the mapping between a SCIM user and identitystore's
 * attributes, and the routes. A user an identity provider creates starts invited, with an
 * invitation link in the log like a user created any other way; `active: false` disables them.
 *
 * @module
 */
import { createInvitation } from '../domain/invitations.js'
import { newDirectoryId } from '../domain/org.js'
import type { ServerDeps } from '../deps.js'
import type { DirectoryAttributes, User, UserChanges } from '../store/store.js'
import { ScimError } from './errors.js'
import { ENTERPRISE_USER } from './patch.js'

/** The SCIM core user schema. */
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User'
/** The issuer SCIM `externalId`s are kept under in identitystore's `ExternalIds`. */
export const SCIM_ISSUER = 'scim'

type Json = Record<string, unknown>

const SIMPLE = [
  ['nickName', 'NickName'],
  ['profileUrl', 'ProfileUrl'],
  ['title', 'Title'],
  ['userType', 'UserType'],
  ['preferredLanguage', 'PreferredLanguage'],
  ['locale', 'Locale'],
  ['timezone', 'Timezone'],
] as const
const MULTI = [
  ['emails', 'Emails'],
  ['addresses', 'Addresses'],
  ['phoneNumbers', 'PhoneNumbers'],
] as const
const NAME_PARTS = ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix']

function recase(value: unknown, first: (c: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => recase(v, first))
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [first(k.charAt(0)) + k.slice(1), recase(v, first)]))
}
const camel = (value: unknown) => recase(value, (c) => c.toLowerCase())
const pascal = (value: unknown) => recase(value, (c) => c.toUpperCase())

/** A store user as a SCIM resource. */
export function toScimUser(u: User): Json {
  const a = u.attributes
  const externalId = Array.isArray(a.ExternalIds)
    ? (a.ExternalIds as Json[]).find((e) => e.Issuer === SCIM_ISSUER)?.Id
    : undefined
  const name = {
    ...(camel(a.Name ?? {}) as Json),
    givenName: u.givenName ?? undefined,
    familyName: u.familyName ?? undefined,
  }
  const out: Json = {
    schemas: [USER_SCHEMA],
    id: u.id,
    externalId,
    userName: u.userName,
    name: Object.values(name).some((v) => v !== undefined) ? name : undefined,
    displayName: u.displayName ?? undefined,
    active: u.status !== 'disabled',
  }
  for (const [scim, aws] of SIMPLE) out[scim] = a[aws]
  for (const [scim, aws] of MULTI) out[scim] = a[aws] === undefined ? undefined : camel(a[aws])
  if (out.emails === undefined && u.email) out.emails = [{ value: u.email, type: 'work', primary: true }]
  const enterprise = (a.Extensions as Json | undefined)?.[ENTERPRISE_USER]
  if (enterprise) {
    out.schemas = [USER_SCHEMA, ENTERPRISE_USER]
    out[ENTERPRISE_USER] = enterprise
  }
  out.meta = {
    resourceType: 'User',
    created: new Date(u.createdAt).toISOString(),
    lastModified: new Date(u.updatedAt ?? u.createdAt).toISOString(),
  }
  return JSON.parse(JSON.stringify(out)) as Json
}

function stringOrNull(value: unknown, name: string, max = 1024): string | null {
  if (value === undefined || value === null || value === '') return null
  if (typeof value !== 'string' || value.length > max)
    throw new ScimError(400, `${name} must be a string`, 'invalidValue')
  return value
}

function activeOf(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (typeof value === 'boolean') return value
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true'
  throw new ScimError(400, 'active must be a boolean', 'invalidValue')
}

/** A SCIM user (POST or PUT body, or a patched resource) as the store's user fields. */
export function fromScimUser(body: unknown): { userName: string; changes: Omit<UserChanges, 'updatedAt'> } {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new ScimError(400, 'The request body must be a SCIM User', 'invalidSyntax')
  const b = Object.fromEntries(
    Object.entries(body as Json).map(([k, v]) => [
      k.toLowerCase().startsWith('urn:') ? k : k.charAt(0).toLowerCase() + k.slice(1),
      v,
    ]),
  )
  const userName = stringOrNull(b.userName, 'userName', 128)
  if (!userName || /\s/.test(userName))
    throw new ScimError(400, 'userName is required and has no spaces', 'invalidValue')
  const attributes: DirectoryAttributes = {}
  for (const [scim, aws] of SIMPLE) {
    const value = stringOrNull(b[scim], scim)
    if (value !== null) attributes[aws] = value
  }
  for (const [scim, aws] of MULTI) {
    const value = b[scim]
    if (value === undefined || value === null) continue
    if (!Array.isArray(value)) throw new ScimError(400, `${scim} must be a list`, 'invalidValue')
    // identitystore keeps one value of each; the primary one when the IdP sends several.
    const list = value as Json[]
    const chosen = list.find((v) => v?.primary === true || v?.primary === 'True') ?? list[0]
    if (chosen) attributes[aws] = [pascal(chosen)]
  }
  const name = (b.name ?? {}) as Json
  const nameExtra = Object.fromEntries(
    NAME_PARTS.filter((p) => !['givenName', 'familyName'].includes(p) && typeof name[p] === 'string').map((p) => [
      p.charAt(0).toUpperCase() + p.slice(1),
      name[p],
    ]),
  )
  if (Object.keys(nameExtra).length) attributes.Name = nameExtra
  const externalId = stringOrNull(b.externalId, 'externalId', 256)
  if (externalId) attributes.ExternalIds = [{ Issuer: SCIM_ISSUER, Id: externalId }]
  const enterprise = Object.entries(body as Json).find(([k]) => k.toLowerCase() === ENTERPRISE_USER.toLowerCase())?.[1]
  if (enterprise && typeof enterprise === 'object') attributes.Extensions = { [ENTERPRISE_USER]: enterprise }
  const emails = attributes.Emails as Json[] | undefined
  return {
    userName,
    changes: {
      userName,
      displayName: stringOrNull(b.displayName, 'displayName'),
      givenName: stringOrNull(name.givenName, 'name.givenName'),
      familyName: stringOrNull(name.familyName, 'name.familyName'),
      email: typeof emails?.[0]?.Value === 'string' ? (emails[0].Value as string) : null,
      attributes,
      disabled: !activeOf(b.active),
    },
  }
}

/** Creates a user from a SCIM body: invited, with an invitation link in the log. */
export function createScimUser(deps: ServerDeps, body: unknown): User {
  const { userName, changes } = fromScimUser(body)
  const { store } = deps
  return store.transaction(() => {
    if (store.findUserByName(userName)) throw new ScimError(409, `User ${userName} already exists`, 'uniqueness')
    const user = store.createUser({
      id: newDirectoryId(deps.ids),
      userName,
      email: changes.email,
      givenName: changes.givenName,
      familyName: changes.familyName,
      displayName: changes.displayName,
      attributes: changes.attributes,
      status: 'invited',
      createdAt: deps.clock(),
    })
    if (changes.disabled) store.updateUser(user.id, { disabled: true, updatedAt: deps.clock() })
    createInvitation(deps, user.id)
    return store.getUser(user.id) as User
  })
}

/** Replaces a user's attributes with a SCIM body's (PUT, and PATCH after applying it). */
export function replaceScimUser(deps: ServerDeps, user: User, body: unknown): User {
  const { userName, changes } = fromScimUser(body)
  const other = deps.store.findUserByName(userName)
  if (other && other.id !== user.id) throw new ScimError(409, `User ${userName} already exists`, 'uniqueness')
  return deps.store.updateUser(user.id, { ...changes, updatedAt: deps.clock() }) as User
}
