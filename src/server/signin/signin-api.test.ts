import { createHash, type KeyObject } from 'node:crypto'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { createDpopProof, generateDpopKeyPem, loadDpopKey } from '../../core/login/dpop.js'
import { createApp } from '../app.js'
import { generateTotp } from '../domain/secrets.js'
import { DEMO_ORG } from '../domain/demo-org.js'
import type { OrgSpec } from '../domain/org.js'
import { appRequestHandler } from '../../../test/helpers/server/test-clients.js'
import { createTestDeps, type TestDeps } from '../../../test/helpers/server/test-deps.js'

const ORIGIN = 'http://localhost'
const TOKEN_URL = `${ORIGIN}/v1/token`
const SAME = 'arn:aws:signin:::devtools/same-device'
const CROSS = 'arn:aws:signin:::devtools/cross-device'
const LOOPBACK = 'http://127.0.0.1:50123/oauth/callback'
const VERIFIER = 'v'.repeat(20) + 'A1-._~'.repeat(4) + 'x'.repeat(20)
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url')
const LEGACY_CI = { account: '123456789011', user: 'legacy-ci', password: 'Legacy-ci-demo-pass-1' }
const LEGACY_CI_ARN = 'arn:aws:iam::123456789011:user/legacy-ci'

function setup(options: { strict?: boolean; org?: OrgSpec; now?: number } = {}) {
  const deps = createTestDeps({
    ...(options.now ? { now: options.now } : {}),
    options: { strictRefreshRotation: options.strict ?? false },
    ...(options.org ? { org: options.org } : {}),
  })
  return { deps, app: createApp(deps) }
}
type Setup = ReturnType<typeof setup>

function authorizeQuery(clientId = SAME, redirectUri = LOOPBACK, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    state: '7b5f5a38-6f9e-4d5c-9d7b-1f0c5e0a9c11',
    code_challenge_method: 'SHA-256',
    scope: 'openid',
    redirect_uri: redirectUri,
    code_challenge: CHALLENGE,
    ...extra,
  }).toString()
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)
  if (!match) throw new Error(`no hidden field ${name}`)
  return match[1] as string
}

/** Drives the browser half: the sign-in form, the MFA step when asked, and returns the redirect. */
async function signIn(
  { app, deps }: Setup,
  who = LEGACY_CI,
  query = authorizeQuery(),
  headers: Record<string, string> = {},
): Promise<Response> {
  const page = await app.request(`/v1/authorize?${query}`, { headers })
  expect(page.status).toBe(200)
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] as string
  const html = await page.text()
  const post = (path: string, form: Record<string, string>) =>
    app.request(path, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ csrf: hidden(html, 'csrf'), request: hidden(html, 'request'), ...form }).toString(),
    })
  const res = await post('/v1/authorize/signin', { account: who.account, username: who.user, password: who.password })
  if (res.status !== 200) return res
  const mfa = await res.text()
  expect(mfa).toContain('name="mfa_code"')
  return post('/v1/authorize/mfa', { mfa_code: generateTotp('JBSWY3DPEHPK3PXP', deps.clock()) })
}

function codeOf(res: Response): string {
  expect(res.status).toBe(302)
  return new URL(res.headers.get('location') as string).searchParams.get('code') as string
}

function proof(
  key: KeyObject,
  deps: TestDeps,
  overrides: Partial<{ htm: string; htu: string; iat: number; jti: string }> = {},
) {
  return createDpopProof(key, {
    htm: 'POST',
    htu: TOKEN_URL,
    iat: Math.floor(deps.clock() / 1000),
    jti: crypto.randomUUID(),
    ...overrides,
  })
}

async function token({ app }: Setup, body: Record<string, unknown>, dpop: string | undefined) {
  const res = await app.request('/v1/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(dpop ? { dpop } : {}) },
    body: JSON.stringify(body),
  })
  return { status: res.status, type: res.headers.get('x-amzn-errortype'), json: (await res.json()) as any }
}

async function login(s: Setup, key = loadDpopKey(generateDpopKeyPem())) {
  const code = codeOf(await signIn(s))
  const res = await token(
    s,
    { clientId: SAME, grantType: 'authorization_code', code, codeVerifier: VERIFIER, redirectUri: LOOPBACK },
    proof(key, s.deps),
  )
  expect(res.status).toBe(200)
  return { key, body: res.json }
}

