/**
 * CreateToken's grants: device code, authorization code (PKCE) and refresh token
 * (wire-protocol §3.3). A grant's scopes never exceed what the user approved, which never exceeds
 * the registration's; an authorization code works once, and presenting it again revokes the tokens
 * it gave (RFC 6749 §4.1.2).
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { ServerDeps } from '../deps.js'
import { hashSecret, safeEqual } from '../domain/secrets.js'
import { refreshTokenSession, startTokenSession, type IssuedTokens } from '../domain/tokens.js'
import type { OidcClient } from '../store/store.js'
import { fail, invalidGrant, invalidRequest, invalidScope, str, type Fail } from './failures.js'
import { narrowScopes } from './scopes.js'

/** The device-code grant's name. */
export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'
/** The grants the server knows. */
export const KNOWN_GRANTS = new Set([DEVICE_GRANT, 'authorization_code', 'refresh_token'])
/** The CLI polls twice back to back before it starts sleeping (wire-protocol §4.4). */
const FREE_POLLS = 2
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/

/** The S256 PKCE challenge of a verifier. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url')
}

/**
 * The token family an authorization code starts gets an id derived from the code, so that a replay
 * of the code finds and revokes it without the code record having to remember it.
 */
function codeSessionId(codeHash: string): string {
  return hashSecret(`token-session-of-code:${codeHash}`)
}

const BEYOND_GRANT = 'The requested scope exceeds the scope granted'

function tokenResponse(t: IssuedTokens): Record<string, unknown> {
  return { accessToken: t.accessToken, tokenType: 'Bearer', expiresIn: t.expiresIn, refreshToken: t.refreshToken }
}

/** The device-code grant. */
export function deviceCodeGrant(
  deps: ServerDeps,
  client: OidcClient,
  body: Record<string, unknown>,
  requested: readonly string[],
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
  const scopes = narrowScopes(requested, auth.scopes)
  if (!scopes) return invalidScope(BEYOND_GRANT)
  if (!auth.userId || !deps.store.consumeDeviceAuthorization(hash))
    return invalidGrant('Device code has already been used')
  return tokenResponse(startTokenSession(deps, { clientId: client.clientId, userId: auth.userId, scopes }))
}

/** The authorization-code grant (PKCE). */
export function authorizationCodeGrant(
  deps: ServerDeps,
  client: OidcClient,
  body: Record<string, unknown>,
  requested: readonly string[],
): Fail | Record<string, unknown> {
  const code = str(body, 'code')
  const redirectUri = str(body, 'redirectUri')
  const codeVerifier = str(body, 'codeVerifier')
  if (!code || !redirectUri || !codeVerifier) return invalidRequest('code, redirectUri and codeVerifier are required')
  const record = deps.store.consumeAuthorizationCode(hashSecret(code))
  if (record?.used) {
    // RFC 6749 §4.1.2: a code presented twice may have leaked; what it gave is revoked.
    deps.store.revokeTokenSession(codeSessionId(record.codeHash), deps.clock())
    return invalidGrant('Authorization code has already been used')
  }
  if (!record || record.clientId !== client.clientId) return invalidGrant('Invalid authorization code provided')
  if (record.expiresAt <= deps.clock()) return invalidGrant('Authorization code has expired')
  if (record.redirectUri !== redirectUri) return invalidGrant('redirectUri does not match the authorization request')
  if (!VERIFIER.test(codeVerifier) || !safeEqual(pkceChallenge(codeVerifier), record.codeChallenge))
    return invalidGrant('Code verifier does not match the code challenge')
  const scopes = narrowScopes(requested, record.scopes)
  if (!scopes) return invalidScope(BEYOND_GRANT)
  const sessionId = codeSessionId(record.codeHash)
  return tokenResponse(startTokenSession(deps, { sessionId, clientId: client.clientId, userId: record.userId, scopes }))
}

/** The refresh-token grant. */
export function refreshTokenGrant(
  deps: ServerDeps,
  client: OidcClient,
  body: Record<string, unknown>,
  requested: readonly string[],
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
  // A refresh may ask for less than the family has (the new tokens keep the family's scopes), never more.
  if (!narrowScopes(requested, session.scopes)) return invalidScope(BEYOND_GRANT)
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
