/**
 * SSO OIDC (rest-json, unsigned): RegisterClient, StartDeviceAuthorization and CreateToken for the
 * device-code, authorization-code (PKCE) and refresh-token grants (wire-protocol §3).
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { ServerDeps } from '../deps.js'
import { oidcError, readJsonObject, requestOrigin, requestSource } from '../http-errors.js'
import { randomToken, randomUserCode } from '../ids.js'
import { hashSecret, safeEqual } from '../domain/secrets.js'
import { isLoopbackRedirectUri } from '../domain/redirect-uri.js'
import { adoptClient } from '../domain/clients.js'
import { REGISTER_CLIENT_POLICY, takeRateLimited } from '../domain/throttle.js'
import { grantableScopes, isValidScope } from './scopes.js'
import { fail, invalidClient, invalidRequest, invalidScope, str, strList, type Fail } from './failures.js'
import { authorizationCodeGrant, deviceCodeGrant, DEVICE_GRANT, KNOWN_GRANTS, refreshTokenGrant } from './grants.js'

export { pkceChallenge } from './grants.js'
import { StoreLimitError } from '../store/limits.js'
import type { OidcClient } from '../store/store.js'
import { isInstanceStartUrl } from '../domain/start-url.js'

/** Registrations last 90 days; the CLI caches them until `clientSecretExpiresAt`. */
const REGISTRATION_SECONDS = 90 * 24 * 3600
/** Device codes expire after ten minutes, as with AWS. */
const DEVICE_CODE_SECONDS = 600
/** AWS answers `interval: 1`. */
const DEVICE_POLL_INTERVAL = 1

/**
 * Runs an operation, answering a value the store refuses as too long with the OIDC error for that
 * kind of field (the store's limits are the backstop behind the checks each operation makes).
 */
function withinLimits(run: () => Fail | Record<string, unknown>, operation: string): Fail | Record<string, unknown> {
  try {
    return run()
  } catch (error) {
    if (!(error instanceof StoreLimitError)) throw error
    if (error.field === 'scopes') return fail(400, 'InvalidScopeException', 'invalid_scope', error.message)
    if (error.field === 'redirectUris' || error.field === 'redirectUri')
      return fail(400, 'InvalidRedirectUriException', 'invalid_redirect_uri', error.message)
    if (operation === 'RegisterClient')
      return fail(400, 'InvalidClientMetadataException', 'invalid_client_metadata', error.message)
    return invalidRequest(error.message)
  }
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
    // Unauthenticated and storing a row each time: limited per source before anything else.
    if (takeRateLimited(deps.store, `register:${requestSource(c)}`, deps.clock(), REGISTER_CLIENT_POLICY) > 0)
      return respond(c, 'RegisterClient', fail(400, 'SlowDownException', 'slow_down', 'Too many registrations'))
    const body = await readJsonObject(c)
    return respond(
      c,
      'RegisterClient',
      body
        ? withinLimits(() => registerClient(deps, body), 'RegisterClient')
        : invalidRequest('Request body is not a JSON object'),
    )
  })

  app.post('/device_authorization', async (c) => {
    const body = await readJsonObject(c)
    return respond(
      c,
      'StartDeviceAuthorization',
      body
        ? withinLimits(() => startDeviceAuthorization(deps, body, requestOrigin(c)), 'StartDeviceAuthorization')
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
      body
        ? withinLimits(() => createToken(deps, body), 'CreateToken')
        : invalidRequest('Request body is not a JSON object'),
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
  for (const s of scopes ?? []) if (!isValidScope(s)) return invalidScope(`Invalid scope: ${s}`)
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
  // A start URL that is not this instance's (a typo in sso_start_url) is refused, as AWS does.
  if (!isInstanceStartUrl(deps.store.getInstance()?.startUrl, startUrl)) return invalidRequest('Invalid start URL')
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
    scopes: grantableScopes(client.scopes),
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
    // With --device-url-without-code, AWS's newer form: an opaque reference; the page asks for the code.
    verificationUriComplete: deps.options.deviceUrlWithoutCode
      ? `${origin}/device?ref=${randomToken(deps.ids, 16)}`
      : `${origin}/device?user_code=${userCode}`,
    expiresIn: DEVICE_CODE_SECONDS,
    interval: DEVICE_POLL_INTERVAL,
  }
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
  const requested = strList(body, 'scope')
  if (requested === false) return invalidRequest('scope must be a list of strings')
  for (const s of requested ?? []) if (!isValidScope(s)) return invalidScope(`Invalid scope: ${s}`)
  if (grantType === DEVICE_GRANT) return deviceCodeGrant(deps, client, body, requested ?? [])
  if (grantType === 'authorization_code') return authorizationCodeGrant(deps, client, body, requested ?? [])
  return refreshTokenGrant(deps, client, body, requested ?? [])
}
