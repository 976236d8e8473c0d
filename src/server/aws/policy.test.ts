import { describe, expect, it } from 'vitest'
import {
  conditionsHold,
  evaluatePolicies,
  evaluateTrustPolicy,
  managedPolicy,
  MalformedPolicyError,
  parsePolicy,
  wildcardMatch,
  type PolicyDocument,
} from './policy.js'

const doc = (...Statement: PolicyDocument['Statement'][]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: Statement.flat(),
})

describe('wildcardMatch', () => {
  it.each([
    ['s3:*', 's3:ListAllMyBuckets', true, true],
    ['s3:List*', 's3:ListAllMyBuckets', true, true],
    ['S3:list*', 's3:ListAllMyBuckets', true, true],
    ['s3:Get?', 's3:GetX', false, true],
    ['s3:Get?', 's3:GetXY', false, false],
    ['*:Get*', 'sts:GetCallerIdentity', false, true],
    ['arn:aws:s3:::dev-*', 'arn:aws:s3:::prod-x', false, false],
    ['a*b*c', 'aXXbYYc', false, true],
    ['a*b*c', 'aXXbYY', false, false],
  ])('%s against %s (ignore case %s) is %s', (pattern, value, ignoreCase, expected) => {
    expect(wildcardMatch(pattern, value, ignoreCase)).toBe(expected)
  })
})

describe('evaluatePolicies', () => {
  const admin = managedPolicy('AdministratorAccess') as PolicyDocument
  const readOnly = managedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess') as PolicyDocument
  const viewOnly = managedPolicy('ViewOnlyAccess') as PolicyDocument
  const billing = managedPolicy('Billing') as PolicyDocument
  const denyS3 = doc({ Effect: 'Deny', Action: 's3:*', Resource: '*' })

  it.each([
    ['AdministratorAccess allows anything', [admin], 'iam:CreateUser', 'allow'],
    ['ReadOnlyAccess allows s3:ListAllMyBuckets', [readOnly], 's3:ListAllMyBuckets', 'allow'],
    ['ReadOnlyAccess allows s3:GetObject', [readOnly], 's3:GetObject', 'allow'],
    ['ReadOnlyAccess does not allow s3:PutObject', [readOnly], 's3:PutObject', 'implicitDeny'],
    ['ViewOnlyAccess allows s3:ListAllMyBuckets', [viewOnly], 's3:ListAllMyBuckets', 'allow'],
    ['ViewOnlyAccess does not allow s3:GetObject', [viewOnly], 's3:GetObject', 'implicitDeny'],
    ['Billing does not allow s3:ListAllMyBuckets', [billing], 's3:ListAllMyBuckets', 'implicitDeny'],
    ['an explicit Deny wins over AdministratorAccess', [admin, denyS3], 's3:ListAllMyBuckets', 'explicitDeny'],
    ['no policy denies by default', [], 's3:ListAllMyBuckets', 'implicitDeny'],
    [
      'NotAction allows everything else',
      [doc({ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' })],
      's3:ListAllMyBuckets',
      'allow',
    ],
    [
      'NotAction excludes the listed actions',
      [doc({ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' })],
      'iam:CreateUser',
      'implicitDeny',
    ],
    [
      'NotResource excludes the listed resources',
      [doc({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret*' })],
      's3:GetObject',
      'allow',
    ],
  ] as const)('%s', (_name, policies, action, expected) => {
    expect(
      evaluatePolicies(policies as unknown as PolicyDocument[], { action, resource: 'arn:aws:s3:::bucket/key' }),
    ).toBe(expected)
  })

  it('matches resources with wildcards, case-sensitively', () => {
    const p = [doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::dev-*/*' })]
    expect(evaluatePolicies(p, { action: 's3:GetObject', resource: 'arn:aws:s3:::dev-a/k' })).toBe('allow')
    expect(evaluatePolicies(p, { action: 's3:GetObject', resource: 'arn:aws:s3:::DEV-a/k' })).toBe('implicitDeny')
  })
})

describe('conditionsHold', () => {
  it.each([
    [
      'Bool true with MFA',
      { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      { 'aws:MultiFactorAuthPresent': 'true' },
      true,
    ],
    [
      'Bool true without MFA',
      { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      { 'aws:MultiFactorAuthPresent': 'false' },
      false,
    ],
    ['Bool true with the key missing', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, {}, false],
    ['BoolIfExists with the key missing', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }, {}, true],
    [
      'StringEquals ExternalId matching',
      { StringEquals: { 'sts:ExternalId': 'ext-1' } },
      { 'sts:externalid': 'ext-1' },
      true,
    ],
    [
      'StringEquals ExternalId wrong',
      { StringEquals: { 'sts:ExternalId': 'ext-1' } },
      { 'sts:ExternalId': 'ext-2' },
      false,
    ],
    ['StringNotEquals with the key missing', { StringNotEquals: { 'aws:PrincipalTag/x': 'y' } }, {}, true],
    [
      'StringLike any of several values',
      { StringLike: { 'aws:userid': ['AIDA*', 'AROA*'] } },
      { 'aws:userid': 'AROAXYZ:s' },
      true,
    ],
    [
      'NumericLessThan MFA age',
      { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
      { 'aws:MultiFactorAuthAge': '10' },
      true,
    ],
    ['Null true with the key missing', { Null: { 'aws:TokenIssueTime': 'true' } }, {}, true],
  ])('%s', (_name, condition, context, expected) => {
    expect(conditionsHold(condition as never, context)).toBe(expected)
  })
})

describe('evaluateTrustPolicy', () => {
  const trust = doc({
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::123456789011:user/legacy-ci' },
    Action: 'sts:AssumeRole',
    Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  })
  const caller = { arn: 'arn:aws:iam::123456789011:user/legacy-ci', accountId: '123456789011' }

  it('allows the named principal with MFA', () => {
    expect(evaluateTrustPolicy(trust, caller, { 'aws:MultiFactorAuthPresent': 'true' })).toBe('allow')
  })
  it('refuses the named principal without MFA', () => {
    expect(evaluateTrustPolicy(trust, caller, { 'aws:MultiFactorAuthPresent': 'false' })).toBe('implicitDeny')
  })
  it('refuses another principal', () => {
    expect(
      evaluateTrustPolicy(
        trust,
        { arn: 'arn:aws:iam::123456789011:user/other', accountId: '123456789011' },
        { 'aws:MultiFactorAuthPresent': 'true' },
      ),
    ).toBe('implicitDeny')
  })
  it('lets an account root principal trust every identity of that account', () => {
    const root = doc({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789011:root' },
      Action: 'sts:AssumeRole',
    })
    expect(
      evaluateTrustPolicy(root, { arn: 'arn:aws:sts::123456789011:assumed-role/R/s', accountId: '123456789011' }, {}),
    ).toBe('allow')
    expect(evaluateTrustPolicy(root, { arn: 'arn:aws:iam::123456789022:user/x', accountId: '123456789022' }, {})).toBe(
      'implicitDeny',
    )
  })
})

describe('parsePolicy', () => {
  it('parses a document', () => {
    expect(parsePolicy('{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}').Statement).toBeDefined()
  })
  it.each([
    ['not json', '{'],
    ['no statement', '{}'],
    ['a bad effect', '{"Statement":[{"Effect":"Maybe","Action":"*"}]}'],
    ['no action', '{"Statement":[{"Effect":"Allow"}]}'],
  ])('refuses %s', (_n, text) => {
    expect(() => parsePolicy(text)).toThrow(MalformedPolicyError)
  })
})
