// Server tests for the SigV4 AWS APIs through the whole app (createApp on an in-memory store),
// driven by the real JS SDK v3 STS and S3 clients whose requests are forwarded to app.fetch, and by
// SDK-signed awsJson requests for the admin APIs.
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts'
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3'
import { Sha256 } from '@smithy/core/checksum'
import { SignatureV4 } from '@smithy/signature-v4'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import { generateTotp } from '../domain/secrets.js'
import { ssoRoleCredentials } from '../../../test/helpers/server/principals.js'
import { createTestDeps, type TestDeps } from '../../../test/helpers/server/test-deps.js'
import {
  appClient,
  sdkFailure as failure,
  callJson,
  type TestCredentials,
} from '../../../test/helpers/server/test-clients.js'

const LEGACY_CI = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
const MFA_SERIAL = 'arn:aws:iam::123456789011:mfa/legacy-ci'
const MFA_SECRET = 'JBSWY3DPEHPK3PXP'
const DEPLOYER = 'arn:aws:iam::123456789022:role/Deployer'
const DEV = '123456789011'
const PROD = '123456789022'

let deps: TestDeps
let app: ReturnType<typeof createApp>

beforeEach(() => {
  // The SDK signs with the real clock; the server's clock starts at the same instant.
  deps = createTestDeps({ now: Date.now() })
  app = createApp(deps)
})

function sts(credentials: TestCredentials, extra: Record<string, unknown> = {}): STSClient {
  return appClient(STSClient, app, credentials, extra)
}

function s3(credentials: TestCredentials): S3Client {
  return appClient(S3Client, app, credentials)
}

function ssoCredentials(userName: string, accountId: string, permissionSetName: string): TestCredentials {
  return ssoRoleCredentials(deps, userName, accountId, permissionSetName)
}

function totp(): string {
  return generateTotp(MFA_SECRET, deps.clock())
}

describe('STS GetCallerIdentity', () => {
  it('names an IAM user with long-term keys', async () => {
    const out = await sts(LEGACY_CI).send(new GetCallerIdentityCommand({}))
    expect(out.Arn).toBe(`arn:aws:iam::${DEV}:user/legacy-ci`)
    expect(out.Account).toBe(DEV)
    expect(out.UserId).toMatch(/^AIDA[A-Z0-9]{16,}$/)
  })

  it('names an Identity Center role session in the AWSReservedSSO form', async () => {
    const out = await sts(ssoCredentials('alice', DEV, 'AdministratorAccess')).send(new GetCallerIdentityCommand({}))
    expect(out.Arn).toMatch(
      new RegExp(`^arn:aws:sts::${DEV}:assumed-role/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}/alice$`),
    )
    expect(out.UserId).toMatch(/^AROA[A-Z0-9]{17}:alice$/)
    expect(out.Account).toBe(DEV)
  })

  it('answers even a caller whose policies deny everything (sts:GetCallerIdentity needs no permission)', async () => {
    const ps = deps.store.findPermissionSetByName('BillingOnly')
    deps.store.putInlinePolicy(
      ps?.id as string,
      JSON.stringify({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }),
    )
    const out = await sts(ssoCredentials('bob', PROD, 'BillingOnly')).send(new GetCallerIdentityCommand({}))
    expect(out.Arn).toMatch(/assumed-role\/AWSReservedSSO_BillingOnly_[0-9a-f]{16}\/bob$/)
  })

  it('counts the request in the metrics', async () => {
    await sts(LEGACY_CI).send(new GetCallerIdentityCommand({}))
    expect(deps.metrics.render()).toContain('idc_requests_total{operation="GetCallerIdentity",outcome="success"} 1')
  })

  it.each([
    ['a wrong secret', { ...LEGACY_CI, secretAccessKey: 'x'.repeat(40) }, 'SignatureDoesNotMatch', 403],
    [
      'an unknown key',
      { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x'.repeat(40) },
      'InvalidClientTokenId',
      403,
    ],
  ])('refuses %s', async (_name, credentials, code, status) => {
    const f = await failure(sts(credentials).send(new GetCallerIdentityCommand({})))
    expect(f).toMatchObject({ name: code, status })
  })

  it('refuses session credentials without their session token', async () => {
    const { sessionToken: _omit, ...noToken } = ssoCredentials('alice', DEV, 'AdministratorAccess')
    expect(await failure(sts(noToken).send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
      status: 403,
    })
  })

  it('refuses expired session credentials with ExpiredToken', async () => {
    const live = ssoCredentials('alice', DEV, 'AdministratorAccess')
    // The same role session, recorded as having ended a second ago.
    const issued = deps.store.findIssuedCredentials(live.accessKeyId)!
    const creds = { ...live, accessKeyId: 'ASIAEXPIREDEXPIRED00' }
    deps.store.recordIssuedCredentials({ ...issued, accessKeyId: creds.accessKeyId, expiresAt: deps.clock() - 1000 })
    expect(await failure(sts(creds).send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'ExpiredToken',
      status: 403,
    })
  })

  it('refuses a request signed 20 minutes off the server clock', async () => {
    deps.advance(20 * 60_000)
    const f = await failure(sts(LEGACY_CI).send(new GetCallerIdentityCommand({})))
    expect(f).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 })
    expect(f.message).toMatch(/^Signature expired/)
  })

  it('answers an unsigned request with MissingAuthenticationToken', async () => {
    const res = await app.request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    })
    expect(res.status).toBe(403)
    const xml = await res.text()
    expect(xml).toContain('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">')
    expect(xml).toContain('<Code>MissingAuthenticationToken</Code>')
  })
})

