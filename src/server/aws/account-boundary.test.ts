// Abuse cases: a principal's identity policies reach its own account only (AWS's account boundary),
// for every kind of principal, not just the root user (root-account.test.ts). A member account's
// Identity Center role, IAM user or assumed-role session with AdministratorAccess must not use the
// management account's Identity Center instance or the organisation, and may act on another
// account's resource only where that resource's own policy (a role's trust policy) lets it in.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import { DEMO_ORG } from '../domain/demo-org.js'
import type { OrgSpec } from '../domain/org.js'
import { generateTotp } from '../domain/secrets.js'
import { adminApis } from '../../../test/helpers/server/admin-api.js'
import { roleTrusting, ssoRoleCredentials } from '../../../test/helpers/server/principals.js'
import { appClient, sdkFailure as failure, type TestCredentials } from '../../../test/helpers/server/test-clients.js'
import { createTestDeps, type TestDeps } from '../../../test/helpers/server/test-deps.js'
import { callerAllows, createCallerResolver } from './callers.js'

const DEV = '123456789011' // the management account (the organisation's first)
const PROD = '123456789022' // a member account
const STORE_ID = 'd-9567a1b2c3'
const LEGACY_CI = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
const PROD_ADMIN_KEY = {
  accessKeyId: 'AKIAPRODADMIN0000001',
  secretAccessKey: 'prod-admin-secret-key-0000000000000000001',
}

// The demo organisation plus an administrator IAM user in the member account, a management-account
// role that trusts only its own account, and one that trusts the member account.
const ORG: OrgSpec = {
  ...DEMO_ORG,
  iam: {
    users: [
      ...(DEMO_ORG.iam?.users ?? []),
      { account: PROD, userName: 'prod-admin', managedPolicies: ['AdministratorAccess'], accessKeys: [PROD_ADMIN_KEY] },
    ],
    roles: [...(DEMO_ORG.iam?.roles ?? []), roleTrusting(DEV, 'Ops', DEV), roleTrusting(DEV, 'ProdReader', PROD)],
  },
}

let deps: TestDeps
let app: ReturnType<typeof createApp>

beforeEach(() => {
  // The SDK signs with the real clock; the server's clock starts at the same instant.
  deps = createTestDeps({ org: ORG, now: Date.now() })
  app = createApp(deps)
})

function ssoRole(userName: string, account: string, permissionSet: string): TestCredentials {
  return ssoRoleCredentials(deps, userName, account, permissionSet)
}

function client<T>(Client: new (config: any) => T, credentials: TestCredentials): T {
  return appClient(Client, app, credentials)
}

