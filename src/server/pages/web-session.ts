/**
 * Browser sessions: an HttpOnly, SameSite=Lax cookie holding a random id (the store keeps only its
 * hash), a per-session CSRF token every form posts back, and a fresh id on every sign-in so a
 * session fixed before sign-in is worthless after it.
 *
 * @module
 */
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { ServerDeps } from '../deps.js'
import { randomToken } from '../ids.js'
import { hashSecret, safeEqual } from '../domain/secrets.js'
import type { WebSession } from '../store/store.js'

/** The cookie's name. */
export const SESSION_COOKIE = 'idc_session'
/** An unauthenticated browser session lasts one hour; a signed-in one the instance's session duration. */
const ANONYMOUS_MS = 3600_000

function writeCookie(c: Context, id: string, expiresAt: number, now: number): void {
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: Math.max(1, Math.floor((expiresAt - now) / 1000)),
  })
}

/** The browser's session, if its cookie names a live one. */
export function findWebSession(deps: ServerDeps, c: Context): WebSession | undefined {
  const id = getCookie(c, SESSION_COOKIE)
  if (!id) return undefined
  const web = deps.store.getWebSession(hashSecret(id))
  return web && web.expiresAt > deps.clock() ? web : undefined
}

/** The browser's session, created (with its cookie) when there is none. */
export function loadWebSession(deps: ServerDeps, c: Context): WebSession {
  return findWebSession(deps, c) ?? newWebSession(deps, c, null, null)
}

function newWebSession(deps: ServerDeps, c: Context, userId: string | null, pendingUserId: string | null): WebSession {
  const now = deps.clock()
  const id = randomToken(deps.ids, 32)
  const lifetime = userId ? (deps.store.getInstance()?.sessionDurationSeconds ?? 8 * 3600) * 1000 : ANONYMOUS_MS
  const web: WebSession = {
    idHash: hashSecret(id),
    csrfToken: randomToken(deps.ids, 24),
    userId,
    pendingUserId,
    createdAt: now,
    expiresAt: now + lifetime,
  }
  deps.store.createWebSession(web)
  writeCookie(c, id, web.expiresAt, now)
  return web
}

/** Replaces the session with a new one (new id, new CSRF token) for `userId` or a pending MFA user. */
export function rotateWebSession(
  deps: ServerDeps,
  c: Context,
  old: WebSession | undefined,
  who: { userId: string | null; pendingUserId: string | null },
): WebSession {
  if (old) deps.store.deleteWebSession(old.idHash)
  return newWebSession(deps, c, who.userId, who.pendingUserId)
}

/** Ends the session. */
export function endWebSession(deps: ServerDeps, c: Context, web: WebSession): void {
  deps.store.deleteWebSession(web.idHash)
  setCookie(c, SESSION_COOKIE, '', { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 0 })
}

/** True when the posted CSRF token is the session's. */
export function validCsrf(web: WebSession | undefined, posted: unknown): web is WebSession {
  return !!web && typeof posted === 'string' && safeEqual(posted, web.csrfToken)
}
