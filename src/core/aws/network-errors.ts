/**
 * Network failures of AWS SDK calls, worded as the AWS CLI words them (botocore's
 * `EndpointConnectionError`, `ConnectTimeoutError`, `ReadTimeoutError`, `SSLError`,
 * `ProxyConnectionError`, `ConnectionClosedError`): `Could not connect to the endpoint URL: "<url>"`
 * instead of Node's `connect ECONNREFUSED 127.0.0.1:1`. The one place that maps them:
 * {@link addNetworkErrorMapping} puts it on every client the factory makes.
 *
 * The mapped error keeps Node's `code` and the original as `cause`, so the SDK's retry strategy
 * still sees a transient network error and retries as before.
 *
 * @module
 */
import { NetworkError } from '../errors.js'

/** Node's error code for a proxy that answers CONNECT with anything but 200 (set by `http-handler.ts`). */
export const PROXY_TUNNEL_FAILED = 'ERR_PROXY_TUNNEL_FAILED'

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
])
const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED'])
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT'])

/** The parts of a Smithy `HttpRequest` that make its URL. */
export interface RequestUrlParts {
  protocol?: string
  hostname?: string
  port?: number
  path?: string
  query?: Record<string, string | string[] | null | undefined>
}

/** The full URL of a request, as botocore reports it (query string included). */
export function requestUrl(request: RequestUrlParts): string {
  const port = request.port ? `:${request.port}` : ''
  const pairs: string[] = []
  for (const [key, value] of Object.entries(request.query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      pairs.push(one == null ? encodeURIComponent(key) : `${encodeURIComponent(key)}=${encodeURIComponent(one)}`)
    }
  }
  const query = pairs.length > 0 ? `?${pairs.join('&')}` : ''
  return `${request.protocol ?? 'https:'}//${request.hostname ?? ''}${port}${request.path ?? '/'}${query}`
}

/**
 * Python's text for a certificate that failed verification, which the AWS CLI prints: OpenSSL's
 * reason behind the same prefix and suffix. Node's reasons are OpenSSL's own strings, except that
 * Node verifies a lone leaf with no known issuer as `UNABLE_TO_VERIFY_LEAF_SIGNATURE` where Python
 * reports the missing issuer. Other TLS failures keep Node's reason.
 */
export function sslFailureReason(error: Error & { code?: unknown; host?: unknown }): string {
  const code = String(error.code ?? '')
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' && typeof error.host === 'string') {
    return `${VERIFY_FAILED} Hostname mismatch, certificate is not valid for '${error.host}'. (_ssl.c:1082)`
  }
  if (!VERIFY_CODES.has(code)) return error.message
  const reason = code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ? 'unable to get local issuer certificate' : error.message
  return `${VERIFY_FAILED} ${reason} (_ssl.c:1082)`
}

const VERIFY_FAILED = '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed:'
const VERIFY_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
])

function isTlsFailure(code: string, message: string): boolean {
  return (
    /CERT|SELF_SIGNED|ERR_TLS|ERR_SSL|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code) ||
    /certificate|SSL routines|TLS/i.test(message)
  )
}

/**
 * The AWS CLI's wording of a network failure calling `url`, or undefined when `error` is not one
 * (a service's error response, an idc error). `proxy` is the proxy URL in use, if any.
 */
export function toNetworkError(error: unknown, url: string, proxy?: string): NetworkError | undefined {
  if (!(error instanceof Error) || error instanceof NetworkError) return undefined
  if (typeof (error as { $fault?: unknown }).$fault === 'string') return undefined
  const code = String((error as NodeJS.ErrnoException).code ?? '')
  const options = { cause: error, code }
  if (proxy && (CONNECT_CODES.has(code) || code === PROXY_TUNNEL_FAILED)) {
    return new NetworkError(`Failed to connect to proxy URL: "${proxy}"`, options)
  }
  if (CONNECT_CODES.has(code)) return new NetworkError(`Could not connect to the endpoint URL: "${url}"`, options)
  if (CLOSED_CODES.has(code)) {
    return new NetworkError(
      `Connection was closed before we received a valid response from endpoint URL: "${url}".`,
      options,
    )
  }
  if (TIMEOUT_CODES.has(code) || error.name === 'TimeoutError') {
    // Node's handler says "socket connection timeout" when the connection never opened.
    const connect = /connect/i.test(error.message) && !/request timeout|read/i.test(error.message)
    return new NetworkError(`${connect ? 'Connect' : 'Read'} timeout on endpoint URL: "${url}"`, options)
  }
  if (isTlsFailure(code, error.message)) {
    return new NetworkError(`SSL validation failed for ${url} ${sslFailureReason(error)}`, options)
  }
  return undefined
}

/** Anything with the SDK's middleware stack. */
interface WithMiddleware {
  middlewareStack: { add: (middleware: any, options: Record<string, unknown>) => void }
}

/**
 * Adds the mapping to a client. It sits innermost (after retries and signing), where the request's
 * final URL is known; the mapped error keeps `code`, so retries behave as without it. `proxyFor`
 * names the proxy a URL goes through (credentials masked), if any.
 */
export function addNetworkErrorMapping<T extends WithMiddleware>(
  client: T,
  proxyFor?: (url: string) => string | undefined,
): T {
  client.middlewareStack.add(
    (next: (args: { request: unknown }) => Promise<unknown>) => async (args: { request: unknown }) => {
      try {
        return await next(args)
      } catch (error) {
        const url = requestUrl(args.request as RequestUrlParts)
        throw toNetworkError(error, url, proxyFor?.(url)) ?? error
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: 'idcNetworkErrors' },
  )
  return client
}
