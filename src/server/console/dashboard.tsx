/**
 * The console's dashboard: the instance's settings summary as AWS shows it (instance ARN,
 * identity store id, Region, the AWS access portal URL, MFA) and what the directory holds.
 *
 * @module
 */
import { Hono } from 'hono'
import type { ServerDeps } from '../deps.js'
import type { PageEnv } from '../pages/page-context.js'
import { consoleProps, renderConsole } from './console-app.js'
import { readMfaSettings } from '../domain/mfa-settings.js'

/** The dashboard route. */
export function createDashboard(deps: ServerDeps) {
  const app = new Hono<PageEnv>()
  app.get('/', (c) => {
    const { t } = consoleProps(c)
    const instance = deps.store.getInstance()
    const mfa = readMfaSettings(deps.store)
    const types = [mfa.authenticatorApps ? t.authenticatorApp : '', mfa.securityKeys ? 'FIDO2' : '']
      .filter(Boolean)
      .join(', ')
    const s = deps.store
    return renderConsole(
      c,
      t.dashboard,
      <section>
        <h2>{t.settingsSummary}</h2>
        <dl class="kv">
          <dt>{t.instanceArn}</dt>
          <dd data-testid="instance-arn">{instance?.instanceArn}</dd>
          <dt>{t.identityStoreId}</dt>
          <dd data-testid="identity-store-id">{instance?.id}</dd>
          <dt>{t.region}</dt>
          <dd data-testid="region">{instance?.region}</dd>
          <dt>{t.portalUrl}</dt>
          <dd data-testid="portal-url">{instance?.startUrl}</dd>
          <dt>{t.localPortal}</dt>
          <dd>
            <a href="/start">{`${deps.baseUrl()}/start`}</a>
          </dd>
          <dt>{t.identitySource}</dt>
          <dd>{t.identityCenterDirectory}</dd>
          <dt>{t.mfa}</dt>
          <dd data-testid="mfa-summary">{t.mfaSummary(mfa.required, types)}</dd>
        </dl>
        <p class="muted">
          {t.counts(
            s.listUsers().length,
            s.listGroups().length,
            s.listPermissionSets().length,
            s.listAccounts().length,
          )}
        </p>
      </section>,
    )
  })
  return app
}
