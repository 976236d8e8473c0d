import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  canonicalRequest,
  createSigV4Verifier,
  deriveSigningKey,
  keyedHmac,
  parseAmzDate,
  parseSigV4,
  SigV4Error,
  stringToSign,
  type SigV4Credential,
  type SigV4Request,
} from './sigv4.js'
import { createHash, createHmac } from 'node:crypto'
import { vectorPath } from '../../../test/helpers/vectors.js'

const VECTORS = vectorPath()
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'

/** Parses a raw HTTP/1.1 request file (obs-fold continuation lines join the previous header). */
function parseRawRequest(text: string): SigV4Request {
  const raw = text.replaceAll('\r', '')
  const blank = raw.indexOf('\n\n')
  const head = blank < 0 ? raw : raw.slice(0, blank)
  const body = blank < 0 ? '' : raw.slice(blank + 2)
  const lines = head.split('\n')
  const first = lines.shift() as string
  const method = first.slice(0, first.indexOf(' '))
  const target = first.slice(first.indexOf(' ') + 1, first.lastIndexOf(' HTTP/'))
  const q = target.indexOf('?')
  const headers: [string, string][] = []
  for (const line of lines) {
    if (/^\s/.test(line) && headers.length > 0) {
      const last = headers[headers.length - 1] as [string, string]
      last[1] += ` ${line.trim()}`
      continue
    }
    const colon = line.indexOf(':')
    if (colon > 0) headers.push([line.slice(0, colon), line.slice(colon + 1)])
  }
  return { method, path: q < 0 ? target : target.slice(0, q), query: q < 0 ? '' : target.slice(q + 1), headers, body }
}

function read(path: string): string {
  return readFileSync(path, 'utf8').replaceAll('\r', '')
}

function verifierFor(credential: SigV4Credential, now: number) {
  return createSigV4Verifier({ lookup: (id) => (id === 'AKIDEXAMPLE' ? credential : undefined), clock: () => now })
}

interface Case {
  name: string
  signed: SigV4Request
  creq: string
  sts: string
  signature: string
  region: string
  service: string
  normalize: boolean
  token: string | null
  now: number
  omitQueryToken: boolean
}

function crtCases(): Case[] {
  const base = join(VECTORS, 'sigv4-crt', 'v4')
  const cases: Case[] = []
  for (const name of readdirSync(base).sort()) {
    const context = JSON.parse(read(join(base, name, 'context.json')))
    for (const variant of ['header', 'query']) {
      cases.push({
        name: `${name} (${variant})`,
        signed: parseRawRequest(read(join(base, name, `${variant}-signed-request.txt`))),
        creq: read(join(base, name, `${variant}-canonical-request.txt`)),
        sts: read(join(base, name, `${variant}-string-to-sign.txt`)),
        signature: read(join(base, name, `${variant}-signature.txt`)).trim(),
        region: context.region,
        service: context.service,
        normalize: context.normalize,
        token: context.credentials.token ?? null,
        now: Date.parse(context.timestamp),
        omitQueryToken: variant === 'query' && context.omit_session_token === true,
      })
    }
  }
  return cases
}

function botocoreCases(): Case[] {
  const base = join(VECTORS, 'sigv4-botocore')
  const cases: Case[] = []
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (!statSync(path).isDirectory()) continue
      const file = join(path, `${name}.sreq`)
      if (!existsSync(file)) {
        walk(path, `${prefix}${name}/`)
        continue
      }
      const parsed = parseRawRequest(read(file))
      const authz = read(join(path, `${name}.authz`)).trim()
      // The .authz file is authoritative: one upstream .sreq (with-session-token) carries a stale one.
      const signed = {
        ...parsed,
        headers: parsed.headers.map(([k, v]) => [k, k.toLowerCase() === 'authorization' ? authz : v] as const),
      }
      const token = signed.headers.find(([k]) => k.toLowerCase() === 'x-amz-security-token')?.[1].trim() ?? null
      cases.push({
        name: `${prefix}${name}`,
        signed,
        creq: read(join(path, `${name}.creq`)),
        sts: read(join(path, `${name}.sts`)),
        signature: /Signature=([0-9a-f]+)/.exec(authz)?.[1] as string,
        region: 'us-east-1',
        service: 'service',
        normalize: true,
        token,
        now: Date.parse('2015-08-30T12:36:00Z'),
        omitQueryToken: false,
      })
    }
  }
  walk(base, '')
  return cases
}

