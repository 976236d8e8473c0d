/**
 * Signs in to an SSO session and writes the shared token cache, with either flow. Sign-in is
 * single-flight across processes: one lock per session; a process that finds the lock taken says
 * so, waits (bounded) for the holder, and uses the holder's fresh token instead of opening a
 * second browser or printing a second code.
 *
 * @module
 */
import { join } from 'node:path'
import type { AwsClientFactory } from '../aws/clients.js'
import type { Env } from '../env.js'
import { withFileLock } from '../files/lock.js'
import {
  formatCacheTime,
  getSsoTokenCacheDir,
  newSsoTokenFile,
  parseCacheTime,
  readSsoToken,
  ssoTokenCacheKey,
  writeSsoToken,
} from './cache.js'
import {
  runAuthCodeFlow,
  AUTH_CODE_TIMEOUT_MS,
  type AuthCodeFlowOptions,
  type CallbackListener,
} from './auth-code-flow.js'
import { runDeviceCodeFlow, type DeviceCodePrompt } from './device-flow.js'
import { getClientRegistration, type SsoLoginFlow } from './registration.js'
import type { SsoSessionConfig } from './token-provider.js'

/** Options for {@link loginToSso}. */
export interface SsoLoginOptions {
  clients: AwsClientFactory
  /** The resolved SSO-OIDC endpoint override, if any. */
  oidcEndpoint?: string | undefined
  flow: SsoLoginFlow
  /** Device flow: shows the code. */
  onDeviceCode?(prompt: DeviceCodePrompt): void | Promise<void>
  /** Auth-code flow: binds the loopback listener (before anything is shown). */
  startListener?(): Promise<CallbackListener>
  /** Auth-code flow: opens or prints the authorize URL. */
  onAuthorizeUrl?(url: string): void | Promise<void>
  /** Auth-code flow: reads a pasted callback address, raced against the listener (see `runAuthCodeFlow`). */
  pasteCallback?: AuthCodeFlowOptions['pasteCallback']
  /** Called once when another process is already signing in to this session. */
  onWaitingForOtherLogin?(): void
  /** The resolved (vanity) start URL sent as `startUrl`/`issuerUrl`; default the configured one. */
  resolvedStartUrl?: string | undefined
  /** How long to wait for another process's sign-in (default: the flow's own 600 s + 60 s). */
  waitForOtherLoginMs?: number
  signal?: AbortSignal
}

/** The outcome of a sign-in. */
export interface SsoLoginResult {
  accessToken: string
  expiresAt: Date
  /** True when another process signed in and this one reused its token. */
  reusedFromOtherProcess: boolean
}

/** Signs in and caches the token under the session name (or legacy start URL). */
export async function loginToSso(
  env: Env,
  session: SsoSessionConfig,
  options: SsoLoginOptions,
): Promise<SsoLoginResult> {
  const identifier = session.sessionName ?? session.startUrl
  const lockPath = join(getSsoTokenCacheDir(env), `${ssoTokenCacheKey(identifier)}.login`)
  const before = await readSsoToken(env, identifier).catch(() => undefined)
  try {
    return await withFileLock(env, lockPath, () => signIn(env, session, identifier, options), { waitMs: 0 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
  }
  options.onWaitingForOtherLogin?.()
  return withFileLock(
    env,
    lockPath,
    async () => {
      const now = await readSsoToken(env, identifier).catch(() => undefined)
      const expiresAtMs = parseCacheTime(now?.expiresAt)
      // The other process succeeded when the cache holds a new token that is still valid.
      if (
        now?.accessToken &&
        now.accessToken !== before?.accessToken &&
        expiresAtMs !== undefined &&
        expiresAtMs > env.now()
      ) {
        return { accessToken: now.accessToken, expiresAt: new Date(expiresAtMs), reusedFromOtherProcess: true }
      }
      return signIn(env, session, identifier, options)
    },
    { waitMs: options.waitForOtherLoginMs ?? AUTH_CODE_TIMEOUT_MS + 60_000 },
  )
}

async function signIn(
  env: Env,
  session: SsoSessionConfig,
  identifier: string,
  options: SsoLoginOptions,
): Promise<SsoLoginResult> {
  const target = { region: session.region, endpoint: options.oidcEndpoint }
  // Only the wire sees the resolved URL; cache keys and the token file keep the configured one.
  const startUrl = options.resolvedStartUrl ?? session.startUrl
  let token
  let registration
  if (options.flow === 'auth-code') {
    if (!options.startListener || !options.onAuthorizeUrl)
      throw new Error('auth-code flow needs startListener and onAuthorizeUrl')
    const listener = await options.startListener()
    try {
      registration = await getClientRegistration(env, session, {
        clients: options.clients,
        target,
        flow: 'auth-code',
        issuerUrl: startUrl,
      })
      token = await runAuthCodeFlow(env, {
        clients: options.clients,
        target,
        registration,
        scopes: session.registrationScopes,
        listener,
        onAuthorizeUrl: options.onAuthorizeUrl,
        pasteCallback: options.pasteCallback,
        signal: options.signal,
      })
    } finally {
      await listener.close()
    }
  } else {
    if (!options.onDeviceCode) throw new Error('device-code flow needs onDeviceCode')
    registration = await getClientRegistration(env, session, {
      clients: options.clients,
      target,
      flow: 'device-code',
      issuerUrl: startUrl,
    })
    token = await runDeviceCodeFlow(env, {
      clients: options.clients,
      target,
      registration,
      startUrl,
      onPrompt: options.onDeviceCode,
      signal: options.signal,
    })
  }
  const expiresAtMs = env.now() + token.expiresIn * 1000
  const file = newSsoTokenFile(
    session,
    { ...token, expiresAtMs },
    { ...registration, registrationExpiresAt: formatCacheTime(registration.expiresAtMs) },
  )
  await writeSsoToken(env, identifier, file)
  return {
    accessToken: token.accessToken,
    expiresAt: new Date(Math.floor(expiresAtMs / 1000) * 1000),
    reusedFromOtherProcess: false,
  }
}
