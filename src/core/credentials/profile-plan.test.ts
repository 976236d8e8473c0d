import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { SharedConfig } from '../config/parse-config-file.js'
import { CredentialsError } from '../errors.js'
import { planProfileCredentials, type CredentialPlan } from './profile-plan.js'
import { vectorPath } from '../../../test/helpers/vectors.js'

interface Vector {
  docs: string
  input: { profiles: SharedConfig['profiles']; sso_sessions?: SharedConfig['ssoSessions']; selected_profile: string }
  output: { ProfileChain: Record<string, unknown>[] } | { Error: string }
}

const vectors = JSON.parse(readFileSync(vectorPath('credential-providers/assume-role-tests.json'), 'utf8')) as Vector[]

/** Cases where idc follows the AWS CLI (botocore) rather than smithy-rs, or that need what idc does not support. */
const SKIPPED: Record<string, string> = {
  'web identity role': 'web identity credentials are not supported by idc',
  'web identity role with session name': 'web identity credentials are not supported by idc',
  'web identity token as source profile': 'web identity credentials are not supported by idc',
  'SSO token profile selected':
    'a profile with only sso_session is a bearer-token profile; the AWS CLI resolves no AWS credentials from it (§1.1)',
  'invalid SSO token configuration: sso_region must be in sso-session':
    'botocore accepts sso_region in the profile when it equals the sso-session value (§1.3 rule 2)',
}

function toProfileChain(plan: CredentialPlan | undefined): Record<string, unknown>[] | undefined {
  if (!plan) return undefined
  const chain: Record<string, unknown>[] = []
  const { source } = plan
  if (source.kind === 'static') {
    const c = source.credentials
    chain.push({
      AccessKey: {
        access_key_id: c.accessKeyId,
        secret_access_key: c.secretAccessKey,
        ...(c.sessionToken ? { session_token: c.sessionToken } : {}),
        ...(c.accountId ? { account_id: c.accountId } : {}),
      },
    })
  } else if (source.kind === 'credential-source') {
    chain.push({ NamedSource: source.source })
  } else if (source.kind === 'sso') {
    const s = source.sso
    chain.push({
      Sso: {
        sso_account_id: s.accountId,
        sso_region: s.region,
        sso_role_name: s.roleName,
        sso_start_url: s.startUrl,
        ...(s.sessionName ? { sso_session: s.sessionName } : {}),
      },
    })
  } else {
    chain.push({ [source.kind]: source })
  }
  for (const role of plan.roles) {
    chain.push({
      AssumeRole: {
        role_arn: role.roleArn,
        ...(role.externalId ? { external_id: role.externalId } : {}),
        ...(role.roleSessionName ? { role_session_name: role.roleSessionName } : {}),
      },
    })
  }
  return chain
}

/**
 * What idc does for each error vector. The vectors' texts are smithy-rs wording; idc reports the
 * AWS CLI's (botocore's) message as a CredentialsError, or — for a profile that holds no
 * credential settings at all — plans nothing, and its caller reports "Unable to locate credentials".
 */
const NO_PLAN = Symbol('no credential plan')
const EXPECTED_ERRORS: Record<string, string | typeof NO_PLAN> = {
  'role_arn without source source_profile':
    'Partial credentials found in assume-role, missing: source_profile or credential_source',
  'source profile and credential source both present':
    'The profile "A" contains both source_profile and credential_source.',
  'partial credentials error (missing secret)':
    'Partial credentials found in shared-credentials-file, missing: aws_secret_access_key',
  'partial credentials error (missing access key)':
    'Partial credentials found in shared-credentials-file, missing: aws_access_key_id',
  'missing credentials error (empty source profile)': 'The source profile "B" must have credentials.',
  'profile only contains configuration': NO_PLAN,
  'missing source profile': 'The source_profile "B" referenced in the profile "A" does not exist.',
  'missing root profile (should never happen in practice)': 'The config profile (A) could not be found',
  'assume role profile infinite loop':
    "Infinite loop in credential configuration detected. Attempting to load from profile A which has already been visited. Visited profiles: ['A', 'B']",
  'infinite loop with static credentials':
    "Infinite loop in credential configuration detected. Attempting to load from profile A which has already been visited. Visited profiles: ['A', 'B']",
  'invalid SSO credentials configuration: missing account ID':
    'The profile "A" is configured to use SSO but is missing required configuration: sso_account_id',
  'invalid SSO credentials configuration: missing role name':
    'The profile "A" is configured to use SSO but is missing required configuration: sso_role_name',
  // A profile with only sso_session is a bearer-token profile (see SKIPPED): no credentials.
  'invalid SSO token configuration: sso-session not found': NO_PLAN,
}

describe('planProfileCredentials against the assume-role vectors', () => {
  const labelled = vectors.map((v, i) => [`${i}: ${v.docs}`, v] as const)
  for (const [label, vector] of labelled) {
    const reason = SKIPPED[vector.docs]
    if (reason) it.skip(`${label} (skipped: ${reason})`, () => {})
  }
  const cases = labelled.filter(([, v]) => !SKIPPED[v.docs])

  it.each(cases)('%s', (_name, vector) => {
    const config: SharedConfig = {
      profiles: vector.input.profiles,
      ssoSessions: vector.input.sso_sessions ?? {},
      services: {},
    }
    const run = () => toProfileChain(planProfileCredentials(config, vector.input.selected_profile))
    if ('Error' in vector.output) {
      const expected = EXPECTED_ERRORS[vector.docs]
      if (expected === undefined) throw new Error(`no idc outcome recorded for the error vector "${vector.docs}"`)
      if (expected === NO_PLAN) expect(run()).toBeUndefined()
      else {
        expect(run).toThrow(CredentialsError)
        expect(run).toThrow(expected)
      }
    } else {
      expect(run()).toEqual(vector.output.ProfileChain)
    }
  })
})

