/**
 * The container credential endpoint that `idc exec --container-credentials` and
 * `idc credential-server` serve: the HTTP contract of the ECS/EKS credential providers every AWS
 * SDK and the AWS CLI carry (`AWS_CONTAINER_CREDENTIALS_FULL_URI` with
 * `AWS_CONTAINER_AUTHORIZATION_TOKEN`, sent as the `Authorization` header). A GET answers
 * `{"AccessKeyId","SecretAccessKey","Token","Expiration","AccountId"}`; everything else is
 * refused. The listener itself (node:http on 127.0.0.1) belongs to the environment; this is the
 * part without IO, so it is tested without sockets.
 *
 * @module
 */
import type { Env } from '../env.js'
import { safeEqual } from '../safe-equal.js'
import { memoize } from './provider.js'
import type { AwsCredentials, CredentialProvider } from './types.js'

/** The path served; nothing secret is in the URL, so it may be printed and logged. */
export const CONTAINER_CREDENTIALS_PATH = '/v1/credentials'

/**
 * Credentials are resolved again when fewer than 15 minutes remain: the AWS CLI (botocore) refreshes
 * container credentials from 15 minutes before expiry and fails credentials that are refreshed
 * but expire within 10, so what is served always has more than that left when the source allows.
 */
export const CONTAINER_REFRESH_WINDOW_MS = 15 * 60 * 1000

/**
 * Static keys carry no expiry, but the SDKs' container providers need one; they are offered for
 * an hour at a time (and resolved again after that).
 */
const STATIC_LIFETIME_MS = 60 * 60 * 1000

/** One request, as the listener hands it over. */
export interface LoopbackRequest {
  method: string
  /** The path and query. */
  url: string
  /** The `Authorization` header, when sent. */
  authorization: string | undefined
}

/** The answer: always JSON. */
export interface LoopbackResponse {
  status: number
  body: string
}

/** Handles one request. */
export type LoopbackHandler = (request: LoopbackRequest) => Promise<LoopbackResponse>

/** Options for {@link createContainerCredentialHandler}. */
export interface ContainerEndpointOptions {
  env: Pick<Env, 'now'>
  /** The profile's provider (it is memoized here: one resolution at a time, kept until the window). */
  provider: CredentialProvider
  /** The token clients must send in `Authorization`. */
  token: string
  /** Called when resolving fails, with the error (never a secret); the client gets a 500. */
  onError?: (error: unknown) => void
}

/** The container credential format of one set of credentials. */
export function containerCredentialBody(credentials: AwsCredentials, now: number): Record<string, string> {
  const expiration = credentials.expiration ?? new Date(now + STATIC_LIFETIME_MS)
  return {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { Token: credentials.sessionToken } : {}),
    Expiration: `${expiration.toISOString().slice(0, 19)}Z`,
    ...(credentials.accountId ? { AccountId: credentials.accountId } : {}),
  }
}

function error(status: number, code: string, message: string): LoopbackResponse {
  return { status, body: JSON.stringify({ Code: code, Message: message }) }
}

/** The endpoint: its request handler, and the memoized provider behind it (to resolve once up front). */
export interface ContainerCredentialEndpoint {
  handle: LoopbackHandler
  provider: CredentialProvider
}

/** The endpoint's request handler. */
export function createContainerCredentialHandler(options: ContainerEndpointOptions): ContainerCredentialEndpoint {
  const { env, token } = options
  const provider = memoize(options.provider, { env, refreshWindowMs: CONTAINER_REFRESH_WINDOW_MS })
  const handle: LoopbackHandler = async (request) => {
    // The token is checked first, so an unauthenticated caller learns nothing about paths or methods.
    if (request.authorization === undefined || request.authorization === '')
      return error(401, 'Unauthorized', 'The Authorization header is missing.')
    if (!safeEqual(request.authorization, token))
      return error(403, 'Forbidden', 'The Authorization token is not valid.')
    if (request.method !== 'GET') return error(405, 'MethodNotAllowed', 'Only GET is supported.')
    if (new URL(request.url, 'http://127.0.0.1').pathname !== CONTAINER_CREDENTIALS_PATH)
      return error(404, 'NotFound', `Credentials are served at ${CONTAINER_CREDENTIALS_PATH}.`)
    let credentials: AwsCredentials
    try {
      credentials = await provider()
    } catch (cause) {
      options.onError?.(cause)
      return error(500, 'CredentialsUnavailable', 'idc could not resolve credentials for the profile; see its output.')
    }
    const now = env.now()
    if (credentials.expiration && credentials.expiration.getTime() <= now)
      return error(500, 'CredentialsExpired', 'The only credentials idc could resolve have expired; see its output.')
    return { status: 200, body: JSON.stringify(containerCredentialBody(credentials, now)) }
  }
  return { handle, provider }
}
