import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../../test/helpers/cli-test-env.js'
import { runCli } from '../../run-cli.js'

const CONFIG = `[default]
region = us-west-2
output = json
[profile dev]
region = eu-west-1
[profile cfgkeys]
aws_access_key_id = AKIACFG0000000000001
aws_secret_access_key = cfgsecret9999
region = us-east-2
[profile empty]
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

// Each expectation is what the AWS CLI v2 2.36.12 printed for the same files and variables.
describe('idc configure list', () => {
  it('shows the default profile from the shared files', async () => {
    const env = setup()
    expect(await runCli(['configure', 'list'], env)).toBe(0)
    expect(env.out.text).toBe(
      'NAME       : VALUE                    : TYPE             : LOCATION\n' +
        'profile    : <not set>                : None             : None\n' +
        'access_key : ****************MPLE     : shared-credentials-file : \n' +
        'secret_key : ****************EKEY     : shared-credentials-file : \n' +
        'region     : us-west-2                : config-file      : ~/.aws/config\n',
    )
  })

  it('marks --profile as manual and ignores --output and --region', async () => {
    const env = setup()
    expect(
      await runCli(['configure', 'list', '--profile', 'dev', '--output', 'json', '--region', 'us-east-9'], env),
    ).toBe(0)
    expect(env.out.text).toBe(
      'NAME       : VALUE                    : TYPE             : LOCATION\n' +
        'profile    : dev                      : manual           : --profile\n' +
        'access_key : ****************ABCD     : shared-credentials-file : \n' +
        'secret_key : ****************wxyz     : shared-credentials-file : \n' +
        'region     : eu-west-1                : config-file      : ~/.aws/config\n',
    )
  })

  it('shows environment sources', async () => {
    const env = setup({
      AWS_PROFILE: 'dev',
      AWS_ACCESS_KEY_ID: 'AKIAENV0000000001234',
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_DEFAULT_REGION: 'ap-south-1',
    })
    expect(await runCli(['configure', 'list'], env)).toBe(0)
    expect(env.out.text).toBe(
      'NAME       : VALUE                    : TYPE             : LOCATION\n' +
        "profile    : dev                      : env              : ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE']\n" +
        'access_key : ****************1234     : env              : \n' +
        'secret_key : ****************x        : env              : \n' +
        "region     : ap-south-1               : env              : ['AWS_REGION', 'AWS_DEFAULT_REGION']\n",
    )
  })

  it('shows keys from the config file and unset values', async () => {
    const env = setup()
    await runCli(['configure', 'list', '--profile', 'cfgkeys'], env)
    expect(env.out.text.split('\n').slice(2, 4)).toEqual([
      'access_key : ****************0001     : config-file      : ',
      'secret_key : ****************9999     : config-file      : ',
    ])
    const empty = setup()
    await runCli(['configure', 'list', '--profile', 'empty'], empty)
    expect(empty.out.text.split('\n').slice(2, 5)).toEqual([
      'access_key : <not set>                : None             : None',
      'secret_key : <not set>                : None             : None',
      'region     : <not set>                : None             : None',
    ])
  })

  it('names AWS_CONFIG_FILE as given', async () => {
    const base = setup()
    const env = setup({ AWS_CONFIG_FILE: join(base.home, '.aws', 'config'), HOME: base.home })
    await runCli(['configure', 'list', '--profile', 'dev'], env)
    expect(env.out.text.split('\n')[4]).toBe(
      `region     : eu-west-1                : config-file      : ${join(base.home, '.aws', 'config')}`,
    )
  })

  it('fails with 255 after the profile line for a profile that does not exist', async () => {
    const env = setup()
    expect(await runCli(['configure', 'list', '--profile', 'nope'], env)).toBe(255)
    expect(env.out.text).toBe(
      'NAME       : VALUE                    : TYPE             : LOCATION\n' +
        'profile    : nope                     : manual           : --profile\n',
    )
    expect(env.err.text).toContain('The config profile (nope) could not be found')
  })
})

describe('idc configure list-profiles', () => {
  it('prints config-file profiles first, then credentials-only ones', async () => {
    const env = setup()
    writeFileSync(join(env.home, '.aws', 'credentials'), `${CREDENTIALS}[only-creds]\naws_access_key_id = A\n`)
    expect(await runCli(['configure', 'list-profiles'], env)).toBe(0)
    expect(env.out.text).toBe('default\ndev\ncfgkeys\nempty\nonly-creds\n')
  })

  it('prints nothing without files', async () => {
    const env = createTestCliEnv()
    expect(await runCli(['configure', 'list-profiles'], env)).toBe(0)
    expect(env.out.text).toBe('')
  })
})
