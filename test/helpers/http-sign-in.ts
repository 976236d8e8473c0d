/**
 * Signs in through the local Identity Center's HTML pages without a browser engine: a cookie jar,
 * manual redirects and the pages' own forms (hidden fields such as the CSRF token kept as they
 * are). `npm run demo` uses it when Chromium is not installed; the pages are the same ones the
 * Chromium tests drive. Following the final redirect delivers the code to the CLI's loopback
 * listener, as a browser would.
 */
import { totpCode, type DemoUser } from './sso-browser.js'

interface Form {
  action: string
  method: string
  fields: Map<string, string>
  /** The submit buttons' name/value pairs and captions. */
  buttons: { name?: string; value?: string; caption: string }[]
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)
  return match?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

function formsOf(html: string): Form[] {
  const forms: Form[] = []
  for (const [, open = '', body = ''] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const fields = new Map<string, string>()
    for (const [tag] of body.matchAll(/<input\b[^>]*>/gi)) {
      const name = attribute(tag, 'name')
      if (name) fields.set(name, attribute(tag, 'value') ?? '')
    }
    const buttons = [...body.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)].map(
      ([, attrs = '', caption = '']) => ({
        name: attribute(attrs, 'name'),
        value: attribute(attrs, 'value'),
        caption: caption.replace(/<[^>]*>/g, '').trim(),
      }),
    )
    forms.push({
      action: attribute(open, 'action') ?? '',
      method: (attribute(open, 'method') ?? 'get').toUpperCase(),
      fields,
      buttons,
    })
  }
  return forms
}

/**
 * Opens `url` (an /authorize or /device URL), signs in as `user` and approves the request.
 * `userCode` is typed where the device page asks for the code (a URL that does not carry it).
 */
export async function approveOverHttp(url: string, user: DemoUser, options: { userCode?: string } = {}): Promise<void> {
  const cookies = new Map<string, string>()
  const origin = new URL(url).origin
  async function go(
    target: string,
    init: { method?: string; body?: URLSearchParams } = {},
  ): Promise<{ url: string; html: string }> {
    let current = target
    let method = init.method ?? 'GET'
    let body = init.body
    for (let hop = 0; hop < 10; hop++) {
      const headers: Record<string, string> = { accept: 'text/html', 'accept-language': 'en' }
      if (cookies.size > 0) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ')
      if (body) headers['content-type'] = 'application/x-www-form-urlencoded'
      if (method === 'POST') headers.origin = origin
      const res = await fetch(current, { method, headers, body, redirect: 'manual' })
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';')
        const eq = pair.indexOf('=')
        if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim())
      }
      const location = res.headers.get('location')
      if (res.status >= 300 && res.status < 400 && location) {
        await res.arrayBuffer()
        current = new URL(location, current).toString()
        method = 'GET'
        body = undefined
        continue
      }
      return { url: current, html: await res.text() }
    }
    throw new Error(`too many redirects from ${target}`)
  }

  let page = await go(url)
  for (let step = 0; step < 10; step++) {
    if (new URL(page.url).origin !== origin) return // reached the CLI's loopback callback
    const form = formsOf(page.html).find((f) => f.action !== '/signout' && f.buttons.length > 0)
    if (!form) return
    const params = new URLSearchParams([...form.fields])
    if (form.fields.has('username')) params.set('username', user.username)
    if (form.fields.has('password')) params.set('password', user.password)
    if (form.fields.get('user_code') === '') {
      if (!options.userCode) throw new Error('the device page asks for the user code, but none was given')
      params.set('user_code', options.userCode)
    }
    if (form.fields.has('mfa_code')) {
      if (!user.totpSecret) throw new Error(`${user.username} has no TOTP secret but the page asks for an MFA code`)
      params.set('mfa_code', totpCode(user.totpSecret))
    }
    const allow = form.buttons.find((b) => b.value === 'allow') ?? form.buttons[0]
    if (allow?.name) params.set(allow.name, allow.value ?? '')
    const action = new URL(form.action || page.url, page.url).toString()
    page = form.method === 'POST' ? await go(action, { method: 'POST', body: params }) : await go(`${action}?${params}`)
  }
  throw new Error(`sign-in did not finish; last page ${page.url}`)
}
