// Server tests for the sso-admin operations beyond the basics (aws-api.test.ts): permission-set
// changes, provisioning and request statuses, policy references, tags, instance settings and
// applications, through the whole app as the administrator.
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../app.js'
import { createTestDeps, type TestDeps } from '../../../../test/helpers/server/test-deps.js'
import { adminApis, type AdminCall } from '../../../../test/helpers/server/admin-api.js'

const DEV = '123456789011'
let deps: TestDeps
let sso: AdminCall
let instanceArn: string

beforeEach(async () => {
  deps = createTestDeps({ now: Date.now() })
  sso = adminApis(createApp(deps), deps.store).ssoAdmin
  instanceArn = (await sso('ListInstances', {})).json.Instances[0].InstanceArn
})

async function newPermissionSet(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await sso('CreatePermissionSet', { InstanceArn: instanceArn, Name: name, ...extra })
  expect(res.status).toBe(200)
  return res.json.PermissionSet.PermissionSetArn
}

describe('sso-admin permission sets', () => {
  it('updates and deletes a permission set, refusing while it is assigned', async () => {
    const arn = await newPermissionSet('Temp')
    const ps = { InstanceArn: instanceArn, PermissionSetArn: arn }
    expect((await sso('UpdatePermissionSet', { ...ps, Description: 'New', SessionDuration: 'PT3H' })).status).toBe(200)
    expect((await sso('DescribePermissionSet', ps)).json.PermissionSet).toMatchObject({
      Description: 'New',
      SessionDuration: 'PT3H',
    })
    expect((await sso('UpdatePermissionSet', { ...ps, SessionDuration: 'PT13H' })).json.__type).toBe(
      'ValidationException',
    )
    const alice = deps.store.findUserByName('alice')?.id
    const assignment = { ...ps, TargetId: DEV, TargetType: 'AWS_ACCOUNT', PrincipalType: 'USER', PrincipalId: alice }
    await sso('CreateAccountAssignment', assignment)
    expect((await sso('DeletePermissionSet', ps)).json.__type).toBe('ConflictException')
    await sso('DeleteAccountAssignment', assignment)
    expect((await sso('DeletePermissionSet', ps)).status).toBe(200)
    expect((await sso('DescribePermissionSet', ps)).json.__type).toBe('ResourceNotFoundException')
  })

  it('detaches managed policies, deletes the inline policy, keeps customer-managed references and a boundary', async () => {
    const arn = await newPermissionSet('Policies')
    const ps = { InstanceArn: instanceArn, PermissionSetArn: arn }
    const managed = { ...ps, ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }
    await sso('AttachManagedPolicyToPermissionSet', managed)
    expect((await sso('DetachManagedPolicyFromPermissionSet', managed)).status).toBe(200)
    expect((await sso('DetachManagedPolicyFromPermissionSet', managed)).json.__type).toBe('ResourceNotFoundException')
    expect((await sso('ListManagedPoliciesInPermissionSet', ps)).json.AttachedManagedPolicies).toEqual([])
    await sso('PutInlinePolicyToPermissionSet', {
      ...ps,
      InlinePolicy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }),
    })
    await sso('DeleteInlinePolicyFromPermissionSet', ps)
    expect((await sso('GetInlinePolicyForPermissionSet', ps)).json.InlinePolicy).toBe('')
    const ref = { ...ps, CustomerManagedPolicyReference: { Name: 'TeamPolicy', Path: '/teams/' } }
    await sso('AttachCustomerManagedPolicyReferenceToPermissionSet', ref)
    expect((await sso('AttachCustomerManagedPolicyReferenceToPermissionSet', ref)).json.__type).toBe(
      'ConflictException',
    )
    expect((await sso('ListCustomerManagedPolicyReferencesInPermissionSet', ps)).json).toEqual({
      CustomerManagedPolicyReferences: [{ Name: 'TeamPolicy', Path: '/teams/' }],
    })
    await sso('DetachCustomerManagedPolicyReferenceFromPermissionSet', ref)
    expect((await sso('GetPermissionsBoundaryForPermissionSet', ps)).json.__type).toBe('ResourceNotFoundException')
    const boundary = { ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }
    await sso('PutPermissionsBoundaryToPermissionSet', { ...ps, PermissionsBoundary: boundary })
    expect((await sso('GetPermissionsBoundaryForPermissionSet', ps)).json.PermissionsBoundary).toEqual(boundary)
    expect((await sso('DeletePermissionsBoundaryFromPermissionSet', ps)).status).toBe(200)
  })

  it('provisions to an account and reports the request and the provisioned lists', async () => {
    const arn = await newPermissionSet('Provisioned')
    const ps = { InstanceArn: instanceArn, PermissionSetArn: arn }
    const started = await sso('ProvisionPermissionSet', { ...ps, TargetType: 'AWS_ACCOUNT', TargetId: DEV })
    const status = started.json.PermissionSetProvisioningStatus
    expect(status).toMatchObject({ Status: 'IN_PROGRESS', AccountId: DEV, PermissionSetArn: arn })
    const described = await sso('DescribePermissionSetProvisioningStatus', {
      InstanceArn: instanceArn,
      ProvisionPermissionSetRequestId: status.RequestId,
    })
    expect(described.json.PermissionSetProvisioningStatus.Status).toBe('SUCCEEDED')
    const listed = await sso('ListPermissionSetProvisioningStatus', {
      InstanceArn: instanceArn,
      Filter: { Status: 'SUCCEEDED' },
    })
    expect(listed.json.PermissionSetsProvisioningStatus.map((s: { RequestId: string }) => s.RequestId)).toEqual([
      status.RequestId,
    ])
    expect((await sso('ListAccountsForProvisionedPermissionSet', ps)).json.AccountIds).toEqual([DEV])
    const toAccount = await sso('ListPermissionSetsProvisionedToAccount', { InstanceArn: instanceArn, AccountId: DEV })
    expect(toAccount.json.PermissionSets).toContain(arn)
    const stale = await sso('ListAccountsForProvisionedPermissionSet', {
      ...ps,
      ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED',
    })
    expect(stale.json.AccountIds).toEqual([])
    expect(
      (await sso('ProvisionPermissionSet', { ...ps, TargetType: 'AWS_ACCOUNT', TargetId: '000000000000' })).json.__type,
    ).toBe('ResourceNotFoundException')
    expect((await sso('ProvisionPermissionSet', { ...ps, TargetType: 'EVERYWHERE' })).json.__type).toBe(
      'ValidationException',
    )
  })

  it('lists assignment request statuses and a principal’s assignments', async () => {
    const bob = deps.store.findUserByName('bob')?.id as string
    const developers = deps.store.findGroupByName('Developers')?.id as string
    const arn = await newPermissionSet('ForBob')
    const created = await sso('CreateAccountAssignment', {
      InstanceArn: instanceArn,
      PermissionSetArn: arn,
      TargetId: DEV,
      TargetType: 'AWS_ACCOUNT',
      PrincipalType: 'USER',
      PrincipalId: bob,
    })
    const statuses = await sso('ListAccountAssignmentCreationStatus', { InstanceArn: instanceArn })
    expect(statuses.json.AccountAssignmentsCreationStatus[0]).toMatchObject({
      RequestId: created.json.AccountAssignmentCreationStatus.RequestId,
      Status: 'SUCCEEDED',
    })
    const mine = await sso('ListAccountAssignmentsForPrincipal', {
      InstanceArn: instanceArn,
      PrincipalType: 'USER',
      PrincipalId: bob,
    })
    expect(mine.json.AccountAssignments).toEqual([
      { AccountId: DEV, PermissionSetArn: arn, PrincipalType: 'USER', PrincipalId: bob },
    ])
    const group = await sso('ListAccountAssignmentsForPrincipal', {
      InstanceArn: instanceArn,
      PrincipalType: 'GROUP',
      PrincipalId: developers,
      Filter: { AccountId: '123456789022' },
    })
    expect(group.json.AccountAssignments.every((a: { AccountId: string }) => a.AccountId === '123456789022')).toBe(true)
    expect(group.json.AccountAssignments.length).toBeGreaterThan(0)
  })
})

