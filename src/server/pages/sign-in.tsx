/**
 * Sign-in (`/signin`, with the MFA step at `/signin/mfa`, the new password after a one-time
 * password at `/signin/password`, MFA enrolment at `/signin/enrol`) and sign-out (`/signout`). Wrong
 * passwords and MFA codes slow down both the account and the source address with capped
 * exponential back-off (`domain/throttle.ts`); a successful sign-in clears the account's count
 * (not the source's) and gives the browser a fresh session id.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import { sameOriginPath } from '../domain/redirect-uri.js'
import { readMfaSettings } from '../domain/mfa-settings.js'
import { verifyTotp } from '../domain/secrets.js'
import { confirmEnrolment, enrolmentFor, MfaEnrolForm } from './mfa-enrol.js'
import { passwordProblem, SetPasswordForm } from './invitation.js'
import { ErrorBox, MfaCodeField, Notice, type PageProps } from './layout.js'
import { createPageApp, renderPage, type PageContext, type PageStatus } from './page-context.js'
import type { User } from '../store/store.js'
import { endWebSession, rotateWebSession } from './web-session.js'
import { signInAttempt } from './sign-in-throttle.js'

/** Username and password. */
export function SignInForm(
  props: PageProps & { next: string; error?: string | undefined; notice?: string | undefined; username?: string },
) {
  const { t } = props
  return (
    <form method="post" action="/signin">
      <Notice text={props.notice} />
      <ErrorBox message={props.error} />
      <input type="hidden" name="csrf" value={props.csrf} />
      <input type="hidden" name="next" value={props.next} />
      <label for="username">{t.username}</label>
      <input
        type="text"
        id="username"
        name="username"
        autocomplete="username"
        required
        autofocus
        value={props.username ?? ''}
      />
      <label for="password">{t.password}</label>
      <input type="password" id="password" name="password" autocomplete="current-password" required />
      <button type="submit">{t.signIn}</button>
    </form>
  )
}

