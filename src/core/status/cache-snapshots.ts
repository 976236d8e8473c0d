/**
 * Read-only looks at the credential caches for `idc status`: what an SSO token file or a cached
 * role-credential file says, without refreshing, locking or calling anything. Kept apart from
 * `sso/cache.ts` because that module loads `node:crypto`, which the status command's warm path
 * (bin/idc.cjs) avoids: file names are hashed with the plain-JavaScript SHA-1 instead.
 *
 * @module
 */
import { roleCachePath } from '../credentials/role-cache.js'
import { parseIsoTime } from '../credentials/time-format.js'
import type { Env } from '../env.js'
import { parseJsonObject, ssoTokenCachePath } from '../sso/cache.js'

/** What a cached SSO access token allows, at `now`. */
export interface TokenSnapshot {
  /** The token file exists and holds an access token and an expiry. */
  present: boolean
  /** When the access token expires. */
  expiresAt?: Date | undefined
  /** The access token has not expired yet. */
  valid: boolean
  /**
   * An expired sso-session token can be refreshed without a person: the file holds a refresh
   * token and a client registration that has not expired. (Whether the service still accepts the
   * refresh token is only known by trying.)
   */
  refreshable: boolean
  /** The start URL written in the file. */
  startUrl?: string | undefined
  /** The SSO region written in the file. */
  region?: string | undefined
}

/** What a cached role-credential file holds. */
export interface RoleCacheSnapshot {
  /** When the cached credentials expire. */
  expiresAt: Date
  /** The SDKs use cached credentials only while more than the expiry window remains. */
  usable: boolean
  accountId?: string | undefined
  /** The assumed-role ARN (assume-role entries only). */
  arn?: string | undefined
}

/** Reads a JSON object from a cache file; undefined when missing, unreadable or not an object. */
export async function readCacheObject(env: Env, path: string): Promise<Record<string, unknown> | undefined> {
  let text: string
  try {
    text = await env.fs.readFile(path, 'utf8')
  } catch {
    return undefined
  }
  return parseJsonObject(text)
}

/** Interprets an SSO token file's fields; `refreshable` applies to sso-session tokens only. */
export function interpretToken(
  file: Record<string, unknown> | undefined,
  now: number,
  options: { sessionToken: boolean },
): TokenSnapshot {
  const expiresAt = parseCacheDate(file?.expiresAt)
  const present = typeof file?.accessToken === 'string' && file.accessToken !== '' && expiresAt !== undefined
  const registrationExpires = parseCacheDate(file?.registrationExpiresAt)
  const refreshable =
    present &&
    options.sessionToken &&
    typeof file?.refreshToken === 'string' &&
    file.refreshToken !== '' &&
    typeof file.clientId === 'string' &&
    typeof file.clientSecret === 'string' &&
    registrationExpires !== undefined &&
    registrationExpires.getTime() > now
  return {
    present,
    expiresAt: present ? expiresAt : undefined,
    valid: present && (expiresAt as Date).getTime() > now,
    refreshable,
    startUrl: typeof file?.startUrl === 'string' ? file.startUrl : undefined,
    region: typeof file?.region === 'string' ? file.region : undefined,
  }
}

/** The cached token of an sso-session (or, without `sessionName`, of a legacy start URL). */
export async function readTokenSnapshot(
  env: Env,
  session: { sessionName?: string | undefined; startUrl: string },
): Promise<TokenSnapshot> {
  const identifier = session.sessionName ?? session.startUrl
  const file = await readCacheObject(env, ssoTokenCachePath(env, identifier))
  return interpretToken(file, env.now(), { sessionToken: session.sessionName !== undefined })
}

/** A role-credential cache entry (`~/.aws/cli/cache/<key>.json`); undefined when there is none. */
export async function readRoleCacheSnapshot(
  env: Env,
  key: string,
  windowMs: number,
): Promise<RoleCacheSnapshot | undefined> {
  const file = await readCacheObject(env, roleCachePath(env, key))
  const credentials = file?.Credentials as Record<string, unknown> | undefined
  const expiresAt = parseIsoTime(credentials?.Expiration)
  if (!credentials || typeof credentials.AccessKeyId !== 'string' || !expiresAt) return undefined
  const user = file?.AssumedRoleUser as Record<string, unknown> | undefined
  const arn = typeof user?.Arn === 'string' ? user.Arn : undefined
  const accountId = typeof credentials.AccountId === 'string' ? credentials.AccountId : arn?.split(':')[4]
  return { expiresAt, usable: expiresAt.getTime() - env.now() > windowMs, accountId, arn }
}

/** Parses a cache time (`…Z`, `+00:00`, botocore's `…UTC`); undefined when it is not a time. */
export function parseCacheDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined
  return parseIsoTime(value.trim().replace(/ ?UTC$/i, 'Z'))
}
