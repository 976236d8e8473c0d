import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore } from './store.js'
import { MIGRATIONS } from './migrations.js'
import { openSql } from './sqlite.js'
import { createAdminRecordStore } from './admin-records.js'
import { createCredentialStore } from './credentials.js'
import { createScimTokenStore } from './scim-tokens.js'
import { createDirectoryStore } from './directory.js'
import { createIamStore } from './iam.js'
import { createInvitationStore } from './invitations.js'
import { createOidcStore } from './oidc.js'
import { createOrganizationStore } from './organization.js'
import { createPermissionSetStore } from './permission-sets.js'
import { createTokenStore } from './tokens.js'
import { createWebSessionStore } from './web-sessions.js'
import { applyOrg } from '../domain/org.js'
import { DEMO_ORG } from '../domain/demo-org.js'
import { createSeededIds } from '../ids.js'
import { createTestPasswordHasher } from '../../../test/helpers/server/test-deps.js'

const clock = () => Date.parse('2026-11-22T00:00:00Z')
const passwords = createTestPasswordHasher(createSeededIds(2))
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('store', () => {
  it('gives every method to exactly one domain module, so composing them hides none', () => {
    const sql = openSql(':memory:')
    const directory = createDirectoryStore(sql)
    const modules = [
      createOrganizationStore(sql),
      directory,
      createPermissionSetStore(sql),
      createIamStore(sql),
      createOidcStore(sql),
      createTokenStore(sql),
      createWebSessionStore(sql),
      createInvitationStore(sql, directory),
      createCredentialStore(sql),
      createAdminRecordStore(sql),
      createScimTokenStore(sql),
    ]
    const names = modules.flatMap((m) => Object.keys(m))
    expect(names.length).toBeGreaterThan(80)
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([])
    const store = openStore({ path: ':memory:' })
    expect(Object.keys(store)).toEqual(expect.arrayContaining(names))
    expect('db' in store).toBe(false)
    sql.close()
    store.close()
  })

  it('records every migration in schema_migrations', () => {
    const store = openStore({ path: ':memory:' })
    expect(store.appliedMigrations()).toEqual(MIGRATIONS.map((m) => m.version))
  })

  it('applies the demo organisation idempotently', () => {
    const store = openStore({ path: ':memory:' })
    const ctx = { store, ids: createSeededIds(1), clock, passwords }
    applyOrg(ctx, DEMO_ORG)
    const before = { ps: store.listPermissionSets(), users: store.listUsers(), assignments: store.listAssignments() }
    applyOrg(ctx, DEMO_ORG)
    expect(store.listPermissionSets()).toEqual(before.ps)
    expect(store.listUsers()).toEqual(before.users)
    expect(store.listAssignments()).toEqual(before.assignments)
    expect(store.getInstance()).toMatchObject({
      id: 'd-9567a1b2c3',
      region: 'ap-northeast-1',
      startUrl: 'https://d-9567a1b2c3.awsapps.com/start',
      sessionDurationSeconds: 28800,
    })
    expect(store.listAccounts().map((a) => a.name)).toEqual(['DeveloperAccount', 'ProductionAccount'])
  })

  it('resolves what each demo user may use, directly and through groups', () => {
    const store = openStore({ path: ':memory:' })
    applyOrg({ store, ids: createSeededIds(1), clock, passwords }, DEMO_ORG)
    const alice = store.findUserByName('alice')!
    const bob = store.findUserByName('bob')!
    expect(store.listAccountsOfUser(alice.id).map((a) => a.id)).toEqual(['123456789011'])
    expect(store.listPermissionSetsOfUser(alice.id, '123456789011').map((p) => p.name)).toEqual(['AdministratorAccess'])
    expect(store.listPermissionSetsOfUser(bob.id, '123456789011').map((p) => p.name)).toEqual([
      'FullAccess',
      'ReadOnly',
    ])
    expect(store.listPermissionSetsOfUser(bob.id, '123456789022').map((p) => p.name)).toEqual([
      'BillingOnly',
      'ReadOnly',
    ])
    expect(bob.totpSecret).toBe('JBSWY3DPEHPK3PXP')
    expect(store.findAccessKey('AKIAIOSFODNN7EXAMPLE')).toMatchObject({
      accountId: '123456789011',
      userName: 'legacy-ci',
    })
    expect(store.getRole('arn:aws:iam::123456789022:role/Deployer')?.trustPolicy).toContain(
      'aws:MultiFactorAuthPresent',
    )
  })

  it('refuses a TOTP step that was already used', () => {
    const store = openStore({ path: ':memory:' })
    applyOrg({ store, ids: createSeededIds(1), clock, passwords }, DEMO_ORG)
    const bob = store.findUserByName('bob')!
    expect(store.consumeUserTotpStep(bob.id, 100)).toBe(true)
    expect(store.consumeUserTotpStep(bob.id, 100)).toBe(false)
    expect(store.consumeUserTotpStep(bob.id, 99)).toBe(false)
    expect(store.consumeUserTotpStep(bob.id, 101)).toBe(true)
  })

  it('keeps issued credentials across a reopen of a file database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'idc-store-'))
    dirs.push(dir)
    const path = join(dir, 'idc.sqlite')
    const first = openStore({ path })
    applyOrg({ store: first, ids: createSeededIds(1), clock, passwords }, DEMO_ORG)
    first.recordIssuedCredentials({
      accessKeyId: 'ASIAEXAMPLE123456789',
      secretAccessKey: 's',
      sessionToken: 't',
      expiresAt: 5,
      principal: {
        type: 'sso_role',
        accountId: '123456789011',
        permissionSetId: 'ps-1',
        userId: 'u',
        sessionName: 'alice',
      },
      createdAt: 1,
    })
    first.close()
    const second = openStore({ path })
    expect(second.findIssuedCredentials('ASIAEXAMPLE123456789')?.principal).toEqual({
      type: 'sso_role',
      accountId: '123456789011',
      permissionSetId: 'ps-1',
      userId: 'u',
      sessionName: 'alice',
    })
    expect(second.journalMode()).toBe('wal')
    second.close()
  })
})

