/**
 * Start URL resolution as in AWS CLI ≥ 2.35.13 (`awscli/customizations/sso/resolve.py`,
 * `aws-cli-behaviour.md` §3.2): AWS-owned hosts are used as they are, with no network; any other
 * (vanity) host gets one HEAD request (GET when HEAD is refused) and at most one redirect hop,
 * which must land on an AWS-owned https host; the SSO region is read from that host when it
 * names one. The HTTP request is injected, so the library makes no network call of its own.
 *
 * @module
 */
import { IdcError } from '../errors.js'

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

/** Resolves `startUrl`; `configuredRegion` is used when the host names none. */
export async function resolveStartUrl(
  startUrl: string,
  configuredRegion: string | undefined,
  probe: StartUrlProbe,
): Promise<ResolvedStartUrl> {
  const url = new URL(startUrl)
  if (url.protocol !== 'https:') throw new IdcError('config', 'The sso_start_url must use the https scheme.')
  if (isAwsOwnedHost(url.hostname))
    return { url: startUrl, region: regionFromHost(url.hostname) ?? configuredRegion, resolved: false }
  let response: StartUrlProbeResponse
  try {
    response = await probe(startUrl, 'HEAD')
    if (response.status === 405 || response.status === 501) response = await probe(startUrl, 'GET')
  } catch (error) {
    throw new IdcError('general', `Failed to resolve start URL: ${(error as Error).message}`, { cause: error })
  }
  let final = url
  if ([301, 302, 303, 307, 308].includes(response.status)) {
    if (!response.location) throw new IdcError('general', 'Redirect response missing Location header.')
    final = new URL(response.location, url)
  } else if (response.status >= 400) {
    throw new IdcError('general', `Failed to resolve start URL: HTTP ${response.status}`)
  }
  const resolvedUrl = normalise(final)
  if (!isAwsOwnedHost(final.hostname)) {
    throw new IdcError(
      'general',
      `Could not resolve start URL '${startUrl}' to an AWS-owned endpoint. Final URL: '${resolvedUrl}'`,
    )
  }
  if (final.protocol !== 'https:') throw new IdcError('general', `Resolved URL must use https. Got: '${resolvedUrl}'`)
  const region = regionFromHost(final.hostname) ?? configuredRegion
  if (!region) {
    throw new IdcError(
      'config',
      `Cannot determine region from start URL '${startUrl}'. Please provide sso_region in your configuration.`,
    )
  }
  return { url: resolvedUrl, region, resolved: true }
}
