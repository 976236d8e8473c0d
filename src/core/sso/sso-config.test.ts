import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { SharedConfig } from '../config/parse-config-file.js'
import { parseRegistrationScopes, resolveSsoLoginSession, resolveSsoTokenSession } from './sso-config.js'
import { vectorPath } from '../../../test/helpers/vectors.js'

function config(profiles: SharedConfig['profiles'], ssoSessions: SharedConfig['ssoSessions'] = {}): SharedConfig {
  return { profiles, ssoSessions, services: {} }
}
const url = 'https://d-1234567890.awsapps.com/start'

describe('resolveSsoLoginSession', () => {
  it('uses the profile session, with scopes', () => {
    const c = config(
      { dev: { sso_session: 's' } },
      { s: { sso_start_url: url, sso_region: 'us-east-1', sso_registration_scopes: 'a, ,b' } },
    )
    expect(resolveSsoLoginSession(c, { profileName: 'dev' })).toEqual({
      sessionName: 's',
      startUrl: url,
      region: 'us-east-1',
      registrationScopes: ['a', 'b'],
    })
  })
  it('prefers --sso-session and needs no profile for it', () => {
    const c = config({}, { t: { sso_start_url: url, sso_region: 'eu-west-1' } })
    expect(resolveSsoLoginSession(c, { profileName: 'default', ssoSession: 't' })).toEqual({
      sessionName: 't',
      startUrl: url,
      region: 'eu-west-1',
    })
  })
  it.each<[string, SharedConfig, string]>([
    [
      'a missing session',
      config({ dev: { sso_session: 'x' } }),
      'An error occurred (Configuration): The specified sso-session does not exist: "x"',
    ],
    [
      'a session without region',
      config({ dev: { sso_session: 's' } }, { s: { sso_start_url: url } }),
      'An error occurred (Configuration): Missing the following required SSO configuration values: sso_region. ',
    ],
    [
      'a legacy profile without SSO keys',
      config({ dev: { region: 'x' } }),
      'An error occurred (Configuration): Missing the following required SSO configuration values: sso_start_url, sso_region. To make sure this profile is properly configured to use SSO, please run: idc configure sso',
    ],
    [
      'an http start URL',
      config({ dev: { sso_start_url: 'http://x/start', sso_region: 'r' } }),
      'An error occurred (Configuration): The sso_start_url must use the https scheme.',
    ],
    ['an unknown profile', config({}), 'The config profile (dev) could not be found'],
  ])('rejects %s', (_name, c, message) => {
    expect(() => resolveSsoLoginSession(c, { profileName: 'dev' })).toThrow(message)
  })
  it('treats a missing default profile as empty', () => {
    expect(() => resolveSsoLoginSession(config({}), { profileName: 'default' })).toThrow(
      'Missing the following required SSO configuration values: sso_start_url, sso_region.',
    )
  })
  it('parses scopes like the CLI', () => {
    expect(parseRegistrationScopes(undefined)).toBeUndefined()
    expect(parseRegistrationScopes(' sso:account:access , codecatalyst:read_write,')).toEqual([
      'sso:account:access',
      'codecatalyst:read_write',
    ])
  })
})

const tokenVectors = JSON.parse(readFileSync(vectorPath('sso/sso-token-provider.json'), 'utf8'))

describe('resolveSsoTokenSession (botocore resolution vectors)', () => {
  it.each<[string, any]>(tokenVectors.resolution.cases.map((c: any): [string, any] => [c.documentation, c]))(
    '%s',
    (_name, c) => {
      const shared = config(c.config.profiles ?? {}, c.config.sso_sessions ?? {})
      if (c.expectedException) {
        expect(() => resolveSsoTokenSession(shared, 'test')).toThrow(
          /^The profile "test" is configured to use the SSO token provider but /,
        )
        return
      }
      const session = resolveSsoTokenSession(shared, 'test')
      expect(session !== undefined).toBe(c.resolves)
    },
  )
  it('names the missing keys as a Python list', () => {
    expect(() =>
      resolveSsoTokenSession(config({ p: { sso_session: 's' } }, { s: { sso_start_url: url } }), 'p'),
    ).toThrow(
      `The profile "p" is configured to use the SSO token provider but is missing the following configuration: ['sso_region'].`,
    )
  })
})
