/**
 * Gets a real SSO token from `idc server --demo` without a person: the device flow over HTTP
 * (RegisterClient → StartDeviceAuthorization → approve → CreateToken), approving as the demo user
 * `alice` by submitting the server's own HTML forms (cookies and CSRF fields kept, as a browser
 * would). If the pages cannot be driven that way, Chromium (playwright-core) does it instead.
 *
 * @module
 */
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
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const text = await res.text()
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as T }
}

/** A minimal browser: a cookie jar and manual redirects. */
class FormClient {
  private readonly cookies = new Map<string, string>()

  async request(url: string, init: { method?: string; body?: URLSearchParams; referer?: string } = {}): Promise<{ url: string; html: string }> {
    let current = url
    let method = init.method ?? 'GET'
    let body: URLSearchParams | undefined = init.body
    for (let hop = 0; hop < 10; hop++) {
      const headers: Record<string, string> = { accept: 'text/html', 'accept-language': 'en' }
      if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
      if (body) headers['content-type'] = 'application/x-www-form-urlencoded'
      if (init.referer) {
        headers.referer = init.referer
        headers.origin = new URL(init.referer).origin
      }
      const res = await fetch(current, { method, headers, body, redirect: 'manual' })
      for (const cookie of res.headers.getSetCookie()) {
        const [pair] = cookie.split(';')
        const eq = (pair ?? '').indexOf('=')
        if (eq > 0) this.cookies.set((pair as string).slice(0, eq).trim(), (pair as string).slice(eq + 1).trim())
      }
      const location = res.headers.get('location')
      if (res.status >= 300 && res.status < 400 && location) {
        await res.arrayBuffer()
        current = new URL(location, current).toString()
        if (res.status !== 307 && res.status !== 308) {
          method = 'GET'
          body = undefined
        }
        continue
      }
      return { url: current, html: await res.text() }
    }
    throw new Error(`too many redirects from ${url}`)
  }
}

interface ParsedForm {
  action: string
  method: string
  fields: Array<{ name: string; value: string; type: string }>
  buttons: Array<{ name?: string; value?: string; text: string }>
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)
  const raw = m ? (m[1] ?? m[2] ?? m[3]) : undefined
  return raw?.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
}

function parseForms(html: string): ParsedForm[] {
  const forms: ParsedForm[] = []
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const open = m[1] as string
    const inner = m[2] as string
    const fields: ParsedForm['fields'] = []
    const buttons: ParsedForm['buttons'] = []
    for (const input of inner.matchAll(/<input\b[^>]*>/gi)) {
      const tag = input[0]
      const type = (attr(tag, 'type') ?? 'text').toLowerCase()
      const name = attr(tag, 'name')
      if (type === 'submit') buttons.push({ name, value: attr(tag, 'value'), text: attr(tag, 'value') ?? '' })
      else if (name) fields.push({ name, value: attr(tag, 'value') ?? '', type })
    }
    for (const button of inner.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)) {
      const tag = `<button${button[1] as string}>`
      if ((attr(tag, 'type') ?? 'submit').toLowerCase() !== 'submit') continue
      buttons.push({ name: attr(tag, 'name'), value: attr(tag, 'value'), text: (button[2] as string).replace(/<[^>]*>/g, '').trim() })
    }
    forms.push({ action: attr(`<form${open}>`, 'action') ?? '', method: (attr(`<form${open}>`, 'method') ?? 'GET').toUpperCase(), fields, buttons })
  }
  return forms
}

const POSITIVE = /^(sign in|confirm and continue|allow access|allow|approve|continue|next)$/i

/** Submits the forms of the device-verification pages until none is left to approve. */
async function approveOverHttp(startUrl: string, userCode: string): Promise<void> {
  const client = new FormClient()
  let page = await client.request(startUrl)
  for (let step = 0; step < 12; step++) {
    const form = parseForms(page.html).find((f) => f.buttons.some((b) => POSITIVE.test(b.text)) || f.fields.some((x) => x.type === 'password'))
    if (!form) return
    const params = new URLSearchParams()
    for (const field of form.fields) {
      if (field.type === 'password') params.set(field.name, DEMO.password)
      else if (field.name === 'user_code' && !field.value) params.set(field.name, userCode)
      else if (/^(user_?name|login|email)$/i.test(field.name)) params.set(field.name, DEMO.user)
      else if (field.type === 'checkbox' || field.type === 'radio') continue
      else params.set(field.name, field.value)
    }
    const button = form.buttons.find((b) => POSITIVE.test(b.text))
    if (button?.name) params.set(button.name, button.value ?? '')
    const action = new URL(form.action || page.url, page.url).toString()
    page =
      form.method === 'POST'
        ? await client.request(action, { method: 'POST', body: params, referer: page.url })
        : await client.request(`${action.split('?')[0]}?${params}`)
  }
}

/** The same approval in Chromium, by the labels and button names issue 3 fixes. */
async function approveInChromium(startUrl: string, _userCode: string): Promise<void> {
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
  try {
    const page = await browser.newPage({ locale: 'en-US' })
    await page.goto(startUrl)
    for (let step = 0; step < 8; step++) {
      const username = page.getByLabel('Username')
      if (await username.isVisible().catch(() => false)) {
        await username.fill(DEMO.user)
        await page.getByLabel('Password').fill(DEMO.password)
        await page.getByRole('button', { name: 'Sign in' }).click()
        continue
      }
      const next = page.getByRole('button', { name: /^(Confirm and continue|Allow access)$/ })
      if ((await next.count()) === 0) return
      await next.first().click()
      await page.waitForLoadState()
    }
  } finally {
    await browser.close()
  }
}

async function pollToken(server: string, registration: Registration, device: DeviceAuthorization, deadlineMs: number) {
  while (Date.now() < deadlineMs) {
    const res = await postJson<{ accessToken?: string; expiresIn?: number; refreshToken?: string; error?: string }>(`${server}/token`, {
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      deviceCode: device.deviceCode,
    })
    if (res.status === 200 && res.json.accessToken) return res.json
    if (res.json.error !== 'authorization_pending' && res.json.error !== 'slow_down') {
      throw new Error(`CreateToken answered ${res.status} ${JSON.stringify(res.json)}`)
    }
    await sleep(Math.max(200, (device.interval ?? 1) * 1000) / 4)
  }
  return undefined
}

/** Signs in as the demo user through the device flow and returns the token as `aws sso login` caches it. */
export async function obtainToken(server: string): Promise<CachedToken> {
  const registration = await postJson<Registration>(`${server}/client/register`, {
    clientName: 'botocore-client-bench',
    clientType: 'public',
    scopes: ['sso:account:access'],
  })
  if (registration.status !== 200) throw new Error(`RegisterClient answered ${registration.status} ${JSON.stringify(registration.json)}`)
  const errors: string[] = []
  for (const approve of [approveOverHttp, approveInChromium]) {
    const device = await postJson<DeviceAuthorization>(`${server}/device_authorization`, {
      clientId: registration.json.clientId,
      clientSecret: registration.json.clientSecret,
      startUrl: DEMO.startUrl,
    })
    if (device.status !== 200) throw new Error(`StartDeviceAuthorization answered ${device.status} ${JSON.stringify(device.json)}`)
    const url = device.json.verificationUriComplete ?? `${device.json.verificationUri}?user_code=${encodeURIComponent(device.json.userCode)}`
    try {
      await approve(url, device.json.userCode)
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
