// Unit tests of the store operations the admin APIs, SCIM and the console share: user and group
// changes and deletions, admin records and SCIM tokens.
import { beforeEach, describe, expect, it } from 'vitest'
import { applyOrg } from '../domain/org.js'
import { DEMO_ORG } from '../domain/demo-org.js'
import { createSeededIds } from '../ids.js'
import { createTestPasswordHasher } from '../../../test/helpers/server/test-deps.js'
import { StoreLimitError } from './limits.js'
import { openStore, type Store } from './store.js'

let store: Store

beforeEach(() => {
  store = openStore({ path: ':memory:' })
  const ids = createSeededIds(3)
  applyOrg({ store, ids, clock: () => 1, passwords: createTestPasswordHasher(ids) }, DEMO_ORG)
})

describe('directory changes', () => {
  it('disables a user whatever their status, and enabling restores it', () => {
    const alice = store.findUserByName('alice')?.id as string
    expect(store.updateUser(alice, { disabled: true, updatedAt: 5 })?.status).toBe('disabled')
    store.activateUser(alice)
    expect(store.getUser(alice)?.status).toBe('disabled')
    const enabled = store.updateUser(alice, { disabled: false, displayName: 'A', updatedAt: 6 })
    expect(enabled).toMatchObject({ status: 'active', displayName: 'A', updatedAt: 6 })
  })

  it('deletes a user with memberships and assignments, and a group with its assignments', () => {
    const bob = store.findUserByName('bob')?.id as string
    const developers = store.findGroupByName('Developers')?.id as string
    expect(store.listAssignments({ principalId: developers }).length).toBeGreaterThan(0)
    expect(store.deleteUser(bob)).toBe(true)
    expect(store.listGroupMemberships(developers)).toEqual([])
    expect(store.deleteGroup(developers)).toBe(true)
    expect(store.listAssignments({ principalId: developers })).toEqual([])
    expect(store.deleteGroup(developers)).toBe(false)
  })

  it('refuses attributes past their limit', () => {
    const alice = store.findUserByName('alice')?.id as string
    expect(() => store.updateUser(alice, { attributes: { NickName: 'x'.repeat(40_000) }, updatedAt: 1 })).toThrow(
      StoreLimitError,
    )
  })
})

describe('admin records', () => {
  it('keeps records by kind and parent, and deletes a parent’s records', () => {
    store.putAdminRecord({ kind: 'k', id: 'a', parentId: 'p', data: { n: 1 }, createdAt: 1 })
    store.putAdminRecord({ kind: 'k', id: 'b', parentId: 'q', data: { n: 2 }, createdAt: 2 })
    store.putAdminRecord({ kind: 'k', id: 'a', parentId: 'p', data: { n: 3 }, createdAt: 9 })
    expect(store.getAdminRecord('k', 'a')).toEqual({ kind: 'k', id: 'a', parentId: 'p', data: { n: 3 }, createdAt: 1 })
    expect(store.listAdminRecords('k').map((r) => r.id)).toEqual(['a', 'b'])
    expect(store.deleteAdminRecordsOf('k', 'p')).toBe(1)
    expect(store.listAdminRecords('k', 'p')).toEqual([])
  })

  it('deletes a permission set’s records with it', () => {
    const ps = store.findPermissionSetByName('ReadOnly')?.id as string
    store.putAdminRecord({ kind: 'boundary', id: ps, parentId: ps, data: {}, createdAt: 1 })
    expect(store.deletePermissionSet(ps)).toBe(true)
    expect(store.getAdminRecord('boundary', ps)).toBeUndefined()
  })
})

describe('SCIM tokens', () => {
  it('finds a token by hash until it expires, and records its use', () => {
    store.createScimToken({ id: 't', tokenHash: 'h', createdAt: 1, expiresAt: 100, lastUsedAt: null })
    expect(store.useScimToken('h', 50)?.lastUsedAt).toBe(50)
    expect(store.listScimTokens()[0]?.lastUsedAt).toBe(50)
    expect(store.useScimToken('h', 100)).toBeUndefined()
    expect(store.useScimToken('other', 50)).toBeUndefined()
  })
})
