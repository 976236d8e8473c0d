/**
 * The local AWS Sign-In service that `aws login` and `idc login` talk to through
 * `AWS_ENDPOINT_URL`: the browser pages under `/v1/authorize` and `/v1/sessions/confirmation`, and
 * the token endpoint `POST /v1/token` (`aws-login.md` §6).
 *
 * @module
 */
import { Hono } from 'hono'
import type { ServerDeps } from '../deps.js'
import { createConfirmationPage, createConsoleSignInPages } from './pages.js'
import { createSigninTokenApi } from './token-api.js'

/** The Sign-In sub-app, mounted at the root. */
export function createSigninApp(deps: ServerDeps): Hono {
  const app = new Hono()
  app.route('/', createSigninTokenApi(deps))
  app.route('/v1/authorize', createConsoleSignInPages(deps))
  app.route('/v1/sessions/confirmation', createConfirmationPage(deps))
  return app
}
