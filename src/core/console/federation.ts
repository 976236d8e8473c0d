/**
 * Console sign-in through the AWS federation endpoint (`https://signin.aws.amazon.com/federation`,
 * "Enable custom identity broker access to the AWS console"): `Action=getSigninToken` trades
 * temporary credentials for a sign-in token, and `Action=login` with that token signs a browser
 * in and sends it to the destination. The endpoint is the sign-in service's, so
 * `AWS_ENDPOINT_URL_SIGNIN` and friends send it to a local `idc server`.
 *
 * @module
 */
import { IdcError } from '../errors.js'

/** The console session's bounds: 15 minutes to 12 hours (`SessionDuration`). */
export const MIN_CONSOLE_SESSION_SECONDS = 900
export const MAX_CONSOLE_SESSION_SECONDS = 43_200

/** The federation endpoint: an override's origin plus `/federation`, else the partition's sign-in host. */
export function federationEndpoint(region: string | undefined, override?: string | undefined): string {
  if (override) return `${new URL(override).origin}/federation`
  if (region?.startsWith('cn-')) return 'https://signin.amazonaws.cn/federation'
  if (region?.startsWith('us-gov-')) return 'https://signin.amazonaws-us-gov.com/federation'
  return 'https://signin.aws.amazon.com/federation'
}

/** Where the browser lands by default: the console home in the profile's region (or the local server's console). */
export function defaultConsoleDestination(region: string | undefined, override?: string | undefined): string {
  const query = region ? `?region=${encodeURIComponent(region)}` : ''
  if (override) return `${new URL(override).origin}/console/home${query}`
  if (region?.startsWith('cn-')) return `https://console.amazonaws.cn/console/home${query}`
  if (region?.startsWith('us-gov-')) return `https://console.amazonaws-us-gov.com/console/home${query}`
  return `https://console.aws.amazon.com/console/home${query}`
}

/**
 * The console session length for credentials that expire at `expiration`: what is left of them,
 * within the endpoint's bounds; undefined (the endpoint's default) when they do not expire.
 */
export function consoleSessionSeconds(expiration: Date | undefined, now: number): number | undefined {
  if (expiration === undefined) return undefined
  const left = Math.floor((expiration.getTime() - now) / 1000)
  return Math.min(MAX_CONSOLE_SESSION_SECONDS, Math.max(MIN_CONSOLE_SESSION_SECONDS, left))
}

/** The credentials a sign-in token is made from (temporary ones only: the endpoint refuses keys). */
export interface ConsoleCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
}

/** The `getSigninToken` request URL. */
export function buildSigninTokenUrl(
  endpoint: string,
  credentials: ConsoleCredentials,
  sessionSeconds?: number | undefined,
): string {
  const session = JSON.stringify({
    sessionId: credentials.accessKeyId,
    sessionKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  })
  const params = new URLSearchParams({ Action: 'getSigninToken' })
  if (sessionSeconds !== undefined) params.set('SessionDuration', String(sessionSeconds))
  params.set('Session', session)
  return `${endpoint}?${params.toString()}`
}

/** The `login` URL that signs the browser in and sends it to `destination`. */
export function buildLoginUrl(
  endpoint: string,
  options: { signinToken: string; destination: string; issuer: string },
): string {
  const params = new URLSearchParams({
    Action: 'login',
    Issuer: options.issuer,
    Destination: options.destination,
    SigninToken: options.signinToken,
  })
  return `${endpoint}?${params.toString()}`
}

/** Reads `{"SigninToken": "…"}`; throws naming the status when the endpoint refused. */
export function parseSigninTokenResponse(status: number, body: string): string {
  let token: unknown
  try {
    token = (JSON.parse(body) as { SigninToken?: unknown }).SigninToken
  } catch {
    token = undefined
  }
  if (status !== 200 || typeof token !== 'string' || token === '') {
    throw new IdcError(
      'service',
      `The federation endpoint refused the credentials (HTTP ${status}): the console needs temporary credentials that are still valid`,
    )
  }
  return token
}
