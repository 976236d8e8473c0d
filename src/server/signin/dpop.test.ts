import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createDpopProof, jwkThumbprint, loadDpopKey, publicJwkOf } from '../../core/login/dpop.js'
import { DpopError, verifyDpopProof } from './dpop.js'

const NOW = Date.parse('2026-11-22T00:00:00Z')
const URL_ = 'http://127.0.0.1:4000/v1/token'
const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
const claims = { htm: 'POST', htu: URL_, iat: NOW / 1000, jti: 'j-1' }

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

function signed(header: unknown, payload: unknown, signingKey = key): string {
  const input = `${b64(header)}.${b64(payload)}`
  return `${input}.${sign('sha256', Buffer.from(input), { key: signingKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`
}

describe('verifyDpopProof', () => {
  it('accepts a proof from the client code and returns the key thumbprint', () => {
    const proof = createDpopProof(key, claims)
    const verified = verifyDpopProof(proof, { method: 'POST', url: URL_, now: NOW })
    expect(verified.jkt).toBe(jwkThumbprint(publicJwkOf(key)))
    expect(verified.jti).toBe('j-1')
  })

  it('accepts the default port written out and a query string on the request', () => {
    const proof = createDpopProof(key, { ...claims, htu: 'http://localhost:80/v1/token' })
    expect(() =>
      verifyDpopProof(proof, { method: 'POST', url: 'http://localhost/v1/token?x=1', now: NOW }),
    ).not.toThrow()
  })

  it.each([
    [
      'a JWK carrying the private key',
      () => signed({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.export({ format: 'jwk' }) }, claims),
    ],
    ['another typ', () => signed({ typ: 'JWT', alg: 'ES256', jwk: publicJwkOf(key) }, claims)],
    ['HS256', () => signed({ typ: 'dpop+jwt', alg: 'HS256', jwk: publicJwkOf(key) }, claims)],
    [
      'a P-384 key',
      () => {
        const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey
        return signed({ typ: 'dpop+jwt', alg: 'ES256', jwk: p384.export({ format: 'jwk' }) }, claims, p384)
      },
    ],
    ['no jti', () => signed({ typ: 'dpop+jwt', alg: 'ES256', jwk: publicJwkOf(key) }, { ...claims, jti: undefined })],
    [
      'a fractional iat',
      () => signed({ typ: 'dpop+jwt', alg: 'ES256', jwk: publicJwkOf(key) }, { ...claims, iat: NOW / 1000 + 0.5 }),
    ],
    ['two parts', () => createDpopProof(key, claims).split('.').slice(0, 2).join('.')],
  ])('refuses %s', (_name, make) => {
    expect(() => verifyDpopProof(make(), { method: 'POST', url: URL_, now: NOW })).toThrow(DpopError)
  })

  it('loads the SEC1 and PKCS#8 keys the CLI and botocore store', () => {
    const sec1 = key.export({ format: 'pem', type: 'sec1' }) as string
    const pkcs8 = key.export({ format: 'pem', type: 'pkcs8' }) as string
    for (const pem of [sec1, pkcs8, pkcs8.replace(/\n/g, '\n\n')]) {
      expect(publicJwkOf(loadDpopKey(pem))).toEqual(publicJwkOf(createPrivateKey(sec1)))
    }
  })
})
