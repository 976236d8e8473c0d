/**
 * What every page flow shares: {@link createPageApp} makes a Hono sub-app whose requests carry the
 * page context (language and text, browser session, signed-in user, posted form), Hono's
 * `secureHeaders()` and a `jsxRenderer` layout, so a flow only declares routes and calls
 * `c.render(body, { title })`. Mount each flow under its own path prefix with `app.route(prefix,
 * flow)`: the middleware then applies to that prefix only (mounted at `/`, it would run for every
 * request the server gets, the AWS APIs included).
 *
 * Every POST is checked against the session's CSRF token here, before any handler runs.
 *
 * @module
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import type { Child } from 'hono/jsx'
import { jsxRenderer } from 'hono/jsx-renderer'
import { secureHeaders } from 'hono/secure-headers'
import { getCookie, setCookie } from 'hono/cookie'
import type { ServerDeps } from '../deps.js'
import { sameOriginPath } from '../domain/redirect-uri.js'
import type { User, WebSession } from '../store/store.js'
import { messagesFor, pickLanguage, type Lang, type Messages } from './i18n.js'
import { ErrorBox, Layout, PAGE_SCRIPT_HASH } from './layout.js'
import { findWebSession, loadWebSession, validCsrf } from './web-session.js'

declare module 'hono' {
  interface ContextRenderer {
    (content: Child, props: { title: string; wide?: boolean }): Response | Promise<Response>
  }
}

/** The per-request values a page handler reads with `c.get(...)`. */
export interface PageVariables {
  lang: Lang
  t: Messages
  /** The browser session (created on a GET when the browser has none). */
  web: WebSession
  /** The signed-in, active user of the session. */
  user: User | undefined
  /** A POST's form fields (strings only); empty on other methods. */
  form: Record<string, string>
}

/** The Hono environment of the page sub-apps. */
export type PageEnv = { Variables: PageVariables }

/** A page handler's context. */
export type PageContext = Context<PageEnv>

/** The HTTP statuses pages answer with. */
export type PageStatus = 200 | 400 | 401 | 403 | 404 | 429

/**
 * Security headers of every page: no sniffing, no referrer (URLs carry user codes and
 * invitation tokens), no framing, no script at all. No `form-action`: Chromium applies it to the
 * redirect after a form post, and the consent form's redirect goes to the CLI's loopback callback.
 * No HSTS: the server speaks plain HTTP on loopback.
 */
const PAGE_HEADERS = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    // The one script (local times, copy buttons), allowed by its hash: no other script runs.
    scriptSrc: [PAGE_SCRIPT_HASH],
    styleSrc: ["'unsafe-inline'"],
    imgSrc: ['data:'],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  referrerPolicy: 'no-referrer',
  xFrameOptions: 'DENY',
  strictTransportSecurity: false,
})

/** The layout around every `c.render()`: text, language and header come from the page context. */
const PAGE_RENDERER = jsxRenderer(({ children, title, wide }, c: Context) => {
  const vars = c.var as Partial<PageVariables>
  const lang = vars.lang ?? 'en'
  return (
    <Layout
      t={vars.t ?? messagesFor(lang)}
      lang={lang}
      title={title}
      user={vars.user?.userName}
      csrf={vars.web?.csrfToken}
      here={pathWithoutLang(c.req.url)}
      wide={wide ?? false}
    >
      {children}
    </Layout>
  )
})

/** The cookie that remembers the language a person picked with the header's switch. */
export const LANG_COOKIE = 'idc_lang'

/** The request's path and query without `lang`, for the language switch's links. */
function pathWithoutLang(url: string): string {
  const u = new URL(url)
  u.searchParams.delete('lang')
  return u.pathname + u.search
}

function isLang(value: string | undefined): value is Lang {
  return value === 'en' || value === 'ja'
}

/**
 * Sets the language and the text of the request: `?lang=` (the header's switch, then remembered
 * in a cookie for a year), else the cookie, else `Accept-Language`.
 */
