/**
 * `idc status --all`: one row per sign-in session, from the configuration and the caches: every
 * `[sso-session]`, every legacy start URL used by a profile, every SSO token in the cache that no
 * configuration names, and every login session (profiles' `login_session` and files in the
 * login cache). Read-only and without network, like {@link getProfileStatus}.
 *
 * @module
 */
import { join } from 'node:path'
import { getSsoCacheDir } from '../config/file-paths.js'
import type { SharedConfig } from '../config/parse-config-file.js'
import { text } from '../credentials/from-static-profile.js'
import type { Env } from '../env.js'
import { ssoTokenCachePath } from '../sso/cache.js'
import { interpretToken, readCacheObject, readTokenSnapshot, type TokenSnapshot } from './cache-snapshots.js'
import { interpretLoginCache } from './login-session-status.js'
import type { StatusState } from './profile-status.js'

/** The kinds of session rows. */
export type SessionKind = 'sso-session' | 'legacy-sso' | 'login-session'

/** One sign-in session. */
export interface SessionStatus {
  kind: SessionKind
  /** The sso-session name, the legacy start URL, or the login-session ARN; absent for cache files no config names. */
  name?: string | undefined
  startUrl?: string | undefined
  region?: string | undefined
  /** Profiles that use the session. */
  profiles: string[]
  state: StatusState
  tokenExpiresAt?: string | undefined
  refreshable?: boolean | undefined
  minutesLeft?: number | undefined
  signInCommand?: string | undefined
  /** The session appears in a cache but in no configuration. */
  cacheOnly?: boolean | undefined
}

/** Lists every session in the configuration and the caches. */
export async function listSessionStatuses(env: Env, config: SharedConfig): Promise<SessionStatus[]> {
  const rows: SessionStatus[] = []
  const seenTokenFiles = new Set<string>()
  const usedBy = (predicate: (name: string) => boolean) => Object.keys(config.profiles).filter(predicate).sort()
  for (const name of Object.keys(config.ssoSessions).sort()) {
    const section = config.ssoSessions[name]!
    const startUrl = text(section.sso_start_url)
    seenTokenFiles.add(ssoTokenCachePath(env, name))
    const token = await readTokenSnapshot(env, { sessionName: name, startUrl: startUrl ?? '' })
    rows.push(
      tokenRow(env, 'sso-session', token, {
        name,
        startUrl,
        region: text(section.sso_region),
        profiles: usedBy((p) => text(config.profiles[p]!.sso_session) === name),
        signInCommand: `idc sso login --sso-session ${name}`,
      }),
    )
  }
  const legacy = new Map<string, string[]>()
  for (const [profile, section] of Object.entries(config.profiles)) {
    const startUrl = text(section.sso_start_url)
    if (startUrl === undefined || text(section.sso_session) !== undefined) continue
    legacy.set(startUrl, [...(legacy.get(startUrl) ?? []), profile])
  }
  for (const [startUrl, profiles] of [...legacy].sort(([a], [b]) => a.localeCompare(b))) {
    seenTokenFiles.add(ssoTokenCachePath(env, startUrl))
    const token = await readTokenSnapshot(env, { startUrl })
    const first = profiles.sort()[0]!
    rows.push(
      tokenRow(env, 'legacy-sso', token, {
        name: startUrl,
        startUrl,
        region: token.region,
        profiles,
        signInCommand: `idc sso login --profile ${first}`,
      }),
    )
  }
  rows.push(...(await unnamedSsoTokens(env, seenTokenFiles)))
  rows.push(...(await loginSessions(env, config)))
  return rows
}

function tokenRow(
  env: Env,
  kind: SessionKind,
  token: TokenSnapshot,
  fields: Pick<SessionStatus, 'name' | 'startUrl' | 'region' | 'profiles' | 'signInCommand' | 'cacheOnly'>,
): SessionStatus {
  const ready = token.valid || token.refreshable
  return {
    kind,
    ...fields,
    state: ready ? 'ready' : 'sign-in-needed',
    tokenExpiresAt: token.expiresAt?.toISOString(),
    refreshable: kind === 'legacy-sso' ? undefined : token.refreshable,
    minutesLeft: token.valid ? minutesUntil(env, token.expiresAt) : undefined,
  }
}

/** SSO tokens in the cache whose session no configuration names (from another config or a deleted section). */
async function unnamedSsoTokens(env: Env, seen: ReadonlySet<string>): Promise<SessionStatus[]> {
  const dir = getSsoCacheDir(env)
  const rows: SessionStatus[] = []
  for (const entry of await listJsonFiles(env, dir)) {
    const path = join(dir, entry)
    if (seen.has(path)) continue
    const file = await readCacheObject(env, path)
    // Client registrations share the directory; only token files have an access token.
    if (typeof file?.accessToken !== 'string') continue
    const token = interpretToken(file, env.now(), { sessionToken: typeof file.refreshToken === 'string' })
    rows.push(
      tokenRow(env, 'sso-session', token, {
        startUrl: token.startUrl,
        region: token.region,
        profiles: [],
        cacheOnly: true,
      }),
    )
  }
  return rows
}

async function loginSessions(env: Env, config: SharedConfig): Promise<SessionStatus[]> {
  const byArn = new Map<string, string[]>()
  for (const [profile, section] of Object.entries(config.profiles)) {
    const arn = text(section.login_session)
    if (arn !== undefined) byArn.set(arn, [...(byArn.get(arn) ?? []), profile].sort())
  }
  const { getLoginCacheDir, loginCachePath } = await import('../login/cache.js')
  const rows: SessionStatus[] = []
  const seen = new Set<string>()
  for (const [arn, profiles] of [...byArn].sort(([a], [b]) => a.localeCompare(b))) {
    const path = loginCachePath(env, arn)
    seen.add(path)
    rows.push(loginRow(env, await readCacheObject(env, path), { name: arn, profiles }))
  }
  const dir = getLoginCacheDir(env)
  for (const entry of await listJsonFiles(env, dir)) {
    const path = join(dir, entry)
    if (seen.has(path)) continue
    const file = await readCacheObject(env, path)
    if (typeof file?.accessToken !== 'object') continue
    rows.push(loginRow(env, file, { profiles: [], cacheOnly: true }))
  }
  return rows
}

function loginRow(
  env: Env,
  file: Record<string, unknown> | undefined,
  fields: { name?: string; profiles: string[]; cacheOnly?: boolean },
): SessionStatus {
  const snapshot = interpretLoginCache(file, env.now())
  const ready = snapshot.valid || snapshot.refreshable
  const profile = fields.profiles[0]
  return {
    kind: 'login-session',
    ...fields,
    state: ready ? 'ready' : 'sign-in-needed',
    tokenExpiresAt: snapshot.expiresAt?.toISOString(),
    refreshable: snapshot.refreshable,
    minutesLeft: snapshot.valid ? minutesUntil(env, snapshot.expiresAt) : undefined,
    signInCommand: profile === undefined ? undefined : `idc login --profile ${profile}`,
  }
}

async function listJsonFiles(env: Env, dir: string): Promise<string[]> {
  try {
    return (await env.fs.readdir(dir)).filter((name) => name.endsWith('.json')).sort()
  } catch {
    return []
  }
}

function minutesUntil(env: Env, date: Date | undefined): number | undefined {
  return date === undefined ? undefined : Math.max(0, Math.floor((date.getTime() - env.now()) / 60_000))
}