describe('STS over a presigned GET (as `aws eks get-token` sends it)', () => {
  it('verifies a presigned GetCallerIdentity URL and refuses it once expired', async () => {
    const signer = new SignatureV4({
      credentials: LEGACY_CI,
      region: 'ap-northeast-1',
      service: 'sts',
      sha256: Sha256,
    })
    const presigned = await signer.presign(
      {
        method: 'GET',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: 4566,
        path: '/',
        query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
        headers: { host: '127.0.0.1:4566', 'x-k8s-aws-id': 'cluster' },
      },
      { expiresIn: 60 },
    )
    const query = Object.entries(presigned.query ?? {})
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&')
    const send = () =>
      app.request(`http://127.0.0.1:4566/?${query}`, { headers: { host: '127.0.0.1:4566', 'x-k8s-aws-id': 'cluster' } })
    const res = await send()
    expect(res.status).toBe(200)
    expect(await res.text()).toContain(`<Arn>arn:aws:iam::${DEV}:user/legacy-ci</Arn>`)
    deps.advance(61_000)
    const expired = await send()
    expect(expired.status).toBe(403)
    expect(await expired.text()).toContain('<Code>SignatureDoesNotMatch</Code>')
  })
})

describe('STS AssumeRole', () => {
  it('assumes Deployer with MFA and the new session acts in the production account', async () => {
    const out = await sts(LEGACY_CI).send(
      new AssumeRoleCommand({
        RoleArn: DEPLOYER,
        RoleSessionName: 'deploy-1',
        SerialNumber: MFA_SERIAL,
        TokenCode: totp(),
      }),
    )
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/Deployer/deploy-1`)
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]+:deploy-1$/)
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/)
    expect(out.Credentials?.Expiration?.getTime()).toBe(Math.floor((deps.clock() + 3600_000) / 1000) * 1000)
    const session = {
      accessKeyId: out.Credentials?.AccessKeyId as string,
      secretAccessKey: out.Credentials?.SecretAccessKey as string,
      sessionToken: out.Credentials?.SessionToken as string,
    }
    expect((await sts(session).send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:sts::${PROD}:assumed-role/Deployer/deploy-1`,
    )
    const buckets = await s3(session).send(new ListBucketsCommand({}))
    expect(buckets.Buckets?.map((b) => b.Name)).toEqual(['prod-app-assets-123456789022', 'prod-backups-123456789022'])
  })

  it('refuses Deployer without MFA', async () => {
    const f = await failure(
      sts(LEGACY_CI).send(new AssumeRoleCommand({ RoleArn: DEPLOYER, RoleSessionName: 'deploy-1' })),
    )
    expect(f).toMatchObject({ name: 'AccessDenied', status: 403 })
    expect(f.message).toBe(
      `User: arn:aws:iam::${DEV}:user/legacy-ci is not authorized to perform: sts:AssumeRole on resource: ${DEPLOYER}`,
    )
  })

  it('refuses a wrong MFA code and a code used twice', async () => {
    const wrong = totp() === '000000' ? '111111' : '000000'
    expect(
      await failure(
        sts(LEGACY_CI).send(
          new AssumeRoleCommand({
            RoleArn: DEPLOYER,
            RoleSessionName: 's0',
            SerialNumber: MFA_SERIAL,
            TokenCode: wrong,
          }),
        ),
      ),
    ).toMatchObject({ name: 'AccessDenied' })
    const code = totp()
    await sts(LEGACY_CI).send(
      new AssumeRoleCommand({ RoleArn: DEPLOYER, RoleSessionName: 's1', SerialNumber: MFA_SERIAL, TokenCode: code }),
    )
    const f = await failure(
      sts(LEGACY_CI).send(
        new AssumeRoleCommand({ RoleArn: DEPLOYER, RoleSessionName: 's2', SerialNumber: MFA_SERIAL, TokenCode: code }),
      ),
    )
    expect(f).toMatchObject({ name: 'AccessDenied', status: 403 })
    expect(f.message).toMatch(/MultiFactorAuthentication failed/)
  })

  it.each([
    ['beyond the role maximum', { DurationSeconds: 7200 }, /MaxSessionDuration/],
    ['below 900 seconds', { DurationSeconds: 600 }, /greater than or equal to 900/],
    ['an invalid session name', { RoleSessionName: 'bad name!' }, /roleSessionName/],
  ])('refuses a request %s with ValidationError', async (_name, override, message) => {
    const f = await failure(
      sts(LEGACY_CI).send(
        new AssumeRoleCommand({
          RoleArn: DEPLOYER,
          RoleSessionName: 'ok',
          SerialNumber: MFA_SERIAL,
          TokenCode: totp(),
          ...override,
        }),
      ),
    )
    expect(f).toMatchObject({ name: 'ValidationError', status: 400 })
    expect(f.message).toMatch(message)
  })

  it('checks ExternalId and caps role chaining at one hour', async () => {
    deps.store.saveRole({
      arn: `arn:aws:iam::${DEV}:role/Partner`,
      accountId: DEV,
      roleName: 'Partner',
      roleId: 'AROAPARTNERPARTNER01',
      path: '/',
      trustPolicy: JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${DEV}:root` },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:ExternalId': 'ext-123' } },
          },
        ],
      }),
      managedPolicies: ['ReadOnlyAccess'],
      inlinePolicies: {},
      maxSessionDurationSeconds: 43200,
      createdAt: deps.clock(),
    })
    const alice = sts(ssoCredentials('alice', DEV, 'AdministratorAccess'))
    const input = { RoleArn: `arn:aws:iam::${DEV}:role/Partner`, RoleSessionName: 'partner' }
    expect(await failure(alice.send(new AssumeRoleCommand(input)))).toMatchObject({ name: 'AccessDenied' })
    expect(await failure(alice.send(new AssumeRoleCommand({ ...input, ExternalId: 'ext-999' })))).toMatchObject({
      name: 'AccessDenied',
    })
    const chained = await failure(
      alice.send(new AssumeRoleCommand({ ...input, ExternalId: 'ext-123', DurationSeconds: 7200 })),
    )
    expect(chained).toMatchObject({ name: 'ValidationError' })
    expect(chained.message).toMatch(/role chaining/)
    const ok = await alice.send(new AssumeRoleCommand({ ...input, ExternalId: 'ext-123' }))
    expect(ok.Credentials?.Expiration?.getTime()).toBeLessThanOrEqual(deps.clock() + 3600_000)
    expect(ok.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/Partner/partner`)
  })
})

