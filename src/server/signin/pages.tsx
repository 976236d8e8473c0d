/**
 * The browser half of `aws login`: `GET /v1/authorize` checks the CLI's request and shows the
 * console sign-in (an IAM user: account ID or alias, user name and password; or the account's root
 * user: email and password; then the MFA code when the user has a device); on success the browser goes to the CLI's loopback callback (same-device) or to
 * `/v1/sessions/confirmation`, which shows the code to paste: `base64("state=…&code=…")`
 * (cross-device, `aws-login.md` §2.3–2.5). Failures are throttled per user and source, like the
 * Identity Center sign-in.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import { isLoopbackRedirectUri } from '../domain/redirect-uri.js'
import { hashSecret, verifyTotp } from '../domain/secrets.js'
import { randomToken } from '../ids.js'
import { ErrorBox, type PageProps } from '../pages/layout.js'
import { MfaForm } from '../pages/sign-in.js'
import { signInAttempt } from '../pages/sign-in-throttle.js'
import { createPageApp, renderPage, showMessage, type PageContext, type PageStatus } from '../pages/page-context.js'
import type { SigninRequest } from '../store/store.js'
import { SIGNIN_CLIENT_IDS, SIGNIN_CODE_SECONDS } from './grants.js'

/** A browser sign-in must finish within ten minutes (the CLI's own wait). */
const REQUEST_SECONDS = 600
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/

/** Who signs in: an IAM user (account, user name) or the account's root user (email), as in AWS. */
type SignInAs = 'iam' | 'root'

interface SignInFormProps extends PageProps {
  request: string
  as: SignInAs
  error?: string
  account?: string
  user?: string
  email?: string
}

function ConsoleSignInForm(props: SignInFormProps) {
  const { t } = props
  const choice = (as: SignInAs, label: string, hint: string) => (
    <li>
      <a
        href={`/v1/authorize/${as}?request=${encodeURIComponent(props.request)}`}
        id={`sign-in-as-${as}`}
        aria-current={props.as === as ? 'true' : undefined}
      >
        {props.as === as ? <strong>{label}</strong> : label}
      </a>{' '}
      <small>{hint}</small>
    </li>
  )
  return (
    <form method="post" action="/v1/authorize/signin">
      <p>{t.consoleIntro}</p>
      <ul class="sign-in-as">
        {choice('root', t.consoleRootUser, t.consoleRootUserHint)}
        {choice('iam', t.consoleIamUser, t.consoleIamUserHint)}
      </ul>
      <ErrorBox message={props.error} />
      <input type="hidden" name="csrf" value={props.csrf} />
      <input type="hidden" name="request" value={props.request} />
      <input type="hidden" name="as" value={props.as} />
      {props.as === 'root' ? (
        <>
          <label for="email">{t.consoleRootEmail}</label>
          <input
            type="email"
            id="email"
            name="email"
            autocomplete="username"
            required
            autofocus
            value={props.email ?? ''}
          />
        </>
      ) : (
        <>
          <label for="account">{t.consoleAccount}</label>
          <input type="text" id="account" name="account" required autofocus value={props.account ?? ''} />
          <label for="username">{t.consoleUserName}</label>
          <input type="text" id="username" name="username" autocomplete="username" required value={props.user ?? ''} />
        </>
      )}
      <label for="password">{t.password}</label>
      <input type="password" id="password" name="password" autocomplete="current-password" required />
      <button type="submit">{t.signIn}</button>
    </form>
  )
}

function pageProps(c: PageContext): PageProps {
  return { t: c.get('t'), lang: c.get('lang'), csrf: c.get('web').csrfToken }
}

/** The redirect URI a client may use: its loopback callback, or this server's confirmation page. */
function allowedRedirect(clientId: string, redirectUri: string, origin: string): boolean {
  if (clientId.endsWith('/same-device')) {
    return isLoopbackRedirectUri(redirectUri) && new URL(redirectUri).pathname === '/oauth/callback'
  }
  return redirectUri === `${origin}/v1/sessions/confirmation`
}

