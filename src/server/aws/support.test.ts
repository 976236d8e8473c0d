import { describe, expect, it } from 'vitest'
import { createSeededIds } from '../ids.js'
import { createRequestIds } from './context.js'
import { AwsError, sigV4Failure } from './errors.js'
import { paginate } from './json-api.js'
import { organizationId } from './organizations.js'
import { SigV4Error, type SigV4ErrorKind } from './sigv4.js'
import { element, escapeXml, isoSeconds } from './xml.js'

describe('sigV4Failure', () => {
  it.each([
    ['unknownKey', 'query', 'InvalidClientTokenId', 403],
    ['expiredToken', 'query', 'ExpiredToken', 403],
    ['skew', 'query', 'SignatureDoesNotMatch', 403],
    ['missing', 'query', 'MissingAuthenticationToken', 403],
    ['incomplete', 'query', 'IncompleteSignature', 403],
    ['unknownKey', 'restXml', 'InvalidAccessKeyId', 403],
    ['expiredToken', 'restXml', 'ExpiredToken', 400],
    ['skew', 'restXml', 'RequestTimeTooSkewed', 403],
    ['signature', 'restXml', 'SignatureDoesNotMatch', 403],
    ['unknownKey', 'json', 'UnrecognizedClientException', 400],
    ['signature', 'json', 'InvalidSignatureException', 400],
    ['expiredToken', 'json', 'ExpiredTokenException', 400],
  ] as const)('maps %s in %s to %s (%i)', (kind, protocol, code, status) => {
    const error = sigV4Failure(new SigV4Error(kind as SigV4ErrorKind, 'm', 'AKIAX'), protocol)
    expect(error).toBeInstanceOf(AwsError)
    expect([error.code, error.status]).toEqual([code, status])
  })

  it('names the unknown key in the S3 error', () => {
    expect(sigV4Failure(new SigV4Error('unknownKey', 'm', 'AKIAX'), 'restXml').extra).toEqual({
      AWSAccessKeyId: 'AKIAX',
    })
  })
})

describe('xml helpers', () => {
  it('escapes the five XML characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;')
  })
  it('leaves absent elements out', () => {
    expect(element('A', undefined) + element('B', null) + element('C', 0)).toBe('<C>0</C>')
  })
  it('writes STS times without milliseconds', () => {
    expect(isoSeconds(Date.parse('2026-11-22T02:34:45.678Z'))).toBe('2026-11-22T02:34:45Z')
  })
})

describe('paginate', () => {
  const items = Array.from({ length: 5 }, (_, i) => i)
  it('walks every page and ends without a token', () => {
    const first = paginate({ MaxResults: 2 }, items)
    const second = paginate({ MaxResults: 2, NextToken: first.nextToken }, items)
    const third = paginate({ MaxResults: 2, NextToken: second.nextToken }, items)
    expect([first.page, second.page, third.page]).toEqual([[0, 1], [2, 3], [4]])
    expect(third.nextToken).toBeUndefined()
  })
  it.each([[{ NextToken: 'nope' }], [{ MaxResults: 0 }], [{ MaxResults: 101 }], [{ MaxResults: 'x' }]])(
    'refuses %j',
    (body) => {
      expect(() => paginate(body, items)).toThrow(AwsError)
    },
  )
})

describe('createRequestIds', () => {
  it('makes distinct version-4 UUIDs from a pool', () => {
    const next = createRequestIds(createSeededIds(7))
    const ids = Array.from({ length: 600 }, () => next())
    expect(new Set(ids).size).toBe(600)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})

describe('organizationId', () => {
  it('is o- and 10 lower-case alphanumerics, stable per instance', () => {
    expect(organizationId('d-9567a1b2c3')).toMatch(/^o-[a-z0-9]{10}$/)
    expect(organizationId('d-9567a1b2c3')).toBe(organizationId('d-9567a1b2c3'))
  })
})