describe('planProfileCredentials messages', () => {
  const profiles = (p: SharedConfig['profiles'], ssoSessions: SharedConfig['ssoSessions'] = {}): SharedConfig => ({
    profiles: p,
    ssoSessions,
    services: {},
  })

  it.each([
    ['an unknown profile', profiles({}), 'x', 'The config profile (x) could not be found'],
    [
      'both source_profile and credential_source',
      profiles({ a: { role_arn: 'r', source_profile: 'b', credential_source: 'Environment' }, b: {} }),
      'a',
      'The profile "a" contains both source_profile and credential_source.',
    ],
    [
      'a role without a source',
      profiles({ a: { role_arn: 'r' } }),
      'a',
      'Partial credentials found in assume-role, missing: source_profile or credential_source',
    ],
    [
      'a credential source in the wrong case',
      profiles({ a: { role_arn: 'r', credential_source: 'environment' } }),
      'a',
      'The credential source "environment" referenced in profile "a" is not valid.',
    ],
    [
      'a missing source profile',
      profiles({ a: { role_arn: 'r', source_profile: 'b' } }),
      'a',
      'The source_profile "b" referenced in the profile "a" does not exist.',
    ],
    [
      'a loop',
      profiles({
        loop1: { role_arn: 'r', source_profile: 'loop2' },
        loop2: { role_arn: 'r', source_profile: 'loop1' },
      }),
      'loop1',
      "Infinite loop in credential configuration detected. Attempting to load from profile loop1 which has already been visited. Visited profiles: ['loop1', 'loop2']",
    ],
    [
      'a source without credentials',
      profiles({ a: { role_arn: 'r', source_profile: 'b' }, b: { region: 'x' } }),
      'a',
      'The source profile "b" must have credentials.',
    ],
    [
      'a missing sso-session',
      profiles({ a: { sso_session: 's', sso_account_id: '1', sso_role_name: 'r' } }),
      'a',
      'The specified sso-session does not exist: "s"',
    ],
    [
      'an inconsistent sso-session',
      profiles(
        { a: { sso_session: 's', sso_account_id: '1', sso_role_name: 'r', sso_region: 'us-east-1' } },
        { s: { sso_start_url: 'https://x', sso_region: 'eu-west-1' } },
      ),
      'a',
      'The value for sso_region is inconsistent between profile (us-east-1) and sso-session (eu-west-1).',
    ],
    [
      'missing SSO keys',
      profiles({ a: { sso_account_id: '1' } }),
      'a',
      'The profile "a" is configured to use SSO but is missing required configuration: sso_role_name, sso_start_url, sso_region',
    ],
    [
      'a session without a region',
      profiles(
        { a: { sso_session: 's', sso_account_id: '1', sso_role_name: 'r' } },
        { s: { sso_start_url: 'https://x' } },
      ),
      'a',
      'The profile "a" is configured to use SSO but is missing required configuration: sso_region',
    ],
    [
      'partial static keys',
      profiles({ a: { aws_access_key_id: 'AKIA' } }),
      'a',
      'Partial credentials found in shared-credentials-file, missing: aws_secret_access_key',
    ],
  ])('reports %s as the AWS CLI does', (_name, config, profile, message) => {
    expect(() => planProfileCredentials(config, profile)).toThrow(message)
  })

  it('follows chains of any length and records every role parameter', () => {
    const config = profiles(
      {
        c: {
          role_arn: 'arn:c',
          source_profile: 'b',
          mfa_serial: 'arn:mfa',
          duration_seconds: '1800',
          external_id: 'x',
        },
        b: { role_arn: 'arn:b', source_profile: 'a', role_session_name: 'sess' },
        a: { sso_session: 's', sso_account_id: '123456789011', sso_role_name: 'Admin' },
      },
      {
        s: {
          sso_start_url: 'https://x/start',
          sso_region: 'us-east-1',
          sso_registration_scopes: 'sso:account:access, ,x',
        },
      },
    )
    const plan = planProfileCredentials(config, 'c')
    expect(plan?.source).toMatchObject({
      kind: 'sso',
      sso: { sessionName: 's', registrationScopes: ['sso:account:access', 'x'] },
    })
    expect(plan?.roles).toEqual([
      { profileName: 'b', roleArn: 'arn:b', roleSessionName: 'sess' },
      { profileName: 'c', roleArn: 'arn:c', mfaSerial: 'arn:mfa', durationSeconds: 1800, externalId: 'x' },
    ])
  })

  it('ignores a duration botocore cannot parse', () => {
    const plan = planProfileCredentials(
      profiles({ a: { role_arn: 'r', credential_source: 'Environment', duration_seconds: 'abc' } }),
      'a',
    )
    expect(plan?.roles[0]?.durationSeconds).toBeUndefined()
  })
})
