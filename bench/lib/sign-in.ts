/**
 * Gets a real SSO token from `idc server --demo` without a person: the device flow over HTTP
 * (RegisterClient → StartDeviceAuthorization → approve → CreateToken), approving as the demo user
 * `alice` by submitting the server's own HTML forms (cookies and CSRF fields kept, as a browser
 * would). If the pages cannot be driven that way, Chromium (playwright-core) does it instead.
 *
 * @module
 */
import { approveOverHttp as approveFormsOverHttp } from '../../test/helpers/http-sign-in.js'
import { ALICE, approveInBrowser, launchChromium, type DemoUser } from '../../test/helpers/sso-browser.js'
import { cacheTime, DEMO, type CachedToken } from './aws-home.js'

interface Registration {
  clientId: string
  clientSecret: string
  clientSecretExpiresAt: number
}

interface DeviceAuthorization {
  deviceCode: string
  userCode: string
  verificationUri: string
  verificationUriComplete?: string
  interval?: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function postJson<T>(url: string, body: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as T }
}

/** Approves over HTTP by submitting the pages' forms (test/helpers/http-sign-in.ts). */
function approveOverHttp(url: string, user: DemoUser): Promise<void> {
  return approveFormsOverHttp(url, user)
}

/** The same approval in headless Chromium (test/helpers/sso-browser.ts). */
async function approveInChromium(url: string, user: DemoUser): Promise<void> {
  const browser = await launchChromium()
  try {
    await approveInBrowser(browser, url, user)
  } finally {
    await browser.close()
  }
}

async function pollToken(server: string, registration: Registration, device: DeviceAuthorization, deadlineMs: number) {
  while (Date.now() < deadlineMs) {
    const res = await postJson<{ accessToken?: string; expiresIn?: number; refreshToken?: string; error?: string }>(
      `${server}/token`,
      {
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        deviceCode: device.deviceCode,
      },
    )
    if (res.status === 200 && res.json.accessToken) return res.json
    if (res.json.error !== 'authorization_pending' && res.json.error !== 'slow_down') {
      throw new Error(`CreateToken answered ${res.status} ${JSON.stringify(res.json)}`)
    }
    await sleep(Math.max(200, (device.interval ?? 1) * 1000) / 4)
  }
  return undefined
}

/** Signs in as `user` (default the demo user alice) through the device flow; the token as `aws sso login` caches it. */
export async function obtainToken(server: string, user: DemoUser = ALICE): Promise<CachedToken> {
  const registration = await postJson<Registration>(`${server}/client/register`, {
    clientName: 'botocore-client-bench',
    clientType: 'public',
    scopes: ['sso:account:access'],
  })
  if (registration.status !== 200)
    throw new Error(`RegisterClient answered ${registration.status} ${JSON.stringify(registration.json)}`)
  const errors: string[] = []
  for (const approve of [approveOverHttp, approveInChromium]) {
    const device = await postJson<DeviceAuthorization>(`${server}/device_authorization`, {
      clientId: registration.json.clientId,
      clientSecret: registration.json.clientSecret,
      startUrl: DEMO.startUrl,
    })
    if (device.status !== 200)
      throw new Error(`StartDeviceAuthorization answered ${device.status} ${JSON.stringify(device.json)}`)
    const url =
      device.json.verificationUriComplete ??
      `${device.json.verificationUri}?user_code=${encodeURIComponent(device.json.userCode)}`
    try {
      await approve(url, user)
      const token = await pollToken(server, registration.json, device.json, Date.now() + 5000)
      if (token?.accessToken) {
        return {
          startUrl: DEMO.startUrl,
          region: DEMO.region,
          accessToken: token.accessToken,
          expiresAt: cacheTime(Date.now() + (token.expiresIn ?? 3600) * 1000),
          clientId: registration.json.clientId,
          clientSecret: registration.json.clientSecret,
          registrationExpiresAt: cacheTime(registration.json.clientSecretExpiresAt * 1000),
          refreshToken: token.refreshToken,
        }
      }
      errors.push(`${approve.name}: the device code was not approved`)
    } catch (error) {
      errors.push(`${approve.name}: ${(error as Error).message}`)
    }
  }
  throw new Error(`could not sign in to the demo server as ${DEMO.user}: ${errors.join('; ')}`)
}
