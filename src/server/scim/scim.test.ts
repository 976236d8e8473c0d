// Server tests for SCIM v2 through the whole app, with the request bodies Okta and Entra ID send,
// and the abuse cases: no token, a wrong token, an oversized body, filters Identity Center refuses.
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import { issueRoleCredentials } from '../domain/role-credentials.js'
import type { PermissionSet, User } from '../store/store.js'
import { createTestDeps, type TestDeps } from '../../../test/helpers/server/test-deps.js'
import { adminApis } from '../../../test/helpers/server/admin-api.js'

let deps: TestDeps
let app: ReturnType<typeof createApp>
let token: string

beforeEach(async () => {
  deps = createTestDeps({ now: Date.now() })
  app = createApp(deps)
  const created = await adminApis(app, deps.store).scim('CreateScimAccessToken', {})
  expect(created.status).toBe(200)
  token = created.json.AccessToken
})

async function scim(method: string, path: string, body?: unknown, auth: string | null = `Bearer ${token}`) {
  const headers: Record<string, string> = { 'Content-Type': 'application/scim+json' }
  if (auth !== null) headers.Authorization = auth
  const res = await app.request(`/scim/v2${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await res.text()
  const type = res.headers.get('content-type')
  return { status: res.status, type, json: text && type?.includes('json') ? JSON.parse(text) : undefined }
}

// What Okta sends to create a user.
const OKTA_USER = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'dana@example.com',
  name: { givenName: 'Dana', familyName: 'Example' },
  emails: [{ primary: true, value: 'dana@example.com', type: 'work' }],
  displayName: 'Dana Example',
  locale: 'en-US',
  externalId: '00u1abcd',
  groups: [],
  password: 'never-stored-1',
  active: true,
}

describe('SCIM users', () => {
  it('creates an Okta user as an invited user with an invitation, and finds it by filter', async () => {
    const created = await scim('POST', '/Users', OKTA_USER)
    expect(created.status).toBe(201)
    expect(created.type).toBe('application/scim+json')
    expect(created.json).toMatchObject({
      userName: 'dana@example.com',
      name: { givenName: 'Dana', familyName: 'Example' },
      emails: [{ value: 'dana@example.com', type: 'work', primary: true }],
      externalId: '00u1abcd',
      active: true,
      meta: { resourceType: 'User' },
    })
    const user = deps.store.getUser(created.json.id)
    expect(user?.status).toBe('invited')
    expect(user?.passwordHash).toBeNull()
    expect(deps.lines.some((l) => l.includes('Invitation for dana@example.com'))).toBe(true)
    const found = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "dana@example.com"')}`)
    expect(found.json).toMatchObject({ totalResults: 1, Resources: [{ id: created.json.id }] })
    const byExternal = await scim('GET', `/Users?filter=${encodeURIComponent('externalId eq "00u1abcd"')}`)
    expect(byExternal.json.totalResults).toBe(1)
    expect((await scim('POST', '/Users', OKTA_USER)).json).toMatchObject({ status: '409', scimType: 'uniqueness' })
  })

  it('applies Entra ID PATCH operations, including active "False", and Okta’s PUT', async () => {
    const id = (await scim('POST', '/Users', OKTA_USER)).json.id
    const patched = await scim('PATCH', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'Replace', path: 'displayName', value: 'Dana E.' },
        { op: 'Replace', path: 'name.familyName', value: 'Exemplar' },
        { op: 'Add', path: 'emails[type eq "work"].value', value: 'dana.e@example.com' },
        { op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Ops' },
        { op: 'Replace', path: 'active', value: 'False' },
      ],
    })
    expect(patched.status).toBe(200)
    expect(patched.json).toMatchObject({
      displayName: 'Dana E.',
      name: { familyName: 'Exemplar' },
      emails: [{ value: 'dana.e@example.com' }],
      active: false,
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Ops' },
    })
    expect(deps.store.getUser(id)?.status).toBe('disabled')
    const put = await scim('PUT', `/Users/${id}`, { ...OKTA_USER, active: true, title: 'Lead' })
    expect(put.json).toMatchObject({ active: true, title: 'Lead', displayName: 'Dana Example' })
    expect(deps.store.getUser(id)?.status).toBe('invited')
    expect((await scim('DELETE', `/Users/${id}`)).status).toBe(204)
    expect((await scim('GET', `/Users/${id}`)).json).toMatchObject({ status: '404' })
  })
})

