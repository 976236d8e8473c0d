/**
 * The `aws login` flow (`aws-login.md` §1.1, §2): a fresh P-256 DPoP key, PKCE with the CLI's
 * `SHA-256` method, a UUID `state`; the authorize URL for the same-device flow (loopback callback)
 * or the cross-device flow (a code pasted from the confirmation page); the code exchanged at
 * CreateOAuth2Token; the login session ARN read from the `idToken`'s `sub`. Returns the cache file
 * content; the command decides whether and where to write it.
 *
 * @module
 */
import type { AwsClientFactory } from '../aws/clients.js'
import type { Env } from '../env.js'
import { IdcError } from '../errors.js'
import { quotePython, waitForAuthorization, type CallbackListener } from '../sso/auth-code-flow.js'
import { createCodeChallenge, createCodeVerifier } from '../sso/pkce.js'
import { formatLoginExpiry, type LoginToken } from './cache.js'
import { generateDpopKeyPem, loadDpopKey } from './dpop.js'
import {
  AUTHCODE_EXPIRED_MESSAGE,
  LOGIN_AUTH_CODE_FAILED_MESSAGE,
  LOGIN_INSUFFICIENT_PERMISSIONS_MESSAGE,
  loginStateMismatchMessage,
  VERIFICATION_CODE_INCOMPLETE_MESSAGE,
  VERIFICATION_CODE_UNDECODABLE_MESSAGE,
} from './messages.js'
import { createOAuth2Token, isAccessDenied, signinErrorCode, toSigninServiceError } from './signin.js'

/** The client id of each flow. */
export const LOGIN_CLIENT_IDS = {
  sameDevice: 'arn:aws:signin:::devtools/same-device',
  crossDevice: 'arn:aws:signin:::devtools/cross-device',
} as const

/** Options for {@link runLoginFlow}. */
export interface LoginFlowOptions {
  clients: AwsClientFactory
  /** The Sign-In region (it is in the host name; refresh tokens are regional). */
  region: string
  /** An endpoint override (`AWS_ENDPOINT_URL[_SIGNIN]`); only its origin builds the browser URLs. */
  endpoint?: string | undefined
  /** Same-device: the loopback listener, bound before the URL is shown. Absent: cross-device. */
  listener?: CallbackListener | undefined
  /** Shows (and for same-device opens) the authorize URL. */
  onAuthorizeUrl(url: string): void | Promise<void>
  /** Cross-device: reads the code the user pastes. */
  readCode?: (() => Promise<string>) | undefined
  signal?: AbortSignal | undefined
}

/** What a successful sign-in produced. */
export interface LoginResult {
  /** The principal's ARN, the profile's new `login_session`. */
  loginSession: string
  /** The cache file content. */
  token: LoginToken
}

/** The default Sign-In origin of a region, by partition (`aws-login.md` §2.1). */
export function defaultSigninOrigin(region: string): string {
  if (region.startsWith('cn-')) return `https://${region}.signin.amazonaws.cn`
  if (region.startsWith('us-gov-')) return `https://${region}.signin.amazonaws-us-gov.com`
  return `https://${region}.signin.aws.amazon.com`
}

/** The authorize URL with the CLI's parameters, in its order and encoding. */
export function buildLoginAuthorizeUrl(p: {
  origin: string
  clientId: string
  state: string
  redirectUri: string
  codeChallenge: string
}): string {
  return (
    `${p.origin}/v1/authorize?response_type=code&client_id=${quotePython(p.clientId)}&state=${p.state}` +
    `&code_challenge_method=SHA-256&scope=openid&redirect_uri=${quotePython(p.redirectUri)}&code_challenge=${p.codeChallenge}`
  )
}

