/**
 * DPoP proofs (RFC 9449) for the AWS Sign-In token endpoint, shaped as the AWS CLI sends them
 * (`aws-login.md` §2.7): ES256 over P-256, the public key embedded as a JWK, payload
 * `{htm, htu, iat, jti}`, no `ath` or `nonce`. All of the cryptography is node:crypto's; this
 * module only lays out the JSON and the base64url parts.
 *
 * @module
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'

/** A P-256 public key as a JWK, members in the CLI's order. */
export interface EcPublicJwk {
  kty: 'EC'
  x: string
  y: string
  crv: 'P-256'
}

/** The claims of a proof. */
export interface DpopClaims {
  /** The HTTP method (`POST`). */
  htm: string
  /** The full request URL without query or fragment. */
  htu: string
  /** Seconds since the epoch. */
  iat: number
  /** A fresh UUID for every call (retries of one call reuse the proof). */
  jti: string
}

/** A new P-256 key as the CLI stores it: SEC1 (`EC PRIVATE KEY`) PEM. */
export function generateDpopKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return privateKey.export({ format: 'pem', type: 'sec1' }) as string
}

/** Loads a cached key: SEC1 or PKCS#8 PEM, also without the usual line breaks (the CLI only strips the armour). */
export function loadDpopKey(pem: string): KeyObject {
  try {
    return createPrivateKey({ key: pem, format: 'pem' })
  } catch {
    const der = Buffer.from(
      pem
        .split(/\r?\n/)
        .filter((line) => !line.startsWith('-----BEGIN') && !line.startsWith('-----END'))
        .join(''),
      'base64',
    )
    try {
      return createPrivateKey({ key: der, format: 'der', type: 'sec1' })
    } catch {
      return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
    }
  }
}

/** The public half of a key as a JWK. */
export function publicJwkOf(key: KeyObject): EcPublicJwk {
  const jwk = createPublicKey(key).export({ format: 'jwk' })
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('The DPoP key is not a P-256 key')
  return { kty: 'EC', x: jwk.x, y: jwk.y, crv: 'P-256' }
}

/** RFC 7638 thumbprint of an EC JWK: base64url SHA-256 of `{"crv","kty","x","y"}` in that order. */
export function jwkThumbprint(jwk: Pick<EcPublicJwk, 'crv' | 'kty' | 'x' | 'y'>): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })
  return createHash('sha256').update(canonical).digest('base64url')
}

/** Builds and signs a proof with `key` (header `typ`, `alg`, `jwk`; raw r‖s signature). */
export function createDpopProof(key: KeyObject, claims: DpopClaims): string {
  const header = { typ: 'dpop+jwt', alg: 'ES256', jwk: publicJwkOf(key) }
  const payload = { htm: claims.htm, htu: claims.htu, iat: claims.iat, jti: claims.jti }
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })
  return `${input}.${signature.toString('base64url')}`
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url')
}
