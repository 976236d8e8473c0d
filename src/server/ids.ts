/**
 * Random identifiers and secrets. The server takes an {@link Ids} through its deps so that tests
 * can make them predictable; {@link createRandomIds} is the real one.
 *
 * @module
 */
import { randomBytes } from 'node:crypto'

/** A source of random bytes, and the identifier shapes built from it. */
export interface Ids {
  /** `n` random bytes. */
  bytes(n: number): Buffer
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ'

/** The real generator: the operating system's CSPRNG. */
export function createRandomIds(): Ids {
  return { bytes: (n) => randomBytes(n) }
}

/** A deterministic generator for tests (a counter through SHA-256 would be overkill: xorshift). */
export function createSeededIds(seed = 1): Ids {
  let state = seed >>> 0 || 1
  return {
    bytes(n) {
      const out = Buffer.alloc(n)
      for (let i = 0; i < n; i++) {
        state ^= state << 13
        state ^= state >>> 17
        state ^= state << 5
        state >>>= 0
        out[i] = state & 0xff
      }
      return out
    },
  }
}

/** `length` lower-case hex digits. */
export function randomHex(ids: Ids, length: number): string {
  return ids
    .bytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length)
}

/** An unguessable URL-safe token with `bytes` bytes of entropy. */
export function randomToken(ids: Ids, bytes = 32): string {
  return ids.bytes(bytes).toString('base64url')
}

/** A random UUID (version 4). */
export function randomUuid(ids: Ids): string {
  const b = ids.bytes(16)
  b[6] = ((b[6] as number) & 0x0f) | 0x40
  b[8] = ((b[8] as number) & 0x3f) | 0x80
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

function fromAlphabet(ids: Ids, alphabet: string, length: number): string {
  // Rejection sampling keeps the distribution uniform.
  let out = ''
  while (out.length < length) {
    for (const byte of ids.bytes(length)) {
      if (byte < 256 - (256 % alphabet.length) && out.length < length) out += alphabet[byte % alphabet.length]
    }
  }
  return out
}

/** `length` upper-case letters and digits (the tail of AKIA/ASIA/AROA/AIDA identifiers). */
export function randomUpperAlnum(ids: Ids, length: number): string {
  return fromAlphabet(ids, UPPER_ALNUM, length)
}

/** A device-flow user code `XXXX-XXXX` from consonants only (no vowels, so no words, no 0/O). */
export function randomUserCode(ids: Ids): string {
  const raw = fromAlphabet(ids, USER_CODE_ALPHABET, 8)
  return `${raw.slice(0, 4)}-${raw.slice(4)}`
}