function checkCase(c: Case): void {
  const parts = parseSigV4(c.signed)
  const creq = canonicalRequest(c.signed, parts, c.service, c.normalize, c.omitQueryToken)
  expect(creq).toBe(c.creq)
  const scope = `${parts.date}/${parts.region}/${parts.service}/aws4_request`
  const sts = stringToSign(parts.amzDate, scope, creq)
  expect(sts).toBe(c.sts)
  const signature = createHmac('sha256', deriveSigningKey(SECRET, parts.date, c.region, c.service))
    .update(sts)
    .digest('hex')
  expect(signature).toBe(c.signature)
  const result = verifierFor({ secretAccessKey: SECRET, sessionToken: c.token, expiresAt: null }, c.now).verify(
    c.signed,
    c.service,
    c.normalize,
  )
  expect(result.accessKeyId).toBe('AKIDEXAMPLE')
  expect(result.region).toBe(c.region)
}

describe('SigV4 against the aws-c-auth signing test suite (v4, header and query)', () => {
  const cases = crtCases()
  it('has all 76 variants', () => expect(cases).toHaveLength(76))
  it.each(cases.map((c) => [c.name, c] as const))(
    '%s computes the canonical request, string to sign, signature and verifies',
    (_n, c) => checkCase(c),
  )
})

describe('SigV4 against the botocore aws4 test suite', () => {
  const cases = botocoreCases()
  it('has all 34 cases', () => expect(cases).toHaveLength(34))
  // botocore itself skips 4 of these (get-space, repeated query keys); a complete verifier passes all.
  it.each(cases.map((c) => [c.name, c] as const))(
    '%s computes the canonical request, string to sign, signature and verifies',
    (_n, c) => checkCase(c),
  )
})

describe('SigV4 double-encoded paths (smithy-rs extra vectors)', () => {
  // These older vectors are only self-consistent for the path line (README §6): compare that.
  it.each(['double-encode-path', 'double-url-encode'])('%s canonicalises the path twice encoded', (name) => {
    const dir = join(VECTORS, 'sigv4-crt', 'smithy-rs-extra', 'v4', name)
    const request = parseRawRequest(read(join(dir, 'request.txt')))
    const expected = read(join(dir, 'header-canonical-request.txt')).split('\n')[1]
    expect(canonicalRequest(request, { signedHeaders: ['host'], presigned: false }, 'service').split('\n')[1]).toBe(
      expected,
    )
  })
})

