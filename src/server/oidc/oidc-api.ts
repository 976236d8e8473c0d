/**
 * SSO OIDC (rest-json, unsigned): RegisterClient, StartDeviceAuthorization and CreateToken for the
 * device-code, authorization-code (PKCE) and refresh-token grants (wire-protocol §3).
 *
 * @module
 */
import { createHash } from 'node:crypto'
import { Hono, type Context } from 'hono'
import type { ServerDeps } from '../deps.js'
import { oidcError, readJsonObject, requestOrigin } from '../http-errors.js'
import { randomToken, randomUserCode } from '../ids.js'
import { hashSecret, safeEqual } from '../domain/secrets.js'
import { refreshTokenSession, startTokenSession, type IssuedTokens } from '../domain/tokens.js'
import { isLoopbackRedirectUri } from '../domain/redirect-uri.js'
import { adoptClient } from '../domain/clients.js'
import type { OidcClient } from '../store/store.js'

/** Registrations last 90 days; the CLI caches them until `clientSecretExpiresAt`. */
const REGISTRATION_SECONDS = 90 * 24 * 3600
/** Device codes expire after ten minutes, as with AWS. */
const DEVICE_CODE_SECONDS = 600
/** AWS answers `interval: 1`. */
const DEVICE_POLL_INTERVAL = 1
/** The CLI polls twice back to back before it starts sleeping (wire-protocol §4.4). */
const FREE_POLLS = 2
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'
const KNOWN_GRANTS = new Set([DEVICE_GRANT, 'authorization_code', 'refresh_token'])
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/

type Fail = { status: 400 | 401 | 500; type: string; error: string; description: string }
const fail = (status: Fail['status'], type: string, error: string, description: string): Fail => ({
  status,
  type,
  error,
  description,
})
const invalidRequest = (d: string) => fail(400, 'InvalidRequestException', 'invalid_request', d)
const invalidGrant = (d: string) => fail(400, 'InvalidGrantException', 'invalid_grant', d)
const invalidClient = () => fail(401, 'InvalidClientException', 'invalid_client', 'Invalid client credentials')

function str(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key]
  return typeof v === 'string' && v !== '' ? v : undefined
}
function strList(body: Record<string, unknown>, key: string): string[] | undefined | false {
  const v = body[key]
  if (v === undefined || v === null) return undefined
  return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : false
}

/** Checks a client id and secret; the client is returned when both match and it has not expired. */
export function authenticateClient(deps: ServerDeps, clientId: string, clientSecret: string): OidcClient | undefined {
  let client = deps.store.getClient(clientId)
  if (!client && deps.options.adoptUnknownClients) client = adoptClient(deps, clientId, clientSecret)
  if (!client) return undefined
  if (client.clientSecretHash === '' && deps.store.bindClientSecret(clientId, hashSecret(clientSecret)))
    client = { ...client, clientSecretHash: hashSecret(clientSecret) }
  if (!safeEqual(hashSecret(clientSecret), client.clientSecretHash)) return undefined
  if (client.expiresAt * 1000 <= deps.clock()) return undefined
  return client
}

/** The S256 PKCE challenge of a verifier. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url')
}

/** The OIDC sub-app. */
export function createOidcApi(deps: ServerDeps): Hono {
  const app = new Hono()

  function respond(
    c: Context,
    operation: string,
    result: Fail | Record<string, unknown>,
    labels?: Record<string, string>,
  ): Response {
    if ('status' in result && 'type' in result && 'error' in result) {
      const f = result as Fail
      deps.recordRequest(operation, f.type, labels)
      return oidcError(c, f.status, f.type, f.error, f.description)
    }
    deps.recordRequest(operation, 'success', labels)
    return c.json(result)
  }

  app.post('/client/register', async (c) => {
    const body = await readJsonObject(c)
    return respond(
      c,
      'RegisterClient',
      body ? registerClient(deps, body) : invalidRequest('Request body is not a JSON object'),
    )
  })

  app.post('/device_authorization', async (c) => {
    const body = await readJsonObject(c)
    return respond(
      c,
      'StartDeviceAuthorization',
      body
        ? startDeviceAuthorization(deps, body, requestOrigin(c))
        : invalidRequest('Request body is not a JSON object'),
    )
  })

  app.post('/token', async (c) => {
    if (c.req.query('aws_iam') !== undefined) {
      return respond(
        c,
        'CreateTokenWithIAM',
        invalidRequest('CreateTokenWithIAM is not supported by the local Identity Center'),
      )
    }
    const body = await readJsonObject(c)
    const grantType = body ? (str(body, 'grantType') ?? 'none') : 'none'
    const label = { grant_type: KNOWN_GRANTS.has(grantType) ? grantType : 'other' }
    return respond(
      c,
      'CreateToken',
      body ? createToken(deps, body) : invalidRequest('Request body is not a JSON object'),
      label,
    )
  })

  return app
}

