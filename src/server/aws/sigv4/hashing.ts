/**
 * SHA-256 and HMAC for SigV4: the payload and string-to-sign hashes, the derived signing key, and
 * the keyed HMAC fast path that the verifier keeps per signing key.
 *
 * @module
 */
import * as nodeCrypto from 'node:crypto'
import { createHash, createHmac } from 'node:crypto'

// Node ≥ 20.12 has the one-shot `crypto.hash`; older versions fall back to createHash.
const oneShotHash = (
  nodeCrypto as { hash?: (algorithm: string, data: Uint8Array | string, encoding: string) => string }
).hash
const oneShotBuffer = oneShotHash as
  ((algorithm: string, data: Uint8Array | string, encoding: 'buffer' | 'hex') => Buffer) | undefined

/** Lower-case hex SHA-256 (one-shot `crypto.hash` where Node has it: no Hash object per call). */
export function sha256Hex(data: Uint8Array | string): string {
  return oneShotHash ? oneShotHash('sha256', data, 'hex') : createHash('sha256').update(data).digest('hex')
}

/**
 * HMAC-SHA256 under one fixed key, for the final step of every verification. `createHmac` sets up
 * a new keyed context per call, which was the largest single cost of a verification in the
 * server's throughput profile; with Node's one-shot `crypto.hash` (Node ≥ 20.12) the same RFC 2104
 * construction, H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)), costs two plain hashes over pads computed once
 * per key. Checked against `createHmac` in sigv4.test.ts; older Nodes use `createHmac`.
 */
export interface KeyedHmac {
  /** Lower-case hex HMAC-SHA256 of `message` (UTF-8). */
  hex(message: string): string
}

/** A {@link KeyedHmac} for `key` (at most one SHA-256 block, 64 bytes, as derived SigV4 keys are). */
export function keyedHmac(key: Uint8Array): KeyedHmac {
  const hash = oneShotBuffer
  if (!hash || key.length > 64) return { hex: (message) => createHmac('sha256', key).update(message).digest('hex') }
  const inner = Buffer.alloc(64, 0x36)
  const outer = Buffer.alloc(64 + 32, 0x5c)
  for (let i = 0; i < key.length; i++) {
    inner[i] = (key[i] as number) ^ 0x36
    outer[i] = (key[i] as number) ^ 0x5c
  }
  return {
    hex(message) {
      const data = Buffer.allocUnsafe(64 + Buffer.byteLength(message))
      inner.copy(data, 0)
      data.write(message, 64)
      hash('sha256', data, 'buffer').copy(outer, 64)
      return hash('sha256', outer, 'hex') as unknown as string
    },
  }
}

/** The derived signing key `kSigning` (uncached). */
export function deriveSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest()
  const kRegion = createHmac('sha256', kDate).update(region).digest()
  const kService = createHmac('sha256', kRegion).update(service).digest()
  return createHmac('sha256', kService).update('aws4_request').digest()
}

/** A cache of {@link KeyedHmac}s by secret and scope, least recently used dropped first. */
export interface SigningKeyCache {
  /** The keyed HMAC of the signing key for `secret` in the scope `date`/`region`/`service`. */
  get(secret: string, date: string, region: string, service: string): KeyedHmac
}

/** A {@link SigningKeyCache} holding at most `size` keys (one per verifier, never module-level). */
export function createSigningKeyCache(size: number): SigningKeyCache {
  const keys = new Map<string, KeyedHmac>()
  return {
    get(secret, date, region, service) {
      const id = `${date}\n${region}\n${service}\n${secret}`
      const hit = keys.get(id)
      if (hit) {
        // Re-insert so the Map's insertion order is recency order (least recently used first).
        keys.delete(id)
        keys.set(id, hit)
        return hit
      }
      const key = keyedHmac(deriveSigningKey(secret, date, region, service))
      if (keys.size >= size) keys.delete(keys.keys().next().value as string)
      keys.set(id, key)
      return key
    },
  }
}
