/**
 * The console's Settings page: multi-factor authentication (prompt every time they sign in, or
 * never; which device types), the access portal's session duration, and SCIM access tokens for
 * automatic provisioning (generated here, shown once, kept as a hash).
 *
 * @module
 */
import { Hono } from 'hono'
import type { ServerDeps } from '../deps.js'
import { hashSecret } from '../domain/secrets.js'
import { readMfaSettings, saveMfaSettings } from '../domain/mfa-settings.js'
import { randomHex, randomToken } from '../ids.js'
import { LocalTime } from '../pages/layout.js'
import type { PageContext, PageEnv } from '../pages/page-context.js'
import { scimEndpoint } from '../scim/tenant.js'
import { consoleProps, Csrf, PostButton, renderConsole } from './console-app.js'

/** The portal session durations the page offers, in hours (AWS offers 15 minutes to 90 days). */
const SESSION_HOURS = [1, 2, 4, 8, 12, 24, 168]
/** SCIM access tokens last a year, as AWS's do. */
const SCIM_TOKEN_MS = 365 * 24 * 3600_000

/** The Settings routes, mounted at `/admin/settings`. */
export function createSettingsPages(deps: ServerDeps) {
  const app = new Hono<PageEnv>()
  const { store } = deps

  function page(c: PageContext, options: { notice?: string; token?: string } = {}) {
    const p = consoleProps(c)
    const { t } = p
    const mfa = readMfaSettings(store)
    const hours = Math.round((store.getInstance()?.sessionDurationSeconds ?? 8 * 3600) / 3600)
    return renderConsole(
      c,
      t.settings,
      <>
        <form method="post" action="/admin/settings">
          <Csrf csrf={p.csrf} />
          <h2>{t.mfa}</h2>
          <fieldset>
            <legend>{t.promptMfa}</legend>
            <label class="choice">
              <input type="radio" name="mfa" value="always" checked={mfa.required} /> {t.mfaAlways}
            </label>
            <label class="choice">
              <input type="radio" name="mfa" value="never" checked={!mfa.required} /> {t.mfaNever}
            </label>
          </fieldset>
          <fieldset>
            <legend>{t.mfaTypes}</legend>
            <label class="choice">
              <input type="checkbox" name="authenticatorApps" value="1" checked={mfa.authenticatorApps} />{' '}
              {t.authenticatorApps}
            </label>
            <label class="choice">
              <input type="checkbox" name="securityKeys" value="1" checked={mfa.securityKeys} /> {t.securityKeys}
            </label>
          </fieldset>
          <h2>{t.portalSession}</h2>
          <label for="sessionHours">{t.sessionDuration}</label>
          <select id="sessionHours" name="sessionHours">
            {SESSION_HOURS.map((h) => (
              <option value={String(h)} selected={h === hours}>
                {t.hours(h)}
              </option>
            ))}
          </select>
          <button type="submit">{t.save}</button>
        </form>
        <h2>{t.scim}</h2>
        <dl class="kv">
          <dt>{t.scimEndpoint}</dt>
          <dd data-testid="scim-endpoint">{scimEndpoint(deps)}</dd>
        </dl>
        {options.token ? (
          <>
            <p>{t.scimTokenShown}</p>
            <p class="secret" data-testid="scim-token">
              {options.token}
            </p>
          </>
        ) : null}
        <table>
          <tbody>
            {store.listScimTokens().map((tok) => (
              <tr data-scim-token={tok.id}>
                <td>{tok.id}</td>
                <td>
                  <LocalTime ms={tok.createdAt} lang={p.lang} />
                </td>
                <td>
                  {t.expires} <LocalTime ms={tok.expiresAt} lang={p.lang} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <PostButton action="/admin/settings/scim-token" csrf={p.csrf}>
          {t.generateScimToken}
        </PostButton>
      </>,
      { notice: options.notice },
    )
  }

  app.get('/', (c) => page(c, { notice: c.req.query('saved') === '1' ? consoleProps(c).t.saved : undefined }))

  app.post('/', (c) => {
    const f = c.get('form')
    saveMfaSettings(store, {
      required: f.mfa === 'always',
      authenticatorApps: f.authenticatorApps === '1',
      securityKeys: f.securityKeys === '1',
    })
    const hours = Number(f.sessionHours)
    const instance = store.getInstance()
    if (instance && SESSION_HOURS.includes(hours))
      store.saveInstance({ ...instance, sessionDurationSeconds: hours * 3600 })
    return c.redirect('/admin/settings?saved=1', 302)
  })

  app.post('/scim-token', (c) => {
    const token = randomToken(deps.ids, 48)
    const now = deps.clock()
    store.createScimToken({
      id: randomHex(deps.ids, 32),
      tokenHash: hashSecret(token),
      createdAt: now,
      expiresAt: now + SCIM_TOKEN_MS,
      lastUsedAt: null,
    })
    // Shown on this response only, as AWS shows a new SCIM access token once.
    return page(c, { token })
  })

  return app
}
