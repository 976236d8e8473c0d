/**
 * The status of a console sign-in session (`login_session = <ARN>`, written by `aws login`), read
 * from its cache file as the AWS CLI lays it out (`aws-login.md` §3): `$AWS_LOGIN_CACHE_DIRECTORY`
 * or `~/.aws/login/cache`, file `sha256(login_session).json`, holding `accessToken` (the keys and
 * `expiresAt`), `refreshToken`, `clientId` and `dpopKey`. Read-only; the refresh itself belongs to
 * the login-session credential provider.
 *
 * @module
 */
import { join } from 'node:path'
import { expandHome, getHomeDir, pathApi } from '../config/file-paths.js'
import type { SharedConfig } from '../config/parse-config-file.js'
import { text } from '../credentials/from-static-profile.js'
import type { Env } from '../env.js'
import { parseCacheDate, readCacheObject } from './cache-snapshots.js'
import type { ProfileStatus } from './profile-status.js'

/** The profile's `login_session` ARN, when it has one. */
export function loginSessionOf(config: SharedConfig, profile: string): string | undefined {
  return text(config.profiles[profile]?.login_session)
}

/** The login-session cache directory. */
export function loginCacheDir(env: Env): string {
  const override = env.vars.AWS_LOGIN_CACHE_DIRECTORY
  if (override)
    return expandHome(
      env,
      override.replace(/\$(\w+)|\$\{(\w+)\}/g, (_, a, b) => env.vars[a ?? b] ?? ''),
    )
  return pathApi(env).join(getHomeDir(env), '.aws', 'login', 'cache')
}

/** The cache file of a login session: `sha256(ARN)` in hex. */
export async function loginCachePath(env: Env, arn: string): Promise<string> {
  // node:crypto loads only for login sessions: the SSO warm path never needs it.
  const { createHash } = await import('node:crypto')
  return join(loginCacheDir(env), `${createHash('sha256').update(arn, 'utf8').digest('hex')}.json`)
}

/** What a login-session cache file allows at `now`. */
export interface LoginSessionSnapshot {
  present: boolean
  expiresAt?: Date | undefined
  valid: boolean
  refreshable: boolean
  accountId?: string | undefined
}

/** Interprets a login-session cache file. */
export function interpretLoginCache(file: Record<string, unknown> | undefined, now: number): LoginSessionSnapshot {
  const token = file?.accessToken as Record<string, unknown> | undefined
  const present = typeof token === 'object' && token !== null && typeof token.accessKeyId === 'string'
  const expiresAt = present ? parseCacheDate(token.expiresAt) : undefined
  const refreshable =
    present &&
    typeof file?.refreshToken === 'string' &&
    typeof file.clientId === 'string' &&
    typeof file.dpopKey === 'string'
  return {
    present,
    expiresAt,
    valid: expiresAt !== undefined && expiresAt.getTime() > now,
    refreshable,
    accountId: present && typeof token.accountId === 'string' ? token.accountId : undefined,
  }
}

/** A profile whose credentials come from a login session. */
export async function describeLoginSession(env: Env, profile: string, arn: string): Promise<ProfileStatus> {
  const snapshot = interpretLoginCache(await readCacheObject(env, await loginCachePath(env, arn)), env.now())
  const ready = snapshot.valid || snapshot.refreshable
  return {
    profile,
    source: 'login-session',
    state: ready ? 'ready' : 'sign-in-needed',
    detail: snapshot.valid
      ? 'cached console sign-in credentials'
      : snapshot.refreshable
        ? 'the console sign-in credentials are refreshed with the refresh token'
        : snapshot.present
          ? 'the login session cannot be refreshed'
          : 'no login session is cached',
    credentialsExpireAt: snapshot.valid ? snapshot.expiresAt?.toISOString() : undefined,
    tokenExpiresAt: snapshot.expiresAt?.toISOString(),
    refreshable: snapshot.refreshable,
    readyUntil: snapshot.valid ? snapshot.expiresAt?.toISOString() : undefined,
    signInCommand: `idc login --profile ${profile}`,
    identity: { accountId: snapshot.accountId ?? arn.split(':')[4], arn, roleName: roleNameOf(arn) },
  }
}

/** The role of an assumed-role ARN (`…:assumed-role/ROLE/SESSION`); undefined for users. */
export function roleNameOf(arn: string): string | undefined {
  const resource = arn.split(':').slice(5).join(':')
  return resource.startsWith('assumed-role/') ? resource.split('/')[1] : undefined
}
