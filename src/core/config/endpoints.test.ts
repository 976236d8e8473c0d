import { describe, expect, it } from 'vitest'
import { isIdcError } from '../errors.js'
import { resolveEndpointUrl, serviceIdToKey } from './endpoints.js'
import { parseSharedConfigFile } from './parse-config-file.js'
import { envWith, readVector, splitOf } from './testdata/vectors.js'

interface EndpointSuite {
  profiles: Record<string, Record<string, string>>
  services: Record<string, Record<string, Record<string, string>>>
  client_configs: Record<string, { endpoint_url?: string; ignore_configured_endpoint_urls?: boolean }>
  environments: Record<string, Record<string, string>>
  endpointUrlTests: {
    name: string
    profile: string
    client_config: string
    environment: string
    service: string
    output: { endpointUrl: string }
  }[]
}

const suite = readVector<{ testSuites: EndpointSuite[] }>('configured-endpoint-urls/profile-tests.json').testSuites[0]!

/** Writes the case's profile (and its services section) as botocore's runner does, then parses it. */
function configTextFor(profileName: string): string {
  const profile = suite.profiles[profileName]!
  let text = `[profile ${profileName}]\n${Object.entries(profile)
    .map(([k, v]) => `${k}=${v}\n`)
    .join('')}`
  if (profile.services !== undefined) {
    text += `[services ${profile.services}]\n`
    for (const [service, settings] of Object.entries(suite.services[profile.services]!)) {
      text += `${service} =\n${Object.entries(settings)
        .map(([k, v]) => `  ${k}=${v}\n`)
        .join('')}`
    }
  }
  return text
}

const cases = suite.endpointUrlTests.map((test, index) => ({
  ...test,
  index,
  split: splitOf('configured-endpoint-urls', index),
}))

describe.each(['public', 'holdout'] as const)('configured-endpoint-urls vectors (%s half)', (half) => {
  it.each(cases.filter((c) => c.split === half).map((c) => [`#${c.index} ${c.name}`, c] as const))(
    '%s',
    (_label, test) => {
      const config = parseSharedConfigFile(configTextFor(test.profile), { kind: 'config' })
      const client = suite.client_configs[test.client_config]!
      const env = envWith({ ...suite.environments[test.environment] })
      const resolved = resolveEndpointUrl(env, config, {
        serviceId: test.service,
        profileName: test.profile,
        endpointUrl: client.endpoint_url,
        ignoreConfiguredEndpointUrls: client.ignore_configured_endpoint_urls,
      })
      const region = suite.profiles[test.profile]!.region
      expect(resolved ?? `https://${test.service}.${region}.amazonaws.com`).toBe(test.output.endpointUrl)
    },
  )
})

describe('resolveEndpointUrl', () => {
  const config = parseSharedConfigFile(
    [
      '[profile local]',
      'services = idc',
      'endpoint_url = http://global',
      '[services idc]',
      'sso_oidc =',
      '  endpoint_url = http://oidc',
      'sso-oidc =',
      '  endpoint_url = http://hyphenated-is-ignored',
      'sso_admin =',
      '  endpoint_url = http://admin',
      '[profile dangling]',
      'services = missing',
      '[profile quiet]',
      'endpoint_url = http://global',
      'ignore_configured_endpoint_urls = true',
    ].join('\n'),
    { kind: 'config' },
  )

  it.each([
    ['SSO OIDC', {}, 'http://oidc'],
    ['SSO OIDC', { AWS_ENDPOINT_URL_SSO_OIDC: 'http://env-oidc' }, 'http://env-oidc'],
    ['SSO OIDC', { AWS_ENDPOINT_URL: 'http://env-global' }, 'http://env-global'],
    ['SSO OIDC', { AWS_ENDPOINT_URL_SSO_OIDC: '', AWS_ENDPOINT_URL: 'http://env-global' }, 'http://env-global'],
    ['SSO Admin', {}, 'http://admin'],
    ['SSO', {}, 'http://global'],
    ['STS', { AWS_ENDPOINT_URL_STS: 'http://sts' }, 'http://sts'],
    ['identitystore', { AWS_ENDPOINT_URL_IDENTITYSTORE: 'http://ids' }, 'http://ids'],
    [
      'SSO OIDC',
      { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'TRUE', AWS_ENDPOINT_URL_SSO_OIDC: 'http://env-oidc' },
      undefined,
    ],
  ])('resolves %s with %j to %s', (serviceId, vars, expected) => {
    expect(resolveEndpointUrl(envWith(vars), config, { serviceId, profileName: 'local' })).toBe(expected)
  })

  it('lets AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=false override the profile setting, as botocore does', () => {
    expect(resolveEndpointUrl(envWith({}), config, { serviceId: 'SSO', profileName: 'quiet' })).toBeUndefined()
    expect(
      resolveEndpointUrl(envWith({ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' }), config, {
        serviceId: 'SSO',
        profileName: 'quiet',
      }),
    ).toBe('http://global')
  })

  it('uses the environment even when the profile does not exist', () => {
    expect(
      resolveEndpointUrl(envWith({ AWS_ENDPOINT_URL: 'http://e' }), config, { serviceId: 'SSO', profileName: 'nope' }),
    ).toBe('http://e')
    expect(resolveEndpointUrl(envWith({}), config, { serviceId: 'SSO', profileName: 'nope' })).toBeUndefined()
  })

  it('fails like botocore when the named services section does not exist', () => {
    let caught: unknown
    try {
      resolveEndpointUrl(envWith({}), config, { serviceId: 'SSO', profileName: 'dangling' })
    } catch (error) {
      caught = error
    }
    expect(isIdcError(caught)).toBe(true)
    expect((caught as Error).message).toBe(
      'The profile is configured to use the services section but the "missing" services configuration does not exist.',
    )
  })

  it.each([
    ['SSO OIDC', 'sso_oidc'],
    ['SSO Admin', 'sso_admin'],
    ['sso-oidc', 'sso_oidc'],
    ['S3', 's3'],
  ])('maps service id %j to %j', (id, key) => {
    expect(serviceIdToKey(id)).toBe(key)
  })
})
