/**
 * PKCE (RFC 7636) as the AWS CLI does it for `aws sso login`: a 64-character verifier drawn
 * uniformly from the unreserved characters, and the S256 challenge without base64 padding.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { Env } from '../env.js'

/** The characters a code verifier may use (RFC 7636 §4.1), in the CLI's order. */
export const CODE_VERIFIER_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~'

/** Creates a 64-character code verifier from the environment's secure randomness. */
export function createCodeVerifier(env: Env, length = 64): string {
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 66).
  const limit = 256 - (256 % CODE_VERIFIER_ALPHABET.length)
  let out = ''
  while (out.length < length) {
    for (const byte of env.randomBytes(length * 2)) {
      if (byte >= limit) continue
      out += CODE_VERIFIER_ALPHABET[byte % CODE_VERIFIER_ALPHABET.length]
      if (out.length === length) break
    }
  }
  return out
}

/** base64url(SHA-256(verifier)) without padding: 43 characters. */
export function createCodeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}

/** True when `verifier` is 43–128 unreserved characters. */
export function isValidCodeVerifier(verifier: string): boolean {
  return /^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)
}
