/**
 * The device-code flow's pages, mounted at `/device`: enter or compare the user code, then (signed
 * in) allow or deny the client at `/device/consent`.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import { isThrottled, recordFailure, USER_CODE_POLICY } from '../domain/throttle.js'
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

  function livePending(userCode: string): DeviceAuthorization | undefined {
    const auth = userCode ? deps.store.findDeviceAuthorizationByUserCode(userCode) : undefined
    return auth && auth.status === 'pending' && auth.expiresAt > deps.clock() ? auth : undefined
  }

  app.get('/', (c) => {
    const t = c.get('t')
    const userCode = userCodeOf(c.req.query('user_code'))
    if (!userCode) return renderPage(c, t.deviceTitle, <UserCodeEntry {...props(c)} />)
    return renderPage(c, t.deviceTitle, <UserCodeConfirm {...props(c)} userCode={userCode} />)
  })

  app.post('/', (c) => {
    const t = c.get('t')
    const key = `usercode:${requestSource(c)}`
    const now = deps.clock()
    if (isThrottled(deps.store, key, now)) return showThrottled(c, t.deviceTitle, 60_000)
    const userCode = userCodeOf(c.get('form').user_code)
    if (!livePending(userCode)) {
      recordFailure(deps.store, key, now, USER_CODE_POLICY)
      return renderPage(c, t.deviceTitle, <UserCodeEntry {...props(c)} error={t.badUserCode} />, 400)
    }
    return c.redirect(`/device/consent?user_code=${encodeURIComponent(userCode)}`, 302)
  })

  app.get('/consent', (c) => {
    const t = c.get('t')
    if (!c.get('user')) return redirectToSignIn(c)
    const auth = livePending(userCodeOf(c.req.query('user_code')))
    if (!auth) return showMessage(c, t.deviceTitle, t.badUserCode, 400)
    const client = deps.store.getClient(auth.clientId)
    return renderPage(
      c,
      t.consentTitle,
      <ConsentForm
        {...props(c)}
        action="/device/consent"
        clientName={client?.clientName ?? auth.clientId}
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
    const auth = livePending(userCodeOf(f.user_code))
    const allow = f.decision === 'allow'
    if (!auth || !deps.store.decideDeviceAuthorization(auth.userCode, allow ? 'approved' : 'denied', user.id)) {
      return showMessage(c, t.deviceTitle, t.badUserCode, 400)
    }
    return allow ? showMessage(c, t.approvedTitle, t.approvedBody) : showMessage(c, t.deniedTitle, t.deniedBody)
  })

  return app
}
