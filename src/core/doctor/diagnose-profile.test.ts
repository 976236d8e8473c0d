import { chmodSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { diagnoseProfile } from './diagnose-profile.js'
import { locateValues } from './value-locations.js'

const SSO = `[profile dev]
sso_session = corp
sso_account_id = 123456789011
sso_role_name = Admin
region = us-east-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`

function setup(files: Record<string, string>, vars: Record<string, string> = {}, mode = 0o600) {
  const env = createTestCliEnv({ files, vars })
  for (const name of Object.keys(files)) chmodSync(join(env.home, name), mode)
  return env
}

const checks = (report: Awaited<ReturnType<typeof diagnoseProfile>>) =>
  report.findings.map((f) => `${f.level} ${f.check}`)

describe('diagnoseProfile', () => {
  it('reports each value with its file, line and section, and what overrides it', async () => {
    const env = setup({ '.aws/config': SSO }, { AWS_REGION: 'eu-west-1' })
    const report = await diagnoseProfile(env, { profile: 'dev' })
    const config = join(env.home, '.aws/config')
    expect(report.values).toEqual([
      { key: 'sso_session', value: 'corp', file: config, line: 2, section: 'profile dev', overriddenBy: undefined },
      {
        key: 'sso_account_id',
        value: '123456789011',
        file: config,
        line: 3,
        section: 'profile dev',
        overriddenBy: undefined,
      },
      { key: 'sso_role_name', value: 'Admin', file: config, line: 4, section: 'profile dev', overriddenBy: undefined },
      {
        key: 'region',
        value: 'us-east-1',
        file: config,
        line: 5,
        section: 'profile dev',
        overriddenBy: 'AWS_REGION=eu-west-1',
      },
      {
        key: 'sso_start_url',
        value: 'https://corp.awsapps.com/start',
        file: config,
        line: 8,
        section: 'sso-session corp',
        overriddenBy: undefined,
      },
      {
        key: 'sso_region',
        value: 'us-east-1',
        file: config,
        line: 9,
        section: 'sso-session corp',
        overriddenBy: undefined,
      },
    ])
    expect(report.credentialSource).toBe('sso')
    expect(checks(report)).toEqual(['ok file-mode', 'ok credential-source', 'warning credentials-now'])
    expect(report.findings[2]?.fix).toBe('idc sso login --sso-session corp')
  })

  it('places keys of the credentials file over the config file, masked', async () => {
    const env = setup({
      '.aws/config': '[profile k]\naws_access_key_id = AKIACONFIG00000000\nregion = us-east-1\n',
      '.aws/credentials': '[k]\naws_access_key_id = AKIACREDENTIALS0001\naws_secret_access_key = topsecret\n',
    })
    const report = await diagnoseProfile(env, { profile: 'k' })
    expect(report.values.find((v) => v.key === 'aws_access_key_id')).toMatchObject({
      value: '***************0001',
      file: join(env.home, '.aws/credentials'),
      line: 2,
    })
    expect(JSON.stringify(report)).not.toContain('topsecret')
    expect(report.findings.find((f) => f.check === 'credential-source')?.message).toBe(
      'Credentials are the static keys in the credentials file',
    )
  })

  it('warns about loose file modes, lines the AWS CLI reads differently, legacy SSO and a missing region', async () => {
    const env = setup(
      {
        '.aws/config':
          '[profile old]\nsso_start_url = https://old.awsapps.com/start # ours\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n[profile old]\noutput = json\n',
      },
      {},
      0o644,
    )
    const report = await diagnoseProfile(env, { profile: 'old' })
    expect(checks(report)).toEqual([
      'warning file-mode',
      'warning divergence:inline-comment',
      'warning divergence:duplicate-section',
      'ok credential-source',
      'warning credentials-now',
      'warning legacy-sso',
      'warning region',
    ])
    expect(report.findings[0]?.fix).toBe(`chmod 600 ${join(env.home, '.aws/config')}`)
    expect(report.findings.find((f) => f.check === 'legacy-sso')).toMatchObject({ line: 2 })
  })

  it('finds problems: a file that does not parse, a missing program, an unknown profile', async () => {
    const broken = await diagnoseProfile(setup({ '.aws/config': '[profile a]\nregion : us-east-1\n' }), {
      profile: 'a',
    })
    expect(broken.findings.at(-1)).toMatchObject({ level: 'problem', check: 'parse', line: 2 })
    expect(checks(broken)).toContain('warning divergence:colon-separator')

    const env = setup({
      '.aws/config': '[profile p]\nregion = us-east-1\ncredential_process = idc-no-such-program --x\n',
    })
    const missing = await diagnoseProfile(env, { profile: 'p' })
    expect(missing.findings.find((f) => f.level === 'problem')?.message).toBe(
      'Credentials cannot be had: the program idc-no-such-program is not found',
    )
    const unknown = await diagnoseProfile(env, { profile: 'nope' })
    expect(unknown.findings.at(-1)).toMatchObject({
      level: 'problem',
      message: 'The config profile (nope) could not be found',
    })
  })

  it('explains environment credentials, shadowed settings and endpoint overrides', async () => {
    const env = setup(
      {
        '.aws/config':
          '[default]\nregion = us-east-1\nsso_account_id = 1\naws_access_key_id = A\naws_secret_access_key = B\n',
      },
      { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 's', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' },
    )
    const fromEnv = await diagnoseProfile(env)
    expect(fromEnv.credentialSource).toBe('environment')
    expect(fromEnv.values.find((v) => v.key === 'aws_access_key_id')?.overriddenBy).toBe(
      'AWS_ACCESS_KEY_ID (environment credentials)',
    )
    expect(fromEnv.findings.filter((f) => f.check === 'endpoint').map((f) => f.message)).toEqual([
      'SSO OIDC requests go to http://127.0.0.1:4566 (AWS_ENDPOINT_URL)',
      'SSO requests go to http://127.0.0.1:4566 (AWS_ENDPOINT_URL)',
      'STS requests go to http://127.0.0.1:4566 (AWS_ENDPOINT_URL)',
      'Signin requests go to http://127.0.0.1:4566 (AWS_ENDPOINT_URL)',
    ])
    const explicit = await diagnoseProfile(env, { profile: 'default' })
    expect(explicit.findings.find((f) => f.check === 'credential-source')?.level).toBe('problem')
  })
})

describe('locateValues', () => {
  it('records the last line of each key per section and skips sub-properties and comments', () => {
    const text = '# c\n[profile a]\nregion = x\n[services s]\nsso =\n  endpoint_url = u\n[profile a]\nREGION = y\n'
    const found = locateValues(text, 'f', 'config')
    expect(Object.fromEntries([...found].map(([k, v]) => [k, Object.fromEntries(v)]))).toEqual({
      'profiles:a': { region: { file: 'f', line: 8, section: 'profile a' } },
      'services:s': { sso: { file: 'f', line: 5, section: 'services s' } },
    })
  })
})
