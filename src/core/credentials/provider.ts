/**
 * Composition helpers for credential providers, after the AWS SDK's `property-provider`:
 * `chain` tries providers in order while they fail with `tryNextLink`, `memoize` merges
 * concurrent calls and keeps the result until it is about to expire.
 *
 * @module
 */
import type { Env } from '../env.js'
import { CredentialsError } from '../errors.js'
import type { AwsCredentials, CredentialProvider } from './types.js'

/** Tries each provider in turn; only errors with `tryNextLink` move on to the next one. */
export function chain(...providers: CredentialProvider[]): CredentialProvider {
  return async () => {
    let last: unknown = new CredentialsError('Unable to locate credentials', { tryNextLink: true })
    for (const provider of providers) {
      try {
        return await provider()
      } catch (error) {
        if (!(error instanceof CredentialsError) || !error.tryNextLink) throw error
        last = error
      }
    }
    throw last
  }
}

/** Options for {@link memoize}. */
export interface MemoizeOptions {
  /** The clock. */
  env: Pick<Env, 'now'>
  /** Resolve again when fewer than this many ms remain (default 5 minutes). */
  refreshWindowMs?: number
}

/** Caches a provider's result in memory; concurrent callers share one pending call. */
export function memoize(provider: CredentialProvider, options: MemoizeOptions): CredentialProvider {
  const windowMs = options.refreshWindowMs ?? 5 * 60 * 1000
  let pending: Promise<AwsCredentials> | undefined
  let current: AwsCredentials | undefined
  return async () => {
    if (current && !needsRefresh(current, options.env.now(), windowMs)) return current
    pending ??= provider().then(
      (credentials) => {
        current = credentials
        pending = undefined
        return credentials
      },
      (error: unknown) => {
        pending = undefined
        throw error
      },
    )
    return pending
  }
}

function needsRefresh(credentials: AwsCredentials, now: number, windowMs: number): boolean {
  return credentials.expiration !== undefined && credentials.expiration.getTime() - now < windowMs
}
