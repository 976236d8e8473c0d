/**
 * The device authorization flow as the AWS CLI runs it (`SSOTokenFetcher`): one CreateToken
 * attempt before anything is shown (a pre-approved client signs in silently), then the code is
 * shown and the loop polls: attempt, then sleep the interval; `slow_down` adds 5 s for good;
 * an expired device code ends the flow with the CLI's message. Sleep and clock come from the
 * environment, so tests never really wait.
 *
 * @module
 */
import type { AwsClientFactory, ClientTarget } from '../aws/clients.js'
import type { Env } from '../env.js'
import { IdcError } from '../errors.js'
import { PENDING_AUTHORIZATION_EXPIRED_MESSAGE } from './messages.js'
import { serviceErrorCode, toServiceError } from '../aws/service-errors.js'
import { createSsoToken, startDeviceAuthorization, type CreateTokenOutput } from './oidc.js'
import type { ClientRegistration } from './registration.js'

/** What the user needs to approve the device. */
export interface DeviceCodePrompt {
  /** The code the user types; printed on its own, whatever the URLs hold. */
  userCode: string
  verificationUri: string
  /** A URL to open; may or may not fill in the code, and equals `verificationUri` when AWS sent none. */
  verificationUriComplete: string
  expiresIn: number
}

/** Options for {@link runDeviceCodeFlow}. */
export interface DeviceCodeFlowOptions {
  clients: AwsClientFactory
  target: ClientTarget
  registration: ClientRegistration
  /** The resolved start URL sent to StartDeviceAuthorization. */
  startUrl: string
  /** Shows the code (called at most once, only when the first attempt is pending). */
  onPrompt(prompt: DeviceCodePrompt): void | Promise<void>
  signal?: AbortSignal
}

/** The seconds added to the polling interval for each `slow_down`. */
export const SLOW_DOWN_INCREMENT_S = 5

// The CLI has no client-side deadline; idc stops a minute after the code's own expiry so that a
// server that never answers `expired_token` cannot hang the command.
const DEADLINE_GRACE_MS = 60_000

/** Runs the device flow to a token. */
export async function runDeviceCodeFlow(env: Env, options: DeviceCodeFlowOptions): Promise<CreateTokenOutput> {
  const { clients, target, registration } = options
  const auth = await startDeviceAuthorization(clients, target, {
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    startUrl: options.startUrl,
  })
  const deadline = env.now() + auth.expiresIn * 1000 + DEADLINE_GRACE_MS
  let interval = auth.interval
  const attempt = async (): Promise<CreateTokenOutput | 'pending' | 'slow_down'> => {
    try {
      return await createSsoToken(clients, target, {
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        deviceCode: auth.deviceCode,
      })
    } catch (error) {
      const code = serviceErrorCode(error)
      if (code === 'AuthorizationPendingException') return 'pending'
      if (code === 'SlowDownException') return 'slow_down'
      if (code === 'ExpiredTokenException')
        throw new IdcError('general', PENDING_AUTHORIZATION_EXPIRED_MESSAGE, { cause: error })
      throw toServiceError(error, 'CreateToken')
    }
  }

  let result = await attempt()
  if (typeof result === 'object') return result
  if (result === 'slow_down') interval += SLOW_DOWN_INCREMENT_S
  await options.onPrompt({
    userCode: auth.userCode,
    verificationUri: auth.verificationUri,
    // Never assume the code is inside this URL (AWS changed its form in September 2026) nor that
    // it is there at all: the code is always shown on its own, and this falls back to the plain URL.
    verificationUriComplete: auth.verificationUriComplete || auth.verificationUri,
    expiresIn: auth.expiresIn,
  })
  for (;;) {
    options.signal?.throwIfAborted()
    result = await attempt()
    if (typeof result === 'object') return result
    if (result === 'slow_down') interval += SLOW_DOWN_INCREMENT_S
    if (env.now() >= deadline) throw new IdcError('general', PENDING_AUTHORIZATION_EXPIRED_MESSAGE)
    await env.sleep(interval * 1000, options.signal)
  }
}