const refresh = (s: Setup, key: KeyObject, refreshToken: string, dpop = proof(key, s.deps)) =>
  token(s, { clientId: SAME, grantType: 'refresh_token', refreshToken }, dpop)

describe('AWS Sign-In: the browser half', () => {
  it('signs legacy-ci in with password and MFA and redirects to the loopback callback with code and state', async () => {
    const res = await signIn(setup())
    const location = new URL(res.headers.get('location') as string)
    expect(`${location.origin}${location.pathname}`).toBe(LOOPBACK)
    expect(location.searchParams.get('state')).toBe('7b5f5a38-6f9e-4d5c-9d7b-1f0c5e0a9c11')
    expect(location.searchParams.get('code')).toMatch(/^[\w-]{20,}$/)
  })

  it('accepts the account alias (the account name) instead of the ID', async () => {
    expect((await signIn(setup(), { ...LEGACY_CI, account: 'developeraccount' })).status).toBe(302)
  })

  it('shows the cross-device code as base64 of state=…&code=…', async () => {
    const s = setup()
    const res = await signIn(s, LEGACY_CI, authorizeQuery(CROSS, `${ORIGIN}/v1/sessions/confirmation`))
    const location = res.headers.get('location') as string
    expect(location.startsWith(`${ORIGIN}/v1/sessions/confirmation?`)).toBe(true)
    const page = await (await s.app.request(location)).text()
    const pasted = /<pre id="verification-code">([^<]+)<\/pre>/.exec(page)?.[1] as string
    const decoded = new URLSearchParams(Buffer.from(pasted, 'base64').toString('utf8'))
    expect(decoded.get('state')).toBe('7b5f5a38-6f9e-4d5c-9d7b-1f0c5e0a9c11')
    expect(decoded.get('code')).toBe(new URL(location).searchParams.get('code'))
  })

  it('speaks Japanese when asked', async () => {
    const page = await setup().app.request(`/v1/authorize?${authorizeQuery()}`, {
      headers: { 'accept-language': 'ja' },
    })
    expect(await page.text()).toContain('AWS CLI にサインイン')
  })

  it.each([
    ['an unknown client', authorizeQuery('arn:aws:signin:::devtools/other')],
    ['a redirect that is not loopback', authorizeQuery(SAME, 'https://evil.example/oauth/callback')],
    ['a loopback redirect for the cross-device client', authorizeQuery(CROSS, LOOPBACK)],
    ['another server as confirmation page', authorizeQuery(CROSS, 'https://evil.example/v1/sessions/confirmation')],
    ['plain PKCE', authorizeQuery(SAME, LOOPBACK, { code_challenge_method: 'plain' })],
    ['a malformed challenge', authorizeQuery(SAME, LOOPBACK, { code_challenge: 'short' })],
  ])('refuses %s without redirecting', async (_name, query) => {
    const res = await setup().app.request(`/v1/authorize?${query}`)
    expect(res.status).toBe(400)
    expect(res.headers.get('location')).toBeNull()
  })

  it('refuses a wrong password, then throttles', async () => {
    const s = setup()
    for (let i = 0; i < 5; i++) expect((await signIn(s, { ...LEGACY_CI, password: 'nope' })).status).toBe(401)
    expect((await signIn(s)).status).toBe(429)
  })
})

