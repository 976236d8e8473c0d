/**
 * The AWS-managed policies the local Identity Center knows, by name, with documents that keep their
 * real meaning (abridged to the actions this server implements plus wildcards).
 *
 * @module
 */

/** An IAM policy document. */
export interface PolicyDocument {
  Version?: string
  Statement: PolicyStatement | PolicyStatement[]
}

/** One statement of a policy. */
export interface PolicyStatement {
  Sid?: string
  Effect: 'Allow' | 'Deny'
  Action?: string | string[]
  NotAction?: string | string[]
  Resource?: string | string[]
  NotResource?: string | string[]
  Principal?: unknown
  Condition?: Record<string, Record<string, unknown>>
}

/** AWS-managed policies by name. */
export const MANAGED_POLICIES: Readonly<Record<string, PolicyDocument>> = {
  AdministratorAccess: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  // What `aws login` needs: authorize in the browser, then create and refresh the tokens.
  SignInLocalDevelopmentAccess: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['signin:AuthorizeOAuth2Access', 'signin:CreateOAuth2Token'],
        Resource: 'arn:aws:signin:*:*:oauth2/public-client/localhost',
      },
    ],
  },
  PowerUserAccess: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: [
          'iam:CreateServiceLinkedRole',
          'iam:DeleteServiceLinkedRole',
          'iam:ListRoles',
          'organizations:DescribeOrganization',
          'account:ListRegions',
        ],
        Resource: '*',
      },
    ],
  },
  ReadOnlyAccess: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          '*:Describe*',
          '*:Get*',
          '*:List*',
          's3:ListAllMyBuckets',
          's3:ListBucket',
          's3:GetObject',
          'sts:GetCallerIdentity',
        ],
        Resource: '*',
      },
    ],
  },
  ViewOnlyAccess: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['*:Describe*', '*:List*', 's3:ListAllMyBuckets', 's3:ListBucket', 's3:GetBucketLocation'],
        Resource: '*',
      },
    ],
  },
  'job-function/Billing': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'aws-portal:*Billing',
          'aws-portal:*Usage',
          'aws-portal:*PaymentMethods',
          'budgets:ViewBudget',
          'budgets:ModifyBudget',
          'ce:*',
          'cur:*',
        ],
        Resource: '*',
      },
    ],
  },
}

/** The policy ARN of an AWS-managed policy name (`arn:aws:iam::aws:policy/<name>`). */
export function managedPolicyArn(name: string): string {
  return `arn:aws:iam::aws:policy/${name}`
}

/** The name inside an AWS-managed policy ARN, or undefined for other ARNs. */
export function managedPolicyName(arn: string): string | undefined {
  const m = /^arn:aws:iam::aws:policy\/(.+)$/.exec(arn)
  return m ? m[1] : undefined
}
