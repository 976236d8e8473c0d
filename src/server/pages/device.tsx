/**
 * The device-code flow's pages, mounted at `/device`: enter or compare the user code, then (signed
 * in) allow or deny the client at `/device/consent`.
 *
 * Every check of a user code (POST `/device`, GET and POST `/device/consent`) goes through
 * `checkUserCode`, one throttle with capped back-off keyed by the signed-in user, or by the source
 * address before sign-in. On loopback every local process shares one address, so a blocked source
 * only means "sign in first": the code is then checked under the user's own key, which nobody else
 * can exhaust.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import { blockedForMs, recordFailure, USER_CODE_POLICY } from '../domain/throttle.js'
import { requestSource } from '../http-errors.js'
import type { DeviceAuthorization } from '../store/store.js'
import { ConsentForm } from './consent-form.js'
import { ErrorBox, type PageProps } from './layout.js'
import {
  createPageApp,
  redirectToSignIn,
  renderPage,
  showMessage,
  showThrottled,
  type PageContext,
} from './page-context.js'

/** Asks for a user code (when `/device` is opened without one). */
export function UserCodeEntry(props: PageProps & { error?: string | undefined }) {
  const { t } = props
  return (
    <form method="get" action="/device">
      <ErrorBox message={props.error} />
      <p>{t.deviceEnter}</p>
      <label for="user_code">{t.deviceCodeLabel}</label>
      <input type="text" id="user_code" name="user_code" autocomplete="off" required autofocus />
      <button type="submit">{t.next}</button>
    </form>
  )
}

/** Shows the user code to compare with the terminal. */
export function UserCodeConfirm(props: PageProps & { userCode: string }) {
  const { t } = props
  return (
    <form method="post" action="/device">
      <p>{t.deviceCompare}</p>
      <div class="code" data-testid="user-code">
        {props.userCode}
      </div>
      <input type="hidden" name="csrf" value={props.csrf} />
      <input type="hidden" name="user_code" value={props.userCode} />
      <button type="submit">{t.confirmAndContinue}</button>
    </form>
  )
}

/** A user code as typed (any case, with or without the dash) in its `ABCD-EFGH` form. */
function userCodeOf(value: unknown): string {
  const raw = typeof value === 'string' ? value.toUpperCase().replace(/[^A-Z0-9]/g, '') : ''
  return raw.length === 8 ? `${raw.slice(0, 4)}-${raw.slice(4)}` : raw
}

function props(c: PageContext): PageProps {
  return { t: c.get('t'), lang: c.get('lang'), csrf: c.get('web').csrfToken }
}

/** The device pages. */
export function createDevicePages(deps: ServerDeps) {
  const app = createPageApp(deps)

  /** The pending authorization a user code names, unless the caller must wait first. */
  function checkUserCode(c: PageContext, value: unknown): { auth: DeviceAuthorization } | { blockedMs: number } {
    const user = c.get('user')
    const key = user ? `usercode:user:${user.id}` : `usercode:source:${requestSource(c)}`
    const now = deps.clock()
    const blockedMs = blockedForMs(deps.store, [key], now)
    if (blockedMs > 0) return { blockedMs }
    const userCode = userCodeOf(value)
    const auth = userCode ? deps.store.findDeviceAuthorizationByUserCode(userCode) : undefined
    if (auth && auth.status === 'pending' && auth.expiresAt > now) return { auth }
    recordFailure(deps.store, key, now, USER_CODE_POLICY)
    return { blockedMs: 0 }
  }

  function codeRefused(c: PageContext, blockedMs: number) {
    const t = c.get('t')
    return blockedMs > 0
      ? showThrottled(c, t.deviceTitle, blockedMs)
      : showMessage(c, t.deviceTitle, t.badUserCode, 400)
  }

  app.get('/', (c) => {
    const t = c.get('t')
    const userCode = userCodeOf(c.req.query('user_code'))
    if (!userCode) return renderPage(c, t.deviceTitle, <UserCodeEntry {...props(c)} />)
    return renderPage(c, t.deviceTitle, <UserCodeConfirm {...props(c)} userCode={userCode} />)
  })

  app.post('/', (c) => {
    const t = c.get('t')
    const userCode = userCodeOf(c.get('form').user_code)
    const consent = `/device/consent?user_code=${encodeURIComponent(userCode)}`
    const check = checkUserCode(c, userCode)
    if ('auth' in check) return c.redirect(consent, 302)
    if (check.blockedMs === 0)
      return renderPage(c, t.deviceTitle, <UserCodeEntry {...props(c)} error={t.badUserCode} />, 400)
    // Blocked before sign-in: sign in, and the consent page checks the code under the user's key.
    return c.get('user') ? showThrottled(c, t.deviceTitle, check.blockedMs) : c.redirect(consent, 302)
  })

  app.get('/consent', (c) => {
    const t = c.get('t')
    if (!c.get('user')) return redirectToSignIn(c)
    const check = checkUserCode(c, c.req.query('user_code'))
    if (!('auth' in check)) return codeRefused(c, check.blockedMs)
    const { auth } = check
    const clientName = deps.store.getClient(auth.clientId)?.clientName ?? auth.clientId
    return renderPage(
      c,
      t.consentTitle(clientName),
      <ConsentForm
        {...props(c)}
        action="/device/consent"
        clientName={clientName}
        scopes={auth.scopes}
        hidden={{ user_code: auth.userCode }}
      />,
    )
  })

  app.post('/consent', (c) => {
    const t = c.get('t')
    const user = c.get('user')
    const f = c.get('form')
    if (!user) return c.redirect('/signin', 302)
    const check = checkUserCode(c, f.user_code)
    if (!('auth' in check)) return codeRefused(c, check.blockedMs)
    const allow = f.decision === 'allow'
    if (!deps.store.decideDeviceAuthorization(check.auth.userCode, allow ? 'approved' : 'denied', user.id))
      return codeRefused(c, 0)
    return allow ? showMessage(c, t.approvedTitle, t.approvedBody) : showMessage(c, t.deniedTitle, t.deniedBody)
  })

  return app
}
