/**
 * The status of a console sign-in session (`login_session = <ARN>`, written by `idc login` or
 * `aws login`), read from its cache file (`../login/cache.ts`) without refreshing it. The login
 * cache module loads `node:crypto` for its file names, so it is imported only for such profiles.
 *
 * @module
 */
import type { Env } from '../env.js'
import { parseCacheDate, readCacheObject } from './cache-snapshots.js'
import type { ProfileStatus } from './profile-status.js'

/** What a login-session cache file allows at `now`. */
export interface LoginSessionSnapshot {
  present: boolean
  expiresAt?: Date | undefined
  valid: boolean
  /** The file holds what a refresh needs (refresh token, client id, DPoP key). */
  refreshable: boolean
  accountId?: string | undefined
}

/** Reads a login session's cache file. */
export async function readLoginSnapshot(env: Env, arn: string): Promise<LoginSessionSnapshot> {
  const { loginCachePath } = await import('../login/cache.js')
  return interpretLoginCache(await readCacheObject(env, loginCachePath(env, arn)), env.now())
}

/** Interprets a login-session cache file's fields. */
export function interpretLoginCache(file: Record<string, unknown> | undefined, now: number): LoginSessionSnapshot {
  const token = file?.accessToken as Record<string, unknown> | undefined
  const present = typeof token === 'object' && token !== null && typeof token.accessKeyId === 'string'
  const expiresAt = present ? parseCacheDate(token.expiresAt) : undefined
  const refreshable =
    present &&
    ['refreshToken', 'clientId', 'dpopKey'].every((key) => typeof file?.[key] === 'string' && file[key] !== '')
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
  const snapshot = await readLoginSnapshot(env, arn)
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
