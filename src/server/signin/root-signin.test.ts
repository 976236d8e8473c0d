import { createHash } from 'node:crypto'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { createDpopProof, generateDpopKeyPem, loadDpopKey } from '../../core/login/dpop.js'
import { createApp } from '../app.js'
import { generateTotp } from '../domain/secrets.js'
import { DEMO_ORG } from '../domain/demo-org.js'
import type { OrgSpec } from '../domain/org.js'
import { appRequestHandler } from '../../../test/helpers/server/test-clients.js'
import { createTestDeps } from '../../../test/helpers/server/test-deps.js'

// Root-user sign-in of `aws login` (email, password, MFA when the root has a device), end to end
// through app.request(): the browser pages, then CreateOAuth2Token and the issued credentials.
const ORIGIN = 'http://localhost'
const SAME = 'arn:aws:signin:::devtools/same-device'
const LOOPBACK = 'http://127.0.0.1:50123/oauth/callback'
const VERIFIER = 'r'.repeat(64)
const ROOT = { email: 'root@example.com', password: 'Root-demo-pass-1' }
const PROD_ROOT = { email: 'owner@prod.example.com', password: 'Prod-root-pass-1' }
const TOTP_SECRET = 'JBSWY3DPEHPK3PXP'
// ProductionAccount gets a root user with an MFA device.
const ORG: OrgSpec = {
  ...DEMO_ORG,
  accounts: DEMO_ORG.accounts!.map((a) =>
    a.id === '123456789022'
      ? {
          ...a,
          rootUser: {
            email: PROD_ROOT.email,
            consolePassword: PROD_ROOT.password,
            mfaDevice: { totpSecret: TOTP_SECRET },
          },
        }
      : a,
  ),
}

function setup(now?: number) {
  const deps = createTestDeps({ org: ORG, ...(now ? { now } : {}) })
  return { deps, app: createApp(deps) }
}
type Setup = ReturnType<typeof setup>

function field(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)
  if (!match) throw new Error(`no field ${name}`)
  return match[1] as string
}

/** Opens the sign-in page, switches to "Root user", and posts email and password (and MFA when asked). */
async function signInAsRoot(
  { app, deps }: Setup,
  who: { email: string; password: string },
  headers: Record<string, string> = {},
) {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: SAME,
    state: 'root-state',
    code_challenge_method: 'SHA-256',
    scope: 'openid',
    redirect_uri: LOOPBACK,
    code_challenge: createHash('sha256').update(VERIFIER).digest('base64url'),
  })
  const first = await app.request(`/v1/authorize?${query}`, { headers })
  const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] as string
  const request = field(await first.text(), 'request')
  const page = await app.request(`/v1/authorize/root?request=${request}`, { headers: { cookie, ...headers } })
  expect(page.status).toBe(200)
  const html = await page.text()
  expect(html).toContain('name="email"')
  expect(html).not.toContain('name="account"')
  const post = (path: string, form: Record<string, string>) =>
    app.request(path, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ csrf: field(html, 'csrf'), request, ...form }).toString(),
    })
  const res = await post('/v1/authorize/signin', { as: 'root', email: who.email, password: who.password })
  if (res.status !== 200) return res
  expect(await res.text()).toContain('name="mfa_code"')
  return post('/v1/authorize/mfa', { mfa_code: generateTotp(TOTP_SECRET, deps.clock()) })
}

async function token({ app, deps }: Setup, key: ReturnType<typeof loadDpopKey>, body: Record<string, unknown>) {
  const dpop = createDpopProof(key, {
    htm: 'POST',
    htu: `${ORIGIN}/v1/token`,
    iat: Math.floor(deps.clock() / 1000),
    jti: crypto.randomUUID(),
  })
  const res = await app.request('/v1/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', dpop },
    body: JSON.stringify({ clientId: SAME, ...body }),
  })
  return { status: res.status, json: (await res.json()) as any }
}

async function login(s: Setup, who = ROOT) {
  const res = await signInAsRoot(s, who)
  expect(res.status).toBe(302)
  const code = new URL(res.headers.get('location') as string).searchParams.get('code') as string
  const key = loadDpopKey(generateDpopKeyPem())
  const out = await token(s, key, {
    grantType: 'authorization_code',
    code,
    codeVerifier: VERIFIER,
    redirectUri: LOOPBACK,
  })
  expect(out.status).toBe(200)
  return { key, body: out.json }
}

