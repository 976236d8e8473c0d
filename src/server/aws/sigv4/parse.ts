/**
 * Reading a signature: the `Authorization` header of a header-signed request, or the `X-Amz-*`
 * query parameters of a presigned URL. `host` must be a signed header either way, and a presigned
 * URL must say how long it lives (`X-Amz-Expires`, at most a week).
 *
 * @module
 */
import { safeDecode } from './canonical-request.js'
import {
  firstHeader,
  indexHeaders,
  MAX_PRESIGN_SECONDS,
  SIGV4_ALGORITHM,
  SigV4Error,
  type HeaderIndex,
  type SigV4Parts,
  type SigV4Request,
} from './types.js'

/** Reads the signature from the `Authorization` header or the presigned query; throws {@link SigV4Error}. */
export function parseSigV4(request: SigV4Request, index: HeaderIndex = indexHeaders(request.headers)): SigV4Parts {
  const authorization = firstHeader(index, 'authorization')
  if (authorization !== undefined) return parseAuthorizationHeader(authorization, index)
  if (/(^|&)X-Amz-Algorithm=/.test(request.query)) return parsePresigned(request)
  throw new SigV4Error('missing', 'Request is missing Authentication Token')
}

function parseCredential(value: string): Pick<SigV4Parts, 'accessKeyId' | 'date' | 'region' | 'service'> {
  const fields = value.split('/')
  if (
    fields.length !== 5 ||
    fields[4] !== 'aws4_request' ||
    (fields[1] as string).length !== 8 ||
    !/^\d{8}$/.test(fields[1] as string) ||
    !fields[0]
  ) {
    throw new SigV4Error('incomplete', `Credential should be scoped to a valid region. Credential=${value}`)
  }
  return {
    accessKeyId: fields[0],
    date: fields[1] as string,
    region: fields[2] as string,
    service: fields[3] as string,
  }
}

function authorizationField(value: string, name: string): string | undefined {
  // Fields are `Name=value` separated by commas (and optional spaces); values hold no commas.
  let at = value.indexOf(`${name}=`)
  while (at > 0 && value[at - 1] !== ' ' && value[at - 1] !== ',') at = value.indexOf(`${name}=`, at + 1)
  if (at < 0) return undefined
  const start = at + name.length + 1
  const comma = value.indexOf(',', start)
  const field = (comma < 0 ? value.slice(start) : value.slice(start, comma)).trim()
  return field === '' ? undefined : field
}

function parseAuthorizationHeader(header: string, index: HeaderIndex): SigV4Parts {
  const trimmed = header.trim()
  const space = trimmed.indexOf(' ')
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space)
  if (algorithm !== SIGV4_ALGORITHM) throw new SigV4Error('incomplete', `Unsupported AWS 'algorithm': '${algorithm}'`)
  const rest = trimmed.slice(space + 1)
  const credential = authorizationField(rest, 'Credential')
  const signedHeaders = authorizationField(rest, 'SignedHeaders')
  const signature = authorizationField(rest, 'Signature')
  if (credential === undefined || signedHeaders === undefined || signature === undefined) {
    const missing = [
      ['Credential', credential],
      ['Signature', signature],
      ['SignedHeaders', signedHeaders],
    ].filter(([, v]) => v === undefined)
    throw new SigV4Error(
      'incomplete',
      `${missing.map(([k]) => `Authorization header requires '${k}' parameter.`).join(' ')} Authorization=${header}`,
    )
  }
  const amzDate = firstHeader(index, 'x-amz-date')
  if (amzDate === undefined) {
    throw new SigV4Error(
      'incomplete',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    )
  }
  const scope = parseCredential(credential)
  return {
    accessKeyId: scope.accessKeyId,
    date: scope.date,
    region: scope.region,
    service: scope.service,
    signedHeaders: signedHeadersOf(signedHeaders),
    signature,
    amzDate: amzDate.trim(),
    sessionToken: firstHeader(index, 'x-amz-security-token'),
    presigned: false,
    expiresSeconds: undefined,
  }
}

/**
 * The `SignedHeaders` list; `host` must be in it (AWS refuses a signature that leaves the host out).
 * AWS's message names `:authority` too, HTTP/2's host; this server speaks HTTP/1.1 only, where an
 * `:authority` header does not exist and signing one would cover no host at all.
 */
function signedHeadersOf(value: string): string[] {
  const names = value.split(';')
  if (!names.includes('host'))
    throw new SigV4Error('hostNotSigned', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
  return names
}

const PRESIGN_PARAMETERS = ['X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date', 'X-Amz-Expires']

/** `X-Amz-Expires`: required, a whole number of seconds from 0 to a week (S3's wording). */
function presignExpiry(value: string): number {
  if (!/^\d+$/.test(value)) {
    throw new SigV4Error(
      'queryParameters',
      value.startsWith('-') ? 'X-Amz-Expires must be non-negative' : 'X-Amz-Expires should be a number',
    )
  }
  const seconds = Number(value)
  if (seconds > MAX_PRESIGN_SECONDS) {
    throw new SigV4Error(
      'queryParameters',
      `X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than ${MAX_PRESIGN_SECONDS} seconds`,
    )
  }
  return seconds
}

function parsePresigned(request: SigV4Request): SigV4Parts {
  const q = new Map<string, string>()
  for (const part of request.query.split('&')) {
    const eq = part.indexOf('=')
    if (eq > 0) q.set(safeDecode(part.slice(0, eq)), safeDecode(part.slice(eq + 1)))
  }
  if (q.get('X-Amz-Algorithm') !== SIGV4_ALGORITHM)
    throw new SigV4Error('queryParameters', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"')
  if (PRESIGN_PARAMETERS.some((k) => !q.get(k))) {
    throw new SigV4Error(
      'queryParameters',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    )
  }
  return {
    ...parseCredential(q.get('X-Amz-Credential') as string),
    signedHeaders: signedHeadersOf(q.get('X-Amz-SignedHeaders') as string),
    signature: q.get('X-Amz-Signature') as string,
    amzDate: q.get('X-Amz-Date') as string,
    sessionToken: q.get('X-Amz-Security-Token'),
    presigned: true,
    expiresSeconds: presignExpiry(q.get('X-Amz-Expires') as string),
  }
}