const languageContext: MiddlewareHandler<PageEnv> = async function languageContext(c, next) {
  const chosen = c.req.query('lang')
  if (isLang(chosen)) setCookie(c, LANG_COOKIE, chosen, { path: '/', sameSite: 'Lax', maxAge: 365 * 24 * 3600 })
  const remembered = getCookie(c, LANG_COOKIE)
  const lang = isLang(chosen) ? chosen : isLang(remembered) ? remembered : pickLanguage(c.req.header('accept-language'))
  c.set('lang', lang)
  c.set('t', messagesFor(lang))
  c.header('Cache-Control', 'no-store')
  await next()
}

/** Makes `web` (and its signed-in user) the request's session. */
export function useWebSession(deps: ServerDeps, c: PageContext, web: WebSession): void {
  const user = web.userId ? deps.store.getUser(web.userId) : undefined
  c.set('web', web)
  c.set('user', user?.status === 'active' ? user : undefined)
}

function sessionContext(deps: ServerDeps): MiddlewareHandler<PageEnv> {
  return async function sessionContext(c, next) {
    if (c.req.method !== 'POST') {
      useWebSession(deps, c, loadWebSession(deps, c))
      c.set('form', {})
      return next()
    }
    const form: Record<string, string> = {}
    for (const [k, v] of Object.entries(await c.req.parseBody())) if (typeof v === 'string') form[k] = v
    const web = findWebSession(deps, c)
    if (!validCsrf(web, form.csrf)) {
      useWebSession(deps, c, loadWebSession(deps, c))
      const t = c.get('t')
      return showMessage(c, t.errorTitle, t.csrf, 403)
    }
    useWebSession(deps, c, web)
    c.set('form', form)
    await next()
  }
}

/** A page flow's sub-app: security headers, layout, language, session and CSRF check on every route. */
export function createPageApp(deps: ServerDeps): Hono<PageEnv> {
  const app = new Hono<PageEnv>()
  app.use('*', PAGE_HEADERS, PAGE_RENDERER, languageContext, sessionContext(deps))
  return app
}

/**
 * The styled "page not found" for any path nothing else answered, in the request's language.
 * Mounted last: it reads the session without creating one.
 */
export function createNotFoundPage(deps: ServerDeps): Hono<PageEnv> {
  const app = new Hono<PageEnv>()
  app.use('*', PAGE_HEADERS, PAGE_RENDERER, languageContext)
  app.all('*', (c) => {
    const web = findWebSession(deps, c)
    if (web) useWebSession(deps, c, web)
    const t = c.get('t')
    return renderPage(
      c,
      t.notFoundTitle,
      <>
        <ErrorBox message={t.notFoundBody} />
        <p>
          <a href="/start">{t.portalTitle}</a>
        </p>
      </>,
      404,
    )
  })
  return app
}

/** Renders `body` in the layout with `status` (`wide` for tables: the console). */
export function renderPage(
  c: PageContext,
  title: string,
  body: Child,
  status: PageStatus = 200,
  wide = false,
): Response | Promise<Response> {
  c.status(status)
  return c.render(body, { title, wide })
}

/** A page with one sentence: an error box from 400 up, a paragraph otherwise. */
export function showMessage(
  c: PageContext,
  title: string,
  text: string,
  status: PageStatus = 200,
): Response | Promise<Response> {
  return renderPage(c, title, status >= 400 ? <ErrorBox message={text} /> : <p>{text}</p>, status)
}

/** The "too many attempts" page, saying when to try again. */
export function showThrottled(c: PageContext, title: string, retryAfterMs: number): Response | Promise<Response> {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
  c.header('Retry-After', String(seconds))
  return showMessage(c, title, c.get('t').throttled(seconds), 429)
}

/** Sends the browser to sign in, coming back to this very page afterwards. */
export function redirectToSignIn(c: PageContext): Response {
  const url = new URL(c.req.url)
  return c.redirect(signInPath(url.pathname + url.search), 302)
}

/** The sign-in page's path, with `next` reduced to a same-origin path. */
export function signInPath(next: unknown): string {
  return `/signin?next=${encodeURIComponent(sameOriginPath(next))}`
}
