/**
 * The page components: one layout and the forms and panels of each flow. Pure functions of their
 * props; text comes from {@link Messages}. No JavaScript anywhere: every step is a form or a link.
 *
 * @module
 */
import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { Lang, Messages } from './i18n.js'

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",sans-serif;margin:0;background:#f2f3f3;color:#16191f}
header{background:#232f3e;color:#fff;padding:.6rem 1.2rem;display:flex;justify-content:space-between;align-items:center}
header form{margin:0}header button{background:none;border:1px solid #fff;color:#fff;padding:.2rem .8rem;border-radius:2px;cursor:pointer}
main{max-width:46rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:4px;box-shadow:0 1px 3px rgba(0,0,0,.2)}
label{display:block;margin-top:1rem;font-weight:600}input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;margin-top:.3rem}
button{margin-top:1.2rem;padding:.5rem 1.2rem;font-size:1rem;border-radius:2px;border:1px solid #ec7211;background:#ec7211;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#16191f;border-color:#545b64;margin-left:.5rem}
.error{background:#fde9e7;border-left:4px solid #d13212;padding:.6rem 1rem;margin:1rem 0}
.notice{background:#e9f3fd;border-left:4px solid #0073bb;padding:.6rem 1rem;margin:1rem 0}
.code{font-size:2rem;letter-spacing:.2rem;font-family:ui-monospace,monospace;text-align:center;padding:1rem;border:1px dashed #545b64;margin:1rem 0}
pre{background:#f2f3f3;padding:.8rem;overflow-x:auto;font-size:.85rem;white-space:pre-wrap;word-break:break-all}
.account{border:1px solid #d5dbdb;border-radius:4px;padding:.5rem 1rem;margin:.8rem 0}.muted{color:#545b64;font-size:.9rem}
ul.roles{list-style:none;padding:0}ul.roles li{display:flex;justify-content:space-between;padding:.4rem 0;border-top:1px solid #eaeded}
dl.kv dt{font-weight:600;margin-top:.6rem}dl.kv dd{margin:0;font-family:ui-monospace,monospace}
.qr svg{width:200px;height:200px}
`

/** What every page knows. */
export interface PageProps {
  t: Messages
  lang: Lang
  csrf: string
}

/** The one layout. */
export function Layout(props: PageProps & { title: string; user?: string | undefined; children?: Child }) {
  const { t } = props
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} | ${t.appName}`}</title>
        <style>{raw(CSS)}</style>
      </head>
      <body>
        <header>
          <span>{t.appName}</span>
          {props.user ? (
            <form method="post" action="/signout">
              <span class="muted" style="color:#d5dbdb;margin-right:.8rem">
                {t.signedInAs(props.user)}
              </span>
              <input type="hidden" name="csrf" value={props.csrf} />
              <button type="submit">{t.signOut}</button>
            </form>
          ) : null}
        </header>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  )
}

/** A red message box. */
export function ErrorBox({ message }: { message: string | undefined }) {
  return message ? (
    <div class="error" role="alert">
      {message}
    </div>
  ) : null
}

/** Username and password. */
export function SignInForm(
  props: PageProps & { next: string; error?: string | undefined; notice?: string | undefined; username?: string },
) {
  const { t } = props
  return (
    <form method="post" action="/signin">
      {props.notice ? <div class="notice">{props.notice}</div> : null}
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

/** The MFA step. */
export function MfaForm(props: PageProps & { next: string; error?: string | undefined }) {
  const { t } = props
  return (
    <form method="post" action="/signin/mfa">
      <ErrorBox message={props.error} />
      <p>{t.mfaHint}</p>
      <input type="hidden" name="csrf" value={props.csrf} />
      <input type="hidden" name="next" value={props.next} />
      <label for="mfa_code">{t.mfaCode}</label>
      <input
        type="text"
        id="mfa_code"
        name="mfa_code"
        inputmode="numeric"
        pattern="[0-9]{6}"
        autocomplete="one-time-code"
        required
        autofocus
      />
      <button type="submit">{t.signIn}</button>
    </form>
  )
}

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

/** Allow or deny a client. */
export function Consent(
  props: PageProps & { action: string; clientName: string; scopes: string[]; hidden: Record<string, string> },
) {
  const { t } = props
  return (
    <form method="post" action={props.action}>
      <p>{t.consentBody(props.clientName)}</p>
      {props.scopes.length > 0 ? (
        <>
          <p class="muted">{t.consentScopes}</p>
          <ul>
            {props.scopes.map((s) => (
              <li>
                <code>{s}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <input type="hidden" name="csrf" value={props.csrf} />
      {Object.entries(props.hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" name="decision" value="allow">
        {t.allowAccess}
      </button>
      <button type="submit" name="decision" value="deny" class="secondary">
        {t.denyAccess}
      </button>
    </form>
  )
}

/** A portal account with its roles. */
export interface PortalAccount {
  id: string
  name: string
  email: string
  roles: string[]
}

/** The access portal's account list. */
export function Portal(props: PageProps & { accounts: PortalAccount[] }) {
  const { t } = props
  if (props.accounts.length === 0) return <p>{t.noAccounts}</p>
  return (
    <section>
      <h2>
        {t.accounts} ({props.accounts.length})
      </h2>
      {props.accounts.map((a) => (
        <div class="account" data-account-id={a.id}>
          <h3>{a.name}</h3>
          <p class="muted">
            {a.id} | {a.email}
          </p>
          <ul class="roles">
            {a.roles.map((r) => (
              <li data-role={r}>
                <span>{r}</span>
                <a
                  href={`/start/access-keys?account_id=${encodeURIComponent(a.id)}&role_name=${encodeURIComponent(r)}`}
                >
                  {t.accessKeys}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  )
}

/** The "Access keys" panel of one role. */
export function AccessKeys(
  props: PageProps & {
    startUrl: string
    region: string
    accountId: string
    roleName: string
    creds: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: number }
  },
) {
  const { t, creds } = props
  const bash = `export AWS_ACCESS_KEY_ID="${creds.accessKeyId}"\nexport AWS_SECRET_ACCESS_KEY="${creds.secretAccessKey}"\nexport AWS_SESSION_TOKEN="${creds.sessionToken}"`
  const ps = `$Env:AWS_ACCESS_KEY_ID="${creds.accessKeyId}"\n$Env:AWS_SECRET_ACCESS_KEY="${creds.secretAccessKey}"\n$Env:AWS_SESSION_TOKEN="${creds.sessionToken}"`
  const cmd = `set AWS_ACCESS_KEY_ID=${creds.accessKeyId}\nset AWS_SECRET_ACCESS_KEY=${creds.secretAccessKey}\nset AWS_SESSION_TOKEN=${creds.sessionToken}`
  const file = `[${props.accountId}_${props.roleName}]\naws_access_key_id=${creds.accessKeyId}\naws_secret_access_key=${creds.secretAccessKey}\naws_session_token=${creds.sessionToken}`
  return (
    <section aria-label={t.accessKeys}>
      <p class="notice">{t.ssoHint}</p>
      <dl class="kv">
        <dt>{t.ssoStartUrl}</dt>
        <dd data-testid="sso-start-url">{props.startUrl}</dd>
        <dt>{t.ssoRegion}</dt>
        <dd data-testid="sso-region">{props.region}</dd>
      </dl>
      <h2>{t.shortTerm}</h2>
      <p class="muted">{t.expiresAt(new Date(creds.expiration).toISOString())}</p>
      <h3>{t.bash}</h3>
      <pre data-testid="bash">{bash}</pre>
      <h3>{t.powershell}</h3>
      <pre data-testid="powershell">{ps}</pre>
      <h3>{t.cmd}</h3>
      <pre data-testid="cmd">{cmd}</pre>
      <h3>{t.credentialsFile}</h3>
      <pre data-testid="credentials-file">{file}</pre>
      <p>
        <a href="/start">{t.back}</a>
      </p>
    </section>
  )
}

/** Invitation step 1: choose a password. */
export function SetPasswordForm(props: PageProps & { token: string; userName: string; error?: string | undefined }) {
  const { t } = props
  return (
    <form method="post" action="/invitation">
      <p>{t.inviteWelcome(props.userName)}</p>
      <ErrorBox message={props.error} />
      <p class="notice" data-testid="password-policy">
        {t.passwordPolicy}
      </p>
      <input type="hidden" name="csrf" value={props.csrf} />
      <input type="hidden" name="token" value={props.token} />
      <label for="new_password">{t.newPassword}</label>
      <input type="password" id="new_password" name="new_password" autocomplete="new-password" required />
      <label for="confirm_password">{t.confirmPassword}</label>
      <input type="password" id="confirm_password" name="confirm_password" autocomplete="new-password" required />
      <button type="submit">{t.setPassword}</button>
    </form>
  )
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
      <label for="mfa_code">{t.mfaCode}</label>
      <input
        type="text"
        id="mfa_code"
        name="mfa_code"
        inputmode="numeric"
        pattern="[0-9]{6}"
        autocomplete="one-time-code"
        required
      />
      <button type="submit">{t.registerMfa}</button>
    </form>
  )
}
