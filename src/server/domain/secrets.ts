/**
 * Hashing and comparing secrets: SHA-256 for high-entropy tokens (codes, tokens, cookies), scrypt
 * for passwords, constant-time comparisons everywhere a secret is checked, and TOTP verification
 * that reports the time step so callers can refuse a reused code.
 *
 * @module
 */
import { createHash, scryptSync, timingSafeEqual } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import type { Ids } from '../ids.js'

/** The SHA-256 of a high-entropy secret, base64url; what the store keeps instead of the secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url')
}

/** Compares two strings in time independent of where they differ (the core's helper). */
export { safeEqual } from '../../core/safe-equal.js'

/** scrypt's cost parameters (RFC 7914): CPU/memory cost `N`, block size `r`, parallelism `p`. */
export interface ScryptCost {
  N: number
  r: number
  p: number
}

/** The server's cost: 16 MiB and ~50 ms per hash, the parameters RFC 7914 suggests for interactive logins. */
export const SCRYPT_COST: ScryptCost = { N: 16384, r: 8, p: 1 }

/**
 * Hashes and checks passwords. The server gets one through its deps: {@link SCRYPT_COST} in
 * `idc server`, a cheap cost in tests (a hash records its own parameters, so either verifies).
 */
export interface PasswordHasher {
  /** A new `scrypt$N$r$p$salt$hash` string with a random salt. */
  hash(password: string): string
  /** Whether `password` matches a stored hash; spends the same time when there is none. */
  verify(password: string, stored: string | null): boolean
}

/** Options of {@link createPasswordHasher}. */
export interface PasswordHasherOptions {
  /** Where salts come from. */
  ids: Ids
  /** Cost of new hashes; default {@link SCRYPT_COST}. */
  cost?: ScryptCost
}

/** A scrypt {@link PasswordHasher} (node:crypto) with the given cost for new hashes. */
export function createPasswordHasher(options: PasswordHasherOptions): PasswordHasher {
  const cost = options.cost ?? SCRYPT_COST
  return {
    hash(password) {
      const salt = options.ids.bytes(16)
      const hash = scryptSync(password.normalize('NFC'), salt, 32, cost)
      return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`
    },
    verify(password, stored) {
      const parts = (stored ?? '').split('$')
      if (parts.length !== 6 || parts[0] !== 'scrypt') {
        // Still spend the time so an unknown user is not faster to reject than a wrong password.
        scryptSync(password, 'x', 32, cost)
        return false
      }
      const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string]
      const expected = Buffer.from(hash, 'base64')
      const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
        N: Number(n),
        r: Number(r),
        p: Number(p),
      })
      return timingSafeEqual(actual, expected)
    },
  }
}

/** A base32 TOTP secret of 20 random bytes. */
export function createTotpSecret(ids: Ids): string {
  return new Secret({ buffer: new Uint8Array(ids.bytes(20)).buffer }).base32
}

/** The `otpauth://` URI an authenticator app scans. */
export function totpUri(secret: string, label: string, issuer: string): string {
  return new TOTP({
    secret: Secret.fromBase32(secret),
    label,
    issuer,
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  }).toString()
}

/**
 * Checks a 6-digit TOTP code at `now` (± one 30 s step). Returns the matching time step, or
 * undefined; the caller records the step so the same code cannot be used twice.
 */
export function verifyTotp(secret: string, code: string, now: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined
  let totp: TOTP
  try {
    totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' })
  } catch {
    return undefined
  }
  const delta = totp.validate({ token: code, timestamp: now, window: 1 })
  if (delta === null) return undefined
  return Math.floor(now / 30_000) + delta
}

/** The code for `now`, for tests and the demo. */
export function generateTotp(secret: string, now: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: now,
  })
}
