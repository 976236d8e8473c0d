import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../../test/helpers/cli-test-env.js'
import { runCli } from '../../run-cli.js'
import { NEW_PROFILE_TIP, runConfigure } from './configure.js'

function writeAws(home: string, files: { config?: string; credentials?: string }): void {
  mkdirSync(join(home, '.aws'), { recursive: true })
  if (files.config !== undefined) writeFileSync(join(home, '.aws', 'config'), files.config)
  if (files.credentials !== undefined) writeFileSync(join(home, '.aws', 'credentials'), files.credentials)
}

function readAws(home: string, name: 'config' | 'credentials'): string {
  return readFileSync(join(home, '.aws', name), 'utf8')
}

describe('runConfigure', () => {
  it('asks the four questions with None for unset values and writes both files', async () => {
    const env = createTestCliEnv({
      answers: ['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'us-west-2', 'json'],
    })
    await runConfigure({}, env)
    expect(env.promptsShown).toEqual([
      'AWS Access Key ID [None]: ',
      'AWS Secret Access Key [None]: ',
      'Default region name [None]: ',
      'Default output format [None]: ',
    ])
    expect(env.out.text).toBe(NEW_PROFILE_TIP)
    expect(NEW_PROFILE_TIP).toMatch(/^\nTip: .*'idc configure sso'\.\n\n$/)
    expect(readAws(env.home, 'credentials')).toBe(
      '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    )
    expect(readAws(env.home, 'config')).toBe('[default]\nregion = us-west-2\noutput = json\n')
  })

  it('masks current keys to their last four characters and keeps values on Enter', async () => {
    const env = createTestCliEnv({ answers: ['', '', 'eu-west-1', ''] })
    writeAws(env.home, {
      config: '# mine\n[default]\nregion = us-west-2\noutput = json\n',
      credentials: '[default]\naws_access_key_id = AKIAIOSFODNN7ABCD\naws_secret_access_key = secretsecretwxyz\n',
    })
    await runConfigure({}, env)
    expect(env.promptsShown).toEqual([
      'AWS Access Key ID [****************ABCD]: ',
      'AWS Secret Access Key [****************wxyz]: ',
      'Default region name [us-west-2]: ',
      'Default output format [json]: ',
    ])
    expect(readAws(env.home, 'config')).toBe('# mine\n[default]\nregion = eu-west-1\noutput = json\n')
    expect(env.out.text).toBe('')
    expect(readAws(env.home, 'credentials')).toBe(
      '[default]\naws_access_key_id = AKIAIOSFODNN7ABCD\naws_secret_access_key = secretsecretwxyz\n',
    )
  })

  it('writes [profile NAME] in config and [NAME] in credentials for --profile', async () => {
    const env = createTestCliEnv({ answers: ['AKIADEV', 'devsecret', '', 'yaml'] })
    await runConfigure({ profile: 'dev' }, env)
    expect(readAws(env.home, 'credentials')).toBe(
      '[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = devsecret\n',
    )
    expect(readAws(env.home, 'config')).toBe('[profile dev]\noutput = yaml\n')
  })

  it('uses AWS_PROFILE when --profile is absent', async () => {
    const env = createTestCliEnv({ vars: { AWS_PROFILE: 'work' }, answers: ['', '', 'ap-south-1', ''] })
    await runConfigure({}, env)
    expect(readAws(env.home, 'config')).toBe('[profile work]\nregion = ap-south-1\n')
  })

  it('fails at once without a terminal, naming idc configure set', async () => {
    const env = createTestCliEnv({ interactive: false })
    await expect(runConfigure({}, env)).rejects.toThrow(/idc configure set/)
    expect(env.promptsShown).toEqual([])
  })

  it('exits 252 through runCli without a terminal and writes nothing', async () => {
    const env = createTestCliEnv({ interactive: false })
    expect(await runCli(['configure'], env)).toBe(252)
    expect(env.err.text).toContain('idc configure set aws_access_key_id')
    expect(env.out.text).toBe('')
  })

  it('writes nothing when Ctrl-C is pressed at a later prompt (exit 130)', async () => {
    const env = createTestCliEnv({ answers: ['AKIANEW', { cancel: true }] })
    expect(await runCli(['configure'], env)).toBe(130)
    expect(existsSync(join(env.home, '.aws', 'credentials'))).toBe(false)
  })

  it('runs through runCli with --profile', async () => {
    const env = createTestCliEnv({ answers: ['AKIAX', 'sx', 'us-east-2', 'text'] })
    expect(await runCli(['configure', '--profile', 'p1'], env)).toBe(0)
    expect(readAws(env.home, 'config')).toBe('[profile p1]\nregion = us-east-2\noutput = text\n')
  })
})
