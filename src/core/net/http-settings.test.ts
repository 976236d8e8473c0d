import { describe, expect, it } from 'vitest'
import type { SharedConfig } from '../config/parse-config-file.js'
import {
  EMPTY_CA_BUNDLE_MESSAGE,
  maskProxyUrl,
  proxyForUrl,
  resolveCaBundle,
  resolveEndpointVariants,
} from './http-settings.js'

const config = (caBundle?: string): SharedConfig =>
  ({ profiles: { dev: caBundle === undefined ? {} : { ca_bundle: caBundle } }, ssoSessions: {}, services: {} }) as never

describe('resolveCaBundle', () => {
  it.each([
    [
      '--ca-bundle wins over everything',
      { flag: '/flag.pem', AWS_CA_BUNDLE: '/env.pem', profile: '/profile.pem', REQUESTS_CA_BUNDLE: '/requests.pem' },
      '/flag.pem',
    ],
    ['AWS_CA_BUNDLE wins over the profile', { AWS_CA_BUNDLE: '/env.pem', profile: '/profile.pem' }, '/env.pem'],
    [
      "the profile's ca_bundle wins over REQUESTS_CA_BUNDLE",
      { profile: '/profile.pem', REQUESTS_CA_BUNDLE: '/requests.pem' },
      '/profile.pem',
    ],
    ['REQUESTS_CA_BUNDLE comes last', { REQUESTS_CA_BUNDLE: '/requests.pem' }, '/requests.pem'],
    ['nothing set means the default trust store', {}, undefined],
  ])('%s', (_name, given: Record<string, string>, expected) => {
    const vars = { AWS_CA_BUNDLE: given.AWS_CA_BUNDLE, REQUESTS_CA_BUNDLE: given.REQUESTS_CA_BUNDLE }
    expect(resolveCaBundle(vars, { caBundle: given.flag, profile: 'dev', config: config(given.profile) })).toBe(
      expected,
    )
  })

  it.each([
    ['an empty --ca-bundle', { caBundle: '' }, {}],
    [
      'an AWS_CA_BUNDLE set to nothing, even with REQUESTS_CA_BUNDLE set',
      {},
      { AWS_CA_BUNDLE: '', REQUESTS_CA_BUNDLE: '/r.pem' },
    ],
    ['a ca_bundle of spaces', { profileValue: '   ' }, {}],
  ])('rejects %s with the AWS CLI message', (_name, input: { caBundle?: string; profileValue?: string }, vars) => {
    const run = () =>
      resolveCaBundle(vars, { caBundle: input.caBundle, profile: 'dev', config: config(input.profileValue) })
    expect(run).toThrow(EMPTY_CA_BUNDLE_MESSAGE)
  })
})

describe('proxyForUrl', () => {
  it.each([
    [
      'https URLs use HTTPS_PROXY',
      'https://oidc.us-east-1.amazonaws.com/token',
      { HTTPS_PROXY: 'http://p:3128' },
      'http://p:3128',
    ],
    ['https URLs ignore HTTP_PROXY', 'https://sts.amazonaws.com/', { HTTP_PROXY: 'http://p:3128' }, undefined],
    ['http URLs use HTTP_PROXY', 'http://127.0.0.1:9000/', { HTTP_PROXY: 'http://p:3128' }, 'http://p:3128'],
    [
      'lower case wins',
      'https://a.example/',
      { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2' },
      'http://lower:2',
    ],
    [
      'an empty lower-case variable removes the proxy',
      'https://a.example/',
      { HTTPS_PROXY: 'http://upper:1', https_proxy: '' },
      undefined,
    ],
    ['a proxy without a scheme gets http://', 'https://a.example/', { HTTPS_PROXY: 'p:3128' }, 'http://p:3128'],
    [
      'loopback is proxied unless NO_PROXY names it',
      'https://127.0.0.1:8443/',
      { HTTPS_PROXY: 'http://p:1' },
      'http://p:1',
    ],
    [
      'NO_PROXY names the host',
      'https://127.0.0.1:8443/',
      { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'localhost, 127.0.0.1' },
      undefined,
    ],
    [
      'NO_PROXY names a domain suffix',
      'https://oidc.us-east-1.amazonaws.com/',
      { HTTPS_PROXY: 'http://p:1', no_proxy: '.amazonaws.com' },
      undefined,
    ],
    [
      'NO_PROXY names host and port',
      'https://a.example:8443/',
      { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'a.example:8443' },
      undefined,
    ],
    [
      'NO_PROXY of another port does not match',
      'https://a.example:8443/',
      { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'a.example:9' },
      'http://p:1',
    ],
    [
      'a suffix must start at a dot',
      'https://notexample.com/',
      { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'example.com' },
      'http://p:1',
    ],
    ['NO_PROXY=* bypasses everything', 'https://a.example/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }, undefined],
    [
      'no CIDR ranges, as in the AWS CLI',
      'https://10.1.2.3/',
      { HTTPS_PROXY: 'http://p:1', NO_PROXY: '10.0.0.0/8' },
      'http://p:1',
    ],
    [
      'CGI requests ignore HTTP_PROXY (httpoxy)',
      'http://a.example/',
      { HTTP_PROXY: 'http://p:1', REQUEST_METHOD: 'GET' },
      undefined,
    ],
  ])('%s', (_name, url, vars, expected) => {
    expect(proxyForUrl(url, vars)).toBe(expected)
  })
})

describe('maskProxyUrl', () => {
  it('hides the user name and password as botocore does', () => {
    expect(maskProxyUrl('http://user:s3cret@proxy.example:3128')).toBe('http://***:***@proxy.example:3128')
    expect(maskProxyUrl('http://proxy.example:3128')).toBe('http://proxy.example:3128')
  })
})

describe('resolveEndpointVariants', () => {
  const input = (values: Record<string, string>) => ({
    profile: 'dev',
    config: { profiles: { dev: values } } as never,
  })
  it.each([
    [
      "the profile's values",
      {},
      { use_fips_endpoint: 'true', use_dualstack_endpoint: 'false' },
      { useFipsEndpoint: true, useDualstackEndpoint: false },
    ],
    [
      'the variables over the profile',
      { AWS_USE_FIPS_ENDPOINT: 'false', AWS_USE_DUALSTACK_ENDPOINT: 'True' },
      { use_fips_endpoint: 'true' },
      { useFipsEndpoint: false, useDualstackEndpoint: true },
    ],
    [
      'anything but "true" as false, as botocore reads it',
      {},
      { use_fips_endpoint: 'yes' },
      { useFipsEndpoint: false },
    ],
    ['nothing set as nothing (the SDK defaults)', {}, {}, {}],
  ])('%s', (_name, vars, values, expected) => {
    expect(resolveEndpointVariants(vars, input(values))).toEqual(expected)
  })
})
