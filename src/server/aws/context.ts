/**
 * What every AWS API handler shares: the server deps, the SigV4 verifier over the caller lookups,
 * and request ids.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import { randomUuid, type Ids } from '../ids.js'
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
      offset = 0
    }
    const b = Buffer.from(pool.subarray(offset, offset + 16))
    offset += 16
    return randomUuid({ bytes: () => b })
  }
}

/** A request id in AWS's UUID form. */
export function newRequestId(ctx: AwsContext): string {
  return ctx.requestId()
}
