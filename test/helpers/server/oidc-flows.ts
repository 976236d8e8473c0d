/**
 * OIDC and portal API helpers for server tests: a JSON caller over `app.request()`, and the steps
 * of a device-flow login (register, start, approve, poll), a refresh, and bearer-token portal calls,
 * which many tests repeat. Not used by the running server.
 *
 * @module
 */
import type { Hono } from 'hono'
import { expect } from 'vitest'
import type { ServerDeps } from '../../../src/server/deps.js'
import { startTokenSession } from '../../../src/server/domain/tokens.js'
import type { Store } from '../../../src/server/store/store.js'
import { createApp } from '../../../src/server/app.js'
import { createTestDeps, type TestDeps, type TestDepsOptions } from './test-deps.js'

/** The demo instance's start URL. */
export const START_URL = 'https://d-9567a1b2c3.awsapps.com/start'
/** The device-code grant type of CreateToken. */
export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

/** The JSON answer of an API call. */
export interface ApiAnswer {
  status: number
  type: string | null
  body: any
}

/** POSTs `body` (JSON-encoded unless already a string) from `source` when given; answers status, error type, JSON. */
export type JsonPost = (path: string, body: unknown, source?: string) => Promise<ApiAnswer>

/** A {@link JsonPost} to `app`. */
export function jsonPoster(app: Hono): JsonPost {
  return async (path, body, source) => {
    const env = source ? { incoming: { socket: { remoteAddress: source } } } : undefined
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    const init = { method: 'POST', body: text, headers: { 'content-type': 'application/json' } }
    const res = await app.request(path, init, env)
    return { status: res.status, type: res.headers.get('x-amzn-ErrorType'), body: (await res.json()) as any }
  }
}

/** Test deps, the app over them, and `post(path, body)` for the JSON APIs. */
export function setupOidc(options: TestDepsOptions = {}) {
  const deps = createTestDeps(options)
  const app = createApp(deps)
  return { deps, app, post: jsonPoster(app) }
}

/** What {@link setupOidc} returns. */
export type OidcSetup = ReturnType<typeof setupOidc>

/** A registered client's answer. */
export interface RegisteredClient {
  clientId: string
  clientSecret: string
  clientIdIssuedAt: number
  clientSecretExpiresAt: number
}

/** Registers a public client named like botocore's, with `extra` members (scopes, grant types, …). */
export async function registerClient(post: JsonPost, extra: Record<string, unknown> = {}): Promise<RegisteredClient> {
  const r = await post('/client/register', { clientName: 'botocore-client-emu', clientType: 'public', ...extra })
  return r.body as RegisteredClient
}

/** The client id and secret of a registration. */
export type ClientKeys = Pick<RegisteredClient, 'clientId' | 'clientSecret'>

/** StartDeviceAuthorization for `client` at the instance's start URL. */
export function startDeviceAuthorization(post: JsonPost, client: ClientKeys): Promise<ApiAnswer> {
  return post('/device_authorization', {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    startUrl: START_URL,
  })
}

/** Approves a device authorization directly in the store, as `userName` (the pages are tested elsewhere). */
export function approveDevice(store: Store, userCode: string, userName = 'alice'): void {
  const user = store.findUserByName(userName)!
  expect(store.decideDeviceAuthorization(userCode, 'approved', user.id)).toBe(true)
}

/** CreateToken with the device-code grant, once. */
export function createDeviceToken(post: JsonPost, client: ClientKeys, deviceCode: string): Promise<ApiAnswer> {
  return post('/token', {
    grantType: DEVICE_GRANT,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    deviceCode,
  })
}

/** CreateToken with the refresh-token grant, once. */
export function refreshToken(post: JsonPost, client: ClientKeys, token: string): Promise<ApiAnswer> {
  return post('/token', {
    grantType: 'refresh_token',
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    refreshToken: token,
  })
}

/** The tokens of a successful CreateToken. */
export interface Tokens {
  accessToken: string
  refreshToken: string
  expiresIn: number
}

/** A whole device-flow login of `userName` with a client registered for `sso:account:access`. */
export async function deviceLogin(s: { deps: TestDeps; post: JsonPost }, userName = 'alice') {
  const client = await registerClient(s.post, { scopes: ['sso:account:access'] })
  const start = (await startDeviceAuthorization(s.post, client)).body
  approveDevice(s.deps.store, start.userCode, userName)
  const token = await createDeviceToken(s.post, client, start.deviceCode)
  expect(token.status).toBe(200)
  return { client, token: token.body as Tokens }
}

/** GETs portal API paths with `accessToken` as the bearer token (or the one given per call). */
export function portalCaller(app: Hono, accessToken: string) {
  return async (path: string, bearer = accessToken): Promise<ApiAnswer> => {
    const res = await app.request(path, { headers: { 'x-amz-sso_bearer_token': bearer } })
    return {
      status: res.status,
      type: res.headers.get('x-amzn-ErrorType'),
      body: res.status === 200 && path !== '/logout' ? ((await res.json()) as any) : await res.text(),
    }
  }
}

/**
 * A portal access token of `userName` for `sso:account:access`, through a public client registered
 * straight in the store (for tests of what the token reaches, not of how it is obtained).
 */
export function storeAccessToken(deps: ServerDeps, userName: string, clientId = 'c1'): string {
  deps.store.registerClient({
    clientId,
    clientSecretHash: 'x',
    clientName: 'test',
    clientType: 'public',
    scopes: ['sso:account:access'],
    redirectUris: [],
    grantTypes: [],
    issuerUrl: null,
    issuedAt: deps.clock(),
    expiresAt: deps.clock() + 3600_000,
  })
  return startTokenSession(deps, {
    clientId,
    userId: deps.store.findUserByName(userName)!.id,
    scopes: ['sso:account:access'],
  }).accessToken
}