describe('AWS Sign-In: CreateOAuth2Token', () => {
  it('issues the IAM user’s own credentials, an idToken whose sub is its ARN, and a refresh token', async () => {
    // The SDK signs with the real clock.
    const s = setup({ now: Date.now() })
    const { body } = await login(s)
    expect(body).toMatchObject({ tokenType: 'aws_sigv4', expiresIn: 900 })
    const payload = JSON.parse(Buffer.from(body.idToken.split('.')[1], 'base64url').toString())
    expect(payload.sub).toBe(LEGACY_CI_ARN)
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: ORIGIN,
      credentials: body.accessToken,
      requestHandler: appRequestHandler(s.app),
    })
    const who = await sts.send(new GetCallerIdentityCommand({}))
    expect(who.Arn).toBe(LEGACY_CI_ARN)
  })

  it('refreshes with rotation and without an idToken', async () => {
    const s = setup()
    const { key, body } = await login(s)
    const next = await refresh(s, key, body.refreshToken)
    expect(next.status).toBe(200)
    expect(next.json.refreshToken).not.toBe(body.refreshToken)
    expect(next.json.idToken).toBeUndefined()
    expect(next.json.accessToken.accessKeyId).not.toBe(body.accessToken.accessKeyId)
  })

  it('accepts the very same proof again (a client retry) but not its jti in another proof', async () => {
    const s = setup()
    const { key, body } = await login(s)
    const dpop = proof(key, s.deps, { jti: 'fixed-jti' })
    expect((await refresh(s, key, body.refreshToken, dpop)).status).toBe(200)
    expect((await refresh(s, key, body.refreshToken, dpop)).status).toBe(200)
    const replay = await refresh(s, key, body.refreshToken, proof(key, s.deps, { jti: 'fixed-jti' }))
    expect([replay.status, replay.type, replay.json.error]).toEqual([400, 'ValidationException', 'INVALID_REQUEST'])
  })
})

