import { describe, expect, it } from 'vitest'
import { isAwsOwnedHost, regionFromHost, resolveStartUrl, type StartUrlProbe } from './start-url.js'

describe('isAwsOwnedHost', () => {
  it.each([
    ['d-1234567890.awsapps.com', true],
    ['D-1234567890.AWSAPPS.COM.', true],
    ['identitycenter.amazonaws.com', true],
    ['ssoins-1.portal.us-east-1.app.aws', true],
    ['d-1.eu-west-1.portal.amazonaws.com', true],
    ['my-company.example.com', false],
    ['evilawsapps.com', false],
  ])('%s -> %s', (host, owned) => expect(isAwsOwnedHost(host)).toBe(owned))
  it('reads regions from portal hosts', () => {
    expect(regionFromHost('ssoins-1.portal.eu-central-1.app.aws')).toBe('eu-central-1')
    expect(regionFromHost('d-9999999999.eu-west-1.portal.amazonaws.com')).toBe('eu-west-1')
    expect(regionFromHost('d-1234567890.awsapps.com')).toBeUndefined()
  })
})

describe('resolveStartUrl', () => {
  const never: StartUrlProbe = async () => {
    throw new Error('no network expected')
  }
  it('uses AWS-owned URLs as they are, without the network', async () => {
    expect(await resolveStartUrl('https://d-1234567890.awsapps.com/start', 'us-east-1', never)).toEqual({
      url: 'https://d-1234567890.awsapps.com/start',
      region: 'us-east-1',
      resolved: false,
    })
  })
  it('follows one redirect to an AWS-owned host and takes its region (as observed)', async () => {
    const seen: string[] = []
    const probe: StartUrlProbe = async (url, method) => {
      seen.push(`${method} ${url}`)
      return method === 'HEAD'
        ? { status: 405 }
        : { status: 302, location: 'https://d-9999999999.eu-west-1.portal.amazonaws.com/start/?x=1' }
    }
    expect(await resolveStartUrl('https://sso.example.com/start', 'us-east-1', probe)).toEqual({
      url: 'https://d-9999999999.eu-west-1.portal.amazonaws.com/start',
      region: 'eu-west-1',
      resolved: true,
    })
    expect(seen).toEqual(['HEAD https://sso.example.com/start', 'GET https://sso.example.com/start'])
  })
  it.each<[string, StartUrlProbe, string]>([
    ['an HTTP error', async () => ({ status: 404 }), 'Failed to resolve start URL: HTTP 404'],
    ['a redirect without Location', async () => ({ status: 302 }), 'Redirect response missing Location header.'],
    [
      'a redirect elsewhere',
      async () => ({ status: 301, location: 'https://login.example.net/' }),
      "Could not resolve start URL 'https://sso.example.com/start' to an AWS-owned endpoint. Final URL: 'https://login.example.net'",
    ],
    [
      'a network failure',
      async () => {
        throw new Error('getaddrinfo ENOTFOUND sso.example.com')
      },
      'Failed to resolve start URL: getaddrinfo ENOTFOUND sso.example.com',
    ],
  ])('reports %s', async (_name, probe, message) => {
    await expect(resolveStartUrl('https://sso.example.com/start', 'us-east-1', probe)).rejects.toThrow(message)
  })
  it('keeps the configured region for AWS-owned hosts, as the CLI does, and needs one', async () => {
    const url = 'https://ssoins-1.portal.eu-central-1.app.aws'
    expect((await resolveStartUrl(url, 'us-east-1', never)).region).toBe('us-east-1')
    await expect(resolveStartUrl(url, undefined, never)).rejects.toMatchObject({
      kind: 'config',
      message:
        "An error occurred (Configuration): Missing required configuration: sso_region. Please run 'idc configure sso' to set it.",
    })
  })
  it.each([
    ['https:///start', "Invalid sso_start_url: 'https:///start'"],
    ['https:start', "Invalid sso_start_url: 'https:start'"],
    ['start', 'The sso_start_url must use the https scheme.'],
    ['ftp://d-1.awsapps.com/start', 'The sso_start_url must use the https scheme.'],
  ])('reads %j as Python does: %s', async (url, message) => {
    await expect(resolveStartUrl(url, 'us-east-1', never)).rejects.toMatchObject({
      kind: 'config',
      message: `An error occurred (Configuration): ${message}`,
    })
  })
  it('takes HTTPS in capitals as https', async () => {
    expect((await resolveStartUrl('HTTPS://D-1.AWSAPPS.COM/start', 'eu-west-1', never)).region).toBe('eu-west-1')
  })
  it.each<[string, StartUrlProbe, string]>([
    ['a 304', async () => ({ status: 304 }), 'Failed to resolve start URL: HTTP 304'],
    [
      'a refused connection',
      async () => {
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })
      },
      'Failed to resolve start URL: [Errno 111] Connection refused',
    ],
    [
      'an unknown host',
      async () => {
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } })
      },
      'Failed to resolve start URL: [Errno -2] Name or service not known',
    ],
    [
      'a port fetch will not use',
      async () => {
        throw new TypeError('fetch failed', { cause: new Error('bad port') })
      },
      'Failed to resolve start URL: bad port',
    ],
    [
      'a certificate it cannot verify',
      async () => {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
        })
      },
      'Failed to resolve start URL: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate',
    ],
  ])('words %s as urllib does, as a configuration error', async (_name, probe, message) => {
    await expect(resolveStartUrl('https://sso.example.com/start', 'us-east-1', probe)).rejects.toMatchObject({
      kind: 'config',
      message: `An error occurred (Configuration): ${message}`,
    })
  })
  it('rejects http start URLs first', async () => {
    await expect(resolveStartUrl('http://127.0.0.1/start', 'us-east-1', never)).rejects.toThrow(
      'The sso_start_url must use the https scheme.',
    )
  })
})
