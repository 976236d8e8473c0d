import { describe, expect, it } from 'vitest'
import { NetworkError, ServiceError } from '../errors.js'
import { PROXY_TUNNEL_FAILED, requestUrl, toNetworkError } from './network-errors.js'

const url = 'https://oidc.ap-norteast-1.amazonaws.com/client/register'
const sysError = (code: string, message = `${code} something`) => Object.assign(new Error(message), { code })

describe('toNetworkError', () => {
  it.each([
    ['ECONNREFUSED', `Could not connect to the endpoint URL: "${url}"`],
    ['ENOTFOUND', `Could not connect to the endpoint URL: "${url}"`],
    ['EAI_AGAIN', `Could not connect to the endpoint URL: "${url}"`],
    ['ECONNRESET', `Connection was closed before we received a valid response from endpoint URL: "${url}".`],
    ['ETIMEDOUT', `Read timeout on endpoint URL: "${url}"`],
  ])('words %s as the AWS CLI does and keeps the code for retries', (code, message) => {
    const mapped = toNetworkError(sysError(code), url)
    expect(mapped).toBeInstanceOf(NetworkError)
    expect(mapped?.message).toBe(message)
    expect(mapped?.code).toBe(code)
    expect(mapped?.kind).toBe('general')
  })

  it('tells a connect timeout from a read timeout', () => {
    const timeout = Object.assign(new Error('Socket connection timeout'), { name: 'TimeoutError' })
    expect(toNetworkError(timeout, url)?.message).toBe(`Connect timeout on endpoint URL: "${url}"`)
  })

  it('names the URL and Node reason of a TLS failure', () => {
    const tls = sysError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain')
    expect(toNetworkError(tls, url)?.message).toBe(
      `SSL validation failed for ${url} [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1082)`,
    )
  })

  it.each([
    [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'unable to verify the first certificate',
      'unable to get local issuer certificate',
    ],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate', 'self-signed certificate'],
    ['CERT_HAS_EXPIRED', 'certificate has expired', 'certificate has expired'],
  ])('words the verification failure %s as Python does', (code, nodeReason, pythonReason) => {
    expect(toNetworkError(sysError(code, nodeReason), url)?.message).toBe(
      `SSL validation failed for ${url} [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${pythonReason} (_ssl.c:1082)`,
    )
  })

  it('words a host name the certificate does not cover as Python does', () => {
    const mismatch = Object.assign(
      sysError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"),
      {
        host: 'example.test',
      },
    )
    expect(toNetworkError(mismatch, url)?.message).toBe(
      `SSL validation failed for ${url} [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for 'example.test'. (_ssl.c:1082)`,
    )
  })

  it('blames the proxy when one is in use: refused, or refusing the tunnel', () => {
    expect(toNetworkError(sysError('ECONNREFUSED'), url, 'http://proxy:3128')?.message).toBe(
      'Failed to connect to proxy URL: "http://proxy:3128"',
    )
    expect(toNetworkError(sysError(PROXY_TUNNEL_FAILED), url, 'http://proxy:3128')?.message).toBe(
      'Failed to connect to proxy URL: "http://proxy:3128"',
    )
  })

  it('leaves service errors and other errors alone', () => {
    const fault = Object.assign(new Error('denied'), { $fault: 'client', code: 'ECONNREFUSED' })
    expect(toNetworkError(fault, url)).toBeUndefined()
    expect(toNetworkError(new ServiceError('X', 'Op', 'm'), url)).toBeUndefined()
    expect(toNetworkError(new Error('something else'), url)).toBeUndefined()
  })
})

describe('requestUrl', () => {
  it('builds the URL botocore reports, query included', () => {
    expect(
      requestUrl({
        protocol: 'https:',
        hostname: 'portal.sso.us-east-1.amazonaws.com',
        path: '/assignment/roles',
        query: { account_id: '111111111111', next_token: 'a b' },
      }),
    ).toBe('https://portal.sso.us-east-1.amazonaws.com/assignment/roles?account_id=111111111111&next_token=a%20b')
    expect(requestUrl({ protocol: 'http:', hostname: '127.0.0.1', port: 1, path: '/' })).toBe('http://127.0.0.1:1/')
  })
})
