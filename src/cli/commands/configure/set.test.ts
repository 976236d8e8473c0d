import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../../test/helpers/cli-test-env.js'
import { runCli } from '../../run-cli.js'
import { parseSetTarget } from './set.js'

describe('parseSetTarget', () => {
  it.each([
    ['region', undefined, { profile: 'default', key: 'region', value: 'v' }],
    ['region', 'dev', { profile: 'dev', key: 'region', value: 'v' }],
    ['default.output', 'dev', { profile: 'default', key: 'output', value: 'v' }],
    ['profile.dev.region', undefined, { profile: 'dev', key: 'region', value: 'v' }],
    [
      'profile.dev.s3.max_concurrent_requests',
      undefined,
      { profile: 'dev', key: 's3', value: { max_concurrent_requests: 'v' } },
    ],
    ['s3.addressing_style', undefined, { profile: 'default', key: 's3', value: { addressing_style: 'v' } }],
    // The CLI v2 has no sso-session addressing here: the first part becomes a key of the profile.
    ['sso-session.corp.sso_region', undefined, { profile: 'default', key: 'sso-session', value: 'v' }],
  ] as const)('%s with profile %s', (varname, profile, expected) => {
    expect(parseSetTarget(varname, 'v', profile)).toEqual(expected)
  })
})

describe('idc configure set', () => {
  it('writes the same files as the AWS CLI v2 for the same commands', async () => {
    const env = createTestCliEnv()
    const commands = [
      ['region', 'us-east-1'],
      ['aws_access_key_id', 'AKIA1', '--profile', 'dev'],
      ['profile.dev.s3.max_concurrent_requests', '10'],
      ['default.output', 'yaml'],
      ['profile.my prof.region', 'x'],
      ['s3.addressing_style', 'path'],
    ]
    for (const args of commands) expect(await runCli(['configure', 'set', ...args], env)).toBe(0)
    // Captured from `aws configure set` (2.36.12) with the same commands on an empty HOME.
    expect(readFileSync(join(env.home, '.aws', 'config'), 'utf8')).toBe(
      "[default]\nregion = us-east-1\noutput = yaml\ns3 =\n    addressing_style = path\n[profile dev]\ns3 =\n    max_concurrent_requests = 10\n[profile 'my prof']\nregion = x\n",
    )
    expect(readFileSync(join(env.home, '.aws', 'credentials'), 'utf8')).toBe('[dev]\naws_access_key_id = AKIA1\n')
    expect(statSync(join(env.home, '.aws', 'credentials')).mode & 0o777).toBe(0o600)
  })

  it('uses AWS_PROFILE for names without dots', async () => {
    const env = createTestCliEnv({ vars: { AWS_PROFILE: 'envp' } })
    expect(await runCli(['configure', 'set', 'region', 'ap-1'], env)).toBe(0)
    expect(readFileSync(join(env.home, '.aws', 'config'), 'utf8')).toBe('[profile envp]\nregion = ap-1\n')
  })

  it('puts aws_session_token in the credentials file and changes only that line', async () => {
    const env = createTestCliEnv()
    expect(await runCli(['configure', 'set', 'aws_session_token', 'tok1'], env)).toBe(0)
    expect(await runCli(['configure', 'set', 'aws_session_token', 'tok2'], env)).toBe(0)
    expect(readFileSync(join(env.home, '.aws', 'credentials'), 'utf8')).toBe('[default]\naws_session_token = tok2\n')
  })

  it('writes to AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE when set, and get reads them back', async () => {
    const base = createTestCliEnv()
    const vars = {
      HOME: base.home,
      AWS_CONFIG_FILE: join(base.home, 'alt', 'cfg'),
      AWS_SHARED_CREDENTIALS_FILE: join(base.home, 'alt', 'creds'),
    }
    const env = createTestCliEnv({ vars })
    expect(await runCli(['configure', 'set', 'region', 'eu-north-1', '--profile', 'alt'], env)).toBe(0)
    expect(await runCli(['configure', 'set', 'aws_access_key_id', 'AKIAALT', '--profile', 'alt'], env)).toBe(0)
    expect(readFileSync(vars.AWS_CONFIG_FILE, 'utf8')).toBe('[profile alt]\nregion = eu-north-1\n')
    expect(readFileSync(vars.AWS_SHARED_CREDENTIALS_FILE, 'utf8')).toBe('[alt]\naws_access_key_id = AKIAALT\n')
    const reader = createTestCliEnv({ vars })
    expect(await runCli(['configure', 'get', 'aws_access_key_id', '--profile', 'alt'], reader)).toBe(0)
    expect(reader.out.text).toBe('AKIAALT\n')
  })

  it('needs a name and a value', async () => {
    const env = createTestCliEnv()
    expect(await runCli(['configure', 'set', 'region'], env)).toBe(252)
  })
})
