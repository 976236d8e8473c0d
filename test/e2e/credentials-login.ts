/**
 * Signs a demo user in to a running `idc server` with the device flow (RegisterClient,
 * StartDeviceAuthorization, approval in headless Chromium, CreateToken) and writes the result to a
 * temporary HOME as the AWS CLI's token cache file, so credential tests start from a known token.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc'
import { approveInBrowser, launchChromium, type DemoUser } from '../helpers/sso-browser.js'
import type { ServerProcess } from '../helpers/server-process.js'

/** The tokens of a finished sign-in. */
export interface DeviceLogin {
  accessToken: string
  refreshToken: string
  clientId: string
  clientSecret: string
  registrationExpiresAt: Date
}

/** Runs the device flow for `user` against `server`; `approve` signs in and approves (default: headless Chromium). */
export async function deviceLogin(
  server: ServerProcess,
  user: DemoUser,
  approve?: (url: string, user: DemoUser) => Promise<void>,
): Promise<DeviceLogin> {
  const oidc = new SSOOIDCClient({
    region: server.region,
    endpoint: server.endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  })
  try {
    const reg = await oidc.send(
      new RegisterClientCommand({
        clientName: 'idc-e2e',
        clientType: 'public',
        scopes: ['sso:account:access'],
        grantTypes: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
      }),
    )
    const auth = await oidc.send(
      new StartDeviceAuthorizationCommand({
        clientId: reg.clientId,
        clientSecret: reg.clientSecret,
        startUrl: server.startUrl,
      }),
    )
    if (approve) {
      await approve(auth.verificationUriComplete as string, user)
    } else {
      const browser = await launchChromium()
      try {
        await approveInBrowser(browser, auth.verificationUriComplete as string, user)
      } finally {
        await browser.close()
      }
    }
    const token = await oidc.send(
      new CreateTokenCommand({
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        deviceCode: auth.deviceCode,
        clientId: reg.clientId,
        clientSecret: reg.clientSecret,
      }),
    )
    return {
      accessToken: token.accessToken as string,
      refreshToken: token.refreshToken as string,
      clientId: reg.clientId as string,
      clientSecret: reg.clientSecret as string,
      registrationExpiresAt: new Date((reg.clientSecretExpiresAt ?? 0) * 1000),
    }
  } finally {
    oidc.destroy()
  }
}

/** `%Y-%m-%dT%H:%M:%SZ`. */
export function cacheTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`
}

/** Writes the session's token file under `home` with the given expiry, as the AWS CLI would. */
export function writeTokenCache(
  home: string,
  sessionName: string,
  server: ServerProcess,
  login: DeviceLogin,
  expiresAtMs: number,
): void {
  const dir = join(home, '.aws', 'sso', 'cache')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const file = join(dir, `${createHash('sha1').update(sessionName).digest('hex')}.json`)
  const body = {
    startUrl: server.startUrl,
    region: server.region,
    accessToken: login.accessToken,
    expiresAt: cacheTime(expiresAtMs),
    clientId: login.clientId,
    clientSecret: login.clientSecret,
    registrationExpiresAt: cacheTime(login.registrationExpiresAt.getTime()),
    refreshToken: login.refreshToken,
  }
  writeFileSync(file, JSON.stringify(body), { mode: 0o600 })
}

/** The environment the e2e tests run AWS clients in: a scratch HOME, the local server, no IMDS, no pager. */
export function clientEnv(server: ServerProcess, home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    AWS_ENDPOINT_URL: server.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  }
}

/** The demo organisation's SSO profile for alice, pointing at `server` through `sso-session demo`. */
export function demoConfig(server: ServerProcess, extra = ''): string {
  return `[profile alice]
sso_session = demo
sso_account_id = 123456789011
sso_role_name = AdministratorAccess
region = ${server.region}

[sso-session demo]
sso_start_url = ${server.startUrl}
sso_region = ${server.region}
sso_registration_scopes = sso:account:access
${extra}`
}

/** Sums `idc_requests_total` for an operation (all outcomes and labels) from `/_idc/metrics`. */
export async function requestCount(server: ServerProcess, operation: string, outcome?: string): Promise<number> {
  const text = await (await fetch(`${server.endpoint}/_idc/metrics`)).text()
  let total = 0
  for (const line of text.split('\n')) {
    if (!line.startsWith('idc_requests_total{') || !line.includes(`operation="${operation}"`)) continue
    if (outcome && !line.includes(`outcome="${outcome}"`)) continue
    total += Number(line.slice(line.lastIndexOf(' ') + 1))
  }
  return total
}
