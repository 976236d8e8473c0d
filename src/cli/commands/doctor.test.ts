import { chmodSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { runCli } from '../run-cli.js'

function setup(config: string) {
  const env = createTestCliEnv({ files: { '.aws/config': config } })
  chmodSync(join(env.home, '.aws/config'), 0o600)
  return env
}

describe('idc doctor', () => {
  it('prints the checklist and exits 0 when nothing is wrong', async () => {
    const env = setup(
      '[profile k]\naws_access_key_id = AKIAEXAMPLE0000\naws_secret_access_key = s\nregion = eu-west-1\n',
    )
    expect(await runCli(['doctor', '--profile', 'k'], env)).toBe(0)
    const config = join(env.home, '.aws/config')
    expect(env.out.text).toBe(
      [
        'Profile k (from --profile)',
        '',
        'Values',
        `  aws_access_key_id      ***********0000  ${config}:2 [profile k]`,
        `  aws_secret_access_key  ****             ${config}:3 [profile k]`,
        `  region                 eu-west-1        ${config}:4 [profile k]`,
        '',
        'Checks',
        `  ✓ The config file has mode 0600 (${config})`,
        '  ✓ Credentials are the static keys in the config file',
        '  ✓ Credentials can be had without signing in: static access keys',
        '',
        'No problems found.',
        '',
      ].join('\n'),
    )
  })

  it.each([
    ['warnings only', '[profile k]\naws_access_key_id = A\naws_secret_access_key = s\n', 5],
    ['a problem', '[profile k]\ncredential_process = idc-no-such-program\nregion = x\n', 6],
  ])('exits with the documented code for %s', async (_name, config, code) => {
    const env = setup(config)
    expect(await runCli(['doctor', '--profile', 'k'], env)).toBe(code)
  })

  it('prints JSON for scripts and honours --query', async () => {
    const env = setup('[profile k]\ncredential_process = idc-no-such-program\nregion = x\n')
    await runCli(['doctor', '--profile', 'k', '--json'], env)
    expect(JSON.parse(env.out.text)).toMatchObject({ profile: 'k', credentialSource: 'process' })
    const query = setup('[profile k]\ncredential_process = idc-no-such-program\nregion = x\n')
    await runCli(
      ['doctor', '--profile', 'k', '--query', "findings[?level=='problem'].check", '--output', 'text'],
      query,
    )
    expect(query.out.text).toBe('credentials-now\n')
  })
})
