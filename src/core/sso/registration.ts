/**
 * SSO-OIDC client registration with the AWS CLI's cache rules: one cache file per (start URL,
 * region, scopes, session name); a cached registration is reused when it has at least 15 minutes
 * left and was made for the same flow (a registration is "auth code" when its `grantTypes`
 * contain `authorization_code`), otherwise the client registers again and overwrites it.
 *
 * @module
 */
import type { AwsClientFactory, ClientTarget } from '../aws/clients.js'
import type { Env } from '../env.js'
import {
  formatCacheTime,
  parseCacheTime,
  readClientRegistration,
  writeClientRegistration,
  type ClientRegistrationFile,
} from './cache.js'
import { registerSsoClient, type RegisterClientInput } from './oidc.js'
import type { SsoSessionConfig } from './token-provider.js'

/** The two sign-in flows. */
export type SsoLoginFlow = 'device-code' | 'auth-code'

/** The scope the CLI asks for when none is configured (auth-code flow only). */
export const DEFAULT_SSO_SCOPES = ['sso:account:access']

/** The redirect URI the auth-code flow registers (no port, per RFC 8252 loopback rules). */
export const REGISTERED_REDIRECT_URI = 'http://127.0.0.1/oauth/callback'

/** A usable client registration. */
export interface ClientRegistration {
  clientId: string
  clientSecret: string
  expiresAtMs: number
}

/** Options for {@link getClientRegistration}. */
export interface GetClientRegistrationOptions {
  clients: AwsClientFactory
  target: ClientTarget
  flow: SsoLoginFlow
  /** The resolved start URL (the auth-code flow's `issuerUrl`). */
  issuerUrl: string
}

const REUSE_WINDOW_MS = 15 * 60 * 1000

/** Returns the cached registration for this flow, or registers a new client and caches it. */
export async function getClientRegistration(
  env: Env,
  session: SsoSessionConfig,
  options: GetClientRegistrationOptions,
): Promise<ClientRegistration> {
  const keyArgs = {
    startUrl: session.startUrl,
    region: session.region,
    scopes: session.registrationScopes,
    sessionName: session.sessionName,
  }
  const cached = await readClientRegistration(env, keyArgs)
  if (cached && isReusable(env, cached, options.flow)) {
    return {
      clientId: cached.clientId,
      clientSecret: cached.clientSecret,
      expiresAtMs: parseCacheTime(cached.expiresAt)!,
    }
  }
  const input: RegisterClientInput = {
    clientName: `botocore-client-${session.sessionName ?? Math.floor(env.now() / 1000)}`,
    clientType: 'public',
  }
  let scopes = session.registrationScopes
  if (options.flow === 'auth-code') {
    scopes = scopes ?? DEFAULT_SSO_SCOPES
    input.grantTypes = ['authorization_code', 'refresh_token']
    input.redirectUris = [REGISTERED_REDIRECT_URI]
    input.issuerUrl = options.issuerUrl
  }
  if (scopes) input.scopes = [...scopes]
  const out = await registerSsoClient(options.clients, options.target, input)
  const expiresAtMs = out.clientSecretExpiresAt * 1000
  const file: ClientRegistrationFile = {
    clientId: out.clientId,
    clientSecret: out.clientSecret,
    expiresAt: formatCacheTime(expiresAtMs),
  }
  if (scopes) file.scopes = [...scopes]
  if (input.grantTypes) file.grantTypes = input.grantTypes
  await writeClientRegistration(env, keyArgs, file)
  return { clientId: out.clientId, clientSecret: out.clientSecret, expiresAtMs }
}

function isReusable(env: Env, cached: ClientRegistrationFile, flow: SsoLoginFlow): boolean {
  const expiresAtMs = parseCacheTime(cached.expiresAt)
  if (expiresAtMs === undefined || expiresAtMs - env.now() < REUSE_WINDOW_MS) return false
  const isAuthCode = Array.isArray(cached.grantTypes) && cached.grantTypes.includes('authorization_code')
  return isAuthCode === (flow === 'auth-code')
}
