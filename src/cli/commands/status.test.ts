import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { ssoRoleCacheKey } from '../../core/credentials/cache-keys.js'
import { runCli } from '../run-cli.js'
import { formatMinutes } from './status.js'

const NOW = Date.parse('2026-11-22T00:00:00Z')
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString().slice(0, 19) + 'Z'
const CONFIG =
  '[profile dev]\nsso_session = corp\nsso_account_id = 123456789011\nsso_role_name = Admin\n\n' +
  '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n'
const TOKEN_FILE = `.aws/sso/cache/${createHash('sha1').update('corp').digest('hex')}.json`
const ROLE_FILE = `.aws/cli/cache/${ssoRoleCacheKey({ accountId: '123456789011', roleName: 'Admin', sessionName: 'corp' })}.json`

function setup(signedIn: boolean) {
  const files: Record<string, string> = { '.aws/config': CONFIG }
  if (signedIn) {
    files[TOKEN_FILE] = JSON.stringify({ accessToken: 'a', expiresAt: at(400), refreshToken: 'r' })
    files[ROLE_FILE] = JSON.stringify({
      Credentials: { AccessKeyId: 'ASIA', SecretAccessKey: 's', SessionToken: 't', Expiration: at(54) },
    })
  }
  return createTestCliEnv({ now: NOW, files })
}

describe('idc status', () => {
  it('prints a checklist of the source, identity, caches and state, exiting 0 when ready', async () => {
    const env = setup(true)
    expect(await runCli(['status', '--profile', 'dev'], env)).toBe(0)
    expect(env.out.text).toBe(
      'profile     dev\n' +
        'source      IAM Identity Center, sso-session corp\n' +
        'identity    account 123456789011, role Admin\n' +
        'credentials cached, valid until 2026-11-22 00:54 UTC (54 min left)\n' +
        'token       valid until 2026-11-22 06:40 UTC (6 h 40 min left), not refreshable\n' +
        'status      ready: cached role credentials (6 h 40 min left)\n',
    )
  })

  it('exits 3 and names the sign-in command when a person must sign in', async () => {
    const env = setup(false)
    expect(await runCli(['status', '--profile', 'dev'], env)).toBe(3)
    expect(env.out.text).toContain(
      'status      sign-in needed: no SSO token is cached; run idc sso login --sso-session corp\n',
    )
  })

  it.each([
    [['--prompt'], true, 'dev 400m\n'],
    [['--prompt'], false, 'dev sign-in\n'],
    [['--query', 'minutesLeft', '--output', 'text'], true, '400\n'],
  ])('prints %j for scripts and prompts', async (flags, signedIn, expected) => {
    const env = setup(signedIn)
    await runCli(['status', '--profile', 'dev', ...flags], env)
    expect(env.out.text).toBe(expected)
  })

  it('prints JSON with --json', async () => {
    const env = setup(true)
    expect(await runCli(['status', '--profile', 'dev', '--json'], env)).toBe(0)
    expect(JSON.parse(env.out.text)).toMatchObject({ profile: 'dev', source: 'sso', state: 'ready', minutesLeft: 400 })
  })

  it('lists every session with --all and exits 3 when one needs a sign-in', async () => {
    const env = setup(false)
    expect(await runCli(['status', '--all'], env)).toBe(3)
    expect(env.out.text).toBe(
      'SESSION  KIND         STATUS                                            TOKEN  PROFILES\n' +
        'corp     sso-session  sign-in needed: idc sso login --sso-session corp  none   dev\n',
    )
    const json = setup(true)
    expect(await runCli(['status', '--all', '--json'], json)).toBe(0)
    expect(JSON.parse(json.out.text).sessions[0]).toMatchObject({ name: 'corp', state: 'ready', minutesLeft: 400 })
  })

  it('shows examples in its help', async () => {
    const env = setup(false)
    expect(await runCli(['status', 'help'], env)).toBe(0)
    expect(env.out.text).toContain('idc status --all')
  })
})

describe('formatMinutes', () => {
  it.each([
    [0, '0 min'],
    [59, '59 min'],
    [60, '1 h'],
    [125, '2 h 5 min'],
  ])('formats %d minutes as %s', (minutes, text) => expect(formatMinutes(minutes)).toBe(text))
})
