/**
 * The AWS CLI's role-credential file cache, `~/.aws/cli/cache/<key>.json`: entries are used while
 * more than 15 minutes remain (botocore's `CachedCredentialFetcher`), written atomically and 0600.
 * Fetches are single-flight across processes: one lock per cache file around "re-read → fetch →
 * write", so processes that lose the race use the winner's credentials instead of fetching again.
 *
 * @module
 */
import { join } from 'node:path'
import type { Env } from '../env.js'
import { getCliCacheDir } from '../config/file-paths.js'
import { pythonJsonDumps } from '../sso/python-json.js'
import { formatPythonIsoformat, formatUtcZ, parseIsoTime } from './time-format.js'
import type { AwsCredentials } from './types.js'

/** Cached role credentials are used only while more than this remains (botocore: 15 minutes). */
export const ROLE_CACHE_EXPIRY_WINDOW_MS = 15 * 60 * 1000

/** The path of a cache entry. */
export function roleCachePath(env: Env, key: string): string {
  return join(getCliCacheDir(env), `${key}.json`)
}

/** Reads a cache entry's credentials; undefined when missing, unreadable or within the expiry window. */
export async function readRoleCache(env: Env, key: string): Promise<AwsCredentials | undefined> {
  let text: string
  try {
    text = await env.fs.readFile(roleCachePath(env, key), 'utf8')
  } catch {
    return undefined
  }
  return parseRoleCacheEntry(text, env.now())
}

/** Extracts usable credentials from a cache file's text (both the SSO and the assume-role format). */
export function parseRoleCacheEntry(text: string, now: number): AwsCredentials | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  const credentials = (parsed as { Credentials?: Record<string, unknown> } | null)?.Credentials
  if (!credentials || typeof credentials !== 'object') return undefined
  const { AccessKeyId, SecretAccessKey, SessionToken, AccountId } = credentials
  const expiration = parseIsoTime(credentials.Expiration)
  if (typeof AccessKeyId !== 'string' || typeof SecretAccessKey !== 'string' || !expiration) return undefined
  if (expiration.getTime() - now < ROLE_CACHE_EXPIRY_WINDOW_MS) return undefined
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    sessionToken: typeof SessionToken === 'string' ? SessionToken : undefined,
    expiration,
    accountId: typeof AccountId === 'string' ? AccountId : undefined,
  }
}

/** The SSO provider's entry: `{"ProviderType": "sso", "Credentials": {..., "Expiration": "...Z", "AccountId"}}`. */
export function formatSsoCacheEntry(credentials: AwsCredentials): string {
  return pythonJsonDumps({
    ProviderType: 'sso',
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: credentials.expiration ? formatUtcZ(credentials.expiration) : undefined,
      AccountId: credentials.accountId,
    },
  })
}

/** The parts of an AssumeRole response the cache keeps. */
export interface AssumeRoleCacheResponse {
  credentials: AwsCredentials
  assumedRoleUser?: { AssumedRoleId?: string | undefined; Arn?: string | undefined } | undefined
  requestId?: string | undefined
}

/** The assume-role entry: the raw AssumeRole response, times as `+00:00`, plus `AccountId`. */
export function formatAssumeRoleCacheEntry(response: AssumeRoleCacheResponse): string {
  const { credentials } = response
  return pythonJsonDumps({
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: credentials.expiration ? formatPythonIsoformat(credentials.expiration) : undefined,
      AccountId: credentials.accountId,
    },
    AssumedRoleUser: response.assumedRoleUser,
    ResponseMetadata: { RequestId: response.requestId, HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 },
  })
}

/** Options for {@link withRoleCache}. */
export interface RoleCacheOptions {
  /** The cache key (file name without `.json`). */
  key: string
  /** Fetches fresh credentials and returns them with the file text to store. */
  fetch: () => Promise<{ credentials: AwsCredentials; entry: string }>
}

/** Returns cached credentials, or fetches them once across processes and caches them. */
export async function withRoleCache(env: Env, options: RoleCacheOptions): Promise<AwsCredentials> {
  const cached = await readRoleCache(env, options.key)
  if (cached) return cached
  const path = roleCachePath(env, options.key)
  // The lock and the writer load only on a miss: the warm path is one read.
  const [{ withFileLock }, { writeFileAtomic }] = await Promise.all([
    import('../files/lock.js'),
    import('../files/atomic-write.js'),
  ])
  return withFileLock(env, path, async () => {
    // Another process may have fetched while this one waited for the lock.
    const again = await readRoleCache(env, options.key)
    if (again) return again
    const { credentials, entry } = await options.fetch()
    await writeFileAtomic(env, path, entry)
    return credentials
  })
}
