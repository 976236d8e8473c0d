/**
 * The administrator's console, mounted at `/admin`: the IAM Identity Center console's pages for a
 * person — dashboard, users, groups, permission sets, AWS accounts and their assignments,
 * settings. Built with the shared page pattern (`createPageApp`: security headers, layout,
 * language, browser session and CSRF check on every POST), plus its own administrator sign-in.
 *
 * Pages change data only through the store operations the admin APIs (identitystore, sso-admin)
 * use, so what a page creates `aws identitystore list-users` lists, and the reverse.
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono'
import type { Child } from 'hono/jsx'
import type { ServerDeps } from '../deps.js'
import { signInAttempt } from '../pages/sign-in-throttle.js'
import { ErrorBox, Notice } from '../pages/layout.js'
import { createOutboxPages } from './outbox.js'
import { createPageApp, renderPage, type PageContext, type PageEnv, type PageStatus } from '../pages/page-context.js'
import { consoleMessagesFor, type ConsoleMessages } from './console-i18n.js'
import { endConsoleSession, findConsoleAdmin, startConsoleSession } from './console-session.js'
import { createAccountPages } from './accounts.js'
import { createDashboard } from './dashboard.js'
import { createGroupPages } from './groups.js'
import { createPermissionSetPages } from './permission-sets.js'
import { createSettingsPages } from './settings.js'
import { createUserPages } from './users.js'

declare module 'hono' {
  interface ContextVariableMap {
    /** The signed-in console administrator (console pages only). */
    consoleAdmin: string
  }
}

/** What every console form needs. */
export interface ConsoleProps {
  t: ConsoleMessages
  lang: 'en' | 'ja'
  csrf: string
}

/** The console text, language and CSRF token of a request. */
export function consoleProps(c: PageContext): ConsoleProps {
  return { t: consoleMessagesFor(c.get('lang')), lang: c.get('lang'), csrf: c.get('web').csrfToken }
}

const NAV: {
  href: string
  key: 'dashboard' | 'users' | 'groups' | 'permissionSets' | 'accounts' | 'settings' | 'outbox'
}[] = [
  { href: '/admin', key: 'dashboard' },
  { href: '/admin/users', key: 'users' },
  { href: '/admin/groups', key: 'groups' },
  { href: '/admin/accounts', key: 'accounts' },
  { href: '/admin/permission-sets', key: 'permissionSets' },
  { href: '/admin/settings', key: 'settings' },
  { href: '/admin/outbox', key: 'outbox' },
]

/** The console's navigation bar with the administrator and the sign-out form. */
function ConsoleNav(props: ConsoleProps & { admin: string; current: string }) {
  const { t } = props
  return (
    <nav class="console" aria-label={t.consoleName}>
      {NAV.map((n) => (
        <a href={n.href} aria-current={n.href === props.current ? 'page' : undefined}>
          {t[n.key]}
        </a>
      ))}
      <form method="post" action="/admin/signout" class="signout">
        <span class="muted">{t.signedInAs(props.admin)}</span>
        <input type="hidden" name="csrf" value={props.csrf} />
        <button type="submit" class="secondary">
          {t.signOut}
        </button>
      </form>
    </nav>
  )
}

const CONSOLE_CSS = `
nav.console{display:flex;flex-wrap:wrap;align-items:center;gap:.2rem 1rem;border-bottom:1px solid #d5dbdb;padding-bottom:.6rem;margin-bottom:1rem}
nav.console a{color:#0073bb;text-decoration:none}nav.console a[aria-current=page]{font-weight:700;color:#16191f}
nav.console form.signout{margin-left:auto;display:flex;align-items:center;gap:.5rem}nav.console form.signout button{margin:0}
table{border-collapse:collapse;width:100%;margin:.8rem 0}th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #eaeded;vertical-align:top}
th{background:#fafafa;font-size:.9rem}td form{display:inline;margin:0}td button{margin:0;padding:.2rem .7rem;font-size:.9rem}
fieldset{border:1px solid #d5dbdb;border-radius:4px;margin:1rem 0;padding:.6rem 1rem}legend{font-weight:600}
label.choice{font-weight:400;margin-top:.4rem}input[type=email],select,textarea{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;margin-top:.3rem}
textarea{font-family:ui-monospace,monospace;min-height:8rem}.actions{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
.actions form{margin:0}.hint{color:#545b64;font-size:.85rem;font-weight:400}.tree ul{list-style:none;padding-left:1.2rem}
.tree li{margin:.3rem 0}.badge{display:inline-block;background:#eaeded;border-radius:3px;padding:0 .4rem;font-size:.85rem}
.badge.ok{background:#e6f4e6;color:#1d8102}.secret{font-family:ui-monospace,monospace;font-size:1.2rem;padding:.5rem;border:1px dashed #545b64}
`

