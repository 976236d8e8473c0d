/**
 * A tiny cookie-keeping "browser" over `app.request()` for page tests: GET, POST forms with the
 * page's CSRF token, and read redirects. Not used by the running server.
 *
 * @module
 */
import type { Hono } from 'hono'

/** A response plus its body text. */
export interface PageResponse {
  status: number
  location: string | null
  html: string
  headers: Headers
}

/** Cookie-keeping client for one app. */
export class TestBrowser {
  private cookies = new Map<string, string>()
  constructor(
    private readonly app: Hono,
    private readonly lang = 'en',
    /** The peer address the server sees (as node:http's socket gives it); default none (`local`). */
    private readonly source?: string,
  ) {}

  /** What Hono's node adapter passes as `c.env`: the request's socket, for per-source throttles. */
  private env(): { incoming: { socket: { remoteAddress: string } } } | undefined {
    return this.source ? { incoming: { socket: { remoteAddress: this.source } } } : undefined
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    return { 'accept-language': this.lang, ...(cookie ? { cookie } : {}), ...extra }
  }

  private async wrap(res: Response): Promise<PageResponse> {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return { status: res.status, location: res.headers.get('location'), html: await res.text(), headers: res.headers }
  }

  /** GET a path (relative to the app). */
  async get(path: string): Promise<PageResponse> {
    return this.wrap(await this.app.request(path, { headers: this.headers() }, this.env()))
  }

  /** POST a form; `csrf` is filled in from `page` when not given. */
  async post(path: string, fields: Record<string, string>, page?: PageResponse): Promise<PageResponse> {
    const body = new URLSearchParams(fields)
    if (!body.has('csrf') && page) body.set('csrf', csrfOf(page.html))
    return this.wrap(
      await this.app.request(
        path,
        {
          method: 'POST',
          body: body.toString(),
          headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
        },
        this.env(),
      ),
    )
  }

  /** The value of a cookie the browser holds. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name)
  }
}

/** The CSRF token in a page's forms. */
export function csrfOf(html: string): string {
  const m = /name="csrf" value="([^"]+)"/.exec(html)
  if (!m) throw new Error('No CSRF token on the page')
  return m[1] as string
}

/** The value of a hidden input. */
export function hiddenOf(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)
  if (!m) throw new Error(`No hidden input ${name}`)
  return (m[1] as string)
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
}

/** Turns an absolute Location into a path for `app.request()`. */
export function pathOf(location: string | null): string {
  if (!location) throw new Error('No Location header')
  const u = new URL(location, 'http://localhost')
  return u.pathname + u.search
}
