// Abuse cases: the root user has full access to its OWN account only. Root credentials (as `idc
// login` issues them to a root who signs in by email) carry AdministratorAccess, and that `*` must
// not reach another account's resources: the Identity Center instance and the organisation (owned
// by the management account) when the root is a member account's, and roles in any account, which
// AWS never lets a root user assume.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import { DEMO_ORG } from '../domain/demo-org.js'
import type { OrgSpec } from '../domain/org.js'
import { issueSessionCredentials } from '../domain/role-credentials.js'
import { adminApis } from '../../../test/helpers/server/admin-api.js'
import { roleTrusting, ssoRoleCredentials } from '../../../test/helpers/server/principals.js'
import { appClient, sdkFailure as failure, type TestCredentials } from '../../../test/helpers/server/test-clients.js'
import { createTestDeps, type TestDeps } from '../../../test/helpers/server/test-deps.js'
import { arnAccountId, callerAllows, createCallerResolver } from './callers.js'

const DEV = '123456789011' // the management account (the organisation's first)
const PROD = '123456789022' // a member account
const INSTANCE_ARN_PATTERN = /^arn:aws:sso:::instance\/ssoins-/

// The demo organisation, with a root user for the member account too and two roles DEV may assume.
const ORG: OrgSpec = {
  ...DEMO_ORG,
  accounts: DEMO_ORG.accounts!.map((a) =>
    a.id === PROD ? { ...a, rootUser: { email: 'owner@prod.example.com', consolePassword: 'Prod-root-pass-1' } } : a,
  ),
  iam: {
    ...DEMO_ORG.iam,
    roles: [...(DEMO_ORG.iam?.roles ?? []), roleTrusting(PROD, 'Partner', DEV), roleTrusting(DEV, 'Ops', DEV)],
  },
}

let deps: TestDeps
let app: ReturnType<typeof createApp>

beforeEach(() => {
  // The SDK signs with the real clock; the server's clock starts at the same instant.
  deps = createTestDeps({ org: ORG, now: Date.now() })
  app = createApp(deps)
})

/** Credentials of `account`'s root user, as the sign-in service issues them. */
function rootOf(account: string): TestCredentials {
  const c = issueSessionCredentials(deps, 3600, { type: 'root_session', accountId: account, mfaAuthenticated: false })
  return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken }
}

function aliceAdmin(account: string): TestCredentials {
  return ssoRoleCredentials(deps, 'alice', account, 'AdministratorAccess')
}

function client<T>(Client: new (config: any) => T, credentials: TestCredentials): T {
  return appClient(Client, app, credentials)
}

describe("a member account's root user and the organisation's Identity Center", () => {
  it.each([
    ['ssoAdmin', 'ListInstances', {}, 'sso:ListInstances'],
    [
      'ssoAdmin',
      'CreatePermissionSet',
      { InstanceArn: 'from ListInstances', Name: 'Escalate' },
      'sso:CreatePermissionSet',
    ],
    ['identityStore', 'ListUsers', { IdentityStoreId: 'd-9567a1b2c3' }, 'identitystore:ListUsers'],
    [
      'identityStore',
      'CreateUser',
      { IdentityStoreId: 'd-9567a1b2c3', UserName: 'mallory', DisplayName: 'Mallory' },
      'identitystore:CreateUser',
    ],
    ['organizations', 'ListAccounts', {}, 'organizations:ListAccounts'],
    ['scim', 'CreateScimAccessToken', {}, 'sso:CreateScimAccessToken'],
  ] as const)('refuses %s %s with AccessDeniedException', async (api, operation, input, action) => {
    const apis = adminApis(app, deps.store)
    const instanceArn = (await apis.ssoAdmin('ListInstances', {})).json.Instances[0].InstanceArn as string
    expect(instanceArn).toMatch(INSTANCE_ARN_PATTERN)
    const body = 'InstanceArn' in input ? { ...input, InstanceArn: instanceArn } : input
    const res = await apis[api](operation, body, rootOf(PROD))
    expect(res).toEqual({
      status: 400,
      json: {
        __type: 'AccessDeniedException',
        Message: `User: arn:aws:iam::${PROD}:root is not authorized to perform: ${action}`,
      },
    })
    // Nothing was made on the way.
    expect(deps.store.findPermissionSetByName('Escalate')).toBeUndefined()
    expect(deps.store.findUserByName('mallory')).toBeUndefined()
    expect(deps.store.listScimTokens()).toEqual([])
  })

  it('still lets it describe the organisation, which any member account may', async () => {
    const res = await adminApis(app, deps.store).organizations('DescribeOrganization', {}, rootOf(PROD))
    expect(res.status).toBe(200)
    expect(res.json.Organization.MasterAccountId).toBe(DEV)
  })

  it("lets the management account's root manage its own instance", async () => {
    const apis = adminApis(app, deps.store)
    const root = rootOf(DEV)
    const instances = await apis.ssoAdmin('ListInstances', {}, root)
    expect(instances.status).toBe(200)
    expect(instances.json.Instances[0].OwnerAccountId).toBe(DEV)
    const users = await apis.identityStore('ListUsers', { IdentityStoreId: 'd-9567a1b2c3' }, root)
    expect(users.status).toBe(200)
    expect((await apis.organizations('ListAccounts', {}, root)).json.Accounts).toHaveLength(2)
  })
})