function clients(s: Setup, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string }) {
  const common = { region: 'us-east-1', endpoint: ORIGIN, credentials, requestHandler: appRequestHandler(s.app) }
  return { sts: new STSClient(common), s3: new S3Client({ ...common, forcePathStyle: true }) }
}

describe('AWS Sign-In as the root user', () => {
  it('offers "Root user" with an email field, in English and Japanese', async () => {
    const s = setup()
    for (const [lang, label] of [
      ['en', 'Root user email address'],
      ['ja', 'ルートユーザーの E メールアドレス'],
    ] as const) {
      const first = await s.app.request(
        `/v1/authorize?response_type=code&client_id=${encodeURIComponent(SAME)}&state=s&code_challenge_method=SHA-256&redirect_uri=${encodeURIComponent(LOOPBACK)}&code_challenge=${'a'.repeat(43)}`,
        { headers: { 'accept-language': lang } },
      )
      const request = field(await first.text(), 'request')
      const page = await (
        await s.app.request(`/v1/authorize/root?request=${request}`, { headers: { 'accept-language': lang } })
      ).text()
      expect(page).toContain(label)
    }
  })

  it("issues the root's credentials: GetCallerIdentity shows the root ARN, the idToken's sub is it, and root may do anything in its account", async () => {
    // The SDK signs with the real clock.
    const s = setup(Date.now())
    const { body } = await login(s)
    const payload = JSON.parse(Buffer.from(body.idToken.split('.')[1], 'base64url').toString())
    expect(payload.sub).toBe('arn:aws:iam::123456789011:root')
    const { sts, s3 } = clients(s, body.accessToken)
    const who = await sts.send(new GetCallerIdentityCommand({}))
    expect(who).toMatchObject({
      Arn: 'arn:aws:iam::123456789011:root',
      UserId: '123456789011',
      Account: '123456789011',
    })
    const buckets = await s3.send(new ListBucketsCommand({}))
    expect(buckets.Buckets?.map((b) => b.Name)).toContain('dev-app-assets-123456789011')
  })

  it('refreshes as for IAM users, and ends the session when the root password changed', async () => {
    const s = setup()
    const { key, body } = await login(s)
    const next = await token(s, key, { grantType: 'refresh_token', refreshToken: body.refreshToken })
    expect(next.status).toBe(200)
    expect(next.json.refreshToken).not.toBe(body.refreshToken)
    const root = s.deps.store.getRootUser('123456789011')!
    s.deps.advance(1000)
    s.deps.store.saveRootUser({
      ...root,
      passwordHash: s.deps.passwords.hash('Another-root-1'),
      changedAt: s.deps.clock(),
    })
    const refused = await token(s, key, { grantType: 'refresh_token', refreshToken: next.json.refreshToken })
    expect(refused).toMatchObject({ status: 403, json: { error: 'USER_CREDENTIALS_CHANGED' } })
  })

  it('asks a root with an MFA device for its code, and records MFA in the credentials', async () => {
    const s = setup()
    const { body } = await login(s, PROD_ROOT)
    const issued = s.deps.store.findIssuedCredentials(body.accessToken.accessKeyId)
    expect(issued?.principal).toEqual({ type: 'root_session', accountId: '123456789022', mfaAuthenticated: true })
  })

  it('refuses a wrong password, then throttles', async () => {
    const s = setup()
    for (let i = 0; i < 5; i++) expect((await signInAsRoot(s, { ...ROOT, password: 'nope' })).status).toBe(401)
    expect((await signInAsRoot(s, ROOT)).status).toBe(429)
  })

  it("refuses another account's root password with this account's email, and an unknown email", async () => {
    const s = setup()
    expect((await signInAsRoot(s, { email: ROOT.email, password: PROD_ROOT.password })).status).toBe(401)
    expect((await signInAsRoot(s, { email: 'nobody@example.com', password: ROOT.password })).status).toBe(401)
  })

  it('refuses the root email as an IAM user name', async () => {
    const s = setup()
    const first = await s.app.request(
      `/v1/authorize?response_type=code&client_id=${encodeURIComponent(SAME)}&state=s&code_challenge_method=SHA-256&redirect_uri=${encodeURIComponent(LOOPBACK)}&code_challenge=${'a'.repeat(43)}`,
    )
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] as string
    const html = await first.text()
    const res = await s.app.request('/v1/authorize/signin', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        csrf: field(html, 'csrf'),
        request: field(html, 'request'),
        account: '123456789011',
        username: ROOT.email,
        password: ROOT.password,
      }).toString(),
    })
    expect(res.status).toBe(401)
  })
})