function registerClient(deps: ServerDeps, body: Record<string, unknown>): Fail | Record<string, unknown> {
  const clientName = str(body, 'clientName')
  const clientType = str(body, 'clientType')
  if (!clientName || !clientType) return invalidRequest('clientName and clientType are required')
  if (clientType !== 'public')
    return fail(
      400,
      'InvalidClientMetadataException',
      'invalid_client_metadata',
      'Invalid client type: only public clients are supported',
    )
  const scopes = strList(body, 'scopes')
  const redirectUris = strList(body, 'redirectUris')
  const grantTypes = strList(body, 'grantTypes')
  if (scopes === false || redirectUris === false || grantTypes === false)
    return invalidRequest('scopes, redirectUris and grantTypes must be lists of strings')
  for (const s of scopes ?? []) {
    if (!/^[\w.:/-]{1,256}$/.test(s)) return fail(400, 'InvalidScopeException', 'invalid_scope', `Invalid scope: ${s}`)
  }
  for (const g of grantTypes ?? []) {
    if (!KNOWN_GRANTS.has(g))
      return fail(400, 'UnsupportedGrantTypeException', 'unsupported_grant_type', `Unsupported grant type: ${g}`)
  }
  for (const uri of redirectUris ?? []) {
    if (!isLoopbackRedirectUri(uri))
      return fail(
        400,
        'InvalidRedirectUriException',
        'invalid_redirect_uri',
        'Redirect URIs must be loopback http addresses',
      )
  }
  if (grantTypes?.includes('authorization_code') && !redirectUris?.length)
    return fail(
      400,
      'InvalidRedirectUriException',
      'invalid_redirect_uri',
      'The authorization_code grant needs a redirect URI',
    )
  const issuedAt = Math.floor(deps.clock() / 1000)
  const clientId = randomToken(deps.ids, 24)
  const clientSecret = randomToken(deps.ids, 64)
  const expiresAt = issuedAt + REGISTRATION_SECONDS
  deps.store.registerClient({
    clientId,
    clientSecretHash: hashSecret(clientSecret),
    clientName,
    clientType,
    scopes: scopes ?? [],
    redirectUris: redirectUris ?? [],
    grantTypes: grantTypes ?? [],
    issuerUrl: str(body, 'issuerUrl') ?? null,
    issuedAt,
    expiresAt,
  })
  return { clientId, clientSecret, clientIdIssuedAt: issuedAt, clientSecretExpiresAt: expiresAt }
}

function startDeviceAuthorization(
  deps: ServerDeps,
  body: Record<string, unknown>,
  origin: string,
): Fail | Record<string, unknown> {
  const clientId = str(body, 'clientId')
  const clientSecret = str(body, 'clientSecret')
  const startUrl = str(body, 'startUrl')
  if (!clientId || !clientSecret || !startUrl) return invalidRequest('clientId, clientSecret and startUrl are required')
  const client = authenticateClient(deps, clientId, clientSecret)
  if (!client) return invalidClient()
  if (client.grantTypes.length > 0 && !client.grantTypes.includes(DEVICE_GRANT)) {
    return fail(
      400,
      'UnauthorizedClientException',
      'unauthorized_client',
      'This client is not registered for the device code grant',
    )
  }
  const now = deps.clock()
  const deviceCode = randomToken(deps.ids, 48)
  let userCode = randomUserCode(deps.ids)
  while (deps.store.findDeviceAuthorizationByUserCode(userCode)) userCode = randomUserCode(deps.ids)
  deps.store.createDeviceAuthorization({
    deviceCodeHash: hashSecret(deviceCode),
    userCode,
    clientId,
    startUrl,
    scopes: client.scopes,
    status: 'pending',
    userId: null,
    intervalSeconds: DEVICE_POLL_INTERVAL,
    pollCount: 0,
    lastPollAt: null,
    createdAt: now,
    expiresAt: now + DEVICE_CODE_SECONDS * 1000,
  })
  return {
    deviceCode,
    userCode,
    verificationUri: `${origin}/device`,
    verificationUriComplete: `${origin}/device?user_code=${userCode}`,
    expiresIn: DEVICE_CODE_SECONDS,
    interval: DEVICE_POLL_INTERVAL,
  }
}

function tokenResponse(t: IssuedTokens): Record<string, unknown> {
  return { accessToken: t.accessToken, tokenType: 'Bearer', expiresIn: t.expiresIn, refreshToken: t.refreshToken }
}

function createToken(deps: ServerDeps, body: Record<string, unknown>): Fail | Record<string, unknown> {
  const clientId = str(body, 'clientId')
  const clientSecret = str(body, 'clientSecret')
  const grantType = str(body, 'grantType')
  if (!clientId || !clientSecret || !grantType)
    return invalidRequest('clientId, clientSecret and grantType are required')
  const client = authenticateClient(deps, clientId, clientSecret)
  if (!client) return invalidClient()
  if (!KNOWN_GRANTS.has(grantType))
    return fail(400, 'UnsupportedGrantTypeException', 'unsupported_grant_type', `Unsupported grant type: ${grantType}`)
  if (client.grantTypes.length > 0 && !client.grantTypes.includes(grantType)) {
    return fail(
      400,
      'UnauthorizedClientException',
      'unauthorized_client',
      `This client is not registered for the ${grantType} grant`,
    )
  }
  if (grantType === DEVICE_GRANT) return deviceCodeGrant(deps, client, body)
  if (grantType === 'authorization_code') return authorizationCodeGrant(deps, client, body)
  return refreshTokenGrant(deps, client, body)
}

