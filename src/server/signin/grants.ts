/**
 * CreateOAuth2Token's two grants (`aws-login.md` §6.1), refusing what AWS refuses:
 *
 * - `authorization_code`: the code exists, is unused (single use) and unexpired; `clientId` and
 *   `redirectUri` match the authorize request; the PKCE verifier hashes to the challenge. The new
 *   login session is bound to the DPoP key's thumbprint.
 * - `refresh_token`: the token is known, its session neither revoked nor expired, the client the
 *   same, the DPoP key the bound one, the password unchanged since sign-in. The token rotates;
 *   presenting an old one again is allowed (AWS documents refresh as idempotent within the
 *   validity window) unless `--strict-refresh-rotation`, which ends the session instead.
 *
 * Both grants need `signin:CreateOAuth2Token` in an IAM user's policies (the root user may do
 * anything in its account). The credentials are the user's own session credentials
 * (GetCallerIdentity shows `arn:aws:iam::<acct>:user/<name>`, or `arn:aws:iam::<acct>:root`).
 *
 * @module
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import type { ServerDeps } from '../deps.js'
import { randomToken, randomUuid } from '../ids.js'
import { hashSecret } from '../domain/secrets.js'
import { issueSessionCredentials } from '../domain/role-credentials.js'
import { evaluatePolicies, managedPolicy, parsePolicy, type PolicyDocument } from '../aws/policy.js'
import type { SigninSession } from '../store/store.js'

/** The two public clients of `aws login`. */
export const SIGNIN_CLIENT_IDS = ['arn:aws:signin:::devtools/same-device', 'arn:aws:signin:::devtools/cross-device']
/** Access credentials live 15 minutes, as with AWS. */
export const SIGNIN_CREDENTIAL_SECONDS = 900
/** A login session lasts at most 12 hours (the documented maximum). */
export const SIGNIN_SESSION_SECONDS = 12 * 3600
/** Authorization codes expire after five minutes. */
export const SIGNIN_CODE_SECONDS = 300
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/
const INVALID_GRANT = 'The provided authorization grant is invalid, expired, revoked, or malformed'

/** A refusal in the service's shape: exception type, HTTP status, `error` member and message. */
export class SigninError extends Error {
  override readonly name = 'SigninError'
  constructor(
    readonly type: 'AccessDeniedException' | 'ValidationException',
    readonly status: 400 | 401 | 403,
    readonly error: string,
    message: string,
  ) {
    super(message)
  }
}

/** `ValidationException` / `INVALID_REQUEST`. */
export function invalidRequest(message = INVALID_GRANT): SigninError {
  return new SigninError('ValidationException', 400, 'INVALID_REQUEST', message)
}

/** The body of a successful CreateOAuth2Token (`tokenOutput`). */
export interface SigninTokenBody {
  accessToken: { accessKeyId: string; secretAccessKey: string; sessionToken: string }
  tokenType: 'aws_sigv4'
  expiresIn: number
  refreshToken: string
  idToken?: string
}

/** What a grant needs besides the body: the verified DPoP key and the server's signing key. */
export interface GrantContext {
  deps: ServerDeps
  jkt: string
  /** The issuer for `idToken` (the server's origin). */
  issuer: string
  idTokenKey: IdTokenKey
}

/** The key that signs `idToken`s; one per server. */
export interface IdTokenKey {
  kid: string
  privateKey: KeyObject
}

/** Creates the server's `idToken` signing key. */
export function createIdTokenKey(deps: ServerDeps): IdTokenKey {
  return { kid: randomUuid(deps.ids), privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey }
}

/** The principal ARN of an IAM user. */
export function iamUserArn(accountId: string, userName: string): string {
  return `arn:aws:iam::${accountId}:user/${userName}`
}

/** The principal ARN of a sign-in: the IAM user's, or the root user's when `userName` is null. */
export function signinPrincipalArn(accountId: string, userName: string | null): string {
  return userName === null ? `arn:aws:iam::${accountId}:root` : iamUserArn(accountId, userName)
}

