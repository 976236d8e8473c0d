/**
 * The `--demo` organisation, fixed so that guides and tests can rely on every name, password and
 * key in it (README, "The local Identity Center").
 *
 * @module
 */
import type { OrgSpec } from './org.js'

/** The demo instance's start URL. */
export const DEMO_START_URL = 'https://d-9567a1b2c3.awsapps.com/start'

/** The demo organisation. */
export const DEMO_ORG: OrgSpec = {
  instance: { id: 'd-9567a1b2c3', region: 'ap-northeast-1', startUrl: DEMO_START_URL, sessionDuration: 'PT8H' },
  accounts: [
    {
      id: '123456789011',
      name: 'DeveloperAccount',
      email: 'developer-account-admin@example.com',
      rootUser: { email: 'root@example.com', consolePassword: 'Root-demo-pass-1' },
      buckets: [
        { name: 'dev-app-assets-123456789011', createdAt: '2024-01-15T09:30:00.000Z' },
        { name: 'dev-build-artifacts-123456789011', createdAt: '2024-02-01T12:00:00.000Z' },
        { name: 'dev-logs-123456789011', createdAt: '2024-03-10T08:15:00.000Z' },
      ],
    },
    {
      id: '123456789022',
      name: 'ProductionAccount',
      email: 'production-account-admin@example.com',
      buckets: [
        { name: 'prod-app-assets-123456789022', createdAt: '2024-01-20T10:00:00.000Z' },
        { name: 'prod-backups-123456789022', createdAt: '2024-04-05T03:00:00.000Z' },
      ],
    },
  ],
  permissionSets: [
    {
      name: 'AdministratorAccess',
      description: 'Full access to AWS services and resources',
      sessionDuration: 'PT8H',
      managedPolicies: ['AdministratorAccess'],
    },
    { name: 'ReadOnly', description: 'Read-only access', sessionDuration: 'PT1H', managedPolicies: ['ReadOnlyAccess'] },
    {
      name: 'FullAccess',
      description: 'Full access for developers',
      sessionDuration: 'PT4H',
      managedPolicies: ['AdministratorAccess'],
    },
    {
      name: 'BillingOnly',
      description: 'Billing and cost management only',
      sessionDuration: 'PT1H',
      managedPolicies: ['job-function/Billing'],
      inlinePolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Billing',
            Effect: 'Allow',
            Action: ['aws-portal:*', 'ce:*', 'budgets:*', 'sts:GetCallerIdentity'],
            Resource: '*',
          },
          { Sid: 'NoBuckets', Effect: 'Deny', Action: 's3:*', Resource: '*' },
        ],
      },
    },
  ],
  users: [
    {
      userName: 'alice',
      email: 'alice@example.com',
      givenName: 'Alice',
      familyName: 'Example',
      displayName: 'Alice Example',
      password: 'Alice-demo-pass-1',
    },
    {
      userName: 'bob',
      email: 'bob@example.com',
      givenName: 'Bob',
      familyName: 'Example',
      displayName: 'Bob Example',
      password: 'Bob-demo-pass-1',
      mfa: { totpSecret: 'JBSWY3DPEHPK3PXP' },
    },
  ],
  groups: [{ name: 'Developers', description: 'Application developers', members: ['bob'] }],
  assignments: [
    { account: '123456789011', permissionSet: 'AdministratorAccess', user: 'alice' },
    { account: '123456789011', permissionSet: 'ReadOnly', group: 'Developers' },
    { account: '123456789011', permissionSet: 'FullAccess', group: 'Developers' },
    { account: '123456789022', permissionSet: 'ReadOnly', group: 'Developers' },
    { account: '123456789022', permissionSet: 'BillingOnly', group: 'Developers' },
  ],
  consoleAdmins: [{ userName: 'admin', password: 'Admin-demo-pass-1' }],
  iam: {
    users: [
      {
        account: '123456789011',
        userName: 'legacy-ci',
        consolePassword: 'Legacy-ci-demo-pass-1',
        accessKeys: [
          { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
        ],
        mfaDevices: [{ serialNumber: 'arn:aws:iam::123456789011:mfa/legacy-ci', totpSecret: 'JBSWY3DPEHPK3PXP' }],
        managedPolicies: ['ReadOnlyAccess', 'SignInLocalDevelopmentAccess'],
        inlinePolicies: {
          AssumeDeployer: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::123456789022:role/Deployer' },
            ],
          },
        },
      },
    ],
    roles: [
      {
        account: '123456789022',
        roleName: 'Deployer',
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::123456789011:user/legacy-ci' },
              Action: 'sts:AssumeRole',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            },
          ],
        },
        managedPolicies: ['AdministratorAccess'],
        maxSessionDuration: 3600,
      },
    ],
  },
}
