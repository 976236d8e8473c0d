/**
 * Page-flow helpers for server tests: an app over test deps with a cookie-keeping browser and a
 * JSON caller for the OIDC API, and the sign-in and device-authorization steps the tests repeat.
 * Not used by the running server.
 *
 * @module
 */
import { expect } from 'vitest'
import { createApp } from '../../../src/server/app.js'
import {
  createDeviceToken,
  jsonPoster,
  registerClient,
  startDeviceAuthorization,
  type ApiAnswer,
} from './oidc-flows.js'
import { createTestDeps, type TestDepsOptions } from './test-deps.js'
import { TestBrowser, pathOf, type PageResponse } from './test-browser.js'

/** Test deps, the app, a browser speaking `lang`, and `api(path, body)` for JSON POSTs. */
export function setupPages(lang = 'en', options: TestDepsOptions = {}) {
  const deps = createTestDeps(options)
  const app = createApp(deps)
  const browser = new TestBrowser(app, lang)
  return { deps, app, browser, api: jsonPoster(app) }
}

/** What {@link setupPages} returns. */
export type PagesSetup = ReturnType<typeof setupPages>

/** Signs in through the form (and the MFA step when `mfa` is given); returns the last answer. */
export async function signIn(
  s: PagesSetup,
  next: string,
  username: string,
  password: string,
  mfa?: () => string,
  browser: TestBrowser = s.browser,
): Promise<PageResponse> {
  const form = await browser.get(`/signin?next=${encodeURIComponent(next)}`)
  const afterPassword = await browser.post('/signin', { username, password, next }, form)
  if (!mfa) return afterPassword
  expect(afterPassword.status).toBe(302)
  const mfaPage = await browser.get(pathOf(afterPassword.location))
  expect(mfaPage.html).toContain('<label for="mfa_code">MFA code</label>')
  return browser.post('/signin/mfa', { mfa_code: mfa(), next }, mfaPage)
}

/** Registers a device-flow client (with `scopes` when given) and starts a device authorization. */
export async function startDevice(s: PagesSetup, scopes?: string[]) {
  const c = await registerClient(s.api, scopes ? { scopes } : {})
  const d = (await startDeviceAuthorization(s.api, c)).body
  return { c, d }
}

/** Polls CreateToken once for a device code. */
export function pollDeviceToken(
  s: PagesSetup,
  c: { clientId: string; clientSecret: string },
  deviceCode: string,
): Promise<ApiAnswer> {
  return createDeviceToken(s.api, c, deviceCode)
}