/** When the principal's password was last set (undefined: it has none, or the user is gone). */
function passwordChangedAt(deps: ServerDeps, accountId: string, userName: string | null): number | undefined {
  if (userName === null) return deps.store.getRootUser(accountId)?.changedAt
  return deps.store.getConsolePassword(accountId, userName)?.changedAt
}

/** True when the IAM user's policies allow `action`. */
export function iamUserAllows(deps: ServerDeps, accountId: string, userName: string, action: string): boolean {
  const user = deps.store.getIamUser(accountId, userName)
  if (!user) return false
  const documents: PolicyDocument[] = []
  for (const name of user.managedPolicies) {
    const doc = managedPolicy(name)
    if (doc) documents.push(doc)
  }
  for (const text of Object.values(user.inlinePolicies)) {
    try {
      documents.push(parsePolicy(text))
    } catch {}
  }
  const resource = `arn:aws:signin:${deps.store.getInstance()?.region ?? 'us-east-1'}:${accountId}:oauth2/public-client/localhost`
  const context = { 'aws:PrincipalArn': iamUserArn(accountId, userName), 'aws:PrincipalAccount': accountId }
  return evaluatePolicies(documents, { action, resource, context }) === 'allow'
}

function text(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** The `authorization_code` grant. */
export function redeemAuthorizationCode(ctx: GrantContext, body: Record<string, unknown>): SigninTokenBody {
  const { deps } = ctx
  const clientId = text(body, 'clientId')
  const code = text(body, 'code')
  const verifier = text(body, 'codeVerifier')
  const redirectUri = text(body, 'redirectUri')
  if (!clientId || !code || !verifier || !redirectUri) throw invalidRequest('Missing required parameters')
  if (!VERIFIER.test(verifier)) throw invalidRequest('The code verifier is not valid')
  const now = deps.clock()
  const grant = deps.store.takeSigninCode(hashSecret(code))
  if (!grant || grant.used) throw invalidRequest()
  if (grant.clientId !== clientId || grant.redirectUri !== redirectUri) throw invalidRequest()
  if (grant.expiresAt <= now) {
    throw new SigninError('AccessDeniedException', 401, 'AUTHCODE_EXPIRED', 'The authorization code has expired.')
  }
  const challenge = createHash('sha256').update(verifier).digest('base64url')
  if (challenge !== grant.codeChallenge) throw invalidRequest()
  requirePermission(deps, grant.accountId, grant.userName)
  const session: SigninSession = {
    id: randomToken(deps.ids, 16),
    clientId,
    accountId: grant.accountId,
    userName: grant.userName,
    jkt: ctx.jkt,
    mfaAuthenticated: grant.mfaAuthenticated,
    createdAt: now,
    expiresAt: now + SIGNIN_SESSION_SECONDS * 1000,
    revokedAt: null,
  }
  const refreshToken = newRefreshToken(deps)
  deps.store.createSigninSession(session, {
    tokenHash: hashSecret(refreshToken),
    sessionId: session.id,
    createdAt: now,
    usedCount: 0,
  })
  return { ...issue(deps, session, refreshToken), idToken: idToken(ctx, session, clientId) }
}

/** The `refresh_token` grant. */
export function redeemRefreshToken(ctx: GrantContext, body: Record<string, unknown>): SigninTokenBody {
  const { deps } = ctx
  const clientId = text(body, 'clientId')
  const presented = text(body, 'refreshToken')
  if (!clientId || !presented) throw invalidRequest('Missing required parameters')
  const now = deps.clock()
  const hash = hashSecret(presented)
  const token = deps.store.findSigninRefreshToken(hash)
  const session = token ? deps.store.getSigninSession(token.sessionId) : undefined
  if (!token || !session || session.clientId !== clientId) throw invalidRequest()
  // RFC 9449 §5: a DPoP-bound refresh token is only good with proofs from the same key.
  if (session.jkt !== ctx.jkt) throw invalidRequest('The DPoP key does not match the one the token is bound to')
  if (session.revokedAt !== null || session.expiresAt <= now) {
    throw new SigninError('AccessDeniedException', 401, 'TOKEN_EXPIRED', 'The refresh token has expired.')
  }
  const changedAt = passwordChangedAt(deps, session.accountId, session.userName)
  if (changedAt === undefined || changedAt > session.createdAt) {
    throw new SigninError(
      'AccessDeniedException',
      403,
      'USER_CREDENTIALS_CHANGED',
      'The user credentials have changed since the session started.',
    )
  }
  requirePermission(deps, session.accountId, session.userName)
  if (deps.options.strictRefreshRotation && token.usedCount > 0) {
    // OAuth 2.0 Security BCP §4.14: a refresh token seen twice may have leaked; end the session.
    deps.store.revokeSigninSession(session.id, now)
    throw new SigninError('AccessDeniedException', 401, 'TOKEN_EXPIRED', 'The refresh token has expired.')
  }
  const refreshToken = newRefreshToken(deps)
  const earlierUses = deps.store.rotateSigninRefreshToken(hash, {
    tokenHash: hashSecret(refreshToken),
    sessionId: session.id,
    createdAt: now,
    usedCount: 0,
  })
  if (deps.options.strictRefreshRotation && earlierUses > 0) {
    deps.store.revokeSigninSession(session.id, now)
    throw new SigninError('AccessDeniedException', 401, 'TOKEN_EXPIRED', 'The refresh token has expired.')
  }
  return issue(deps, session, refreshToken)
}

function requirePermission(deps: ServerDeps, accountId: string, userName: string | null): void {
  // The root user may do anything in its account; that it still exists is checked with its password.
  if (userName === null) return
  if (!iamUserAllows(deps, accountId, userName, 'signin:CreateOAuth2Token')) {
    throw new SigninError(
      'AccessDeniedException',
      403,
      'INSUFFICIENT_PERMISSIONS',
      `User: ${iamUserArn(accountId, userName)} is not authorized to perform: signin:CreateOAuth2Token`,
    )
  }
}

function newRefreshToken(deps: ServerDeps): string {
  return `asr${randomToken(deps.ids, 48)}`
}

function issue(deps: ServerDeps, session: SigninSession, refreshToken: string): SigninTokenBody {
  // Never past the session's end.
  const seconds = Math.max(
    1,
    Math.min(SIGNIN_CREDENTIAL_SECONDS, Math.floor((session.expiresAt - deps.clock()) / 1000)),
  )
  const creds = issueSessionCredentials(
    deps,
    seconds,
    session.userName === null
      ? { type: 'root_session', accountId: session.accountId, mfaAuthenticated: session.mfaAuthenticated }
      : {
          type: 'iam_user_session',
          accountId: session.accountId,
          iamUserName: session.userName,
          mfaAuthenticated: session.mfaAuthenticated,
        },
  )
  return {
    accessToken: {
      accessKeyId: creds.accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      sessionToken: creds.sessionToken,
    },
    tokenType: 'aws_sigv4',
    expiresIn: seconds,
    refreshToken,
  }
}

// The CLI reads only `sub` (the login session ARN); the token is a real ES256 JWT all the same.
function idToken(ctx: GrantContext, session: SigninSession, clientId: string): string {
  const iat = Math.floor(ctx.deps.clock() / 1000)
  const sub = signinPrincipalArn(session.accountId, session.userName)
  const header = { kid: ctx.idTokenKey.kid, typ: 'JWT', alg: 'ES256' }
  const payload = {
    sub,
    aud: clientId.replace(':devtools/', ':cli/'),
    iss: `${ctx.issuer}/signin`,
    session_arn: sub,
    exp: iat + SIGNIN_CREDENTIAL_SECONDS,
    iat,
  }
  const input = `${b64(header)}.${b64(payload)}`
  const signature = sign('sha256', Buffer.from(input), { key: ctx.idTokenKey.privateKey, dsaEncoding: 'ieee-p1363' })
  return `${input}.${signature.toString('base64url')}`
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}
