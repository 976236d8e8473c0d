/**
 * The AWS access portal, mounted at `/start`: the signed-in user's accounts and roles, and each
 * role's "Access keys" panel with short-term credentials in the shells' formats.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import { findUserRole, issueRoleCredentials } from '../domain/role-credentials.js'
import { raw } from 'hono/html'
import { LocalTime, type PageProps } from './layout.js'
import { confirmEnrolment, enrolmentFor, MfaEnrolForm } from './mfa-enrol.js'
import { createPageApp, redirectToSignIn, renderPage, showMessage, type PageContext } from './page-context.js'

/** A portal account with its roles. */
export interface PortalAccount {
  id: string
  name: string
  email: string
  roles: string[]
}

/** The access portal's account list. */
export function Portal(props: Omit<PageProps, 'csrf'> & { accounts: PortalAccount[] }) {
  const { t } = props
  const mfaLink = (
    <p class="muted">
      <a href="/start/mfa">{t.mfaDevices}</a>
    </p>
  )
  if (props.accounts.length === 0)
    return (
      <>
        <p>{t.noAccounts}</p>
        {mfaLink}
      </>
    )
  return (
    <section>
      {mfaLink}
      <h2>{t.accounts(props.accounts.length)}</h2>
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
                <a
                  href={`/console/sso?account_id=${encodeURIComponent(a.id)}&role_name=${encodeURIComponent(r)}`}
                  data-testid="console-link"
                >
                  {t.managementConsole}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  )
}

/** Short-term credentials as the panel shows them. */
export interface PanelCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: number
}

/** The tabs of the Access keys dialog, as AWS shows them: the shell decides the commands. */
const TAB_CSS = `
.tabs>input{position:absolute;opacity:0}.tabs>label.tab{display:inline-block;margin:0 .2rem 0 0;padding:.4rem .9rem;border:1px solid #d5dbdb;border-bottom:none;border-radius:4px 4px 0 0;font-weight:600;cursor:pointer;background:#fafafa}
.tabs>input:checked+label.tab{background:#fff;color:#0073bb;border-color:#0073bb}.tabs>input:focus-visible+label.tab{outline:2px solid #0073bb}
.tabs>.panel{display:none;border-top:1px solid #d5dbdb;padding-top:.5rem}
#tab-unix:checked~.panel-unix,#tab-windows:checked~.panel-windows,#tab-powershell:checked~.panel-powershell{display:block}
.copy{display:flex;gap:.5rem;align-items:flex-start}.copy pre{flex:1;margin:.3rem 0}.copy button{margin:.3rem 0;padding:.2rem .7rem;font-size:.85rem}
`

/** A block of text with a copy button (the page script copies; without it the text is selectable). */
function Copyable(props: { id: string; testid?: string; text: string; t: PageProps['t'] }) {
  return (
    <div class="copy">
      <pre id={props.id} data-testid={props.testid}>
        {props.text}
      </pre>
      <button type="button" class="secondary" data-copy={props.id} data-done={props.t.copied}>
        {props.t.copy}
      </button>
    </div>
  )
}

/** The "Access keys" dialog of one role: the recommended IAM Identity Center settings, then the short-term options per shell. */
export function AccessKeys(
  props: Omit<PageProps, 'csrf'> & {
    startUrl: string
    region: string
    accountId: string
    roleName: string
    creds: PanelCredentials
  },
) {
  const { t, creds } = props
  const env = {
    unix: `export AWS_ACCESS_KEY_ID="${creds.accessKeyId}"\nexport AWS_SECRET_ACCESS_KEY="${creds.secretAccessKey}"\nexport AWS_SESSION_TOKEN="${creds.sessionToken}"`,
    windows: `set AWS_ACCESS_KEY_ID=${creds.accessKeyId}\nset AWS_SECRET_ACCESS_KEY=${creds.secretAccessKey}\nset AWS_SESSION_TOKEN=${creds.sessionToken}`,
    powershell: `$Env:AWS_ACCESS_KEY_ID="${creds.accessKeyId}"\n$Env:AWS_SECRET_ACCESS_KEY="${creds.secretAccessKey}"\n$Env:AWS_SESSION_TOKEN="${creds.sessionToken}"`,
  }
  const testids = { unix: 'bash', windows: 'cmd', powershell: 'powershell' }
  const file = `[${props.accountId}_${props.roleName}]\naws_access_key_id=${creds.accessKeyId}\naws_secret_access_key=${creds.secretAccessKey}\naws_session_token=${creds.sessionToken}`
  const tabs = [
    ['unix', t.tabUnix],
    ['windows', t.tabWindows],
    ['powershell', t.tabPowershell],
  ] as const
  return (
    <section aria-label={t.accessKeys}>
      <style>{raw(TAB_CSS)}</style>
      <h2>{t.recommended}</h2>
      <p>{t.ssoHint}</p>
      <dl class="kv">
        <dt>{t.ssoStartUrl}</dt>
        <dd>
          <Copyable id="sso-start-url" testid="sso-start-url" text={props.startUrl} t={t} />
        </dd>
        <dt>{t.ssoRegion}</dt>
        <dd>
          <Copyable id="sso-region" testid="sso-region" text={props.region} t={t} />
        </dd>
      </dl>
      <h2>{t.shortTerm}</h2>
      <p class="muted">
        {t.expiresAtLabel} <LocalTime ms={creds.expiration} lang={props.lang} />
      </p>
      <div class="tabs">
        {tabs.map(([id, label], i) => (
          <>
            <input type="radio" name="shell" id={`tab-${id}`} checked={i === 0} />
            <label class="tab" for={`tab-${id}`}>
              {label}
            </label>
          </>
        ))}
        {tabs.map(([id]) => (
          <div class={`panel panel-${id}`}>
            <h3>{t.option1}</h3>
            <Copyable id={`env-${id}`} testid={testids[id]} text={env[id]} t={t} />
            <h3>{t.option2}</h3>
            <Copyable id={`file-${id}`} testid={id === 'unix' ? 'credentials-file' : undefined} text={file} t={t} />
            <h3>{t.option3}</h3>
            <dl class="kv">
              <dt>{t.accessKeyId}</dt>
              <dd>{creds.accessKeyId}</dd>
              <dt>{t.secretAccessKey}</dt>
              <dd>{creds.secretAccessKey}</dd>
              <dt>{t.sessionToken}</dt>
              <dd style="word-break:break-all">{creds.sessionToken}</dd>
            </dl>
          </div>
        ))}
      </div>
      <p>
        <a href="/start">{t.back}</a>
      </p>
    </section>
  )
}

