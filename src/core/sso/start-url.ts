/**
 * Start URL resolution as in AWS CLI ≥ 2.35.13 (`awscli/customizations/sso/resolve.py`,
 * `aws-cli-behaviour.md` §3.2): AWS-owned hosts are used as they are, with no network; any other
 * (vanity) host gets one HEAD request (GET when HEAD is refused) and at most one redirect hop,
 * which must land on an AWS-owned https host; the SSO region is read from that host when it
 * names one. The HTTP request is injected, so the library makes no network call of its own.
 *
 * @module
 */
import { ConfigError, isIdcError } from '../errors.js'

/** The answer to one request without following redirects. */
export interface StartUrlProbeResponse {
  status: number
  location?: string | undefined
}

/** Makes one request (`HEAD` or `GET`) without following redirects; rejects on network errors. */
export type StartUrlProbe = (url: string, method: 'HEAD' | 'GET') => Promise<StartUrlProbeResponse>

/** The resolved start URL and the region it names (or the configured one). */
export interface ResolvedStartUrl {
  url: string
  region: string | undefined
  /** True when the URL was a vanity URL resolved over the network. */
  resolved: boolean
}

const EXACT_HOSTS = [
  'identitycenter.amazonaws.com',
  'identitycenter.amazonaws.com.cn',
  'identitycenter.amazonaws.eu',
  'identitycenter.us-gov.amazonaws.com',
]
const SUFFIXES = [
  'app.aws',
  'portal.amazonaws.com',
  'portal.amazonaws.com.cn',
  'app.amazonwebservices.com.cn',
  'portal.amazonaws.eu',
  'api.amazonwebservices.eu',
  'awsapps.com',
  'awsapps.cn',
]
const REGION_PATTERNS = [
  /^[^.]+\.portal\.([a-z0-9-]+)\.app\.aws$/,
  /^[^.]+\.([a-z0-9-]+)\.portal\.amazonaws\.com$/,
  /^[^.]+\.([a-z0-9-]+)\.portal\.amazonaws\.com\.cn$/,
  /^[^.]+\.portal\.([a-z0-9-]+)\.app\.amazonwebservices\.com\.cn$/,
  /^[^.]+\.([a-z0-9-]+)\.portal\.amazonaws\.eu$/,
  /^[^.]+\.portal\.([a-z0-9-]+)\.api\.amazonwebservices\.eu$/,
]

/** True for the hosts of AWS access portals (case-insensitive, trailing dot ignored). */
export function isAwsOwnedHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '')
  return EXACT_HOSTS.includes(h) || SUFFIXES.some((s) => h === s || h.endsWith(`.${s}`))
}

/** The region an access-portal host names, if any. */
export function regionFromHost(host: string): string | undefined {
  const h = host.toLowerCase().replace(/\.$/, '')
  for (const pattern of REGION_PATTERNS) {
    const match = pattern.exec(h)
    if (match) return match[1]
  }
  return undefined
}

function normalise(url: URL): string {
  const port =
    url.port && !((url.protocol === 'https:' && url.port === '443') || (url.protocol === 'http:' && url.port === '80'))
      ? `:${url.port}`
      : ''
  return `${url.protocol}//${url.hostname}${port}${url.pathname.replace(/\/+$/, '')}`
}

/**
 * The scheme and host of a start URL as Python's `urllib.parse.urlparse` reads them: the WHATWG
 * parser would find a host in `https:///start` (and fail on `foo`), where the CLI sees none.
 */
