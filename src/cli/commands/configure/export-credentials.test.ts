import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../../test/helpers/cli-test-env.js'
import { runCli } from '../../run-cli.js'

function setup(vars: Record<string, string> = {}) {
  return createTestCliEnv({
    vars,
    files: {
      '.aws/config':
        '[profile s]\naws_access_key_id = AKIAX\naws_secret_access_key = sec\naws_session_token = tok\n[profile e]\nregion = us-east-1\n',
    },
  })
}

describe('idc configure export-credentials', () => {
  it('prints the process format by default, as the AWS CLI does', async () => {
    const env = setup()
    expect(await runCli(['configure', 'export-credentials', '--profile', 's'], env)).toBe(0)
    expect(env.out.text).toBe(
      '{\n  "Version": 1,\n  "AccessKeyId": "AKIAX",\n  "SecretAccessKey": "sec",\n  "SessionToken": "tok"\n}\n',
    )
  })

  it('prints shell variables with --format', async () => {
    const env = setup()
    expect(await runCli(['configure', 'export-credentials', '--profile', 's', '--format', 'fish'], env)).toBe(0)
    expect(env.out.text).toBe(
      'set -gx AWS_ACCESS_KEY_ID "AKIAX"\nset -gx AWS_SECRET_ACCESS_KEY "sec"\nset -gx AWS_SESSION_TOKEN "tok"\n',
    )
  })

  it.each([
    [
      'a profile without credentials',
      ['--profile', 'e'],
      {},
      '\nidc: [ERROR]: An error occurred (Configuration): Unable to retrieve credentials: no credentials found\n',
    ],
    [
      'an unknown profile',
      ['--profile', 'nope'],
      {},
      '\nidc: [ERROR]: Unable to retrieve credentials: The config profile (nope) could not be found\n',
    ],
    [
      'a profile already being exported',
      ['--profile', 's'],
      { _AWS_CLI_PROFILE_CHAIN: 'a,s' },
      '\nidc: [ERROR]: An error occurred (Configuration): Credential process resolution detected an infinite loop, profile cycle: a -> s -> s\n',
    ],
    [
      'too deep a chain',
      ['--profile', 's'],
      { _AWS_CLI_PROFILE_CHAIN: 'a,b,c,d' },
      '\nidc: [ERROR]: An error occurred (Configuration): Maximum recursive credential process resolution reached (4).\nProfiles seen: a -> b -> c -> d\n',
    ],
  ])('reports %s with exit code 253', async (_name, args, vars, stderr) => {
    const env = setup(vars)
    expect(await runCli(['configure', 'export-credentials', ...args], env)).toBe(253)
    expect(env.err.text).toBe(stderr)
    expect(env.out.text).toBe('')
  })

  it('passes the profile chain on to credential_process programs', async () => {
    const seen: (string | undefined)[] = []
    const env = createTestCliEnv({
      vars: { _AWS_CLI_PROFILE_CHAIN: 'outer' },
      spawn: (_command, _args, options) => {
        seen.push(options.env._AWS_CLI_PROFILE_CHAIN)
        const result = {
          exitCode: 0,
          signal: null,
          stdout: '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "B"}',
          stderr: '',
        }
        return { kill: () => {}, done: Promise.resolve(result) }
      },
      files: { '.aws/config': '[profile p]\ncredential_process = idc configure export-credentials --profile q\n' },
    })
    expect(await runCli(['configure', 'export-credentials', '--profile', 'p'], env)).toBe(0)
    expect(seen).toEqual(['outer,p'])
  })
})
