/**
 * Console administrators' sessions: an HttpOnly, SameSite=Strict cookie scoped to `/admin`,
 * holding a random id whose hash the store keeps, separate from the access portal's session (an
 * administrator is not a directory user, as in AWS). Forms still post the browser session's CSRF
 * token, which `createPageApp` checks.
 *
 * @module
 */
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { ServerDeps } from '../deps.js'
import { hashSecret } from '../domain/secrets.js'
import { randomToken } from '../ids.js'

/** The console session cookie. */
export const CONSOLE_COOKIE = 'idc_console'
/** A console sign-in lasts eight hours. */
const CONSOLE_SESSION_MS = 8 * 3600_000

/** The signed-in administrator's user name, if the cookie names a live session. */
export function findConsoleAdmin(deps: ServerDeps, c: Context): string | undefined {
  const id = getCookie(c, CONSOLE_COOKIE)
  if (!id) return undefined
  const session = deps.store.getConsoleSession(hashSecret(id))
  return session && session.expiresAt > deps.clock() ? session.userName : undefined
}

/** Starts a console session for `userName` (a new id every time: no fixation). */
export function startConsoleSession(deps: ServerDeps, c: Context, userName: string): void {
  const old = getCookie(c, CONSOLE_COOKIE)
  if (old) deps.store.deleteConsoleSession(hashSecret(old))
  const id = randomToken(deps.ids, 32)
  const now = deps.clock()
  deps.store.createConsoleSession({
    idHash: hashSecret(id),
    userName,
    createdAt: now,
    expiresAt: now + CONSOLE_SESSION_MS,
  })
  setCookie(c, CONSOLE_COOKIE, id, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/admin',
    maxAge: CONSOLE_SESSION_MS / 1000,
  })
}

/** Ends the console session. */
export function endConsoleSession(deps: ServerDeps, c: Context): void {
  const id = getCookie(c, CONSOLE_COOKIE)
  if (id) deps.store.deleteConsoleSession(hashSecret(id))
  deleteCookie(c, CONSOLE_COOKIE, { path: '/admin' })
}