/** Renders a console page: navigation, notice and error above `body`, in the wide layout. */
export function renderConsole(
  c: PageContext,
  title: string,
  body: Child,
  options: { status?: PageStatus; notice?: string | undefined; error?: string | undefined } = {},
): Response | Promise<Response> {
  const p = consoleProps(c)
  const current =
    '/admin' +
    (c.req.path
      .replace(/^\/admin/, '')
      .split('/')
      .slice(0, 2)
      .join('/') || '')
  return renderPage(
    c,
    title,
    <>
      <style>{CONSOLE_CSS}</style>
      <ConsoleNav {...p} admin={c.get('consoleAdmin')} current={current.replace(/\/$/, '') || '/admin'} />
      <Notice text={options.notice} />
      <ErrorBox message={options.error} />
      {body}
    </>,
    options.status ?? 200,
    true,
  )
}

/** A hidden CSRF field. */
export function Csrf({ csrf }: { csrf: string }) {
  return <input type="hidden" name="csrf" value={csrf} />
}

/** A one-button form posting to `action` (delete, disable, generate…) with the page's CSRF token. */
export function PostButton(props: { action: string; csrf: string; children: unknown }) {
  return (
    <form method="post" action={props.action}>
      <Csrf csrf={props.csrf} />
      <button type="submit" class="secondary">
        {props.children}
      </button>
    </form>
  )
}

function SignInForm(props: ConsoleProps & { error?: string | undefined; username?: string }) {
  const { t } = props
  return (
    <form method="post" action="/admin/signin">
      <ErrorBox message={props.error} />
      <Csrf csrf={props.csrf} />
      <label for="username">{t.username}</label>
      <input type="text" id="username" name="username" autocomplete="username" required value={props.username ?? ''} />
      <label for="password">{t.password}</label>
      <input type="password" id="password" name="password" autocomplete="current-password" required />
      <button type="submit">{t.signIn}</button>
    </form>
  )
}

/** Only signed-in console administrators get past this (the sign-in page excepted). */
function requireAdmin(deps: ServerDeps): MiddlewareHandler<PageEnv> {
  return async function requireAdmin(c, next) {
    if (c.req.path === '/admin/signin') return next()
    const admin = findConsoleAdmin(deps, c)
    if (!admin || !deps.store.getConsoleAdmin(admin)) {
      if (c.req.method !== 'GET') return c.text('Forbidden', 403)
      return c.redirect('/admin/signin', 302)
    }
    c.set('consoleAdmin', admin)
    await next()
  }
}

/** The console sub-app, mounted at `/admin`. */
export function createConsole(deps: ServerDeps) {
  const app = createPageApp(deps)
  app.use('*', requireAdmin(deps))

  app.get('/signin', (c) => {
    if (findConsoleAdmin(deps, c)) return c.redirect('/admin', 302)
    const p = consoleProps(c)
    return renderPage(c, p.t.signInTitle, <SignInForm {...p} />)
  })

  app.post('/signin', (c) => {
    const p = consoleProps(c)
    const f = c.get('form')
    const username = (f.username ?? '').trim()
    const attempt = signInAttempt(deps, c, `console:account:${username.toLowerCase()}`)
    const again = (error: string, status: PageStatus) =>
      renderPage(c, p.t.signInTitle, <SignInForm {...p} error={error} username={username} />, status)
    if (attempt.waitMs > 0) return again(c.get('t').throttled(Math.ceil(attempt.waitMs / 1000)), 429)
    const admin = username ? deps.store.getConsoleAdmin(username) : undefined
    if (!deps.passwords.verify(f.password ?? '', admin?.passwordHash ?? null) || !admin) {
      attempt.failed()
      return again(p.t.badCredentials, 401)
    }
    attempt.succeeded()
    startConsoleSession(deps, c, admin.userName)
    return c.redirect('/admin', 302)
  })

  app.post('/signout', (c) => {
    endConsoleSession(deps, c)
    return c.redirect('/admin/signin', 302)
  })

  app.route('/', createDashboard(deps))
  app.route('/users', createUserPages(deps))
  app.route('/groups', createGroupPages(deps))
  app.route('/permission-sets', createPermissionSetPages(deps))
  app.route('/accounts', createAccountPages(deps))
  app.route('/settings', createSettingsPages(deps))
  app.route('/outbox', createOutboxPages(deps))
  return app
}
