import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../../test/helpers/cli-test-env.js'
import { runCli } from '../../run-cli.js'

// The same files the expectations below were checked against with the AWS CLI v2 2.36.12.
const CONFIG = `[default]
region = us-west-2
output = json
s3 =
    max_concurrent_requests = 20
[profile dev]
region = eu-west-1
sso_session = corp
[sso-session corp]
sso_start_url = https://x.awsapps.com/start
sso_region = us-east-1
`
const CREDENTIALS = `[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
[dev]
aws_access_key_id = AKIADEV0000000000ABCD
aws_secret_access_key = devsecretdevsecretwxyz
`

function setup(vars: Record<string, string> = {}) {
  return createTestCliEnv({ vars, files: { '.aws/config': CONFIG, '.aws/credentials': CREDENTIALS } })
}

describe('idc configure get', () => {
  it.each([
    [['region'], 'us-west-2\n', 0],
    [['aws_access_key_id'], 'AKIAIOSFODNN7EXAMPLE\n', 0],
    [['default.region'], 'us-west-2\n', 0],
    [['profile.dev.region'], 'eu-west-1\n', 0],
    [['dev.region'], 'eu-west-1\n', 0],
    [['s3.max_concurrent_requests'], '20\n', 0],
    [['default.s3.max_concurrent_requests'], '20\n', 0],
    [['nope'], '', 1],
    [['profile.nope.region'], '', 1],
    [['sso-session.corp.sso_region'], '', 1],
    [['sso_session'], '', 1],
    [['profile.dev.sso_session'], 'corp\n', 0],
    [['region', '--profile', 'dev'], 'eu-west-1\n', 0],
    [['aws_secret_access_key', '--profile', 'dev'], 'devsecretdevsecretwxyz\n', 0],
  ] as const)('configure get %j prints %j and exits %d', async (args, stdout, code) => {
    const env = setup()
    expect(await runCli(['configure', 'get', ...args], env)).toBe(code)
    expect(env.out.text).toBe(stdout)
    expect(env.err.text).toBe('')
  })

  it('reads the profile from AWS_PROFILE and ignores region variables, as the CLI does', async () => {
    const env = setup({ AWS_PROFILE: 'dev', AWS_DEFAULT_REGION: 'zz' })
    expect(await runCli(['configure', 'get', 'region'], env)).toBe(0)
    expect(env.out.text).toBe('eu-west-1\n')
  })

  it('refuses a section with exit 1 and the CLI message on stderr', async () => {
    const env = setup()
    expect(await runCli(['configure', 'get', 's3'], env)).toBe(1)
    expect(env.out.text).toBe('')
    expect(env.err.text).toBe('varname (s3) must reference a value, not a section or sub-section.')
  })

  it('fails with 255 for a named profile that does not exist', async () => {
    const env = setup()
    expect(await runCli(['configure', 'get', 'region', '--profile', 'nope'], env)).toBe(255)
    expect(env.err.text).toContain('The config profile (nope) could not be found')
  })

  it('needs a variable name', async () => {
    const env = setup()
    expect(await runCli(['configure', 'get'], env)).toBe(252)
  })
})
