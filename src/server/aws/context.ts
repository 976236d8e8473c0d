/**
 * What every AWS API handler shares: the server deps, the SigV4 verifier over the caller lookups,
 * and request ids.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import { randomUuid } from '../ids.js'
import type { Caller, CallerResolver } from './callers.js'
import type { SigV4Verifier } from './sigv4.js'

/** Shared state of one AWS API instance (built once in {@link createAwsApi}). */
export interface AwsContext {
  deps: ServerDeps
  callers: CallerResolver
  verifier: SigV4Verifier<Caller>
}

/** A request id in AWS's UUID form. */
export function newRequestId(ctx: AwsContext): string {
  return randomUuid(ctx.deps.ids)
}