/** legacy-ci's session as the member account's Deployer role (AdministratorAccess), with MFA. */
async function deployerSession(): Promise<TestCredentials> {
  const out = await client(STSClient, LEGACY_CI).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${PROD}:role/Deployer`,
      RoleSessionName: 'deploy',
      SerialNumber: `arn:aws:iam::${DEV}:mfa/legacy-ci`,
      TokenCode: generateTotp('JBSWY3DPEHPK3PXP', deps.clock()),
    }),
  )
  const c = out.Credentials!
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }
}

/** Every kind of member-account principal, each allowed `*` (or the admin APIs' reads) by its own policies. */
const MEMBER_PRINCIPALS: [string, () => Promise<TestCredentials>, RegExp][] = [
  [
    "alice's AdministratorAccess role in the member account",
    async () => ssoRole('alice', PROD, 'AdministratorAccess'),
    new RegExp(`^arn:aws:sts::${PROD}:assumed-role/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}/alice$`),
  ],
  [
    "bob's ReadOnly role in the member account (a demo assignment)",
    async () => ssoRole('bob', PROD, 'ReadOnly'),
    new RegExp(`^arn:aws:sts::${PROD}:assumed-role/AWSReservedSSO_ReadOnly_[0-9a-f]{16}/bob$`),
  ],
  ['an administrator IAM user of the member account', async () => PROD_ADMIN_KEY, /:user\/prod-admin$/],
  [
    "a session of the member account's Deployer role, reached from the management account",
    deployerSession,
    new RegExp(`^arn:aws:sts::${PROD}:assumed-role/Deployer/deploy$`),
  ],
]

describe("member accounts' principals and the management account's Identity Center", () => {
  describe.each(MEMBER_PRINCIPALS)('%s', (_name, credentials, arn) => {
    it.each([
      ['ssoAdmin', 'ListInstances', {}, 'sso:ListInstances'],
      ['ssoAdmin', 'CreatePermissionSet', { Name: 'Escalate' }, 'sso:CreatePermissionSet'],
      ['identityStore', 'ListUsers', { IdentityStoreId: STORE_ID }, 'identitystore:ListUsers'],
      [
        'identityStore',
        'CreateUser',
        { IdentityStoreId: STORE_ID, UserName: 'mallory', DisplayName: 'Mallory' },
        'identitystore:CreateUser',
      ],
      ['organizations', 'ListAccounts', {}, 'organizations:ListAccounts'],
      ['scim', 'ListScimAccessTokens', {}, 'sso:ListScimAccessTokens'],
      ['scim', 'CreateScimAccessToken', {}, 'sso:CreateScimAccessToken'],
    ] as const)('is refused %s %s with AccessDeniedException', async (api, operation, input, action) => {
      const apis = adminApis(app, deps.store)
      const instanceArn = (await apis.ssoAdmin('ListInstances', {})).json.Instances[0].InstanceArn as string
      const body = operation === 'CreatePermissionSet' ? { ...input, InstanceArn: instanceArn } : input
      const res = await apis[api](operation, body, await credentials())
      expect(res.status).toBe(400)
      expect(res.json.__type).toBe('AccessDeniedException')
      const [, who] = /^User: (\S+) is not authorized to perform: (.+)$/.exec(res.json.Message as string) ?? []
      expect(who).toMatch(arn)
      expect(res.json.Message).toBe(`User: ${who} is not authorized to perform: ${action}`)
      // Nothing was made on the way.
      expect(deps.store.findPermissionSetByName('Escalate')).toBeUndefined()
      expect(deps.store.findUserByName('mallory')).toBeUndefined()
      expect(deps.store.listScimTokens()).toEqual([])
    })

    it('may still describe the organisation, as any member account may', async () => {
      const res = await adminApis(app, deps.store).organizations('DescribeOrganization', {}, await credentials())
      expect(res.status).toBe(200)
      expect(res.json.Organization.MasterAccountId).toBe(DEV)
    })

    it("lists its own account's buckets only", async () => {
      const out = await client(S3Client, await credentials()).send(new ListBucketsCommand({}))
      expect(out.Buckets?.map((b) => b.Name)).toEqual(['prod-app-assets-123456789022', 'prod-backups-123456789022'])
    })
  })

  it("leaves the management account's principals their access, as their policies say", async () => {
    const apis = adminApis(app, deps.store)
    const admin = ssoRole('alice', DEV, 'AdministratorAccess')
    const instances = await apis.ssoAdmin('ListInstances', {}, admin)
    expect(instances.status).toBe(200)
    expect(instances.json.Instances[0].OwnerAccountId).toBe(DEV)
    expect((await apis.identityStore('ListUsers', { IdentityStoreId: STORE_ID }, admin)).json.Users).toHaveLength(2)
    expect((await apis.organizations('ListAccounts', {}, admin)).json.Accounts).toHaveLength(2)
    const token = await apis.scim('CreateScimAccessToken', {}, admin)
    expect(token.status).toBe(200)
    expect(deps.store.listScimTokens()).toHaveLength(1)
    // bob's ReadOnly in the management account reads, and its policies still refuse writes.
    const reader = ssoRole('bob', DEV, 'ReadOnly')
    expect((await apis.identityStore('ListUsers', { IdentityStoreId: STORE_ID }, reader)).status).toBe(200)
    const write = await apis.identityStore(
      'CreateUser',
      { IdentityStoreId: STORE_ID, UserName: 'mallory', DisplayName: 'Mallory' },
      reader,
    )
    expect(write.json.__type).toBe('AccessDeniedException')
  })
})

describe('AssumeRole across accounts: the trust policy decides', () => {
  it("lets legacy-ci assume the member account's Deployer, whose trust policy names it, and the session acts there", async () => {
    const session = await deployerSession()
    const out = await client(S3Client, session).send(new ListBucketsCommand({}))
    expect(out.Buckets?.map((b) => b.Name)).toEqual(['prod-app-assets-123456789022', 'prod-backups-123456789022'])
  })

  it("lets a member account's principal assume a management-account role that trusts the member account", async () => {
    const sts = client(STSClient, PROD_ADMIN_KEY)
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${DEV}:role/ProdReader`, RoleSessionName: 'in' }),
    )
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/ProdReader/in`)
  })

  it("refuses a member account's administrator a role whose trust policy names only the role's own account", async () => {
    const sts = client(STSClient, PROD_ADMIN_KEY)
    const roleArn = `arn:aws:iam::${DEV}:role/Ops`
    expect(await failure(sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'xx' })))).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:iam::${PROD}:user/prod-admin is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    })
    // Its own account's principals may.
    const own = client(STSClient, ssoRole('alice', DEV, 'AdministratorAccess'))
    expect(
      (await own.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'yy' }))).AssumedRoleUser?.Arn,
    ).toBe(`arn:aws:sts::${DEV}:assumed-role/Ops/yy`)
  })
})

describe('callerAllows', () => {
  it("refuses every principal another account's resource, whatever its policies allow, and allows its own", () => {
    const resolver = createCallerResolver(deps.store, { clock: deps.clock })
    const prodAdmin = resolver.lookup(PROD_ADMIN_KEY.accessKeyId)!
    const aliceProd = resolver.lookup(ssoRole('alice', PROD, 'AdministratorAccess').accessKeyId)!
    for (const caller of [prodAdmin, aliceProd]) {
      const on = (resource: string) => callerAllows(caller, { action: 'iam:DeleteRole', resource })
      expect(on(`arn:aws:iam::${PROD}:role/Deployer`)).toBe(true)
      expect(on(`arn:aws:iam::${DEV}:role/Ops`)).toBe(false)
      expect(on('*')).toBe(true)
      expect(callerAllows(caller, { action: 'sso:ListInstances', resource: '*' }, DEV)).toBe(false)
      expect(callerAllows(caller, { action: 'sso:ListInstances', resource: '*' }, PROD)).toBe(true)
    }
  })
})
