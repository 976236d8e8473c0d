/**
 * The console sign-in surface of the local Identity Center: the federation endpoint
 * (`GET /federation?Action=getSigninToken` and `Action=login`, as AWS's custom identity broker
 * flow), a console landing page (`/console/home`) that shows who is signed in, in which account
 * and region, and `/console/sso`, the access portal's "Management console" link.
 *
 * It refuses what AWS refuses: credentials it did not issue, a wrong secret or session token,
 * expired credentials, long-term keys and GetSessionToken credentials, a `SessionDuration` outside
 * 900–43200 s (or over an hour for a chained role), a used or stale sign-in token, and a
 * destination on another site (no open redirect).
 *
 * @module
 */
import { timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { createCallerResolver } from '../aws/callers.js'
import type { ServerDeps } from '../deps.js'
import { findUserRole, issueRoleCredentials } from '../domain/role-credentials.js'
import {
  createPageApp,
  redirectToSignIn,
  renderPage,
  showMessage,
  type PageContext,
  type PageEnv,
} from '../pages/page-context.js'
import { createConsoleSessions, type ConsolePrincipal, type ConsoleSessions } from './console-sessions.js'

const COOKIE = 'idc_console'
const MIN_SECONDS = 900
const MAX_SECONDS = 43_200
const CHAINED_ROLE_MAX_SECONDS = 3600
const DEFAULT_SECONDS = 3600

/** The federation endpoint and the console pages, mounted at the root. */
export function createFederationApi(deps: ServerDeps): Hono {
  const sessions = createConsoleSessions(deps)
  const app = new Hono()
  app.route('/federation', createFederationEndpoint(deps, sessions))
  app.route('/console', createConsolePages(deps, sessions))
  return app
}

function createFederationEndpoint(deps: ServerDeps, sessions: ConsoleSessions): Hono {
  const callers = createCallerResolver(deps.store, { clock: deps.clock })
  const app = new Hono()
  app.get('/', (c) => {
    c.header('Cache-Control', 'no-store')
    const action = c.req.query('Action')
    if (action === 'getSigninToken') {
      const outcome = signinToken(deps, sessions, callers, c.req.query('Session'), c.req.query('SessionDuration'))
      deps.recordRequest('Federation.getSigninToken', 'error' in outcome ? 'denied' : 'ok')
      if ('error' in outcome) return c.text(outcome.error, 400)
      return c.json({ SigninToken: outcome.token })
    }
    if (action === 'login') {
      const pending = sessions.redeemToken(c.req.query('SigninToken') ?? '')
      const destination = sameOriginDestination(c.req.url, c.req.query('Destination'))
      deps.recordRequest('Federation.login', pending && destination ? 'ok' : 'denied')
      if (!pending) return c.text('The sign-in token is invalid, used or expired. Sign in again.', 400)
      if (!destination) return c.text('The destination must be a page of this server.', 400)
      startConsoleSession(c, sessions, pending.principal, pending.sessionExpiresAt)
      return c.redirect(destination, 302)
    }
    deps.recordRequest('Federation.unknown', 'denied')
    return c.text('Unsupported Action', 400)
  })
  return app
}

type TokenOutcome = { token: string } | { error: string }

function signinToken(
  deps: ServerDeps,
  sessions: ConsoleSessions,
  callers: ReturnType<typeof createCallerResolver>,
  sessionParam: string | undefined,
  durationParam: string | undefined,
): TokenOutcome {
  let session: { sessionId?: unknown; sessionKey?: unknown; sessionToken?: unknown }
  try {
    session = JSON.parse(sessionParam ?? '') as typeof session
  } catch {
    return { error: 'The Session parameter must be JSON with sessionId, sessionKey and sessionToken.' }
  }
  const { sessionId, sessionKey, sessionToken } = session ?? {}
  if (typeof sessionId !== 'string' || typeof sessionKey !== 'string' || typeof sessionToken !== 'string') {
    return { error: 'The Session parameter must be JSON with sessionId, sessionKey and sessionToken.' }
  }
  const issued = deps.store.findIssuedCredentials(sessionId)
  const now = deps.clock()
  if (
    !issued ||
    issued.sessionToken === null ||
    !sameText(issued.secretAccessKey, sessionKey) ||
    !sameText(issued.sessionToken, sessionToken)
  ) {
    return { error: 'The credentials are not valid temporary security credentials.' }
  }
  if (issued.expiresAt !== null && issued.expiresAt <= now)
    return { error: 'The security token included in the request is expired.' }
  if (issued.principal.type === 'iam_user_session') {
    return { error: 'Credentials from GetSessionToken cannot sign in to the console.' }
  }
  let seconds = DEFAULT_SECONDS
  if (durationParam !== undefined) {
    if (!/^\d+$/.test(durationParam) || Number(durationParam) < MIN_SECONDS || Number(durationParam) > MAX_SECONDS) {
      return { error: `SessionDuration must be between ${MIN_SECONDS} and ${MAX_SECONDS} seconds.` }
    }
    seconds = Number(durationParam)
    const chained =
      issued.principal.type === 'assumed_role' &&
      deps.store.findIssuedCredentials(issued.principal.sourceAccessKeyId)?.principal.type === 'assumed_role'
    if (chained && seconds > CHAINED_ROLE_MAX_SECONDS) {
      return { error: 'SessionDuration cannot exceed one hour for a role session made by role chaining.' }
    }
  }
  const caller = callers.lookup(sessionId)
  if (!caller) return { error: 'The credentials are not valid temporary security credentials.' }
  const principal: ConsolePrincipal = { accessKeyId: sessionId, arn: caller.arn, accountId: caller.accountId }
  const ends = Math.min(now + seconds * 1000, issued.expiresAt ?? Number.POSITIVE_INFINITY)
  return { token: sessions.issueToken(principal, ends) }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The destination as a path on this server, or undefined when it points elsewhere. */
function sameOriginDestination(requestUrl: string, destination: string | undefined): string | undefined {
  if (!destination) return undefined
  let url: URL
  try {
    url = new URL(destination, requestUrl)
  } catch {
    return undefined
  }
  if (url.origin !== new URL(requestUrl).origin) return undefined
  return `${url.pathname}${url.search}${url.hash}`
}

function startConsoleSession(
  c: Parameters<typeof setCookie>[0],
  sessions: ConsoleSessions,
  principal: ConsolePrincipal,
  expiresAt: number,
): void {
  const id = sessions.startSession(principal, expiresAt)
  setCookie(c, COOKIE, id, { path: '/console', httpOnly: true, sameSite: 'Lax' })
}

function createConsolePages(deps: ServerDeps, sessions: ConsoleSessions): Hono<PageEnv> {
  const app = createPageApp(deps)
  const landing = (c: PageContext) => {
    const session = sessions.findSession(getCookie(c, COOKIE))
    if (!session) {
      return showMessage(
        c,
        'AWS Management Console',
        'You are not signed in to the console. Run `idc console`, or use "Management console" in the access portal.',
        401,
      )
    }
    const { principal } = session
    const account = deps.store.getAccount(principal.accountId)
    const region = c.req.query('region') ?? deps.store.getInstance()?.region ?? 'us-east-1'
    return renderPage(
      c,
      'AWS Management Console',
      <section aria-label="Console session">
        <h2>Console Home</h2>
        <dl class="kv">
          <dt>Signed in as</dt>
          <dd data-testid="console-principal">{principal.arn}</dd>
          <dt>Account</dt>
          <dd data-testid="console-account">
            {principal.accountId}
            {account ? ` (${account.name})` : ''}
          </dd>
          <dt>Region</dt>
          <dd data-testid="console-region">{region}</dd>
          <dt>Session ends</dt>
          <dd data-testid="console-expires">{new Date(session.expiresAt).toISOString()}</dd>
        </dl>
        <form method="post" action="/console/signout">
          <input type="hidden" name="csrf" value={c.get('web').csrfToken} />
          <button type="submit">Sign out of the console</button>
        </form>
      </section>,
    )
  }
  app.get('/', landing)
  app.get('/home', landing)
  app.post('/signout', (c) => {
    sessions.endSession(getCookie(c, COOKIE))
    deleteCookie(c, COOKIE, { path: '/console' })
    return c.redirect('/console/home', 302)
  })
  // The access portal's "Management console" link: role credentials for the signed-in user, then
  // the same console session a federation sign-in makes.
  app.get('/sso', (c) => {
    const user = c.get('user')
    if (!user) return redirectToSignIn(c)
    const accountId = c.req.query('account_id') ?? ''
    const permissionSet = findUserRole(deps, user.id, accountId, c.req.query('role_name') ?? '')
    const t = c.get('t')
    if (!permissionSet) return showMessage(c, t.errorTitle, t.noAccess, 403)
    const credentials = issueRoleCredentials(deps, user, accountId, permissionSet)
    const caller = createCallerResolver(deps.store, { clock: deps.clock }).lookup(credentials.accessKeyId)
    if (!caller) return showMessage(c, t.errorTitle, t.noAccess, 403)
    const principal = { accessKeyId: credentials.accessKeyId, arn: caller.arn, accountId }
    startConsoleSession(c, sessions, principal, credentials.expiration)
    const region = deps.store.getInstance()?.region ?? 'us-east-1'
    return c.redirect(`/console/home?region=${encodeURIComponent(region)}`, 302)
  })
  return app
}
