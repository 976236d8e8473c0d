/**
 * The pages people see: sign-in (with the MFA step), the device-flow verification and consent,
 * `/authorize` for the PKCE flow (at the root, as the CLI builds it from the endpoint's origin),
 * the access portal with its "Access keys" panels, and the invitation flow. Server-rendered, in
 * English or Japanese by `Accept-Language`, and usable without JavaScript.
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { Child } from 'hono/jsx'
import QRCode from 'qrcode'
import type { ServerDeps } from '../deps.js'
import { randomToken } from '../ids.js'
import { hashPassword, hashSecret, totpUri, verifyPassword, verifyTotp } from '../domain/secrets.js'
import { clearFailures, isThrottled, recordFailure, SIGN_IN_POLICY, USER_CODE_POLICY } from '../domain/throttle.js'
import { findUserRole, issueRoleCredentials } from '../domain/role-credentials.js'
import { isLoopbackRedirectUri, matchesRegisteredRedirectUri } from '../domain/redirect-uri.js'
import { createTotpSecret } from '../domain/secrets.js'
import { adoptClient } from '../domain/clients.js'
import type { DeviceAuthorization, OidcClient, User, WebSession } from '../store/store.js'
import { meetsPasswordPolicy, messagesFor, pickLanguage, type Lang, type Messages } from './i18n.js'
import { endWebSession, findWebSession, loadWebSession, rotateWebSession, validCsrf } from './web-session.js'
import {
  AccessKeys,
  Consent,
  EnrolMfaForm,
  ErrorBox,
  Layout,
  MfaForm,
  Portal,
  SetPasswordForm,
  SignInForm,
  UserCodeConfirm,
  UserCodeEntry,
} from './views.js'

/** Authorization codes live five minutes. */
const CODE_MS = 5 * 60_000

type Status = 200 | 400 | 401 | 403 | 404 | 429

interface Page {
  t: Messages
  lang: Lang
  web: WebSession
  user: User | undefined
}

function safeNext(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')
    ? value
    : '/start'
}

function userCodeOf(value: unknown): string {
  const raw = typeof value === 'string' ? value.toUpperCase().replace(/[^A-Z0-9]/g, '') : ''
  return raw.length === 8 ? `${raw.slice(0, 4)}-${raw.slice(4)}` : raw
}

function clientAddress(c: Context): string {
  return ((c.env as any)?.incoming?.socket?.remoteAddress as string | undefined) ?? 'local'
}