/** The portal pages. */
export function createPortalPages(deps: ServerDeps) {
  const app = createPageApp(deps)

  app.get('/', (c) => {
    const user = c.get('user')
    if (!user) return redirectToSignIn(c)
    const accounts = deps.store.listAccountsOfUser(user.id).map((a) => ({
      id: a.id,
      name: a.name,
      email: a.email,
      roles: deps.store.listPermissionSetsOfUser(user.id, a.id).map((ps) => ps.name),
    }))
    const t = c.get('t')
    return renderPage(c, t.portalTitle, <Portal t={t} lang={c.get('lang')} accounts={accounts} />)
  })

  /** The user's MFA device: registered (with a remove button) or the form to register one. */
  async function mfaPage(c: PageContext, posted?: string, error?: string) {
    const user = c.get('user')!
    const t = c.get('t')
    const csrf = c.get('web').csrfToken
    if (user.totpSecret)
      return renderPage(
        c,
        t.mfaDevices,
        <>
          <p data-testid="mfa-registered">{t.mfaRegistered}</p>
          <form method="post" action="/start/mfa/delete">
            <input type="hidden" name="csrf" value={csrf} />
            <button type="submit" class="secondary">
              {t.removeMfa}
            </button>
          </form>
          <p>
            <a href="/start">{t.back}</a>
          </p>
        </>,
      )
    const e = await enrolmentFor(deps, user, t.totpIssuer, posted)
    const form = <MfaEnrolForm t={t} lang={c.get('lang')} csrf={csrf} action="/start/mfa" {...e} error={error} />
    return renderPage(c, t.mfaTitle, form, error ? 400 : 200)
  }

  app.get('/mfa', (c) => (c.get('user') ? mfaPage(c) : redirectToSignIn(c)))

  app.post('/mfa', (c) => {
    const user = c.get('user')
    if (!user) return redirectToSignIn(c)
    const f = c.get('form')
    if (user.totpSecret) return c.redirect('/start/mfa', 302)
    if (!confirmEnrolment(deps, user, f.secret ?? '', f.mfa_code ?? '')) return mfaPage(c, f.secret, c.get('t').badMfa)
    return c.redirect('/start/mfa', 302)
  })

  app.post('/mfa/delete', (c) => {
    const user = c.get('user')
    if (!user) return redirectToSignIn(c)
    deps.store.setUserTotp(user.id, null)
    return c.redirect('/start/mfa', 302)
  })

  app.get('/access-keys', (c) => {
    const user = c.get('user')
    if (!user) return redirectToSignIn(c)
    const t = c.get('t')
    const accountId = c.req.query('account_id') ?? ''
    const roleName = c.req.query('role_name') ?? ''
    const account = deps.store.getAccount(accountId)
    const ps = findUserRole(deps, user.id, accountId, roleName)
    const instance = deps.store.getInstance()
    if (!account || !ps || !instance) return showMessage(c, t.errorTitle, t.noAccess, 403)
    return renderPage(
      c,
      t.accessKeysTitle(account.name, ps.name),
      <AccessKeys
        t={t}
        lang={c.get('lang')}
        startUrl={instance.startUrl}
        region={instance.region}
        accountId={accountId}
        roleName={ps.name}
        creds={issueRoleCredentials(deps, user, accountId, ps)}
      />,
    )
  })

  return app
}
