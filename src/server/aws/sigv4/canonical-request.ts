/**
 * The canonical request and the string to sign, rebuilt from the request as it arrived.
 *
 * Path rules (AWS SigV4 docs, "Create a canonical request"): for every service but S3 the path is
 * normalised (dot segments and empty segments removed) and each segment URI-encoded *again*, which
 * amounts to double encoding because clients send it encoded already; S3 paths are not normalised
 * and are encoded once (we decode and re-encode each segment so `~`/`%7E` spellings agree).
 *
 * @module
 */
import { sha256Hex } from './hashing.js'
import { payloadHash } from './s3-payload.js'
import { indexHeaders, SIGV4_ALGORITHM, type HeaderIndex, type SigV4Parts, type SigV4Request } from './types.js'

/** RFC 3986 unreserved characters stay; everything else becomes `%XX` of its UTF-8 bytes. */
export function uriEncode(value: string, keepSlash = false): string {
  let out = encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  if (keepSlash) out = out.replaceAll('%2F', '/')
  return out
}

/** `decodeURIComponent`, or `value` unchanged when it is not valid percent-encoding. */
export function safeDecode(value: string): string {
  if (!value.includes('%')) return value
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The canonical URI: normalised and encoded again for most services, decoded and re-encoded once for S3. */
export function canonicalPath(path: string, normalize: boolean): string {
  if (path === '' || path === '/') return '/'
  if (!normalize)
    return path
      .split('/')
      .map((s) => uriEncode(safeDecode(s)))
      .join('/')
  const out: string[] = []
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') out.pop()
    else out.push(uriEncode(segment))
  }
  const trailing = path.endsWith('/') && out.length > 0 ? '/' : ''
  return `/${out.join('/')}${trailing}`
}

/**
 * The canonical query string: every pair decoded, strictly re-encoded and sorted; the signature left
 * out (and the session token too when `omitToken`, for presigners that add it after signing).
 */
export function canonicalQuery(query: string, omitToken = false): string {
  if (query === '') return ''
  const pairs: [string, string][] = []
  for (const part of query.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const key = uriEncode(safeDecode(eq < 0 ? part : part.slice(0, eq)))
    if (key === 'X-Amz-Signature' || (omitToken && key === 'X-Amz-Security-Token')) continue
    pairs.push([key, uriEncode(safeDecode(eq < 0 ? '' : part.slice(eq + 1)))])
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
  return pairs.map(([k, v]) => `${k}=${v}`).join('&')
}

/** The canonical headers block and the payload hash, then the whole canonical request. */
export function canonicalRequest(
  request: SigV4Request,
  parts: Pick<SigV4Parts, 'signedHeaders' | 'presigned'>,
  service: string,
  normalizePath = service !== 's3',
  omitQueryToken = false,
  index: HeaderIndex = indexHeaders(request.headers),
): string {
  let headers = ''
  for (const name of parts.signedHeaders) {
    const values = index.get(name)
    let joined = ''
    if (values) {
      for (let i = 0; i < values.length; i++) {
        const v = (values[i] as string).trim()
        joined += (i > 0 ? ',' : '') + (/\s\s|[\t\n\r]/.test(v) ? v.replace(/\s+/g, ' ') : v)
      }
    }
    headers += `${name}:${joined}\n`
  }
  return [
    request.method.toUpperCase(),
    canonicalPath(request.path, normalizePath),
    canonicalQuery(request.query, omitQueryToken),
    headers,
    parts.signedHeaders.join(';'),
    payloadHash(request, index, parts.presigned, service),
  ].join('\n')
}

/** The string to sign for a canonical request. */
export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return `${SIGV4_ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`
}