/** The MFA step, posting to `action` with the `hidden` fields (also used by AWS Sign-In's pages). */
export function MfaForm(
  props: PageProps & { action: string; hidden: Record<string, string>; error?: string | undefined },
) {
  const { t } = props
  return (
    <form method="post" action={props.action}>
      <ErrorBox message={props.error} />
      <p>{t.mfaHint}</p>
      <input type="hidden" name="csrf" value={props.csrf} />
      {Object.entries(props.hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <MfaCodeField t={t} autofocus />
      <button type="submit">{t.signIn}</button>
    </form>
  )
}

function props(c: PageContext): PageProps {
  return { t: c.get('t'), lang: c.get('lang'), csrf: c.get('web').csrfToken }
}

/** The account throttle key of a user name (the password and the MFA step share it). */
function accountKey(userName: string): string {
  return `signin:account:${userName.toLowerCase()}`
}

function mfaPath(next: string): string {
  return `/signin/mfa?next=${encodeURIComponent(next)}`
}

/** The sign-in pages, mounted at `/signin`. */
export function createSignInPages(deps: ServerDeps) {
  const app = createPageApp(deps)

  function signInForm(c: PageContext, next: string, error: string, status: PageStatus, username: string) {
    const form = <SignInForm {...props(c)} next={next} error={error} username={username} />
    return renderPage(c, c.get('t').signInTitle, form, status)
  }

  app.get('/', (c) => {
    const t = c.get('t')
    const next = sameOriginPath(c.req.query('next'))
    if (c.get('user')) return c.redirect(next, 302)
    // A browser half-way through signing in goes on with its step.
    const pending = pendingUser(c)
    if (pending?.passwordChangeRequired) return c.redirect(`/signin/password?next=${encodeURIComponent(next)}`, 302)
    if (pending?.totpSecret) return c.redirect(mfaPath(next), 302)
    if (pending && readMfaSettings(deps.store).required)
      return c.redirect(`/signin/enrol?next=${encodeURIComponent(next)}`, 302)
    const notice = c.req.query('invited') === '1' ? t.inviteDone : undefined
    return renderPage(c, t.signInTitle, <SignInForm {...props(c)} next={next} notice={notice} />)
  })

  app.post('/', (c) => {
    const f = c.get('form')
    const t = c.get('t')
    const next = sameOriginPath(f.next)
    const username = (f.username ?? '').trim()
    const attempt = signInAttempt(deps, c, accountKey(username))
    if (attempt.waitMs > 0) return signInForm(c, next, t.throttled(Math.ceil(attempt.waitMs / 1000)), 429, username)
    const user = username ? deps.store.findUserByName(username) : undefined
    const ok = deps.passwords.verify(f.password ?? '', user?.passwordHash ?? null) && user?.status === 'active'
    if (!ok || !user) {
      attempt.failed()
      return signInForm(c, next, t.badCredentials, 401, username)
    }
    // As AWS: a one-time password an administrator generated is replaced before anything else.
    if (user.passwordChangeRequired) {
      attempt.succeeded()
      rotateWebSession(deps, c, c.get('web'), { userId: null, pendingUserId: user.id })
      return c.redirect(`/signin/password?next=${encodeURIComponent(next)}`, 302)
    }
    if (!user.totpSecret) attempt.succeeded()
    return afterPassword(c, user, next)
  })

  /** The steps after a right password: the MFA code, enrolment when MFA is required, or signed in. */
  function afterPassword(c: PageContext, user: User, next: string) {
    if (user.totpSecret) {
      rotateWebSession(deps, c, c.get('web'), { userId: null, pendingUserId: user.id })
      return c.redirect(mfaPath(next), 302)
    }
    // MFA "every time they sign in": a user without a device registers one before going on.
    if (readMfaSettings(deps.store).required) {
      rotateWebSession(deps, c, c.get('web'), { userId: null, pendingUserId: user.id })
      return c.redirect(`/signin/enrol?next=${encodeURIComponent(next)}`, 302)
    }
    rotateWebSession(deps, c, c.get('web'), { userId: user.id, pendingUserId: null })
    return c.redirect(next, 302)
  }

  /** The user whose password was right in this browser, unless a one-time password must go first. */
  function pendingUser(c: PageContext): User | undefined {
    const pending = c.get('web').pendingUserId
    const user = pending ? deps.store.getUser(pending) : undefined
    return user?.status === 'active' ? user : undefined
  }

  function newPasswordPage(c: PageContext, next: string, error?: string) {
    const t = c.get('t')
    const form = (
      <SetPasswordForm
        {...props(c)}
        action="/signin/password"
        intro={t.changePasswordBody}
        hidden={{ next }}
        error={error}
      />
    )
    return renderPage(c, t.changePasswordTitle, form, error ? 400 : 200)
  }

  app.get('/password', (c) => {
    const next = sameOriginPath(c.req.query('next'))
    if (!pendingUser(c)?.passwordChangeRequired) return c.redirect(`/signin?next=${encodeURIComponent(next)}`, 302)
    return newPasswordPage(c, next)
  })

  app.post('/password', (c) => {
    const f = c.get('form')
    const next = sameOriginPath(f.next)
    const user = pendingUser(c)
    if (!user?.passwordChangeRequired) return c.redirect(`/signin?next=${encodeURIComponent(next)}`, 302)
    const password = f.new_password ?? ''
    const t = c.get('t')
    const error =
      passwordProblem(t, password, f.confirm_password) ??
      (deps.passwords.verify(password, user.passwordHash) ? t.passwordReused : undefined)
    if (error) return newPasswordPage(c, next, error)
    deps.store.setUserPassword(user.id, deps.passwords.hash(password))
    return afterPassword(c, { ...user, passwordChangeRequired: false }, next)
  })

  app.get('/mfa', (c) => {
    const next = sameOriginPath(c.req.query('next'))
    const user = pendingUser(c)
    if (!user?.totpSecret || user.passwordChangeRequired)
      return c.redirect(`/signin?next=${encodeURIComponent(next)}`, 302)
    return renderPage(c, c.get('t').signInTitle, <MfaForm {...props(c)} action="/signin/mfa" hidden={{ next }} />)
  })

  app.post('/mfa', (c) => {
    const f = c.get('form')
    const t = c.get('t')
    const web = c.get('web')
    const next = sameOriginPath(f.next)
    const user = web.pendingUserId ? deps.store.getUser(web.pendingUserId) : undefined
    if (!user?.totpSecret || user.passwordChangeRequired)
      return c.redirect(`/signin?next=${encodeURIComponent(next)}`, 302)
    const attempt = signInAttempt(deps, c, accountKey(user.userName))
    const again = (error: string, status: PageStatus) =>
      renderPage(
        c,
        t.signInTitle,
        <MfaForm {...props(c)} action="/signin/mfa" hidden={{ next }} error={error} />,
        status,
      )
    if (attempt.waitMs > 0) return again(t.throttled(Math.ceil(attempt.waitMs / 1000)), 429)
    const step = verifyTotp(user.totpSecret, (f.mfa_code ?? '').trim(), deps.clock())
    if (step === undefined || !deps.store.consumeUserTotpStep(user.id, step)) {
      attempt.failed()
      return again(t.badMfa, 401)
    }
    attempt.succeeded()
    rotateWebSession(deps, c, web, { userId: user.id, pendingUserId: null })
    return c.redirect(next, 302)
  })

  async function enrolPage(c: PageContext, user: User, next: string, posted?: string, error?: string) {
    const t = c.get('t')
    const e = await enrolmentFor(deps, user, t.totpIssuer, posted)
    const form = <MfaEnrolForm {...props(c)} action="/signin/enrol" {...e} hidden={{ next }} error={error} />
    return renderPage(c, t.mfaTitle, form, error ? 400 : 200)
  }

  app.get('/enrol', (c) => {
    const next = sameOriginPath(c.req.query('next'))
    const user = pendingUser(c)
    if (!user || user.totpSecret || user.passwordChangeRequired)
      return c.redirect(`/signin?next=${encodeURIComponent(next)}`, 302)
    return enrolPage(c, user, next)
  })

  app.post('/enrol', (c) => {
    const f = c.get('form')
    const web = c.get('web')
    const next = sameOriginPath(f.next)
    const user = pendingUser(c)
    if (!user || user.totpSecret || user.passwordChangeRequired)
      return c.redirect(`/signin?next=${encodeURIComponent(next)}`, 302)
    if (!confirmEnrolment(deps, user, f.secret ?? '', f.mfa_code ?? ''))
      return enrolPage(c, user, next, f.secret, c.get('t').badMfa)
    rotateWebSession(deps, c, web, { userId: user.id, pendingUserId: null })
    return c.redirect(next, 302)
  })

  return app
}

/** Sign-out, mounted at `/signout` (the layout's header posts to it). */
export function createSignOutPage(deps: ServerDeps) {
  const app = createPageApp(deps)
  app.post('/', (c) => {
    endWebSession(deps, c, c.get('web'))
    return c.redirect('/signin', 302)
  })
  return app
}
