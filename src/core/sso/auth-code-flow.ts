/**
 * The authorization-code flow with PKCE as the AWS CLI runs it (`SSOTokenFetcherAuth`): a
 * loopback callback listener is already bound when the authorize URL is built and shown, the URL
 * is built on the SSO-OIDC endpoint's origin with the CLI's parameter order (`scopes`, plural,
 * and `code_challenge` last), the returned `state` must match, and the whole wait is bounded by
 * 600 s. The listener itself is injected: the CLI provides a real HTTP server.
 *
 * @module
 */
import type { AwsClientFactory, ClientTarget } from '../aws/clients.js'
import type { Env } from '../env.js'
import { IdcError } from '../errors.js'
import { AUTH_CODE_FAILED_MESSAGE, PENDING_AUTHORIZATION_EXPIRED_MESSAGE, STATE_MISMATCH_MESSAGE } from './messages.js'
import { serviceErrorCode, toServiceError } from '../aws/service-errors.js'
import { createSsoToken, type CreateTokenOutput } from './oidc.js'
import { createCodeChallenge, createCodeVerifier } from './pkce.js'
import { DEFAULT_SSO_SCOPES, type ClientRegistration } from './registration.js'

/** The query parameters the browser brought back to the loopback listener. */
export interface AuthCodeCallback {
  code?: string | undefined
  state?: string | undefined
  error?: string | undefined
}

/** A loopback listener that is already accepting connections. */
export interface CallbackListener {
  /** The port it is bound to on 127.0.0.1. */
  readonly port: number
  /** Resolves with the first request that carries `code` and `state`, or `error`. */
  waitForCallback(signal?: AbortSignal): Promise<AuthCodeCallback>
  close(): Promise<void>
}

/** Options for {@link runAuthCodeFlow}. */
export interface AuthCodeFlowOptions {
  clients: AwsClientFactory
  target: ClientTarget
  registration: ClientRegistration
  /** Scopes from config; the CLI asks for `sso:account:access` when there are none. */
  scopes?: readonly string[] | undefined
  /** A listener bound before this call (so the browser can never beat it). */
  listener: CallbackListener
  /** Opens or prints the authorize URL. */
  onAuthorizeUrl(url: string): void | Promise<void>
  /**
   * Paste-back: reads the callback from the address the user copies out of a browser that could
   * not reach the listener (another machine); raced against the listener, the loser is aborted.
   * The state is checked as for the listener.
   */
  pasteCallback?: ((redirectUri: string, signal: AbortSignal) => Promise<AuthCodeCallback>) | undefined
  /** The overall wait for the browser, default 600 s (`_OVERALL_TIMEOUT`). */
  timeoutMs?: number
  signal?: AbortSignal
}

/** The CLI's overall wait for the browser. */
export const AUTH_CODE_TIMEOUT_MS = 600_000

/** The default SSO-OIDC endpoint of a region. */
export function defaultOidcEndpoint(region: string): string {
  return `https://oidc.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`
}

/** Percent-encodes like Python's `urllib.parse.quote(safe='')`: only `-_.~` and alphanumerics stay. */
export function quotePython(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** Builds the authorize URL exactly as the AWS CLI does. */
export function buildAuthorizeUrl(options: {
  oidcEndpoint: string
  clientId: string
  redirectUri: string
  state: string
  scopes: readonly string[]
  codeChallenge: string
}): string {
  const origin = new URL(options.oidcEndpoint).origin
  const query = [
    ['response_type', 'code'],
    ['client_id', options.clientId],
    ['redirect_uri', options.redirectUri],
    ['state', options.state],
    ['code_challenge_method', 'S256'],
    ['scopes', options.scopes.join(' ')],
  ]
    .map(([k, v]) => `${k}=${quotePython(v!)}`)
    .join('&')
  return `${origin}/authorize?${query}&code_challenge=${options.codeChallenge}`
}

/**
 * Waits for the browser to come back to the listener, at most `timeoutMs` (default 600 s, the
 * CLI's `_OVERALL_TIMEOUT`); rejects with the CLI's "pending authorization expired" message then,
 * or with the signal's reason when aborted (Ctrl-C).
 */
export async function waitForAuthorization(
  env: Env,
  listener: CallbackListener,
  options: {
    timeoutMs?: number | undefined
    signal?: AbortSignal | undefined
    /** A pasted callback address, raced against the listener. */
    pasteCallback?: ((signal: AbortSignal) => Promise<AuthCodeCallback>) | undefined
  } = {},
): Promise<AuthCodeCallback> {
  const timeout = new AbortController()
  const onAbort = () => timeout.abort(options.signal?.reason)
  options.signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const waiting = options.pasteCallback
      ? Promise.race([listener.waitForCallback(timeout.signal), options.pasteCallback(timeout.signal)])
      : listener.waitForCallback(timeout.signal)
    waiting.catch(() => {}) // settles after the race when the timer wins
    const expired = env.sleep(options.timeoutMs ?? AUTH_CODE_TIMEOUT_MS, timeout.signal).then(
      () => 'expired' as const,
      () => 'aborted' as const,
    )
    const result = await Promise.race([waiting, expired])
    if (result === 'expired') throw new IdcError('general', PENDING_AUTHORIZATION_EXPIRED_MESSAGE)
    if (result === 'aborted') throw timeout.signal.reason
    return result
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
    timeout.abort()
  }
}

/**
 * Reads the callback out of an address pasted from the browser's address bar: it must be the
 * redirect URI itself (same origin and path) with `code` and `state`, or `error`; undefined for
 * anything else, so the caller can ask again.
 */
export function parsePastedCallback(text: string, redirectUri: string): AuthCodeCallback | undefined {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return undefined
  }
  const expected = new URL(redirectUri)
  if (url.origin !== expected.origin || url.pathname !== expected.pathname) return undefined
  const error = url.searchParams.get('error')
  if (error !== null) return { error }
  const code = url.searchParams.get('code')
  const state = url.searchParams.get('state')
  return code !== null && state !== null ? { code, state } : undefined
}

/** Runs the auth-code flow to a token. */
export async function runAuthCodeFlow(env: Env, options: AuthCodeFlowOptions): Promise<CreateTokenOutput> {
  const { clients, target, registration, listener } = options
  const verifier = createCodeVerifier(env)
  const state = env.randomUUID()
  const redirectUri = `http://127.0.0.1:${listener.port}/oauth/callback`
  const url = buildAuthorizeUrl({
    oidcEndpoint: target.endpoint ?? defaultOidcEndpoint(target.region),
    clientId: registration.clientId,
    redirectUri,
    state,
    scopes: options.scopes && options.scopes.length > 0 ? options.scopes : DEFAULT_SSO_SCOPES,
    codeChallenge: createCodeChallenge(verifier),
  })
  await options.onAuthorizeUrl(url)

  const paste = options.pasteCallback
  const callback = await waitForAuthorization(env, listener, {
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    pasteCallback: paste && ((signal) => paste(redirectUri, signal)),
  })
  if (callback.error !== undefined || !callback.code) throw new IdcError('general', AUTH_CODE_FAILED_MESSAGE)
  if (callback.state !== state) throw new IdcError('general', STATE_MISMATCH_MESSAGE)
  try {
    return await createSsoToken(clients, target, {
      grantType: 'authorization_code',
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      redirectUri,
      codeVerifier: verifier,
      code: callback.code,
    })
  } catch (error) {
    if (serviceErrorCode(error) === 'ExpiredTokenException')
      throw new IdcError('general', PENDING_AUTHORIZATION_EXPIRED_MESSAGE, { cause: error })
    throw toServiceError(error, 'CreateToken')
  }
}
