import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { loadSharedConfigWithOrigins } from '../config/load-shared-config.js'
import { planProfileCredentials } from './profile-plan.js'
import { createCredentialProvider } from './resolve-credentials.js'

const SESSION = 'arn:aws:iam::123456789011:user/legacy-ci'

async function planOf(config: string, credentials = '', profile = 'p') {
  const env = createTestCliEnv({ files: { '.aws/config': config, '.aws/credentials': credentials } })
  return planProfileCredentials(await loadSharedConfigWithOrigins(env), profile)
}

// The AWS CLI's order for one profile holding several kinds (aws-login.md §4.1).
describe('login_session in the credential chain', () => {
  it.each([
    [
      'static keys in the credentials file win over login',
      '',
      '[p]\naws_access_key_id = AKIA\naws_secret_access_key = s\n',
      'static',
    ],
    [
      'login wins over static keys in the config file',
      'aws_access_key_id = AKIA\naws_secret_access_key = s\n',
      '',
      'login',
    ],
    ['login wins over credential_process', 'credential_process = /bin/false\n', '', 'login'],
    [
      'SSO wins over login',
      'sso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789011\nsso_role_name = R\n',
      '',
      'sso',
    ],
  ])('%s', async (_name, extra, credentials, kind) => {
    const plan = await planOf(`[profile p]\nlogin_session = ${SESSION}\n${extra}`, credentials)
    expect(plan?.source.kind).toBe(kind)
  })

  it('serves as the source_profile of a role chain', async () => {
    const plan = await planOf(
      `[profile base]\nlogin_session = ${SESSION}\n[profile p]\nrole_arn = arn:aws:iam::123456789022:role/Deployer\nsource_profile = base\n`,
    )
    expect(plan).toEqual({
      source: { kind: 'login', profileName: 'base', loginSession: SESSION },
      roles: [{ profileName: 'p', roleArn: 'arn:aws:iam::123456789022:role/Deployer' }],
    })
  })
})

describe('login_session without a cache file', () => {
  it('fails when the provider is created, with the CLI message', async () => {
    const env = createTestCliEnv({ files: { '.aws/config': `[profile p]\nlogin_session = ${SESSION}\n` } })
    await expect(createCredentialProvider(env, { profile: 'p' })).rejects.toThrow(
      `Error loading login session token: Unable to load a existing login session for session ${SESSION}, Please reauthenticate with 'idc login'.`,
    )
  })
})