export function parseStartUrl(startUrl: string): { scheme: string; hostname: string | undefined } {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(startUrl)
  if (!match) return { scheme: '', hostname: undefined }
  const rest = match[2] as string
  const netloc = rest.startsWith('//') ? (/^\/\/([^/?#]*)/.exec(rest)?.[1] ?? '') : ''
  const hostPort = netloc.slice(netloc.lastIndexOf('@') + 1)
  const host = hostPort.startsWith('[') ? hostPort.slice(1, hostPort.indexOf(']')) : hostPort.split(':')[0]
  return { scheme: (match[1] as string).toLowerCase(), hostname: host ? host.toLowerCase() : undefined }
}

/** Python's words for the network failures a probe can meet (`URLError.reason`), else the reason Node gives. */
function failureReason(error: unknown): string {
  const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code
  const reasons: Record<string, string> = {
    ECONNREFUSED: '[Errno 111] Connection refused',
    ECONNRESET: '[Errno 104] Connection reset by peer',
    ENOTFOUND: '[Errno -2] Name or service not known',
    EAI_AGAIN: '[Errno -3] Temporary failure in name resolution',
    EHOSTUNREACH: '[Errno 113] No route to host',
    ENETUNREACH: '[Errno 101] Network is unreachable',
  }
  if (code !== undefined && reasons[code]) return reasons[code]
  if ((error as Error).name === 'TimeoutError') return 'timed out'
  // A wrapping error (fetch's "fetch failed") keeps the reason in its innermost cause.
  let inner = error as { message?: unknown; cause?: unknown }
  while (inner.cause instanceof Error) inner = inner.cause
  const message = String(inner.message ?? error)
  if (/CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)/.test(String((inner as { code?: unknown }).code))) {
    return `[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${message}`
  }
  return message
}

const REDIRECTS = [301, 302, 303, 307, 308]

/** The CLI's `ConfigurationError`: exit 253, printed as `An error occurred (Configuration): …`. */
function configurationError(message: string, options?: { cause?: unknown }): ConfigError {
  return new ConfigError(`An error occurred (Configuration): ${message}`, options)
}

/**
 * Resolves `startUrl`; `configuredRegion` is used when the host names none. Every failure is a
 * configuration error (exit 253), as in the CLI. AWS-owned hosts keep the configured region:
 * the CLI reads a region only from the host a vanity URL leads to.
 */
export async function resolveStartUrl(
  startUrl: string,
  configuredRegion: string | undefined,
  probe: StartUrlProbe,
): Promise<ResolvedStartUrl> {
  const { scheme, hostname } = parseStartUrl(startUrl)
  if (scheme !== 'https') throw configurationError('The sso_start_url must use the https scheme.')
  if (!hostname) throw configurationError(`Invalid sso_start_url: '${startUrl}'`)
  if (isAwsOwnedHost(hostname)) {
    if (!configuredRegion)
      throw configurationError("Missing required configuration: sso_region. Please run 'idc configure sso' to set it.")
    return { url: startUrl, region: configuredRegion, resolved: false }
  }
  const url = new URL(startUrl)
  let response: StartUrlProbeResponse
  try {
    response = await probe(startUrl, 'HEAD')
    if (response.status === 405 || response.status === 501) response = await probe(startUrl, 'GET')
  } catch (error) {
    // A CA bundle that cannot be loaded fails before the request, outside the CLI's handler too.
    if (isIdcError(error)) throw error
    throw configurationError(`Failed to resolve start URL: ${failureReason(error)}`, { cause: error })
  }
  let final = url
  if (REDIRECTS.includes(response.status)) {
    if (!response.location) throw configurationError('Redirect response missing Location header.')
    final = new URL(response.location, url)
  } else if (response.status < 200 || response.status >= 300) {
    // urllib treats every answer outside 2xx that is not a redirect as a failure.
    throw configurationError(`Failed to resolve start URL: HTTP ${response.status}`)
  }
  const resolvedUrl = normalise(final)
  if (!isAwsOwnedHost(final.hostname)) {
    throw configurationError(
      `Could not resolve start URL '${startUrl}' to an AWS-owned endpoint. Final URL: '${resolvedUrl}'`,
    )
  }
  if (final.protocol !== 'https:') throw configurationError(`Resolved URL must use https. Got: '${resolvedUrl}'`)
  const region = regionFromHost(final.hostname) ?? configuredRegion
  if (!region) {
    throw configurationError(
      `Cannot determine region from start URL '${startUrl}'. Please provide sso_region in your configuration.`,
    )
  }
  return { url: resolvedUrl, region, resolved: true }
}