/** Decodes a pasted verification code: standard base64 of `state=…&code=…`. */
export function decodeVerificationCode(pasted: string): { state: string; code: string } {
  const compact = pasted.replace(/\s+/g, '')
  let text: string
  try {
    if (compact === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw new Error('not base64')
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'))
  } catch (error) {
    throw new IdcError('general', VERIFICATION_CODE_UNDECODABLE_MESSAGE, { cause: error })
  }
  const params = new URLSearchParams(text)
  const state = params.get('state')
  const code = params.get('code')
  if (!state || !code) throw new IdcError('general', VERIFICATION_CODE_INCOMPLETE_MESSAGE)
  return { state, code }
}

/** Reads the `sub` claim of an `idToken` without verifying it, as the CLI does. */
export function loginSessionFromIdToken(idToken: string): { arn: string; accountId: string } {
  const parts = idToken.split('.')
  if (parts.length !== 3) throw new IdcError('general', 'Invalid JWT token - cannot extract payload')
  let payload: { sub?: unknown }
  try {
    payload = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8')) as { sub?: unknown }
  } catch (error) {
    throw new IdcError('general', 'Invalid JWT token - cannot extract payload', { cause: error })
  }
  if (typeof payload.sub !== 'string' || payload.sub === '') {
    throw new IdcError('general', 'Invalid JWT token - missing sub')
  }
  const fields = payload.sub.split(':')
  if (fields.length < 6 || fields[0] !== 'arn') {
    throw new IdcError(
      'general',
      `Provided ARN: ${payload.sub} must be of the format: arn:partition:service:region:account:resource`,
    )
  }
  return { arn: payload.sub, accountId: fields[4] as string }
}

/** Runs the sign-in and returns the new session's cache content. */
export async function runLoginFlow(env: Env, options: LoginFlowOptions): Promise<LoginResult> {
  const dpopKey = generateDpopKeyPem()
  const verifier = createCodeVerifier(env)
  const state = env.randomUUID()
  const origin = options.endpoint ? new URL(options.endpoint).origin : defaultSigninOrigin(options.region)
  const sameDevice = options.listener !== undefined
  const clientId = sameDevice ? LOGIN_CLIENT_IDS.sameDevice : LOGIN_CLIENT_IDS.crossDevice
  const redirectUri = sameDevice
    ? `http://127.0.0.1:${(options.listener as CallbackListener).port}/oauth/callback`
    : `${origin}/v1/sessions/confirmation`
  await options.onAuthorizeUrl(
    buildLoginAuthorizeUrl({ origin, clientId, state, redirectUri, codeChallenge: createCodeChallenge(verifier) }),
  )
  let returned: { state: string; code: string }
  if (options.listener) {
    const callback = await waitForAuthorization(env, options.listener, { signal: options.signal })
    if (callback.error !== undefined || !callback.code || callback.state === undefined) {
      throw new IdcError('general', LOGIN_AUTH_CODE_FAILED_MESSAGE)
    }
    returned = { state: callback.state, code: callback.code }
  } else {
    if (!options.readCode) throw new Error('The cross-device flow needs readCode')
    returned = decodeVerificationCode(await options.readCode())
  }
  if (returned.state !== state) throw new IdcError('general', loginStateMismatchMessage(returned.state, state))

  let out
  try {
    out = await createOAuth2Token(
      env,
      options.clients,
      { region: options.region, endpoint: options.endpoint },
      loadDpopKey(dpopKey),
      {
        clientId,
        grantType: 'authorization_code',
        code: returned.code,
        codeVerifier: verifier,
        redirectUri,
      },
    )
  } catch (error) {
    if (isAccessDenied(error)) {
      const code = signinErrorCode(error)
      if (code === 'AUTHCODE_EXPIRED') throw new IdcError('general', AUTHCODE_EXPIRED_MESSAGE, { cause: error })
      if (code === 'INSUFFICIENT_PERMISSIONS') {
        throw new IdcError('general', LOGIN_INSUFFICIENT_PERMISSIONS_MESSAGE, { cause: error })
      }
    }
    throw toSigninServiceError(error)
  }
  // The CLI reads these with `[...]`: a missing one is a bare KeyError naming it.
  for (const field of ['idToken', 'tokenType', 'expiresIn'] as const) {
    if (out[field] === undefined) throw new IdcError('general', `'${field}'`)
  }
  const access = out.accessToken
  if (!access?.accessKeyId || !access.secretAccessKey || !access.sessionToken || !out.refreshToken) {
    throw new IdcError('general', "'accessToken'")
  }
  const { arn, accountId } = loginSessionFromIdToken(out.idToken as string)
  const token: LoginToken = {
    accessToken: {
      accessKeyId: access.accessKeyId,
      secretAccessKey: access.secretAccessKey,
      sessionToken: access.sessionToken,
      accountId,
      expiresAt: formatLoginExpiry(env.now() + (out.expiresIn as number) * 1000),
    },
    tokenType: out.tokenType as string,
    clientId,
    refreshToken: out.refreshToken,
    idToken: out.idToken as string,
    dpopKey,
    // Refresh tokens are regional (aws-cli#10613): remember where this one is valid.
    signInRegion: options.region,
  }
  return { loginSession: arn, token }
}