describe('SigV4 verification failures', () => {
  const base = crtCases().find((c) => c.name === 'get-vanilla (header)') as Case
  const tokenCase = crtCases().find((c) => c.name === 'get-vanilla-with-session-token (header)') as Case
  const cred = { secretAccessKey: SECRET, sessionToken: null, expiresAt: null }
  function kindOf(fn: () => unknown): string {
    try {
      fn()
    } catch (error) {
      if (error instanceof SigV4Error) return error.kind
      throw error
    }
    return 'ok'
  }
  const withHeader = (req: SigV4Request, name: string, value: string | undefined): SigV4Request => ({
    ...req,
    headers: [
      ...req.headers.filter(([k]) => k.toLowerCase() !== name.toLowerCase()),
      ...(value === undefined ? [] : [[name, value] as const]),
    ],
  })

  it.each([
    [
      'a request without any signature is missing authentication',
      withHeader(base.signed, 'Authorization', undefined),
      base.now,
      'missing',
    ],
    [
      'a tampered signature does not match',
      withHeader(
        base.signed,
        'Authorization',
        (base.signed.headers.find(([k]) => k === 'Authorization')?.[1] as string).replace(/.$/, '0'),
      ),
      base.now,
      'signature',
    ],
    [
      'an unknown access key is refused',
      withHeader(
        base.signed,
        'Authorization',
        (base.signed.headers.find(([k]) => k === 'Authorization')?.[1] as string).replace('AKIDEXAMPLE', 'AKIDUNKNOWN'),
      ),
      base.now,
      'unknownKey',
    ],
    [
      'a header without SignedHeaders is incomplete',
      withHeader(
        base.signed,
        'Authorization',
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, Signature=00',
      ),
      base.now,
      'incomplete',
    ],
    ['a request 16 minutes old is skewed', base.signed, base.now + 16 * 60_000, 'skew'],
    ['a request 16 minutes in the future is skewed', base.signed, base.now - 16 * 60_000, 'skew'],
    ['a request 14 minutes old still verifies', base.signed, base.now + 14 * 60_000, 'ok'],
  ])('%s', (_name, request, now, kind) => {
    expect(kindOf(() => verifierFor(cred, now).verify(request, 'service'))).toBe(kind)
  })

  it('refuses a body that differs from the signed one', () => {
    const post = crtCases().find((c) => c.name === 'post-x-www-form-urlencoded (header)') as Case
    const tampered = withHeader(
      post.signed,
      'x-amz-content-sha256',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    )
    expect(kindOf(() => verifierFor(cred, post.now).verify(tampered, 'service'))).toBe('signature')
  })

  it('refuses a signature scoped to another service', () => {
    expect(kindOf(() => verifierFor(cred, base.now).verify(base.signed, 'sts'))).toBe('wrongScope')
  })

  it('refuses session credentials without their token, with a wrong one, and once expired', () => {
    const token = tokenCase.token as string
    const session = { secretAccessKey: SECRET, sessionToken: token, expiresAt: tokenCase.now + 1000 }
    expect(kindOf(() => verifierFor(session, tokenCase.now).verify(tokenCase.signed, 'service'))).toBe('ok')
    expect(kindOf(() => verifierFor(session, tokenCase.now).verify(base.signed, 'service'))).toBe('invalidToken')
    expect(
      kindOf(() =>
        verifierFor({ ...session, sessionToken: 'other' }, tokenCase.now).verify(tokenCase.signed, 'service'),
      ),
    ).toBe('invalidToken')
    expect(kindOf(() => verifierFor(session, tokenCase.now + 1000).verify(tokenCase.signed, 'service'))).toBe(
      'expiredToken',
    )
  })

  it.each([
    ['without X-Amz-Expires', '&X-Amz-Expires=3600', '', 'queryParameters'],
    ['valid for more than a week', 'X-Amz-Expires=3600', 'X-Amz-Expires=604801', 'queryParameters'],
    ['with a negative validity', 'X-Amz-Expires=3600', 'X-Amz-Expires=-1', 'queryParameters'],
    ['with a signature that leaves host out', 'SignedHeaders=host', 'SignedHeaders=x-amz-date', 'hostNotSigned'],
  ])('refuses a presigned request %s before checking its signature', (_name, from, to, kind) => {
    const q = crtCases().find((c) => c.name === 'get-vanilla (query)') as Case
    const edited = { ...q.signed, query: q.signed.query.replace(from, to) }
    expect(kindOf(() => verifierFor(cred, q.now).verify(edited, 'service'))).toBe(kind)
  })

  it.each([
    ['leaves host out', 'SignedHeaders='],
    ['signs an HTTP/2 :authority header instead, which HTTP/1.1 has not', 'SignedHeaders=:authority;'],
  ])('refuses a header signature that %s', (_name, signedHeaders) => {
    const authorization = base.signed.headers.find(([k]) => k === 'Authorization')?.[1] as string
    const request = withHeader(
      base.signed,
      'Authorization',
      authorization.replace('SignedHeaders=host;', signedHeaders),
    )
    expect(kindOf(() => verifierFor(cred, base.now).verify(request, 'service'))).toBe('hostNotSigned')
  })

  it('signs the hash of the received body for every service but S3, whatever X-Amz-Content-SHA256 says', () => {
    const post = crtCases().find((c) => c.name === 'post-x-www-form-urlencoded (header)') as Case
    const parts = parseSigV4(post.signed)
    const other = { ...post.signed, body: 'Param1=another' }
    expect(canonicalRequest(other, parts, 'service').split('\n').at(-1)).toBe(
      createHash('sha256').update('Param1=another').digest('hex'),
    )
    expect(kindOf(() => verifierFor(cred, post.now).verify(other, 'service'))).toBe('signature')
  })

  it('refuses an expired presigned request', () => {
    const q = crtCases().find((c) => c.name === 'get-vanilla (query)') as Case
    expect(kindOf(() => verifierFor(cred, q.now + 3601_000).verify(q.signed, 'service'))).toBe('presignExpired')
  })

  it('parses X-Amz-Date', () => {
    expect(parseAmzDate('20150830T123600Z')).toBe(Date.parse('2015-08-30T12:36:00Z'))
    expect(parseAmzDate('2015-08-30')).toBeNaN()
  })

  it('computes HMAC-SHA256 over precomputed pads exactly as createHmac does', () => {
    const keys = [
      Buffer.alloc(0),
      Buffer.from('k'),
      deriveSigningKey(SECRET, '20150830', 'us-east-1', 'iam'),
      Buffer.alloc(64, 7),
      Buffer.alloc(65, 9),
    ]
    const messages = [
      '',
      'a',
      'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\nf536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59',
      'ü€'.repeat(100),
      'x'.repeat(5000),
    ]
    for (const key of keys) {
      const hmac = keyedHmac(key)
      for (const message of messages) {
        expect(hmac.hex(message)).toBe(createHmac('sha256', key).update(message).digest('hex'))
        // The pads are reused: a second call under the same key gives the same answer.
        expect(hmac.hex(message)).toBe(createHmac('sha256', key).update(message).digest('hex'))
      }
    }
  })
})