describe('store housekeeping', () => {
  it('purges expired device authorizations and credentials but keeps live ones', () => {
    const store = openStore({ path: ':memory:' })
    applyOrg({ store, ids: createSeededIds(1), clock, passwords }, DEMO_ORG)
    store.registerClient({
      clientId: 'c',
      clientSecretHash: 'h',
      clientName: 'n',
      clientType: 'public',
      scopes: [],
      redirectUris: [],
      grantTypes: [],
      issuerUrl: null,
      issuedAt: 0,
      expiresAt: 10,
    })
    for (const [hash, code, expiresAt] of [
      ['a', 'AAAA-AAAA', 100],
      ['b', 'BBBB-BBBB', 300],
    ] as const) {
      store.createDeviceAuthorization({
        deviceCodeHash: hash,
        userCode: code,
        clientId: 'c',
        startUrl: 's',
        scopes: [],
        status: 'pending',
        userId: null,
        intervalSeconds: 1,
        pollCount: 0,
        lastPollAt: null,
        createdAt: 0,
        expiresAt,
      })
    }
    store.recordIssuedCredentials({
      accessKeyId: 'ASIAOLD',
      secretAccessKey: 's',
      sessionToken: 't',
      expiresAt: 100,
      principal: {
        type: 'iam_user_session',
        accountId: '123456789011',
        iamUserName: 'legacy-ci',
        mfaAuthenticated: true,
      },
      createdAt: 0,
    })
    store.purgeExpired(200 + 24 * 3600_000)
    expect(store.findDeviceAuthorization('a')).toBeUndefined()
    expect(store.findDeviceAuthorization('b')).toBeDefined()
    expect(store.findIssuedCredentials('ASIAOLD')).toBeUndefined()
  })
})
