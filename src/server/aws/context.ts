/**
 * What every AWS API handler shares: the server deps, the SigV4 verifier over the caller lookups,
 * and request ids.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import type { Ids } from '../ids.js'
import type { Caller, CallerResolver } from './callers.js'
import type { SigV4Verifier } from './sigv4.js'

/** Shared state of one AWS API instance (built once in {@link createAwsApi}). */
export interface AwsContext {
  deps: ServerDeps
  callers: CallerResolver
  verifier: SigV4Verifier<Caller>
  /** Request ids (see {@link createRequestIds}). */
  requestId(): string
}

/**
 * Request ids in AWS's UUID form, cut from a pool of random bytes refilled 256 ids at a time: one
 * CSPRNG call per request showed up in the throughput profile. Ids need uniqueness, not secrecy.
 */
export function createRequestIds(ids: Ids): () => string {
  let pool: Buffer = Buffer.alloc(0)
  let offset = 0
  return () => {
    if (offset + 16 > pool.length) {
      pool = ids.bytes(16 * 256)
      // Version 4, variant 1, as randomUuid sets them.
      for (let i = 0; i < pool.length; i += 16) {
        pool[i + 6] = ((pool[i + 6] as number) & 0x0f) | 0x40
        pool[i + 8] = ((pool[i + 8] as number) & 0x3f) | 0x80
      }
      offset = 0
    }
    const h = pool.toString('hex', offset, offset + 16)
    offset += 16
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  }
}

/** A request id in AWS's UUID form. */
export function newRequestId(ctx: AwsContext): string {
  return ctx.requestId()
}
