// The local Identity Center's pages in real Chromium (playwright-core, Debian's chromium) against a
// real `idc server --demo` process on 127.0.0.1:0: the device flow for alice, the PKCE flow for bob
// with MFA, a denial, the access portal's Access keys panel, the invitation flow, and Japanese.
import { createServer, type Server } from 'node:http'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash, randomBytes } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { findChromium, requireTool } from '../helpers/tools.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'

const chromiumPath = requireTool(findChromium())
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
const DEVICE = 'urn:ietf:params:oauth:grant-type:device_code'

function totp(secret: string, offsetMs = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetMs,
  })
}

describe.skipIf(!chromiumPath)('idc server pages in Chromium', () => {
  let server: ServerProcess
  let browser: Browser
  let scratch: string

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'idc-e2e-pages-'))
    const org = join(scratch, 'org.yaml')
    writeFileSync(org, 'users:\n  - userName: carol\n    email: carol@example.com\n    displayName: Carol Example\n')
    server = await startServerProcess({ demo: true, args: ['--org', org] })
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(scratch, { recursive: true, force: true })
  })

  async function api(path: string, body: unknown): Promise<{ status: number; type: string | null; body: any }> {
    const res = await fetch(`${server.endpoint}${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    })
    return { status: res.status, type: res.headers.get('x-amzn-ErrorType'), body: await res.json() }
  }

  async function newPage(locale = 'en-US'): Promise<Page> {
    const context = await browser.newContext({ locale })
    return context.newPage()
  }

  async function signIn(
    page: Page,
    username: string,
    password: string,
    mfaSecret?: string,
    offsetMs = 0,
  ): Promise<void> {
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    if (mfaSecret) {
      await page.getByLabel('MFA code').fill(totp(mfaSecret, offsetMs))
      await page.getByRole('button', { name: 'Sign in' }).click()
    }
  }

  /** A loopback listener standing in for the CLI's OAuth callback server. */
  async function callbackServer(): Promise<{ uri: string; received: Promise<URLSearchParams>; close(): void }> {
    let resolve!: (q: URLSearchParams) => void
    const received = new Promise<URLSearchParams>((r) => (resolve = r))
    const srv: Server = createServer((req, res) => {
      res.end('<html><body>callback received</body></html>')
      resolve(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams)
    })
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()))
    const port = (srv.address() as { port: number }).port
    return { uri: `http://127.0.0.1:${port}/oauth/callback`, received, close: () => srv.close() }
  }

  async function pkceClient() {
    return (
      await api('/client/register', {
        clientName: 'botocore-client-e2e',
        clientType: 'public',
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: ['http://127.0.0.1/oauth/callback'],
        scopes: ['sso:account:access'],
        issuerUrl: server.startUrl,
      })
    ).body
  }

  function authorizeUrl(clientId: string, redirectUri: string, challenge: string, state: string): string {
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      state,
      code_challenge_method: 'S256',
      scopes: 'sso:account:access',
      code_challenge: challenge,
    })
    return `${server.endpoint}/authorize?${q}`
  }

  it('device flow: alice confirms the code, signs in and allows access; CreateToken then succeeds', async () => {
    const client = (
      await api('/client/register', {
        clientName: 'botocore-client-device',
        clientType: 'public',
        scopes: ['sso:account:access'],
      })
    ).body
    const start = (
      await api('/device_authorization', {
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        startUrl: server.startUrl,
      })
    ).body
    const poll = () =>
      api('/token', {
        grantType: DEVICE,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        deviceCode: start.deviceCode,
      })
    expect((await poll()).type).toBe('AuthorizationPendingException')
    const page = await newPage()
    await page.goto(start.verificationUriComplete)
    expect(await page.locator('[data-testid=user-code]').textContent()).toBe(start.userCode)
    await page.getByRole('button', { name: 'Confirm and continue' }).click()
    await signIn(page, 'alice', 'Alice-demo-pass-1')
    expect(await page.textContent('main')).toContain('botocore-client-device')
    await page.getByRole('button', { name: 'Allow access' }).click()
    await page.getByRole('heading', { name: 'Request approved' }).waitFor()
    const token = await poll()
    expect(token.status).toBe(200)
    const roles = await fetch(`${server.endpoint}/assignment/roles?account_id=123456789011`, {
      headers: { 'x-amz-sso_bearer_token': token.body.accessToken },
    })
    expect(await roles.json()).toEqual({ roleList: [{ roleName: 'AdministratorAccess', accountId: '123456789011' }] })
    await page.context().close()
  })

  it('PKCE flow: bob signs in with MFA, allows access, and the loopback callback gets code and state', async () => {
    const client = await pkceClient()
    const callback = await callbackServer()
    const verifier = randomBytes(48).toString('base64url')
    const challenge = createHash('sha256').update(verifier).digest('base64url')
    const state = '48053a22-6237-471e-89a1-ccaea51bb838'
    const page = await newPage()
    await page.goto(authorizeUrl(client.clientId, callback.uri, challenge, state))
    await signIn(page, 'bob', 'Bob-demo-pass-1', 'JBSWY3DPEHPK3PXP')
    await page.getByRole('button', { name: 'Allow access' }).click()
    const query = await callback.received
    expect(query.get('state')).toBe(state)
    const token = await api('/token', {
      grantType: 'authorization_code',
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      code: query.get('code'),
      redirectUri: callback.uri,
      codeVerifier: verifier,
    })
    expect(token.status).toBe(200)
    expect(token.body.tokenType).toBe('Bearer')
    callback.close()
    await page.context().close()
  })

  it('PKCE flow: denying redirects with error=access_denied', async () => {
    const client = await pkceClient()
    const callback = await callbackServer()
    const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url')
    const page = await newPage()
    await page.goto(authorizeUrl(client.clientId, callback.uri, challenge, 'state-deny'))
    await signIn(page, 'alice', 'Alice-demo-pass-1')
    await page.getByRole('button', { name: 'Deny access' }).click()
    const query = await callback.received
    expect([query.get('error'), query.get('state'), query.get('code')]).toEqual(['access_denied', 'state-deny', null])
    callback.close()
    await page.context().close()
  })

  it('access portal: alice sees her account and role, and the Access keys panel gives working credentials', async () => {
    const page = await newPage()
    await page.goto(`${server.endpoint}/start`)
    await signIn(page, 'alice', 'Alice-demo-pass-1')
    await page.getByRole('heading', { name: 'DeveloperAccount' }).waitFor()
    expect(await page.textContent('main')).not.toContain('ProductionAccount')
    await page.getByRole('link', { name: 'Access keys' }).click()
    expect(await page.locator('[data-testid=sso-start-url]').textContent()).toBe(
      'https://d-9567a1b2c3.awsapps.com/start',
    )
    expect(await page.locator('[data-testid=sso-region]').textContent()).toBe('ap-northeast-1')
    const bash = (await page.locator('[data-testid=bash]').textContent()) ?? ''
    expect(await page.locator('[data-testid=powershell]').textContent()).toContain('$Env:AWS_ACCESS_KEY_ID=')
    expect(await page.locator('[data-testid=cmd]').textContent()).toContain('set AWS_ACCESS_KEY_ID=ASIA')
    const value = (name: string) => new RegExp(`export ${name}="([^"]+)"`).exec(bash)?.[1] as string
    const sts = new STSClient({
      region: 'ap-northeast-1',
      endpoint: server.endpoint,
      credentials: {
        accessKeyId: value('AWS_ACCESS_KEY_ID'),
        secretAccessKey: value('AWS_SECRET_ACCESS_KEY'),
        sessionToken: value('AWS_SESSION_TOKEN'),
      },
    })
    const identity = await sts.send(new GetCallerIdentityCommand({}))
    expect(identity.Account).toBe('123456789011')
    expect(identity.Arn).toMatch(
      /^arn:aws:sts::123456789011:assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}\/alice$/,
    )
    await page.context().close()
  })

  it('invitation: carol sets a password, enrols TOTP from the page, then signs in', async () => {
    const link = /Invitation for carol: (\S+)/.exec(server.stderr())?.[1]
    expect(link).toBeDefined()
    const page = await newPage()
    await page.goto(link!)
    expect(await page.locator('[data-testid=password-policy]').textContent()).toContain('At least 12 characters')
    await page.getByLabel('New password').fill('Carol-pass-123')
    await page.getByLabel('Confirm password').fill('Carol-pass-123')
    await page.getByRole('button', { name: 'Set password' }).click()
    expect(await page.locator('.qr svg').count()).toBe(1)
    const secret = (await page.locator('[data-testid=totp-secret]').textContent())!.trim()
    await page.getByLabel('MFA code').fill(totp(secret))
    await page.getByRole('button', { name: 'Register MFA device' }).click()
    await page.getByText('Your account is ready').waitFor()
    // The enrolment used this 30-second step; the next step's code is accepted (±1 step) and is new.
    await signIn(page, 'carol', 'Carol-pass-123', secret, 30_000)
    await page.getByRole('heading', { name: 'AWS access portal' }).waitFor()
    expect(await page.textContent('main')).toContain('You do not have access to any AWS account.')
    await page.context().close()
  })

  it('Japanese: pages follow Accept-Language', async () => {
    const page = await newPage('ja-JP')
    await page.goto(`${server.endpoint}/signin`)
    expect(await page.getAttribute('html', 'lang')).toBe('ja')
    await page.getByLabel('ユーザー名').fill('alice')
    await page.getByLabel('パスワード').fill('wrong-password')
    await page.getByRole('button', { name: 'サインイン' }).click()
    await page.getByText('ユーザー名またはパスワードが正しくありません。').waitFor()
    await page.goto(`${server.endpoint}/device?user_code=BCDF-GHJK`)
    await page.getByRole('button', { name: '確認して続行' }).waitFor()
    await page.context().close()
  })

  it('serves metrics for what happened, and logs no secrets', async () => {
    const metrics = await (await fetch(`${server.endpoint}/_idc/metrics`)).text()
    expect(metrics).toMatch(
      /idc_requests_total\{grant_type="authorization_code",operation="CreateToken",outcome="success"\} \d+/,
    )
    expect(server.stderr()).not.toContain('Alice-demo-pass-1')
    expect(server.stderr()).not.toContain('code=')
  })
})
