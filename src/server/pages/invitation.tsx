/**
 * The invitation flow, mounted at `/invitation`: a new user follows the link an administrator
 * got, chooses a password under the stated policy, then enrols a TOTP device; the link works once.
 * The same link for an active user is a password reset: the password step only.
 *
 * @module
 */
import QRCode from 'qrcode'
import { raw } from 'hono/html'
import type { ServerDeps } from '../deps.js'
import { createTotpSecret, hashSecret, totpUri, verifyTotp } from '../domain/secrets.js'
import type { User } from '../store/store.js'
import { meetsPasswordPolicy, type Messages } from './i18n.js'
import { ErrorBox, MfaCodeField, type PageProps } from './layout.js'
import { createPageApp, renderPage, showMessage, type PageContext } from './page-context.js'

/**
 * Choosing a password under the stated policy: invitation step 1, and the new password after a
 * sign-in with a one-time password. Posts `new_password` and `confirm_password` with `hidden`.
 */
export function SetPasswordForm(
  props: PageProps & {
    action: string
    intro: string
    hidden: Record<string, string>
    submit?: string | undefined
    error?: string | undefined
  },
) {
  const { t } = props
  return (
    <form method="post" action={props.action}>
      <p>{props.intro}</p>
      <ErrorBox message={props.error} />
      <p class="notice" data-testid="password-policy">
        {t.passwordPolicy}
      </p>
      <input type="hidden" name="csrf" value={props.csrf} />
      {Object.entries(props.hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <label for="new_password">{t.newPassword}</label>
      <input type="password" id="new_password" name="new_password" autocomplete="new-password" required autofocus />
      <label for="confirm_password">{t.confirmPassword}</label>
      <input type="password" id="confirm_password" name="confirm_password" autocomplete="new-password" required />
      <button type="submit">{props.submit ?? t.setPassword}</button>
    </form>
  )
}

/** Why a chosen password is refused (the policy, then the confirmation), or undefined. */
export function passwordProblem(t: Messages, password: string, confirmation: string | undefined): string | undefined {
  if (!meetsPasswordPolicy(password)) return t.passwordWeak
  if (password !== confirmation) return t.passwordMismatch
  return undefined
}

/** Invitation step 2: enrol a TOTP device. */
export function EnrolMfaForm(
  props: PageProps & { token: string; secret: string; qrSvg: string; error?: string | undefined },
) {
  const { t } = props
  return (
    <form method="post" action="/invitation/mfa">
      <ErrorBox message={props.error} />
      <p>{t.mfaScan}</p>
      <div class="qr">{raw(props.qrSvg)}</div>
      <dl class="kv">
        <dt>{t.secretKey}</dt>
        <dd data-testid="totp-secret">{props.secret}</dd>
      </dl>
      <input type="hidden" name="csrf" value={props.csrf} />
      <input type="hidden" name="token" value={props.token} />
      <MfaCodeField t={t} />
      <button type="submit">{t.registerMfa}</button>
    </form>
  )
}

function props(c: PageContext): PageProps {
  return { t: c.get('t'), lang: c.get('lang'), csrf: c.get('web').csrfToken }
}

/** The invitation pages. */
export function createInvitationPages(deps: ServerDeps) {
  const app = createPageApp(deps)

  function liveInvitation(token: unknown): { hash: string; user: User } | undefined {
    if (typeof token !== 'string' || token === '') return undefined
    const hash = hashSecret(token)
    const inv = deps.store.findInvitation(hash)
    if (!inv || inv.usedAt !== null || inv.expiresAt <= deps.clock()) return undefined
    const user = deps.store.getUser(inv.userId)
    return user ? { hash, user } : undefined
  }

  function passwordForm(c: PageContext, token: string, user: User, error?: string) {
    const intro = c.get('t').inviteWelcome(user.userName)
    return <SetPasswordForm {...props(c)} action="/invitation" intro={intro} hidden={{ token }} error={error} />
  }

  function invalid(c: PageContext) {
    const t = c.get('t')
    return showMessage(c, t.inviteTitle, t.inviteInvalid, 404)
  }

  async function enrolPage(c: PageContext, token: string, user: User, error?: string) {
    let secret = user.totpSecret
    if (!secret) {
      secret = createTotpSecret(deps.ids)
      deps.store.setUserTotp(user.id, secret)
    }
    const t = c.get('t')
    const qrSvg = await QRCode.toString(totpUri(secret, user.userName, t.totpIssuer), { type: 'svg', margin: 1 })
    const form = <EnrolMfaForm {...props(c)} token={token} secret={secret} qrSvg={qrSvg} error={error} />
    return renderPage(c, t.mfaTitle, form, error ? 400 : 200)
  }

  // Links of the form /invitation/<token> (as some callers print them) lead to the same page.
  app.get('/:token{[A-Za-z0-9_-]{20,}}', (c) =>
    c.redirect(`/invitation?token=${encodeURIComponent(c.req.param('token'))}`, 302),
  )

  app.get('/', (c) => {
    const token = c.req.query('token') ?? ''
    const inv = liveInvitation(token)
    if (!inv) return invalid(c)
    return renderPage(c, c.get('t').inviteTitle, passwordForm(c, token, inv.user))
  })

  app.post('/', (c) => {
    const t = c.get('t')
    const f = c.get('form')
    const token = f.token ?? ''
    const inv = liveInvitation(token)
    if (!inv) return invalid(c)
    const password = f.new_password ?? ''
    const error = passwordProblem(t, password, f.confirm_password)
    if (error) return renderPage(c, t.inviteTitle, passwordForm(c, token, inv.user, error), 400)
    deps.store.setUserPassword(inv.user.id, deps.passwords.hash(password))
    // A password reset (the link of an active user) ends here: the MFA device stays as it was.
    if (inv.user.status === 'active') {
      deps.store.completeInvitation(inv.hash, deps.clock())
      return c.redirect('/signin?invited=1', 302)
    }
    return c.redirect(`/invitation/mfa?token=${encodeURIComponent(token)}`, 302)
  })

  app.get('/mfa', (c) => {
    const token = c.req.query('token') ?? ''
    const inv = liveInvitation(token)
    if (!inv) return invalid(c)
    if (!inv.user.passwordHash) return c.redirect(`/invitation?token=${encodeURIComponent(token)}`, 302)
    return enrolPage(c, token, inv.user)
  })

  app.post('/mfa', (c) => {
    const f = c.get('form')
    const token = f.token ?? ''
    const inv = liveInvitation(token)
    if (!inv || !inv.user.passwordHash) return invalid(c)
    const now = deps.clock()
    const step = inv.user.totpSecret ? verifyTotp(inv.user.totpSecret, (f.mfa_code ?? '').trim(), now) : undefined
    if (step === undefined || !deps.store.consumeUserTotpStep(inv.user.id, step))
      return enrolPage(c, token, inv.user, c.get('t').badMfa)
    if (!deps.store.completeInvitation(inv.hash, now)) return invalid(c)
    return c.redirect('/signin?invited=1', 302)
  })

  return app
}
