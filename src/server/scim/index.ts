/**
 * SCIM v2 (RFC 7643/7644), the endpoint identity providers (Okta, Entra ID, …) provision users and
 * groups through; AWS serves it at `https://scim.<region>.amazonaws.com/<tenant>/scim/v2/`, this
 * server at `/<tenant>/scim/v2/` (`tenant.ts`) and, as a short form, `/scim/v2/`. Every request
 * needs a bearer token the administrator created; answers and errors are `application/scim+json`.
 * Changes go through the store's directory operations. What Identity Center does not implement
 * (PUT on a group, `/Bulk`, `/Me`, `/.search`) is refused as AWS refuses it: 400, "the operation
 * is unsupported".
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { ServerDeps } from '../deps.js'
import type { Group, User } from '../store/store.js'
import { resourceTypes, schemas, serviceProviderConfig } from './discovery.js'
import { SCIM_CONTENT_TYPE, ScimError, scimErrorBody } from './errors.js'
import { parseScimFilter, type ScimEquality } from './filter.js'
import { createScimGroup, patchScimGroup, toScimGroup } from './groups.js'
import { applyScimPatch } from './patch.js'
import { scimTenantId } from './tenant.js'
import { checkScimToken } from './tokens.js'
import { createScimUser, replaceScimUser, SCIM_ISSUER, toScimUser } from './users.js'

const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'
const MAX_COUNT = 100

function scimJson(c: Context, body: unknown, status: 200 | 201 = 200): Response {
  return c.body(JSON.stringify(body), status, { 'Content-Type': SCIM_CONTENT_TYPE })
}

async function bodyOf(c: Context): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await c.req.json()
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>
  } catch {
    // Answered below.
  }
  throw new ScimError(400, 'The request body must be a JSON object', 'invalidSyntax')
}

function page<T>(c: Context, items: readonly T[], shape: (item: T) => unknown): Response {
  const start = Math.max(1, Number.parseInt(c.req.query('startIndex') ?? '1', 10) || 1)
  const rawCount = c.req.query('count')
  const count = Math.min(
    MAX_COUNT,
    Math.max(0, rawCount === undefined ? MAX_COUNT : Number.parseInt(rawCount, 10) || 0),
  )
  const slice = items.slice(start - 1, start - 1 + count)
  return scimJson(c, {
    schemas: [LIST_RESPONSE],
    totalResults: items.length,
    itemsPerPage: slice.length,
    startIndex: start,
    Resources: slice.map(shape),
  })
}

function externalIdIs(attributes: Record<string, unknown>, value: string): boolean {
  const ids = attributes.ExternalIds
  return (
    Array.isArray(ids) &&
    ids.some((e: { Issuer?: unknown; Id?: unknown }) => e.Issuer === SCIM_ISSUER && e.Id === value)
  )
}

function userMatches(u: User, f: ScimEquality): boolean {
  if (f.attribute === 'id') return u.id === f.value
  if (f.attribute === 'username') return u.userName.toLowerCase() === f.value.toLowerCase()
  return externalIdIs(u.attributes, f.value)
}

/** Refuses an operation Identity Center's SCIM does not implement, with its 400. */
function unsupported(what: string): never {
  throw new ScimError(400, `${what} is not supported by the IAM Identity Center SCIM implementation`)
}

