/**
 * Page-flow helpers for server tests: an app over test deps with a cookie-keeping browser and a
 * JSON caller for the OIDC API, and the sign-in and device-authorization steps the tests repeat.
 * Not used by the running server.
 *
 * @module
 */
import { expect } from 'vitest'
import { createApp } from '../../../src/server/app.js'
import { createTestDeps, type TestDepsOptions } from './test-deps.js'
import { TestBrowser, pathOf, type PageResponse } from './test-browser.js'

/** The JSON answer of an API call. */
export interface ApiAnswer {
  status: number
  type: string | null
  body: any
}

/** Test deps, the app, a browser speaking `lang`, and `api(path, body)` for JSON POSTs. */
export function setupPages(lang = 'en', options: TestDepsOptions = {}) {
  const deps = createTestDeps(options)
  const app = createApp(deps)
  const browser = new TestBrowser(app, lang)
  const api = async (path: string, body: unknown, source?: string): Promise<ApiAnswer> => {
    const env = source ? { incoming: { socket: { remoteAddress: source } } } : undefined
    const init = { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
    const res = await app.request(path, init, env)
    return { status: res.status, type: res.headers.get('x-amzn-ErrorType'), body: (await res.json()) as any }
  }
  return { deps, app, browser, api }
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
  const registration = { clientName: 'botocore-client-emu', clientType: 'public', ...(scopes ? { scopes } : {}) }
  const c = (await s.api('/client/register', registration)).body
  const d = (
    await s.api('/device_authorization', {
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      startUrl: 'https://d-9567a1b2c3.awsapps.com/start',
    })
  ).body
  return { c, d }
}

/** Polls CreateToken once for a device code. */
export function pollDeviceToken(s: PagesSetup, c: { clientId: string; clientSecret: string }, deviceCode: string) {
  return s.api('/token', {
    grantType: 'urn:ietf:params:oauth:grant-type:device_code',
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    deviceCode,
  })
}