/** `/v1/authorize` with its sign-in and MFA steps. */
export function createConsoleSignInPages(deps: ServerDeps) {
  const app = createPageApp(deps)

  const bad = (c: PageContext) => showMessage(c, c.get('t').errorTitle, c.get('t').consoleBadRequest, 400)
  const signInForm = (
    c: PageContext,
    request: string,
    status: PageStatus,
    extra: Omit<SignInFormProps, keyof PageProps | 'request'>,
  ) =>
    renderPage(c, c.get('t').consoleTitle, <ConsoleSignInForm {...pageProps(c)} request={request} {...extra} />, status)
  const mfaForm = (c: PageContext, request: SigninRequest, status: PageStatus = 200, error?: string) =>
    renderPage(
      c,
      c.get('t').consoleTitle,
      <MfaForm {...pageProps(c)} action="/v1/authorize/mfa" hidden={{ request: request.id }} error={error} />,
      status,
    )
  const loadRequest = (c: PageContext): SigninRequest | undefined => {
    const id = c.get('form').request
    return id ? deps.store.getSigninRequest(id, deps.clock()) : undefined
  }

  app.get('/', (c) => {
    const q = c.req.query()
    const origin = new URL(c.req.url).origin
    const clientId = q.client_id ?? ''
    const redirectUri = q.redirect_uri ?? ''
    // Nothing is redirected anywhere before the client and its redirect URI check out.
    const valid =
      q.response_type === 'code' &&
      SIGNIN_CLIENT_IDS.includes(clientId) &&
      allowedRedirect(clientId, redirectUri, origin) &&
      // The CLI sends `SHA-256` (not RFC 7636's `S256`); both mean the same transform.
      (q.code_challenge_method === 'SHA-256' || q.code_challenge_method === 'S256') &&
      CHALLENGE.test(q.code_challenge ?? '') &&
      typeof q.state === 'string' &&
      q.state.length > 0 &&
      q.state.length <= 256 &&
      (q.scope ?? 'openid').split(' ').includes('openid')
    if (!valid) return bad(c)
    const now = deps.clock()
    const request: SigninRequest = {
      id: randomToken(deps.ids, 24),
      clientId,
      redirectUri,
      state: q.state as string,
      codeChallenge: q.code_challenge as string,
      pendingAccountId: null,
      pendingUserName: null,
      createdAt: now,
      expiresAt: now + REQUEST_SECONDS * 1000,
    }
    deps.store.createSigninRequest(request)
    return signInForm(c, request.id, 200, { as: 'iam' })
  })

  // Switching between the IAM-user and root-user forms keeps the sign-in request.
  for (const as of ['iam', 'root'] as const) {
    app.get(`/${as}`, (c) => {
      const id = c.req.query('request')
      const request = id ? deps.store.getSigninRequest(id, deps.clock()) : undefined
      return request ? signInForm(c, request.id, 200, { as }) : bad(c)
    })
  }

  app.post('/signin', (c) => {
    const request = loadRequest(c)
    if (!request) return bad(c)
    const f = c.get('form')
    const t = c.get('t')
    const asRoot = f.as === 'root'
    const accountInput = (f.account ?? '').trim()
    const userName = (f.username ?? '').trim()
    const email = (f.email ?? '').trim()
    const attempt = signInAttempt(
      deps,
      c,
      asRoot
        ? `console-root:${email.toLowerCase()}`
        : `console:${accountInput.toLowerCase()}:${userName.toLowerCase()}`,
    )
    const again = (error: string, status: PageStatus) =>
      signInForm(
        c,
        request.id,
        status,
        asRoot ? { as: 'root', error, email } : { as: 'iam', error, account: accountInput, user: userName },
      )
    if (attempt.waitMs > 0) return again(t.throttled(Math.ceil(attempt.waitMs / 1000)), 429)
    const principal = asRoot
      ? checkRootPassword(deps, email, f.password ?? '')
      : checkIamUserPassword(deps, accountInput, userName, f.password ?? '')
    if (!principal) {
      attempt.failed()
      return again(t.consoleBadCredentials, 401)
    }
    if (hasMfaDevice(deps, principal.accountId, principal.userName)) {
      deps.store.setSigninRequestPending(request.id, principal.accountId, principal.userName)
      return mfaForm(c, request)
    }
    attempt.succeeded()
    return finish(c, request, principal.accountId, principal.userName, false)
  })

  app.post('/mfa', (c) => {
    const request = loadRequest(c)
    const account = request?.pendingAccountId
    if (!request || !account) return bad(c)
    const t = c.get('t')
    const userName = request.pendingUserName
    const root = userName === null ? deps.store.getRootUser(account) : undefined
    const key =
      userName === null
        ? `console-root:${(root?.email ?? '').toLowerCase()}`
        : `console:${account}:${userName.toLowerCase()}`
    const attempt = signInAttempt(deps, c, key)
    const now = deps.clock()
    if (attempt.waitMs > 0) return mfaForm(c, request, 429, t.throttled(Math.ceil(attempt.waitMs / 1000)))
    const code = (c.get('form').mfa_code ?? '').trim()
    const verified =
      userName === null
        ? verifyRootMfa(deps, account, code, now)
        : deps.store.listMfaDevicesOfIamUser(account, userName).some((device) => {
            const step = verifyTotp(device.totpSecret, code, now)
            return step !== undefined && deps.store.consumeMfaStep(device.serialNumber, step)
          })
    if (!verified) {
      attempt.failed()
      return mfaForm(c, request, 401, t.badMfa)
    }
    attempt.succeeded()
    return finish(c, request, account, userName, true)
  })

  function finish(c: PageContext, request: SigninRequest, accountId: string, userName: string | null, mfa: boolean) {
    const now = deps.clock()
    const code = randomToken(deps.ids, 32)
    deps.store.createSigninCode({
      codeHash: hashSecret(code),
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      accountId,
      userName,
      mfaAuthenticated: mfa,
      used: false,
      createdAt: now,
      expiresAt: now + SIGNIN_CODE_SECONDS * 1000,
    })
    deps.store.deleteSigninRequest(request.id)
    const target = new URL(request.redirectUri)
    target.searchParams.set('code', code)
    target.searchParams.set('state', request.state)
    return c.redirect(target.toString(), 302)
  }

  return app
}