describe('SCIM groups', () => {
  it('creates an Entra group, adds and removes members by PATCH, and answers membership filters', async () => {
    const a = (await scim('POST', '/Users', OKTA_USER)).json.id
    const b = (await scim('POST', '/Users', { ...OKTA_USER, userName: 'eve@example.com', externalId: 'x2' })).json.id
    const group = await scim('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'Engineering',
      members: [],
    })
    expect(group.status).toBe(201)
    const gid = group.json.id
    const add = await scim('PATCH', `/Groups/${gid}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Add', path: 'members', value: [{ value: a }, { value: b }] }],
    })
    expect(add.status).toBe(204)
    const members = (filter: string) => scim('GET', `/Groups?filter=${encodeURIComponent(filter)}`)
    expect((await members(`id eq "${gid}" and members eq "${a}"`)).json.totalResults).toBe(1)
    // Okta removes with a filtered path, Entra with a value list.
    await scim('PATCH', `/Groups/${gid}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'remove', path: `members[value eq "${a}"]` }],
    })
    await scim('PATCH', `/Groups/${gid}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'Remove', path: 'members', value: [{ value: b }] },
        { op: 'Replace', path: 'displayName', value: 'Platform' },
      ],
    })
    expect(deps.store.listGroupMemberships(gid)).toEqual([])
    expect((await members('displayName eq "Platform"')).json.Resources).toEqual([
      expect.objectContaining({ id: gid, displayName: 'Platform', externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159' }),
    ])
    expect((await scim('DELETE', `/Groups/${gid}`)).status).toBe(204)
  })

  it('refuses what Identity Center does not implement with its 400: PUT on a group, replacing or removing all members', async () => {
    const gid = (await scim('POST', '/Groups', { displayName: 'Ops' })).json.id
    const uid = (await scim('POST', '/Users', OKTA_USER)).json.id
    const patch = (operation: Record<string, unknown>) =>
      scim('PATCH', `/Groups/${gid}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [operation],
      })
    expect((await patch({ op: 'add', path: 'members', value: [{ value: uid }] })).status).toBe(204)
    for (const [name, answer] of [
      ['PUT', await scim('PUT', `/Groups/${gid}`, { displayName: 'x' })],
      ['replace members', await patch({ op: 'replace', path: 'members', value: [{ value: uid }] })],
      ['remove all members', await patch({ op: 'remove', path: 'members' })],
      ['replace with members', await patch({ op: 'replace', value: { members: [{ value: uid }] } })],
    ] as const) {
      expect([answer.status, answer.json?.status, answer.json?.detail], name).toEqual([
        400,
        '400',
        expect.stringContaining('not supported by the IAM Identity Center SCIM implementation'),
      ])
    }
    expect(deps.store.listGroupMemberships(gid).map((m) => m.userId)).toEqual([uid])
    expect(deps.store.getGroup(gid)?.displayName).toBe('Ops')
  })

  it.each([
    ['POST', '/Bulk'],
    ['GET', '/Me'],
    ['POST', '/.search'],
    ['POST', '/Users/.search'],
  ])('answers %s %s, an endpoint Identity Center does not have, with its 400', async (method, path) => {
    const answer = await scim(method, path, method === 'GET' ? undefined : { schemas: [] })
    expect([answer.status, answer.json?.detail]).toEqual([400, expect.stringContaining('is not supported')])
  })
})