describe('sso-admin tags, instance and applications', () => {
  it('tags a permission set on creation and through TagResource', async () => {
    const arn = await newPermissionSet('Tagged', { Tags: [{ Key: 'team', Value: 'a' }] })
    await sso('TagResource', { InstanceArn: instanceArn, ResourceArn: arn, Tags: [{ Key: 'env', Value: 'dev' }] })
    await sso('UntagResource', { InstanceArn: instanceArn, ResourceArn: arn, TagKeys: ['team'] })
    expect((await sso('ListTagsForResource', { InstanceArn: instanceArn, ResourceArn: arn })).json.Tags).toEqual([
      { Key: 'env', Value: 'dev' },
    ])
    const unknown = arn.replace(/ps-[0-9a-f]{16}$/, 'ps-0000000000000000')
    expect((await sso('ListTagsForResource', { InstanceArn: instanceArn, ResourceArn: unknown })).json.__type).toBe(
      'ResourceNotFoundException',
    )
  })

  it('describes and renames the instance, refuses a second one, and keeps access-control attributes and regions', async () => {
    await sso('UpdateInstance', { InstanceArn: instanceArn, Name: 'local' })
    expect((await sso('DescribeInstance', { InstanceArn: instanceArn })).json).toMatchObject({
      Name: 'local',
      IdentityStoreId: 'd-9567a1b2c3',
      Status: 'ACTIVE',
    })
    expect((await sso('CreateInstance', { Name: 'second' })).json.__type).toBe('ConflictException')
    const config = {
      InstanceArn: instanceArn,
      InstanceAccessControlAttributeConfiguration: {
        AccessControlAttributes: [{ Key: 'CostCenter', Value: { Source: ['${path:enterprise.costCenter}'] } }],
      },
    }
    expect((await sso('UpdateInstanceAccessControlAttributeConfiguration', config)).json.__type).toBe(
      'ResourceNotFoundException',
    )
    await sso('CreateInstanceAccessControlAttributeConfiguration', config)
    expect(
      (await sso('DescribeInstanceAccessControlAttributeConfiguration', { InstanceArn: instanceArn })).json,
    ).toMatchObject({
      Status: 'ENABLED',
      InstanceAccessControlAttributeConfiguration: config.InstanceAccessControlAttributeConfiguration,
    })
    expect((await sso('CreateInstanceAccessControlAttributeConfiguration', config)).json.__type).toBe(
      'ConflictException',
    )
    const renamed = {
      InstanceArn: instanceArn,
      InstanceAccessControlAttributeConfiguration: {
        AccessControlAttributes: [{ Key: 'Team', Value: { Source: ['${path:enterprise.department}'] } }],
      },
    }
    expect((await sso('UpdateInstanceAccessControlAttributeConfiguration', renamed)).status).toBe(200)
    expect(
      (await sso('DescribeInstanceAccessControlAttributeConfiguration', { InstanceArn: instanceArn })).json
        .InstanceAccessControlAttributeConfiguration,
    ).toEqual(renamed.InstanceAccessControlAttributeConfiguration)
    expect((await sso('AddRegion', { InstanceArn: instanceArn, RegionName: 'us-west-2' })).json.Status).toBe('ADDING')
    const regions = (await sso('ListRegions', { InstanceArn: instanceArn })).json.Regions
    expect(
      regions.map((r: { RegionName: string; IsPrimaryRegion: boolean }) => [r.RegionName, r.IsPrimaryRegion]),
    ).toEqual([
      ['ap-northeast-1', true],
      ['us-west-2', false],
    ])
    expect((await sso('RemoveRegion', { InstanceArn: instanceArn, RegionName: 'ap-northeast-1' })).json.__type).toBe(
      'ValidationException',
    )
  })

  it('creates, configures, assigns and deletes an application', async () => {
    const providers = (await sso('ListApplicationProviders', {})).json.ApplicationProviders
    const created = await sso('CreateApplication', {
      InstanceArn: instanceArn,
      ApplicationProviderArn: providers[0].ApplicationProviderArn,
      Name: 'Wiki',
      PortalOptions: { Visibility: 'ENABLED' },
    })
    const app = { ApplicationArn: created.json.ApplicationArn }
    expect(app.ApplicationArn).toMatch(/^arn:aws:sso::\d{12}:application\/ssoins-[0-9a-f]{16}\/apl-[0-9a-f]{16}$/)
    await sso('UpdateApplication', { ...app, Description: 'Team wiki', Status: 'DISABLED' })
    expect((await sso('DescribeApplication', app)).json).toMatchObject({ Name: 'Wiki', Status: 'DISABLED' })
    const alice = deps.store.findUserByName('alice')?.id
    await sso('CreateApplicationAssignment', { ...app, PrincipalType: 'USER', PrincipalId: alice })
    const forAlice = await sso('ListApplicationAssignmentsForPrincipal', {
      InstanceArn: instanceArn,
      PrincipalType: 'USER',
      PrincipalId: alice,
    })
    expect(forAlice.json.ApplicationAssignments).toEqual([{ ...app, PrincipalType: 'USER', PrincipalId: alice }])
    await sso('PutApplicationAccessScope', { ...app, Scope: 'sso:account:access' })
    expect((await sso('ListApplicationAccessScopes', app)).json.Scopes).toEqual([{ Scope: 'sso:account:access' }])
    await sso('PutApplicationGrant', {
      ...app,
      GrantType: 'authorization_code',
      Grant: { AuthorizationCode: { RedirectUris: ['https://wiki.example.com/cb'] } },
    })
    expect((await sso('GetApplicationGrant', { ...app, GrantType: 'authorization_code' })).json.Grant).toEqual({
      AuthorizationCode: { RedirectUris: ['https://wiki.example.com/cb'] },
    })
    expect((await sso('GetApplicationAssignmentConfiguration', app)).json.AssignmentRequired).toBe(true)
    await sso('PutApplicationAssignmentConfiguration', { ...app, AssignmentRequired: false })
    expect((await sso('GetApplicationAssignmentConfiguration', app)).json.AssignmentRequired).toBe(false)
    expect((await sso('DeleteApplication', app)).status).toBe(200)
    expect((await sso('DescribeApplication', app)).json.__type).toBe('ResourceNotFoundException')
    expect(deps.store.listAdminRecords('sso-admin:application-assignment')).toEqual([])
  })

  it('keeps trusted token issuers', async () => {
    const created = await sso('CreateTrustedTokenIssuer', {
      InstanceArn: instanceArn,
      Name: 'corp-idp',
      TrustedTokenIssuerType: 'OIDC_JWT',
      TrustedTokenIssuerConfiguration: {
        OidcJwtConfiguration: {
          IssuerUrl: 'https://idp.example.com',
          ClaimAttributePath: 'email',
          IdentityStoreAttributePath: 'emails.value',
          JwksRetrievalOption: 'OPEN_ID_DISCOVERY',
        },
      },
    })
    const issuer = { TrustedTokenIssuerArn: created.json.TrustedTokenIssuerArn }
    await sso('UpdateTrustedTokenIssuer', { ...issuer, Name: 'corp' })
    expect((await sso('ListTrustedTokenIssuers', { InstanceArn: instanceArn })).json.TrustedTokenIssuers).toEqual([
      { ...issuer, Name: 'corp', TrustedTokenIssuerType: 'OIDC_JWT' },
    ])
    await sso('DeleteTrustedTokenIssuer', issuer)
    expect((await sso('DescribeTrustedTokenIssuer', issuer)).json.__type).toBe('ResourceNotFoundException')
  })
})