/** The SCIM sub-app, mounted at the root: its routes are `/<tenant>/scim/v2/…` and `/scim/v2/…`. */
export function createScimApi(deps: ServerDeps): Hono {
  const outer = new Hono()
  const app = new Hono()
  const { store } = deps
  const userOf = (id: string): User => {
    const user = store.getUser(id)
    if (!user) throw new ScimError(404, `User ${id} not found`)
    return user
  }
  const groupOf = (id: string): Group => {
    const group = store.getGroup(id)
    if (!group) throw new ScimError(404, `Group ${id} not found`)
    return group
  }

  app.use('*', async (c, next) => {
    // As AWS: a tenant id that is not the instance's is refused like a wrong token.
    const tenant = c.req.param('tenant')
    if (tenant !== undefined && tenant !== scimTenantId(deps))
      throw new ScimError(401, "The tenant id in the path is not this instance's")
    if (!checkScimToken(deps, c.req.header('authorization')))
      throw new ScimError(401, 'The bearer token is missing, invalid or expired')
    await next()
  })
  app.get('/ServiceProviderConfig', (c) => scimJson(c, serviceProviderConfig()))
  app.get('/ResourceTypes', (c) => page(c, resourceTypes(), (r) => r))
  app.get('/ResourceTypes/:id', (c) => {
    const found = resourceTypes().find((r) => r.id === c.req.param('id'))
    if (!found) throw new ScimError(404, 'Resource type not found')
    return scimJson(c, found)
  })
  app.get('/Schemas', (c) => page(c, schemas(), (s) => s))
  app.get('/Schemas/:id', (c) => {
    const found = schemas().find((s) => s.id === c.req.param('id'))
    if (!found) throw new ScimError(404, 'Schema not found')
    return scimJson(c, found)
  })

  app.get('/Users', (c) => {
    const filter = c.req.query('filter')
    const conditions = filter === undefined ? [] : parseScimFilter(filter, ['id', 'username', 'externalid'])
    const users = store.listUsers().filter((u) => conditions.every((f) => userMatches(u, f)))
    return page(c, users, toScimUser)
  })
  app.post('/Users', async (c) => scimJson(c, toScimUser(createScimUser(deps, await bodyOf(c))), 201))
  app.get('/Users/:id', (c) => scimJson(c, toScimUser(userOf(c.req.param('id')))))
  app.put('/Users/:id', async (c) => {
    const user = userOf(c.req.param('id'))
    return scimJson(c, toScimUser(replaceScimUser(deps, user, await bodyOf(c))))
  })
  app.patch('/Users/:id', async (c) => {
    const user = userOf(c.req.param('id'))
    const patched = applyScimPatch(toScimUser(user), await bodyOf(c))
    return scimJson(c, toScimUser(replaceScimUser(deps, user, patched)))
  })
  app.delete('/Users/:id', (c) => {
    store.deleteUser(userOf(c.req.param('id')).id)
    return c.body(null, 204)
  })

  app.get('/Groups', (c) => {
    const filter = c.req.query('filter')
    const conditions =
      filter === undefined ? [] : parseScimFilter(filter, ['id', 'displayname', 'externalid', 'members'])
    const groups = store.listGroups().filter((g) =>
      conditions.every((f) => {
        if (f.attribute === 'id') return g.id === f.value
        if (f.attribute === 'displayname') return g.displayName === f.value
        if (f.attribute === 'members') return store.findGroupMembership(g.id, f.value) !== undefined
        return externalIdIs(g.attributes, f.value)
      }),
    )
    return page(c, groups, toScimGroup)
  })
  app.post('/Groups', async (c) => scimJson(c, toScimGroup(createScimGroup(deps, await bodyOf(c))), 201))
  app.get('/Groups/:id', (c) => scimJson(c, toScimGroup(groupOf(c.req.param('id')))))
  app.patch('/Groups/:id', async (c) => {
    const group = groupOf(c.req.param('id'))
    patchScimGroup(deps, group, await bodyOf(c))
    // Identity Center answers a group PATCH with 204 and no body.
    return c.body(null, 204)
  })
  // Identity Center has no PutGroup: identity providers replace members with PATCH.
  app.put('/Groups/:id', () => unsupported('Replacing a group with PUT'))
  app.delete('/Groups/:id', (c) => {
    store.deleteGroup(groupOf(c.req.param('id')).id)
    return c.body(null, 204)
  })
  app.all('/Bulk', () => unsupported('The /Bulk endpoint'))
  app.all('/Me', () => unsupported('The /Me endpoint'))
  app.all('/Me/*', () => unsupported('The /Me endpoint'))
  app.post('/.search', () => unsupported('Searching with POST /.search'))
  app.post('/:type{Users|Groups}/.search', () => unsupported('Searching with POST /.search'))
  app.all('*', () => {
    throw new ScimError(404, 'Not found')
  })

  app.onError((error, c) => {
    if (error instanceof ScimError) {
      deps.recordRequest('Scim', String(error.status))
      return c.body(JSON.stringify(scimErrorBody(error)), error.status, { 'Content-Type': SCIM_CONTENT_TYPE })
    }
    throw error
  })
  outer.route('/:tenant/scim/v2', app)
  outer.route('/scim/v2', app)
  return outer
}