function deviceCodeGrant(
  deps: ServerDeps,
  client: OidcClient,
  body: Record<string, unknown>,
): Fail | Record<string, unknown> {
  const deviceCode = str(body, 'deviceCode')
  if (!deviceCode) return invalidRequest('deviceCode is required')
  const now = deps.clock()
  const hash = hashSecret(deviceCode)
  const auth = deps.store.recordDevicePoll(hash, now)
  if (!auth || auth.clientId !== client.clientId) return invalidGrant('Invalid device code provided')
  if (auth.status === 'used') return invalidGrant('Device code has already been used')
  if (auth.expiresAt <= now) return fail(400, 'ExpiredTokenException', 'expired_token', 'Device code has expired')
  if (auth.status === 'denied')
    return fail(400, 'AccessDeniedException', 'access_denied', 'The user denied the authorization request')
  if (auth.status === 'pending') {
    // Polls closer together than the interval are told to slow down, except the first two, which
    // the CLI always sends back to back. A little slack absorbs timer jitter in the clients.
    const tooSoon = auth.lastPollAt !== null && now - auth.lastPollAt < auth.intervalSeconds * 1000 - 250
    if (auth.pollCount >= FREE_POLLS && tooSoon)
      return fail(400, 'SlowDownException', 'slow_down', 'Client is polling too quickly')
    return fail(400, 'AuthorizationPendingException', 'authorization_pending', 'Authorization is still pending')
  }
  if (!auth.userId || !deps.store.consumeDeviceAuthorization(hash))
    return invalidGrant('Device code has already been used')
  return tokenResponse(startTokenSession(deps, { clientId: client.clientId, userId: auth.userId, scopes: auth.scopes }))
}

function authorizationCodeGrant(
  deps: ServerDeps,
  client: OidcClient,
  body: Record<string, unknown>,
): Fail | Record<string, unknown> {
  const code = str(body, 'code')
  const redirectUri = str(body, 'redirectUri')
  const codeVerifier = str(body, 'codeVerifier')
  if (!code || !redirectUri || !codeVerifier) return invalidRequest('code, redirectUri and codeVerifier are required')
  const record = deps.store.consumeAuthorizationCode(hashSecret(code))
  if (!record || record.clientId !== client.clientId) return invalidGrant('Invalid authorization code provided')
  if (record.used) return invalidGrant('Authorization code has already been used')
  if (record.expiresAt <= deps.clock()) return invalidGrant('Authorization code has expired')
  if (record.redirectUri !== redirectUri) return invalidGrant('redirectUri does not match the authorization request')
  if (!VERIFIER.test(codeVerifier) || !safeEqual(pkceChallenge(codeVerifier), record.codeChallenge))
    return invalidGrant('Code verifier does not match the code challenge')
  return tokenResponse(
    startTokenSession(deps, { clientId: client.clientId, userId: record.userId, scopes: record.scopes }),
  )
}

function refreshTokenGrant(
  deps: ServerDeps,
  client: OidcClient,
  body: Record<string, unknown>,
): Fail | Record<string, unknown> {
  const refreshToken = str(body, 'refreshToken')
  if (!refreshToken) return invalidRequest('refreshToken is required')
  const now = deps.clock()
  const hash = hashSecret(refreshToken)
  const token = deps.store.findToken(hash)
  const session = token?.kind === 'refresh' ? deps.store.getTokenSession(token.sessionId) : undefined
  if (!token || !session || session.clientId !== client.clientId) return invalidGrant('Invalid refresh token provided')
  if (token.revokedAt !== null || session.revokedAt !== null) return invalidGrant('Refresh token has been revoked')
  if (session.expiresAt <= now || token.expiresAt <= now) return invalidGrant('Refresh token has expired')
  const user = deps.store.getUser(session.userId)
  if (!user || user.status !== 'active') return invalidGrant('The user can no longer sign in')
  if (deps.options.strictRefreshRotation && token.usedCount > 0) {
    // OAuth 2.0 Security BCP §4.14: a reused refresh token means it leaked; end the whole family.
    deps.store.revokeTokenSession(session.id, now)
    return invalidGrant('Refresh token has already been used; the session was revoked')
  }
  const { tokens, previousUses } = refreshTokenSession(deps, session, hash)
  if (deps.options.strictRefreshRotation && previousUses > 0) {
    deps.store.revokeTokenSession(session.id, now)
    return invalidGrant('Refresh token has already been used; the session was revoked')
  }
  return tokenResponse(tokens)
}
