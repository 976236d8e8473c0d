import { describe, expect, it } from 'vitest'
import { createFakeAwsClients } from '../../../../test/helpers/fake-aws-clients.js'
import { createTestCliEnv } from '../../../../test/helpers/cli-test-env.js'
import { createGlobalOptions, type GlobalOptions } from '../../globals.js'
import { runCli } from '../../run-cli.js'
import { runStsGetCallerIdentity } from './get-caller-identity.js'

const globals = (overrides: Partial<GlobalOptions> = {}): GlobalOptions =>
  createGlobalOptions({ profile: 'dev', ...overrides })

function setup(config: string) {
  return createTestCliEnv({
    files: {
      '.aws/config': config,
      '.aws/credentials': '[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = s\n',
    },
  })
}

/** Fake clients whose GetCallerIdentity answers the demo's legacy-ci IAM user. */
function legacyCiIdentity() {
  return createFakeAwsClients({
    GetCallerIdentityCommand: () => ({
      UserId: 'AIDAEXAMPLE',
      Account: '123456789011',
      Arn: 'arn:aws:iam::123456789011:user/legacy-ci',
    }),
  })
}

describe('idc sts get-caller-identity', () => {
  it('prints the identity as the AWS CLI json output, signed with the profile credentials at the endpoint', async () => {
    const env = setup('[profile dev]\nregion = eu-west-1\n')
    const clients = legacyCiIdentity()
    await runStsGetCallerIdentity({ globals: globals({ endpointUrl: 'http://127.0.0.1:1' }) }, { ...env, clients })
    expect(env.out.text).toBe(
      '{\n    "UserId": "AIDAEXAMPLE",\n    "Account": "123456789011",\n    "Arn": "arn:aws:iam::123456789011:user/legacy-ci"\n}\n',
    )
    expect(clients.calls[0]?.target).toEqual({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:1' })
  })

  it('needs a region (NoRegion, exit 253)', async () => {
    const env = setup('[profile dev]\n')
    expect(await runCli(['sts', 'get-caller-identity', '--profile', 'dev'], env)).toBe(253)
    expect(env.err.text).toContain(
      'An error occurred (NoRegion): You must specify a region. You can also configure your region by running "idc configure".',
    )
  })
})

describe('idc sts get-caller-identity output', () => {
  it('honours --output and --query through the output module', async () => {
    const env = setup('[profile dev]\nregion = eu-west-1\n')
    const clients = legacyCiIdentity()
    await runStsGetCallerIdentity({ globals: globals({ output: 'text', query: 'Account' }) }, { ...env, clients })
    expect(env.out.text).toBe('123456789011\n')
  })
})