describe('the tenant path, as AWS serves SCIM', () => {
  it('serves /<tenant id>/scim/v2/, the endpoint CreateScimAccessToken and the console give', async () => {
    const created = await adminApis(app, deps.store).scim('CreateScimAccessToken', {})
    const endpoint: string = created.json.ScimEndpoint
    expect(endpoint).toMatch(
      /^http:\/\/localhost\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/scim\/v2\/$/,
    )
    const path = new URL(endpoint).pathname
    const res = await app.request(`${path}Users?filter=${encodeURIComponent('userName eq "alice"')}`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { Resources: { userName: string }[] }).Resources.map((u) => u.userName)).toEqual([
      'alice',
    ])
    // The tenant id is kept in the store, so it stays the same across restarts on the same data.
    expect(deps.store.getMeta('scim_tenant_id')).toBe(path.split('/')[1])
  })

  it('refuses another tenant id with 401, as AWS does, even with a valid token', async () => {
    const res = await app.request('/00000000-0000-0000-0000-000000000000/scim/v2/Users', {
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(401)
    expect(res.headers.get('content-type')).toBe('application/scim+json')
  })
})

describe('SCIM discovery', () => {
  it('serves ServiceProviderConfig, ResourceTypes and Schemas', async () => {
    expect((await scim('GET', '/ServiceProviderConfig')).json).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 100 },
    })
    expect((await scim('GET', '/ResourceTypes')).json.Resources.map((r: { id: string }) => r.id)).toEqual([
      'User',
      'Group',
    ])
    const user = await scim('GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User')
    expect(user.json.attributes.map((a: { name: string }) => a.name)).toContain('userName')
  })
})

describe('SCIM abuse cases', () => {
  it.each([
    ['no token', null],
    ['a wrong token', `Bearer ${'A'.repeat(64)}`],
    ['a token in another scheme', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l'],
  ])('refuses %s with 401 and a SCIM error', async (_name, auth) => {
    const res = await scim('GET', '/Users', undefined, auth === null ? null : auth)
    expect(res.status).toBe(401)
    expect(res.json).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' })
  })

  it('refuses a deleted token and an expired one', async () => {
    const [record] = deps.store.listScimTokens()
    deps.store.deleteScimToken(record?.id as string)
    expect((await scim('GET', '/Users')).status).toBe(401)
    const fresh = (await adminApis(app, deps.store).scim('CreateScimAccessToken', {})).json.AccessToken
    deps.advance(366 * 24 * 3600_000)
    expect((await scim('GET', '/Users', undefined, `Bearer ${fresh}`)).status).toBe(401)
  })

  it('allows at most two tokens, and only to callers the policies allow', async () => {
    const apis = adminApis(app, deps.store)
    expect((await apis.scim('CreateScimAccessToken', {})).status).toBe(200)
    expect((await apis.scim('CreateScimAccessToken', {})).json.__type).toBe('ServiceQuotaExceededException')
    const list = await apis.scim('ListScimAccessTokens', {})
    expect(JSON.stringify(list.json)).not.toContain(token)
    const bob = deps.store.findUserByName('bob')
    const billing = deps.store.findPermissionSetByName('BillingOnly')
    const c = issueRoleCredentials(deps, bob as User, '123456789022', billing as PermissionSet)
    const denied = await apis.scim('ListScimAccessTokens', {}, c)
    expect(denied.json.__type).toBe('AccessDeniedException')
  })

  it.each([
    ['a filter on an unsupported attribute', 'title eq "x"'],
    ['an operator other than eq', 'userName co "a"'],
    ['three conditions', 'id eq "a" and id eq "b" and id eq "c"'],
    ['an unquoted value', 'userName eq alice'],
    ['a filter over 1 KiB', `userName eq "${'a'.repeat(1100)}"`],
  ])('refuses %s with invalidFilter', async (_name, filter) => {
    const res = await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`)
    expect(res.status).toBe(400)
    expect(res.json).toMatchObject({ scimType: 'invalidFilter' })
  })

  it('refuses an oversized body with 413 and a malformed one with 400', async () => {
    const big = await scim('POST', '/Users', { ...OKTA_USER, displayName: 'x'.repeat(70 * 1024) })
    expect(big.status).toBe(413)
    expect((await scim('POST', '/Users', '{not json')).json).toMatchObject({ status: '400', scimType: 'invalidSyntax' })
    expect((await scim('POST', '/Users', { userName: 'has space' })).json.scimType).toBe('invalidValue')
    expect((await scim('PATCH', '/Users/x', { Operations: [] })).status).toBe(404)
  })
})