/** `/v1/sessions/confirmation`: the code to paste into the terminal (cross-device). */
export function createConfirmationPage(deps: ServerDeps) {
  const app = createPageApp(deps)
  app.get('/', (c) => {
    const t = c.get('t')
    const code = c.req.query('code')
    const state = c.req.query('state')
    if (!code || !state) return showMessage(c, t.errorTitle, t.consoleBadRequest, 400)
    // The CLI decodes standard base64 and parses the text as a query string.
    const text = new URLSearchParams({ state, code }).toString()
    const pasted = Buffer.from(text, 'utf8').toString('base64')
    return renderPage(
      c,
      t.consoleCodeTitle,
      <>
        <p>{t.consoleCodeBody}</p>
        <pre id="verification-code">{pasted}</pre>
      </>,
    )
  })
  return app
}

/** A principal whose password was right: an IAM user, or the account's root user (`userName` null). */
interface SignedInPrincipal {
  accountId: string
  userName: string | null
}

function checkIamUserPassword(
  deps: ServerDeps,
  accountInput: string,
  userName: string,
  password: string,
): SignedInPrincipal | undefined {
  const account = findAccount(deps, accountInput)
  const stored = account ? deps.store.getConsolePassword(account, userName) : undefined
  if (!account || !stored || !deps.passwords.verify(password, stored.passwordHash)) return undefined
  return { accountId: account, userName }
}

// The email alone names the account: a root user can only ever sign in to its own account.
function checkRootPassword(deps: ServerDeps, email: string, password: string): SignedInPrincipal | undefined {
  const root = email === '' ? undefined : deps.store.findRootUserByEmail(email)
  if (!root || !deps.passwords.verify(password, root.passwordHash)) return undefined
  return { accountId: root.accountId, userName: null }
}

function hasMfaDevice(deps: ServerDeps, accountId: string, userName: string | null): boolean {
  if (userName === null) return Boolean(deps.store.getRootUser(accountId)?.mfaDevice)
  return deps.store.listMfaDevicesOfIamUser(accountId, userName).length > 0
}

function verifyRootMfa(deps: ServerDeps, accountId: string, code: string, now: number): boolean {
  const device = deps.store.getRootUser(accountId)?.mfaDevice
  const step = device ? verifyTotp(device.totpSecret, code, now) : undefined
  return step !== undefined && deps.store.consumeRootMfaStep(accountId, step)
}

/** An account by 12-digit ID or by alias (the account's name, case-insensitive). */
function findAccount(deps: ServerDeps, input: string): string | undefined {
  if (/^\d{12}$/.test(input)) return deps.store.getAccount(input)?.id
  const lower = input.toLowerCase()
  return deps.store.listAccounts().find((a) => a.name.toLowerCase() === lower)?.id
}
