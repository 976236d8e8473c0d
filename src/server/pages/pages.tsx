/**
 * The pages people see, one Hono sub-app per flow, each under its own path prefix: sign-in (with
 * the MFA step) and sign-out, the device-flow verification and consent, `/authorize` for the PKCE
 * flow (at the root, as the CLI builds it from the endpoint's origin), the access portal with its
 * "Access keys" panels, the invitation flow, and the administrator's console (`/admin`, with the
 * mail outbox at `/admin/outbox`; `/outbox` redirects there). Server-rendered, in English or Japanese by
 * `Accept-Language`, usable without JavaScript.
 *
 * A new flow: `const app = createPageApp(deps)` (page-context.tsx: headers, layout, language,
 * session and CSRF), routes relative to its prefix, text in i18n.ts, then one line below.
 *
 * @module
 */
import { Hono } from 'hono'
import type { ServerDeps } from '../deps.js'
import { createConsole } from '../console/console-app.js'
import { createAuthorizePage } from './authorize.js'
import { createDevicePages } from './device.js'
import { createInvitationPages } from './invitation.js'
import { createPortalPages } from './portal.js'
import { createSignInPages, createSignOutPage } from './sign-in.js'

export { createNotFoundPage } from './page-context.js'

/** The pages sub-app, mounted at the root. */
export function createPages(deps: ServerDeps): Hono {
  const app = new Hono()
  app.route('/signin', createSignInPages(deps))
  app.route('/signout', createSignOutPage(deps))
  app.route('/device', createDevicePages(deps))
  app.route('/authorize', createAuthorizePage(deps))
  app.route('/start', createPortalPages(deps))
  app.route('/invitation', createInvitationPages(deps))
  app.route('/admin', createConsole(deps))
  // The outbox moved into the console, which signs its administrator in; old links still work.
  app.get('/outbox', (c) => c.redirect('/admin/outbox', 302))
  app.get('/outbox/:id', (c) => c.redirect(`/admin/outbox/${encodeURIComponent(c.req.param('id'))}`, 302))
  return app
}