describe('AWS Sign-In: abuse cases', () => {
  const expectRefused = (
    res: { status: number; type: string | null; json: any },
    status: number,
    type: string,
    error: string,
  ) => expect([res.status, res.type, res.json.error]).toEqual([status, type, error])

  it.each([
    ['no DPoP header', () => undefined],
    ['a proof for another URL (htu)', (k: KeyObject, d: TestDeps) => proof(k, d, { htu: 'http://localhost/v1/other' })],
    ['a proof for another method (htm)', (k: KeyObject, d: TestDeps) => proof(k, d, { htm: 'GET' })],
    [
      'a proof issued 10 minutes ago (iat)',
      (k: KeyObject, d: TestDeps) => proof(k, d, { iat: Math.floor(d.clock() / 1000) - 600 }),
    ],
    [
      'a proof from the future (iat)',
      (k: KeyObject, d: TestDeps) => proof(k, d, { iat: Math.floor(d.clock() / 1000) + 600 }),
    ],
    [
      'a proof whose payload was changed after signing',
      (k: KeyObject, d: TestDeps) => {
        const [h, , sig] = proof(k, d).split('.')
        const forged = Buffer.from(
          JSON.stringify({ htm: 'POST', htu: TOKEN_URL, iat: Math.floor(d.clock() / 1000), jti: 'x' }),
        ).toString('base64url')
        return `${h}.${forged}.${sig}`
      },
    ],
    [
      'a proof signed by another key than the embedded JWK',
      (k: KeyObject, d: TestDeps) => {
        const [h] = proof(k, d).split('.')
        const [, p, sig] = proof(loadDpopKey(generateDpopKeyPem()), d).split('.')
        return `${h}.${p}.${sig}`
      },
    ],
    [
      'an unsigned proof (alg none)',
      (k: KeyObject, d: TestDeps) => {
        const [, p] = proof(k, d).split('.')
        return `${Buffer.from(JSON.stringify({ typ: 'dpop+jwt', alg: 'none' })).toString('base64url')}.${p}.`
      },
    ],
  ])('refuses %s', async (_name, makeProof) => {
    const s = setup()
    const key = loadDpopKey(generateDpopKeyPem())
    const code = codeOf(await signIn(s))
    const res = await token(
      s,
      { clientId: SAME, grantType: 'authorization_code', code, codeVerifier: VERIFIER, redirectUri: LOOPBACK },
      makeProof(key, s.deps),
    )
    expectRefused(res, 400, 'ValidationException', 'INVALID_REQUEST')
  })

  it('refuses a code verifier that does not match the challenge (PKCE)', async () => {
    const s = setup()
    const key = loadDpopKey(generateDpopKeyPem())
    const code = codeOf(await signIn(s))
    const res = await token(
      s,
      { clientId: SAME, grantType: 'authorization_code', code, codeVerifier: 'w'.repeat(64), redirectUri: LOOPBACK },
      proof(key, s.deps),
    )
    expectRefused(res, 400, 'ValidationException', 'INVALID_REQUEST')
  })

  it('refuses a code used twice, or with another redirect URI or client', async () => {
    const s = setup()
    const key = loadDpopKey(generateDpopKeyPem())
    const base = { clientId: SAME, grantType: 'authorization_code', codeVerifier: VERIFIER, redirectUri: LOOPBACK }
    const code = codeOf(await signIn(s))
    expect((await token(s, { ...base, code }, proof(key, s.deps))).status).toBe(200)
    expectRefused(await token(s, { ...base, code }, proof(key, s.deps)), 400, 'ValidationException', 'INVALID_REQUEST')
    s.deps.advance(30_000) // a new MFA code
    const other = codeOf(await signIn(s))
    const wrongUri = { ...base, code: other, redirectUri: 'http://127.0.0.1:1/oauth/callback' }
    expectRefused(await token(s, wrongUri, proof(key, s.deps)), 400, 'ValidationException', 'INVALID_REQUEST')
    s.deps.advance(30_000)
    const third = codeOf(await signIn(s))
    expectRefused(
      await token(s, { ...base, code: third, clientId: CROSS }, proof(key, s.deps)),
      400,
      'ValidationException',
      'INVALID_REQUEST',
    )
  })

  it('answers AUTHCODE_EXPIRED for a code older than five minutes', async () => {
    const s = setup()
    const key = loadDpopKey(generateDpopKeyPem())
    const code = codeOf(await signIn(s))
    s.deps.advance(301_000)
    const res = await token(
      s,
      { clientId: SAME, grantType: 'authorization_code', code, codeVerifier: VERIFIER, redirectUri: LOOPBACK },
      proof(key, s.deps),
    )
    expectRefused(res, 401, 'AccessDeniedException', 'AUTHCODE_EXPIRED')
  })

  it('refuses a refresh token presented with another DPoP key (token binding)', async () => {
    const s = setup()
    const { body } = await login(s)
    const thief = loadDpopKey(generateDpopKeyPem())
    expectRefused(await refresh(s, thief, body.refreshToken), 400, 'ValidationException', 'INVALID_REQUEST')
  })

  it('ends the session when a rotated refresh token comes back under --strict-refresh-rotation', async () => {
    const s = setup({ strict: true })
    const { key, body } = await login(s)
    const next = await refresh(s, key, body.refreshToken)
    expect(next.status).toBe(200)
    expectRefused(await refresh(s, key, body.refreshToken), 401, 'AccessDeniedException', 'TOKEN_EXPIRED')
    // The whole session is gone: the newest token no longer works either.
    expectRefused(await refresh(s, key, next.json.refreshToken), 401, 'AccessDeniedException', 'TOKEN_EXPIRED')
  })

  it('answers TOKEN_EXPIRED after the 12-hour session', async () => {
    const s = setup()
    const { key, body } = await login(s)
    s.deps.advance(12 * 3600_000 + 1000)
    expectRefused(await refresh(s, key, body.refreshToken), 401, 'AccessDeniedException', 'TOKEN_EXPIRED')
  })

  it('answers USER_CREDENTIALS_CHANGED after the console password changed', async () => {
    const s = setup()
    const { key, body } = await login(s)
    s.deps.advance(1000)
    s.deps.store.saveConsolePassword({
      accountId: LEGACY_CI.account,
      userName: LEGACY_CI.user,
      passwordHash: s.deps.passwords.hash('Another-pass-123'),
      changedAt: s.deps.clock(),
    })
    expectRefused(await refresh(s, key, body.refreshToken), 403, 'AccessDeniedException', 'USER_CREDENTIALS_CHANGED')
  })

  it('answers INSUFFICIENT_PERMISSIONS when the user may not call signin:CreateOAuth2Token', async () => {
    const org: OrgSpec = {
      ...DEMO_ORG,
      iam: {
        ...DEMO_ORG.iam,
        users: DEMO_ORG.iam!.users!.map((u) => ({ ...u, managedPolicies: ['ReadOnlyAccess'] })),
      },
    }
    const s = setup({ org })
    const code = codeOf(await signIn(s))
    const res = await token(
      s,
      { clientId: SAME, grantType: 'authorization_code', code, codeVerifier: VERIFIER, redirectUri: LOOPBACK },
      proof(loadDpopKey(generateDpopKeyPem()), s.deps),
    )
    expectRefused(res, 403, 'AccessDeniedException', 'INSUFFICIENT_PERMISSIONS')
  })
})