describe('root users and AssumeRole', () => {
  const partner = { RoleArn: `arn:aws:iam::${PROD}:role/Partner`, RoleSessionName: 'cross' }
  const ops = { RoleArn: `arn:aws:iam::${DEV}:role/Ops`, RoleSessionName: 'same' }

  it("refuses the root a role of another account that trusts the root's account, with AccessDenied", async () => {
    const sts = client(STSClient, rootOf(DEV))
    expect(await failure(sts.send(new AssumeRoleCommand(partner)))).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: 'Roles may not be assumed by root accounts.',
    })
  })

  it('refuses the root a role of its own account too, as AWS does', async () => {
    const sts = client(STSClient, rootOf(DEV))
    expect(await failure(sts.send(new AssumeRoleCommand(ops)))).toMatchObject({ name: 'AccessDenied', status: 403 })
  })

  it('lets a principal of the same account that is not the root assume both roles', async () => {
    const sts = client(STSClient, aliceAdmin(DEV))
    const cross = await sts.send(new AssumeRoleCommand(partner))
    expect(cross.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/Partner/cross`)
    expect((await sts.send(new AssumeRoleCommand(ops))).AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${DEV}:assumed-role/Ops/same`,
    )
  })
})

describe("the root user's authority ends at its account", () => {
  it("lists only its own account's buckets", async () => {
    const out = await client(S3Client, rootOf(PROD)).send(new ListBucketsCommand({}))
    expect(out.Buckets?.map((b) => b.Name)).toEqual(['prod-app-assets-123456789022', 'prod-backups-123456789022'])
  })

  it('refuses it any resource whose ARN names another account, and allows its own', () => {
    const { accessKeyId } = rootOf(PROD)
    const root = createCallerResolver(deps.store, { clock: deps.clock }).lookup(accessKeyId)!
    expect(root.kind).toBe('root')
    const on = (resource: string) => callerAllows(root, { action: 'iam:DeleteRole', resource })
    expect(on(`arn:aws:iam::${PROD}:role/Deployer`)).toBe(true)
    expect(on(`arn:aws:iam::${DEV}:role/Ops`)).toBe(false)
    expect(on('arn:aws:s3:::prod-backups-123456789022')).toBe(true)
    expect(on('*')).toBe(true)
    expect(callerAllows(root, { action: 'sso:ListInstances', resource: '*' }, DEV)).toBe(false)
  })

  it.each([
    ['arn:aws:iam::123456789022:role/Deployer', '123456789022'],
    ['arn:aws:sts::123456789011:assumed-role/R/s', '123456789011'],
    ['arn:aws:s3:::bucket', undefined],
    ['arn:aws:sso:::instance/ssoins-0000000000000000', undefined],
    ['*', undefined],
  ])('reads the account of %s as %s', (arn, account) => {
    expect(arnAccountId(arn)).toBe(account)
  })
})
