// Killing `idc server` (SIGKILL, no shutdown) loses no acknowledged write: after a restart on the
// same --data directory the cached registration, access token, refresh token and role credentials
// that clients hold all still work. The sign-in is done over plain HTTP forms (no browser needed).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { afterAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'

/** Just enough of a browser: cookies, forms with the page's CSRF token, manual redirects. */
class FormClient {
  private cookies = new Map<string, string>()
  constructor(private readonly origin: string) {}
  async request(
    path: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; location: string | null; html: string }> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded'
    const res = await fetch(new URL(path, this.origin), {
      method: form ? 'POST' : 'GET',
      headers,
      body: form ? new URLSearchParams(form) : undefined,
      redirect: 'manual',
    })
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1))
    }
    return { status: res.status, location: res.headers.get('location'), html: await res.text() }
  }
}

const csrf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1] as string

describe('idc server persistence', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'idc-e2e-persist-'))
  const servers: ServerProcess[] = []
  afterAll(async () => {
    for (const s of servers) await s.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  async function post(server: ServerProcess, path: string, body: unknown) {
    const res = await fetch(`${server.endpoint}${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    })
    return { status: res.status, body: (await res.json()) as any }
  }

  it('keeps registrations, tokens and issued credentials valid after SIGKILL and a restart', async () => {
    const first = await startServerProcess({ demo: true, dataDir })
    servers.push(first)
    const client = (
      await post(first, '/client/register', {
        clientName: 'botocore-client-emu',
        clientType: 'public',
        scopes: ['sso:account:access'],
      })
    ).body
    const start = (
      await post(first, '/device_authorization', {
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        startUrl: first.startUrl,
      })
    ).body

    const web = new FormClient(first.endpoint)
    const device = await web.request(`/device?user_code=${start.userCode}`)
    const confirmed = await web.request('/device', { csrf: csrf(device.html), user_code: start.userCode })
    const toSignIn = await web.request(confirmed.location!)
    const signInPage = await web.request(toSignIn.location!)
    const next = new URL(toSignIn.location!, first.endpoint).searchParams.get('next')!
    const signedIn = await web.request('/signin', {
      csrf: csrf(signInPage.html),
      username: 'alice',
      password: 'Alice-demo-pass-1',
      next,
    })
    const consent = await web.request(signedIn.location!)
    const approved = await web.request('/device/consent', {
      csrf: csrf(consent.html),
      user_code: start.userCode,
      decision: 'allow',
    })
    expect(approved.html).toContain('Request approved')

    const token = (
      await post(first, '/token', {
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        deviceCode: start.deviceCode,
      })
    ).body
    const creds = (await (
      await fetch(`${first.endpoint}/federation/credentials?account_id=123456789011&role_name=AdministratorAccess`, {
        headers: { 'x-amz-sso_bearer_token': token.accessToken },
      })
    ).json()) as any
    const admin = { id: first.adminAccessKeyId, secret: first.adminSecretAccessKey }
    await first.kill()

    const second = await startServerProcess({ demo: true, dataDir })
    servers.push(second)
    expect([second.adminAccessKeyId, second.adminSecretAccessKey]).toEqual([admin.id, admin.secret])
    const accounts = await fetch(`${second.endpoint}/assignment/accounts`, {
      headers: { 'x-amz-sso_bearer_token': token.accessToken },
    })
    expect(accounts.status).toBe(200)
    const refreshed = await post(second, '/token', {
      grantType: 'refresh_token',
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      refreshToken: token.refreshToken,
    })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.refreshToken).toEqual(expect.any(String))
    const sts = new STSClient({
      region: 'ap-northeast-1',
      endpoint: second.endpoint,
      credentials: {
        accessKeyId: creds.roleCredentials.accessKeyId,
        secretAccessKey: creds.roleCredentials.secretAccessKey,
        sessionToken: creds.roleCredentials.sessionToken,
      },
    })
    const identity = await sts.send(new GetCallerIdentityCommand({}))
    expect(identity.Arn).toMatch(/assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}\/alice$/)
  })
})