/** The pages sub-app. */
export function createPages(deps: ServerDeps): Hono {
  const app = new Hono()

  function page(c: Context, web?: WebSession): Page {
    const lang = pickLanguage(c.req.header('accept-language'))
    const session = web ?? loadWebSession(deps, c)
    const user = session.userId ? deps.store.getUser(session.userId) : undefined
    return { t: messagesFor(lang), lang, web: session, user: user?.status === 'active' ? user : undefined }
  }

  function render(c: Context, p: Page, title: string, body: Child, status: Status = 200): Response {
    c.header('Cache-Control', 'no-store')
    c.header('X-Frame-Options', 'DENY')
    c.header('Referrer-Policy', 'no-referrer')
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'",
    )
    const node = (
      <Layout t={p.t} lang={p.lang} csrf={p.web.csrfToken} title={title} user={p.user?.userName}>
        {body}
      </Layout>
    )
    return c.html(`<!DOCTYPE html>${String(node)}`, status)
  }

  function message(c: Context, p: Page, title: string, text: string, status: Status = 200): Response {
    return render(c, p, title, status >= 400 ? <ErrorBox message={text} /> : <p>{text}</p>, status)
  }

  function toSignIn(c: Context): Response {
    const url = new URL(c.req.url)
    return c.redirect(`/signin?next=${encodeURIComponent(url.pathname + url.search)}`, 302)
  }

  async function form(c: Context): Promise<Record<string, string>> {
    const body = await c.req.parseBody()
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v
    return out
  }

  /** For POST handlers: the session, when the CSRF token matches. */
  function postedPage(c: Context, f: Record<string, string>): Page | undefined {
    const web = findWebSession(deps, c)
    return validCsrf(web, f.csrf) ? page(c, web) : undefined
  }

  function csrfFailure(c: Context): Response {
    const p = page(c)
    return message(c, p, p.t.errorTitle, p.t.csrf, 403)
  }

  // ---- sign-in ------------------------------------------------------------------------------

  app.get('/signin', (c) => {
    const p = page(c)
    const next = safeNext(c.req.query('next'))
    if (p.user) return c.redirect(next, 302)
    if (p.web.pendingUserId) return c.redirect(`/signin/mfa?next=${encodeURIComponent(next)}`, 302)
    const notice = c.req.query('invited') === '1' ? p.t.inviteDone : undefined
    return render(
      c,
      p,
      p.t.signInTitle,
      <SignInForm t={p.t} lang={p.lang} csrf={p.web.csrfToken} next={next} notice={notice} />,
    )
  })

  app.post('/signin', async (c) => {
    const f = await form(c)
    const p = postedPage(c, f)
    if (!p) return csrfFailure(c)
    const next = safeNext(f.next)
    const username = (f.username ?? '').trim()
    const key = `signin:${username.toLowerCase()}`
    const now = deps.clock()
    const again = (error: string, status: Status) =>
      render(
        c,
        p,
        p.t.signInTitle,
        <SignInForm t={p.t} lang={p.lang} csrf={p.web.csrfToken} next={next} error={error} username={username} />,
        status,
      )
    if (isThrottled(deps.store, key, now)) return again(p.t.throttled, 429)
    const user = username ? deps.store.findUserByName(username) : undefined
    const ok = verifyPassword(f.password ?? '', user?.passwordHash ?? null) && user?.status === 'active'
    if (!ok || !user) {
      recordFailure(deps.store, key, now, SIGN_IN_POLICY)
      return again(p.t.badCredentials, 401)
    }
    if (user.totpSecret) {
      rotateWebSession(deps, c, p.web, { userId: null, pendingUserId: user.id })
      return c.redirect(`/signin/mfa?next=${encodeURIComponent(next)}`, 302)
    }
    clearFailures(deps.store, key)
    rotateWebSession(deps, c, p.web, { userId: user.id, pendingUserId: null })
    return c.redirect(next, 302)
  })

  app.get('/signin/mfa', (c) => {
    const p = page(c)
    const next = safeNext(c.req.query('next'))
    if (!p.web.pendingUserId) return c.redirect(`/signin?next=${encodeURIComponent(next)}`, 302)
    return render(c, p, p.t.signInTitle, <MfaForm t={p.t} lang={p.lang} csrf={p.web.csrfToken} next={next} />)
  })

  app.post('/signin/mfa', async (c) => {
    const f = await form(c)
    const p = postedPage(c, f)
    if (!p) return csrfFailure(c)
    const next = safeNext(f.next)
    const user = p.web.pendingUserId ? deps.store.getUser(p.web.pendingUserId) : undefined
    if (!user?.totpSecret) return c.redirect(`/signin?next=${encodeURIComponent(next)}`, 302)
    const key = `signin:${user.userName.toLowerCase()}`
    const now = deps.clock()
    const again = (error: string, status: Status) =>
      render(
        c,
        p,
        p.t.signInTitle,
        <MfaForm t={p.t} lang={p.lang} csrf={p.web.csrfToken} next={next} error={error} />,
        status,
      )
    if (isThrottled(deps.store, key, now)) return again(p.t.throttled, 429)
    const step = verifyTotp(user.totpSecret, (f.mfa_code ?? '').trim(), now)
    if (step === undefined || !deps.store.consumeUserTotpStep(user.id, step)) {
      recordFailure(deps.store, key, now, SIGN_IN_POLICY)
      return again(p.t.badMfa, 401)
    }
    clearFailures(deps.store, key)
    rotateWebSession(deps, c, p.web, { userId: user.id, pendingUserId: null })
    return c.redirect(next, 302)
  })

  app.post('/signout', async (c) => {
    const f = await form(c)
    const p = postedPage(c, f)
    if (!p) return csrfFailure(c)
    endWebSession(deps, c, p.web)
    return c.redirect('/signin', 302)
  })

  // ---- device flow --------------------------------------------------------------------------

  function livePending(userCode: string): DeviceAuthorization | undefined {
    const auth = userCode ? deps.store.findDeviceAuthorizationByUserCode(userCode) : undefined
    return auth && auth.status === 'pending' && auth.expiresAt > deps.clock() ? auth : undefined
  }

  app.get('/device', (c) => {
    const p = page(c)
    const userCode = userCodeOf(c.req.query('user_code'))
    if (!userCode) return render(c, p, p.t.deviceTitle, <UserCodeEntry t={p.t} lang={p.lang} csrf={p.web.csrfToken} />)
    return render(
      c,
      p,
      p.t.deviceTitle,
      <UserCodeConfirm t={p.t} lang={p.lang} csrf={p.web.csrfToken} userCode={userCode} />,
    )
  })

  app.post('/device', async (c) => {
    const f = await form(c)
    const p = postedPage(c, f)
    if (!p) return csrfFailure(c)
    const key = `usercode:${clientAddress(c)}`
    const now = deps.clock()
    if (isThrottled(deps.store, key, now)) return message(c, p, p.t.deviceTitle, p.t.throttled, 429)
    const userCode = userCodeOf(f.user_code)
    if (!livePending(userCode)) {
      recordFailure(deps.store, key, now, USER_CODE_POLICY)
      return render(
        c,
        p,
        p.t.deviceTitle,
        <UserCodeEntry t={p.t} lang={p.lang} csrf={p.web.csrfToken} error={p.t.badUserCode} />,
        400,
      )
    }
    return c.redirect(`/device/consent?user_code=${encodeURIComponent(userCode)}`, 302)
  })

  app.get('/device/consent', (c) => {
    const p = page(c)
    if (!p.user) return toSignIn(c)
    const auth = livePending(userCodeOf(c.req.query('user_code')))
    if (!auth) return message(c, p, p.t.deviceTitle, p.t.badUserCode, 400)
    const client = deps.store.getClient(auth.clientId)
    return render(
      c,
      p,
      p.t.consentTitle,
      <Consent
        t={p.t}
        lang={p.lang}
        csrf={p.web.csrfToken}
        action="/device/consent"
        clientName={client?.clientName ?? auth.clientId}
        scopes={auth.scopes}
        hidden={{ user_code: auth.userCode }}
      />,
    )
  })

  app.post('/device/consent', async (c) => {
    const f = await form(c)
    const p = postedPage(c, f)
    if (!p) return csrfFailure(c)
    if (!p.user) return c.redirect('/signin', 302)
    const auth = livePending(userCodeOf(f.user_code))
    const allow = f.decision === 'allow'
    if (!auth || !deps.store.decideDeviceAuthorization(auth.userCode, allow ? 'approved' : 'denied', p.user.id)) {
      return message(c, p, p.t.deviceTitle, p.t.badUserCode, 400)
    }
    return allow ? message(c, p, p.t.approvedTitle, p.t.approvedBody) : message(c, p, p.t.deniedTitle, p.t.deniedBody)
  })

  // ---- authorization code (PKCE) flow -------------------------------------------------------

  type AuthorizeCheck =
    | { kind: 'page'; text: string }
    | { kind: 'redirect'; to: string }
    | {
        kind: 'ok'
        client: OidcClient
        redirectUri: string
        state: string | undefined
        challenge: string
        scopes: string[]
      }

  function redirectWith(uri: string, params: Record<string, string | undefined>): string {
    const u = new URL(uri)
    for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v)
    return u.toString()
  }

  function checkAuthorize(q: URLSearchParams): AuthorizeCheck {
    const clientId = q.get('client_id') ?? ''
    const redirectUri = q.get('redirect_uri') ?? ''
    let client = clientId ? deps.store.getClient(clientId) : undefined
    if (!client && clientId && deps.options.adoptUnknownClients) client = adoptClient(deps, clientId, undefined)
    if (!client || client.expiresAt * 1000 <= deps.clock())
      return { kind: 'page', text: 'Invalid client_id: the client is not registered.' }
    // Never redirect to an address that was not registered: show the error instead (RFC 6749 §4.1.2.1).
    if (!isLoopbackRedirectUri(redirectUri) || !matchesRegisteredRedirectUri(redirectUri, client.redirectUris)) {
      return {
        kind: 'page',
        text: 'Invalid redirect_uri: it must be a loopback http address registered by the client.',
      }
    }
    const state = q.get('state') ?? undefined
    if (q.get('response_type') !== 'code') {
      return {
        kind: 'redirect',
        to: redirectWith(redirectUri, {
          error: 'unsupported_response_type',
          error_description: 'response_type must be code',
          state,
        }),
      }
    }
    const challenge = q.get('code_challenge') ?? ''
    if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
      return {
        kind: 'redirect',
        to: redirectWith(redirectUri, {
          error: 'invalid_request',
          error_description: 'PKCE with code_challenge_method S256 is required',
          state,
        }),
      }
    }
    const scopes = (q.get('scopes') ?? q.get('scope') ?? '').split(/[\s,]+/).filter(Boolean)
    return { kind: 'ok', client, redirectUri, state, challenge, scopes: scopes.length ? scopes : client.scopes }
  }

  app.get('/authorize', (c) => {
    const p = page(c)
    const query = new URL(c.req.url).searchParams
    const check = checkAuthorize(query)
    if (check.kind === 'page') return message(c, p, p.t.errorTitle, check.text, 400)
    if (check.kind === 'redirect') return c.redirect(check.to, 302)
    if (!p.user) return toSignIn(c)
    return render(
      c,
      p,
      p.t.consentTitle,
      <Consent
        t={p.t}
        lang={p.lang}
        csrf={p.web.csrfToken}
        action="/authorize"
        clientName={check.client.clientName}
        scopes={check.scopes}
        hidden={{ request: query.toString() }}
      />,
    )
  })

  app.post('/authorize', async (c) => {
    const f = await form(c)
    const p = postedPage(c, f)
    if (!p) return csrfFailure(c)
    const query = new URLSearchParams(f.request ?? '')
    if (!p.user) return c.redirect(`/authorize?${query.toString()}`, 302)
    const check = checkAuthorize(query)
    if (check.kind === 'page') return message(c, p, p.t.errorTitle, check.text, 400)
    if (check.kind === 'redirect') return c.redirect(check.to, 302)
    if (f.decision !== 'allow') {
      return c.redirect(
        redirectWith(check.redirectUri, {
          error: 'access_denied',
          error_description: 'The user denied the request',
          state: check.state,
        }),
        302,
      )
    }
    const code = randomToken(deps.ids, 32)
    const now = deps.clock()
    deps.store.createAuthorizationCode({
      codeHash: hashSecret(code),
      clientId: check.client.clientId,
      userId: p.user.id,
      redirectUri: check.redirectUri,
      codeChallenge: check.challenge,
      scopes: check.scopes,
      used: false,
      createdAt: now,
      expiresAt: now + CODE_MS,
    })
    return c.redirect(redirectWith(check.redirectUri, { code, state: check.state }), 302)
  })

  // ---- access portal ------------------------------------------------------------------------

  app.get('/start', (c) => {
    const p = page(c)
    if (!p.user) return toSignIn(c)
    const userId = p.user.id
    const accounts = deps.store.listAccountsOfUser(userId).map((a) => ({
      id: a.id,
      name: a.name,
      email: a.email,
      roles: deps.store.listPermissionSetsOfUser(userId, a.id).map((ps) => ps.name),
    }))
    return render(c, p, p.t.portalTitle, <Portal t={p.t} lang={p.lang} csrf={p.web.csrfToken} accounts={accounts} />)
  })

  app.get('/start/access-keys', (c) => {
    const p = page(c)
    if (!p.user) return toSignIn(c)
    const accountId = c.req.query('account_id') ?? ''
    const roleName = c.req.query('role_name') ?? ''
    const account = deps.store.getAccount(accountId)
    const ps = findUserRole(deps, p.user.id, accountId, roleName)
    const instance = deps.store.getInstance()
    if (!account || !ps || !instance) return message(c, p, p.t.errorTitle, 'No access', 403)
    const creds = issueRoleCredentials(deps, p.user, accountId, ps)
    return render(
      c,
      p,
      p.t.accessKeysTitle(account.name, ps.name),
      <AccessKeys
        t={p.t}
        lang={p.lang}
        csrf={p.web.csrfToken}
        startUrl={instance.startUrl}
        region={instance.region}
        accountId={accountId}
        roleName={ps.name}
        creds={creds}
      />,
    )
  })

  // ---- invitations --------------------------------------------------------------------------

  function liveInvitation(token: unknown): { hash: string; user: User } | undefined {
    if (typeof token !== 'string' || token === '') return undefined
    const hash = hashSecret(token)
    const inv = deps.store.findInvitation(hash)
    if (!inv || inv.usedAt !== null || inv.expiresAt <= deps.clock()) return undefined
    const user = deps.store.getUser(inv.userId)
    return user ? { hash, user } : undefined
  }

  // Links of the form /invitation/<token> (as some callers print them) lead to the same page.
  app.get('/invitation/:token{[A-Za-z0-9_-]{20,}}', (c) =>
    c.redirect(`/invitation?token=${encodeURIComponent(c.req.param('token'))}`, 302),
  )

  app.get('/invitation', (c) => {
    const p = page(c)
    const token = c.req.query('token') ?? ''
    const inv = liveInvitation(token)
    if (!inv) return message(c, p, p.t.inviteTitle, p.t.inviteInvalid, 404)
    return render(
      c,
      p,
      p.t.inviteTitle,
      <SetPasswordForm t={p.t} lang={p.lang} csrf={p.web.csrfToken} token={token} userName={inv.user.userName} />,
    )
  })

  app.post('/invitation', async (c) => {
    const f = await form(c)
    const p = postedPage(c, f)
    if (!p) return csrfFailure(c)
    const token = f.token ?? ''
    const inv = liveInvitation(token)
    if (!inv) return message(c, p, p.t.inviteTitle, p.t.inviteInvalid, 404)
    const password = f.new_password ?? ''
    const error = !meetsPasswordPolicy(password)
      ? p.t.passwordWeak
      : password !== f.confirm_password
        ? p.t.passwordMismatch
        : undefined
    if (error) {
      return render(
        c,
        p,
        p.t.inviteTitle,
        <SetPasswordForm
          t={p.t}
          lang={p.lang}
          csrf={p.web.csrfToken}
          token={token}
          userName={inv.user.userName}
          error={error}
        />,
        400,
      )
    }
    deps.store.setUserPassword(inv.user.id, hashPassword(password, deps.ids))
    return c.redirect(`/invitation/mfa?token=${encodeURIComponent(token)}`, 302)
  })

  async function enrolPage(c: Context, p: Page, token: string, user: User, error?: string): Promise<Response> {
    let secret = user.totpSecret
    if (!secret) {
      secret = createTotpSecret(deps.ids)
      deps.store.setUserTotp(user.id, secret)
    }
    const qrSvg = await QRCode.toString(totpUri(secret, user.userName, 'IAM Identity Center (local)'), {
      type: 'svg',
      margin: 1,
    })
    return render(
      c,
      p,
      p.t.mfaTitle,
      <EnrolMfaForm
        t={p.t}
        lang={p.lang}
        csrf={p.web.csrfToken}
        token={token}
        secret={secret}
        qrSvg={qrSvg}
        error={error}
      />,
      error ? 400 : 200,
    )
  }

  app.get('/invitation/mfa', async (c) => {
    const p = page(c)
    const token = c.req.query('token') ?? ''
    const inv = liveInvitation(token)
    if (!inv) return message(c, p, p.t.inviteTitle, p.t.inviteInvalid, 404)
    if (!inv.user.passwordHash) return c.redirect(`/invitation?token=${encodeURIComponent(token)}`, 302)
    return enrolPage(c, p, token, inv.user)
  })

  app.post('/invitation/mfa', async (c) => {
    const f = await form(c)
    const p = postedPage(c, f)
    if (!p) return csrfFailure(c)
    const token = f.token ?? ''
    const inv = liveInvitation(token)
    if (!inv || !inv.user.passwordHash) return message(c, p, p.t.inviteTitle, p.t.inviteInvalid, 404)
    const now = deps.clock()
    const step = inv.user.totpSecret ? verifyTotp(inv.user.totpSecret, (f.mfa_code ?? '').trim(), now) : undefined
    if (step === undefined || !deps.store.consumeUserTotpStep(inv.user.id, step))
      return enrolPage(c, p, token, inv.user, p.t.badMfa)
    if (!deps.store.completeInvitation(inv.hash, now)) return message(c, p, p.t.inviteTitle, p.t.inviteInvalid, 404)
    return c.redirect('/signin?invited=1', 302)
  })

  return app
}