describe('STS AssumeRole session policies', () => {
  function sessionOf(out: {
    Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }
  }): TestCredentials {
    return {
      accessKeyId: out.Credentials?.AccessKeyId as string,
      secretAccessKey: out.Credentials?.SecretAccessKey as string,
      sessionToken: out.Credentials?.SessionToken as string,
    }
  }
  const assume = (extra: Record<string, unknown>) => {
    // A TOTP code works once: each call waits for the next code (the skew stays far inside 15 minutes).
    deps.advance(30_000)
    return sts(LEGACY_CI).send(
      new AssumeRoleCommand({
        RoleArn: DEPLOYER,
        RoleSessionName: 'narrow',
        SerialNumber: MFA_SERIAL,
        TokenCode: totp(),
        ...extra,
      }),
    )
  }

  it('narrows the session to what an inline session policy also allows', async () => {
    const denyList = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
    })
    const out = await assume({ Policy: denyList })
    expect(out.PackedPolicySize).toBeGreaterThan(0)
    const session = sessionOf(out)
    expect((await sts(session).send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:sts::${PROD}:assumed-role/Deployer/narrow`,
    )
    const f = await failure(s3(session).send(new ListBucketsCommand({})))
    expect(f).toMatchObject({ name: 'AccessDenied', status: 403 })
  })

  it('keeps what both the role and the session policy allow, and an explicit Deny in the session policy wins', async () => {
    const allowAll = await assume({
      Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }),
    })
    expect((await s3(sessionOf(allowAll)).send(new ListBucketsCommand({}))).Buckets?.length).toBe(2)
    const denied = await assume({
      Policy: JSON.stringify({
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Deny', Action: 's3:ListAllMyBuckets', Resource: '*' },
        ],
      }),
    })
    expect(await failure(s3(sessionOf(denied)).send(new ListBucketsCommand({})))).toMatchObject({
      name: 'AccessDenied',
    })
  })

  it('takes AWS-managed policies by ARN; an ARN it does not know grants nothing', async () => {
    const readOnly = await assume({ PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] })
    expect((await s3(sessionOf(readOnly)).send(new ListBucketsCommand({}))).Buckets?.length).toBe(2)
    const unknown = await assume({ PolicyArns: [{ arn: `arn:aws:iam::${PROD}:policy/NotHere` }] })
    expect(await failure(s3(sessionOf(unknown)).send(new ListBucketsCommand({})))).toMatchObject({
      name: 'AccessDenied',
    })
  })

  it('refuses a malformed session policy', async () => {
    // The wire code is MalformedPolicyDocument; the SDK names its modelled exception class with a suffix.
    expect(await failure(assume({ Policy: '{not json' }))).toMatchObject({
      name: 'MalformedPolicyDocumentException',
      status: 400,
    })
  })
})

describe('STS GetSessionToken', () => {
  it('issues MFA session credentials to an IAM user and refuses session callers', async () => {
    const out = await sts(LEGACY_CI).send(
      new GetSessionTokenCommand({ DurationSeconds: 900, SerialNumber: MFA_SERIAL, TokenCode: totp() }),
    )
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/)
    const session = {
      accessKeyId: out.Credentials?.AccessKeyId as string,
      secretAccessKey: out.Credentials?.SecretAccessKey as string,
      sessionToken: out.Credentials?.SessionToken as string,
    }
    expect((await sts(session).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${DEV}:user/legacy-ci`)
    expect(await failure(sts(session).send(new GetSessionTokenCommand({})))).toMatchObject({
      name: 'AccessDenied',
      status: 403,
    })
    // The MFA session satisfies Deployer's MFA condition without a new code.
    const role = await sts(session).send(new AssumeRoleCommand({ RoleArn: DEPLOYER, RoleSessionName: 'via-session' }))
    expect(role.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/Deployer/via-session`)
  })

  it('refuses a DurationSeconds beyond 36 hours', async () => {
    expect(await failure(sts(LEGACY_CI).send(new GetSessionTokenCommand({ DurationSeconds: 200000 })))).toMatchObject({
      name: 'ValidationError',
      status: 400,
    })
  })
})

describe('S3 ListBuckets', () => {
  it('lists the account buckets for AdministratorAccess', async () => {
    const out = await s3(ssoCredentials('alice', DEV, 'AdministratorAccess')).send(new ListBucketsCommand({}))
    expect(out.Buckets?.map((b) => b.Name)).toEqual([
      'dev-app-assets-123456789011',
      'dev-build-artifacts-123456789011',
      'dev-logs-123456789011',
    ])
    expect(out.Buckets?.[0]?.CreationDate?.toISOString()).toBe('2024-01-15T09:30:00.000Z')
    expect(out.Owner?.ID).toMatch(/^[0-9a-f]{64}$/)
  })

  it('allows ReadOnly and refuses BillingOnly with AccessDenied', async () => {
    expect((await s3(ssoCredentials('bob', PROD, 'ReadOnly')).send(new ListBucketsCommand({}))).Buckets).toHaveLength(2)
    const f = await failure(s3(ssoCredentials('bob', PROD, 'BillingOnly')).send(new ListBucketsCommand({})))
    expect(f).toMatchObject({ name: 'AccessDenied', status: 403 })
  })

  it('answers an unknown key with InvalidAccessKeyId XML and request-id headers', async () => {
    const f = await failure(
      s3({ accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x'.repeat(40) }).send(new ListBucketsCommand({})),
    )
    expect(f).toMatchObject({ name: 'InvalidAccessKeyId', status: 403 })
  })

  it('paginates with max-buckets', async () => {
    const client = s3(ssoCredentials('alice', DEV, 'AdministratorAccess'))
    const first = await client.send(new ListBucketsCommand({ MaxBuckets: 2 }))
    expect(first.Buckets).toHaveLength(2)
    const second = await client.send(
      new ListBucketsCommand({ MaxBuckets: 2, ContinuationToken: first.ContinuationToken }),
    )
    expect(second.Buckets?.map((b) => b.Name)).toEqual(['dev-logs-123456789011'])
    expect(second.ContinuationToken).toBeUndefined()
  })
})

describe('admin APIs (awsJson1_1)', () => {
  function admin(): TestCredentials {
    return deps.store.getAdminCredentials() as TestCredentials
  }
  const ssoAdmin = (op: string, body: unknown, credentials = admin()) =>
    callJson({ app, credentials, target: `SWBExternalService.${op}`, signingName: 'sso', body })
  const idStore = (op: string, body: unknown) =>
    callJson({ app, credentials: admin(), target: `AWSIdentityStore.${op}`, signingName: 'identitystore', body })

  it('lists the instance with epoch-second dates', async () => {
    const res = await ssoAdmin('ListInstances', {})
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1')
    const [instance] = res.json.Instances
    expect(instance.InstanceArn).toMatch(/^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/)
    expect(instance.IdentityStoreId).toBe('d-9567a1b2c3')
    expect(instance.Status).toBe('ACTIVE')
    expect(instance.CreatedDate).toBeLessThan(1e11)
  })

  it('creates a permission set, attaches policies and assigns it, ending in a working role', async () => {
    const instanceArn = (await ssoAdmin('ListInstances', {})).json.Instances[0].InstanceArn
    const created = await ssoAdmin('CreatePermissionSet', {
      InstanceArn: instanceArn,
      Name: 'Auditor',
      SessionDuration: 'PT2H',
      Description: 'Audits',
    })
    expect(created.status).toBe(200)
    const arn = created.json.PermissionSet.PermissionSetArn as string
    expect(arn).toMatch(/^arn:aws:sso:::permissionSet\/ssoins-[0-9a-f]{16}\/ps-[0-9a-f]{16}$/)
    expect((await ssoAdmin('CreatePermissionSet', { InstanceArn: instanceArn, Name: 'Auditor' })).json.__type).toBe(
      'ConflictException',
    )
    expect(
      (await ssoAdmin('DescribePermissionSet', { InstanceArn: instanceArn, PermissionSetArn: arn })).json.PermissionSet,
    ).toMatchObject({ Name: 'Auditor', SessionDuration: 'PT2H' })
    expect((await ssoAdmin('ListPermissionSets', { InstanceArn: instanceArn })).json.PermissionSets).toContain(arn)
    expect(
      (
        await ssoAdmin('AttachManagedPolicyToPermissionSet', {
          InstanceArn: instanceArn,
          PermissionSetArn: arn,
          ManagedPolicyArn: 'arn:aws:iam::aws:policy/ViewOnlyAccess',
        })
      ).status,
    ).toBe(200)
    const inline = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 's3:ListAllMyBuckets', Resource: '*' }],
    })
    expect(
      (
        await ssoAdmin('PutInlinePolicyToPermissionSet', {
          InstanceArn: instanceArn,
          PermissionSetArn: arn,
          InlinePolicy: inline,
        })
      ).status,
    ).toBe(200)
    const alice = deps.store.findUserByName('alice')?.id as string
    const assignment = {
      InstanceArn: instanceArn,
      PermissionSetArn: arn,
      TargetId: DEV,
      TargetType: 'AWS_ACCOUNT',
      PrincipalType: 'USER',
      PrincipalId: alice,
    }
    const status = (await ssoAdmin('CreateAccountAssignment', assignment)).json.AccountAssignmentCreationStatus
    expect(status.Status).toBe('IN_PROGRESS')
    const done = await ssoAdmin('DescribeAccountAssignmentCreationStatus', {
      InstanceArn: instanceArn,
      AccountAssignmentCreationRequestId: status.RequestId,
    })
    expect(done.json.AccountAssignmentCreationStatus.Status).toBe('SUCCEEDED')
    const listed = await ssoAdmin('ListAccountAssignments', {
      InstanceArn: instanceArn,
      AccountId: DEV,
      PermissionSetArn: arn,
    })
    expect(listed.json.AccountAssignments).toEqual([
      { AccountId: DEV, PermissionSetArn: arn, PrincipalType: 'USER', PrincipalId: alice },
    ])
    // The inline Deny wins over ViewOnlyAccess's s3:ListAllMyBuckets.
    expect(await failure(s3(ssoCredentials('alice', DEV, 'Auditor')).send(new ListBucketsCommand({})))).toMatchObject({
      name: 'AccessDenied',
    })
    const deleted = await ssoAdmin('DeleteAccountAssignment', assignment)
    expect(deleted.json.AccountAssignmentDeletionStatus.Status).toBe('IN_PROGRESS')
    expect(
      (await ssoAdmin('ListAccountAssignments', { InstanceArn: instanceArn, AccountId: DEV, PermissionSetArn: arn }))
        .json.AccountAssignments,
    ).toEqual([])
  })

  it('paginates ListPermissionSets with NextToken', async () => {
    const instanceArn = (await ssoAdmin('ListInstances', {})).json.Instances[0].InstanceArn
    const first = await ssoAdmin('ListPermissionSets', { InstanceArn: instanceArn, MaxResults: 3 })
    expect(first.json.PermissionSets).toHaveLength(3)
    const second = await ssoAdmin('ListPermissionSets', {
      InstanceArn: instanceArn,
      MaxResults: 3,
      NextToken: first.json.NextToken,
    })
    expect(second.json.PermissionSets).toHaveLength(1)
    expect(second.json.NextToken).toBeUndefined()
    expect((await ssoAdmin('ListPermissionSets', { InstanceArn: instanceArn, NextToken: 'garbage' })).json.__type).toBe(
      'ValidationException',
    )
  })

  it('sends errors with __type in the body and x-amzn-ErrorType', async () => {
    const res = await ssoAdmin('DescribePermissionSet', {
      InstanceArn: 'arn:aws:sso:::instance/ssoins-0000000000000000',
      PermissionSetArn: 'arn:aws:sso:::permissionSet/ssoins-0000000000000000/ps-0000000000000000',
    })
    expect(res.status).toBe(400)
    expect(res.json.__type).toBe('ResourceNotFoundException')
    expect(res.headers.get('x-amzn-ErrorType')).toBe('ResourceNotFoundException')
  })

  it('refuses callers whose policies do not allow the action', async () => {
    const res = await ssoAdmin('ListInstances', {}, ssoCredentials('bob', PROD, 'BillingOnly'))
    expect(res.json.__type).toBe('AccessDeniedException')
    const bad = await ssoAdmin('ListInstances', {}, { ...admin(), secretAccessKey: 'x'.repeat(40) })
    expect(bad.json.__type).toBe('InvalidSignatureException')
  })

  it('creates an invited user with an invitation link in the log, groups and memberships', async () => {
    const created = await idStore('CreateUser', {
      IdentityStoreId: 'd-9567a1b2c3',
      UserName: 'carol',
      DisplayName: 'Carol',
      Name: { GivenName: 'Carol', FamilyName: 'Example' },
      Emails: [{ Value: 'carol@example.com', Type: 'work', Primary: true }],
    })
    expect(created.status).toBe(200)
    const userId = created.json.UserId as string
    expect(deps.store.getUser(userId)?.status).toBe('invited')
    expect(
      deps.lines.some((l) => /^info Invitation for carol: http:\/\/localhost\/invitation\?token=[\w-]{20,}$/.test(l)),
    ).toBe(true)
    expect(
      (await idStore('CreateUser', { IdentityStoreId: 'd-9567a1b2c3', UserName: 'carol', DisplayName: 'C' })).json,
    ).toMatchObject({ __type: 'ConflictException', Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION' })
    const described = await idStore('DescribeUser', { IdentityStoreId: 'd-9567a1b2c3', UserId: userId })
    expect(described.json).toMatchObject({
      UserName: 'carol',
      DisplayName: 'Carol',
      Emails: [{ Value: 'carol@example.com', Primary: true }],
    })
    const users = await idStore('ListUsers', { IdentityStoreId: 'd-9567a1b2c3' })
    expect(users.json.Users.map((u: { UserName: string }) => u.UserName).sort()).toEqual(['alice', 'bob', 'carol'])
    const filtered = await idStore('ListUsers', {
      IdentityStoreId: 'd-9567a1b2c3',
      Filters: [{ AttributePath: 'UserName', AttributeValue: 'bob' }],
    })
    expect(filtered.json.Users).toHaveLength(1)
    const group = await idStore('CreateGroup', {
      IdentityStoreId: 'd-9567a1b2c3',
      DisplayName: 'Auditors',
      Description: 'Read the logs',
    })
    const groupId = group.json.GroupId as string
    expect(
      (await idStore('ListGroups', { IdentityStoreId: 'd-9567a1b2c3' })).json.Groups.map(
        (g: { DisplayName: string }) => g.DisplayName,
      ),
    ).toEqual(['Auditors', 'Developers'])
    const membership = await idStore('CreateGroupMembership', {
      IdentityStoreId: 'd-9567a1b2c3',
      GroupId: groupId,
      MemberId: { UserId: userId },
    })
    expect(membership.json.MembershipId).toBeTruthy()
    const memberships = await idStore('ListGroupMemberships', { IdentityStoreId: 'd-9567a1b2c3', GroupId: groupId })
    expect(memberships.json.GroupMemberships).toEqual([
      {
        IdentityStoreId: 'd-9567a1b2c3',
        MembershipId: membership.json.MembershipId,
        GroupId: groupId,
        MemberId: { UserId: userId },
      },
    ])
    expect((await idStore('DescribeUser', { IdentityStoreId: 'd-0000000000', UserId: userId })).json.__type).toBe(
      'ResourceNotFoundException',
    )
  })

  it('lists the organisation accounts', async () => {
    const res = await callJson({
      app,
      credentials: admin(),
      target: 'AWSOrganizationsV20161128.ListAccounts',
      signingName: 'organizations',
      body: {},
    })
    expect(res.json.Accounts.map((a: { Id: string; Name: string }) => [a.Id, a.Name])).toEqual([
      [DEV, 'DeveloperAccount'],
      [PROD, 'ProductionAccount'],
    ])
    expect(res.json.Accounts[0].Arn).toMatch(/^arn:aws:organizations::\d{12}:account\/o-[a-z0-9]{10}\/123456789011$/)
  })

  it('answers an unknown target with UnknownOperationException', async () => {
    const res = await callJson({
      app,
      credentials: admin(),
      target: 'SWBExternalService.Nope',
      signingName: 'sso',
      body: {},
    })
    expect(res.json.__type).toBe('UnknownOperationException')
  })
})
