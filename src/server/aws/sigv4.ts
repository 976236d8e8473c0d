/**
 * Server-side AWS Signature Version 4 verification (header-signed and presigned-query requests).
 *
 * Hand-written on node:crypto on purpose: the SDK's signer (`@smithy/signature-v4`) is a client-side
 * signer. It decides itself which headers to sign and how to encode the path it was given, so it
 * cannot canonicalise an arbitrary incoming request exactly as the client did: the server must use
 * the `SignedHeaders` list the client chose, the raw `Host` (with port), the raw query string and
 * the raw path as it arrived on the wire.
 *
 * Path rules (AWS SigV4 docs, "Create a canonical request"): for every service but S3 the path is
 * normalised (dot segments and empty segments removed) and each segment URI-encoded *again*, which
 * amounts to double encoding because clients send it encoded already; S3 paths are not normalised
 * and are encoded once (we decode and re-encode each segment so `~`/`%7E` spellings agree).
 *
 * The signature always covers the body the server received, as AWS's does: for every service but
 * S3 the payload hash in the canonical request is the SHA-256 of the received body, whatever an
 * `X-Amz-Content-SHA256` header declares; S3 signs the header's value (a hash or `UNSIGNED-PAYLOAD`)
 * and a declared hash must then match the received body. `host` must be a signed header, and a
 * presigned URL must say how long it lives (`X-Amz-Expires`, at most a week).
 *
 * @module
 */
import * as nodeCrypto from 'node:crypto'
import { createHash, createHmac } from 'node:crypto'
import { safeEqual } from '../domain/secrets.js'

// Node ≥ 20.12 has the one-shot `crypto.hash`; older versions fall back to createHash.
const oneShotHash = (
  nodeCrypto as { hash?: (algorithm: string, data: Uint8Array | string, encoding: string) => string }
).hash
const oneShotBuffer = oneShotHash as
  ((algorithm: string, data: Uint8Array | string, encoding: 'buffer' | 'hex') => Buffer) | undefined

/** The algorithm identifier of SigV4. */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256'
/** How far a request's time may be from the server's clock (AWS: 15 minutes). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000
/** The longest validity of a presigned URL (AWS: one week; the signing key is valid that long). */
export const MAX_PRESIGN_SECONDS = 604_800
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD'

/** An incoming request, as raw as the HTTP stack gives it. */
export interface SigV4Request {
  method: string
  /** The path as received (percent-encoded, no query). */
  path: string
  /** The raw query string without `?` (may be empty). */
  query: string
  /** Header name/value pairs as received; repeated names stay repeated. */
  headers: ReadonlyArray<readonly [string, string]>
  /** The body bytes exactly as received (hashed for the payload line of the canonical request). */
  body: Uint8Array | string
}

/** The secret side of an access key, as the verifier needs it. */
export interface SigV4Credential {
  secretAccessKey: string
  /** Required in the request when set (session credentials). */
  sessionToken: string | null
  /** Epoch ms; past it the key gets `ExpiredToken`. */
  expiresAt: number | null
}

/** Why verification failed; each protocol maps a kind to its own AWS error code. */
export type SigV4ErrorKind =
  | 'missing'
  | 'incomplete'
  | 'unknownKey'
  | 'invalidToken'
  | 'expiredToken'
  | 'signature'
  | 'skew'
  | 'presignExpired'
  | 'wrongScope'
  /** `host` is not among the signed headers. */
  | 'hostNotSigned'
  /** A presigned URL's query parameters are missing or out of range (`X-Amz-Expires`, …). */
  | 'queryParameters'
  /** S3 only: the header-signed request carries no `X-Amz-Content-SHA256`. */
  | 'payloadHashMissing'
  /** S3 only: `X-Amz-Content-SHA256` is neither a SHA-256 nor a known keyword. */
  | 'payloadHashInvalid'
  /** S3 only: a streaming (chunk-signed) payload, which this server does not implement. */
  | 'payloadHashUnsupported'
  /** S3 only: the declared `X-Amz-Content-SHA256` is not the hash of the received body. */
  | 'payloadHashMismatch'

/** A verification failure; `message` uses AWS's wording where it has one. */
export class SigV4Error extends Error {
  override readonly name = 'SigV4Error'
  constructor(
    readonly kind: SigV4ErrorKind,
    message: string,
    readonly accessKeyId?: string,
    /** Extra members for the error body (S3 names the two hashes of a mismatch). */
    readonly extra: Record<string, string> = {},
  ) {
    super(message)
  }
}

/** The parts of a SigV4 signature, from the `Authorization` header or the presigned query. */
export interface SigV4Parts {
  accessKeyId: string
  date: string
  region: string
  service: string
  signedHeaders: string[]
  signature: string
  /** `YYYYMMDDTHHMMSSZ`. */
  amzDate: string
  sessionToken: string | undefined
  presigned: boolean
  /** Presigned only: validity in seconds (required, 0 to {@link MAX_PRESIGN_SECONDS}). */
  expiresSeconds: number | undefined
}

/** A verified request. */
export interface SigV4Result<C extends SigV4Credential> {
  accessKeyId: string
  credential: C
  region: string
  service: string
}

/** How {@link createSigV4Verifier} finds keys and tells the time. */
export interface SigV4VerifierOptions<C extends SigV4Credential> {
  lookup(accessKeyId: string): C | undefined
  /** Epoch milliseconds. */
  clock(): number
  maxSkewMs?: number
  /** Derived signing keys kept (LRU). */
  cacheSize?: number
}

/** What {@link createSigV4Verifier} returns. */
export interface SigV4Verifier<C extends SigV4Credential> {
  /** Verifies `request` for the signing name `service`; throws {@link SigV4Error}. */
  verify(request: SigV4Request, service: string, normalizePath?: boolean): SigV4Result<C>
}

/** RFC 3986 unreserved characters stay; everything else becomes `%XX` of its UTF-8 bytes. */
export function uriEncode(value: string, keepSlash = false): string {
  let out = encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  if (keepSlash) out = out.replaceAll('%2F', '/')
  return out
}

function safeDecode(value: string): string {
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

/** Header values by lower-case name, built once per request (repeated names keep every value). */
export type HeaderIndex = Map<string, string[]>

function indexHeaders(headers: SigV4Request['headers']): HeaderIndex {
  const index: HeaderIndex = new Map()
  for (const [key, value] of headers) {
    const name = key.toLowerCase()
    const values = index.get(name)
    if (values) values.push(value)
    else index.set(name, [value])
  }
  return index
}

function firstHeader(index: HeaderIndex, name: string): string | undefined {
  return index.get(name)?.[0]
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

/**
 * The payload line. S3 signs what `X-Amz-Content-SHA256` declares (checked against the body by
 * {@link checkS3Payload}); every other service signs the hash of the body as received, so neither an
 * unsigned header nor `UNSIGNED-PAYLOAD` can stand in for it.
 */
function payloadHash(request: SigV4Request, index: HeaderIndex, presigned: boolean, service: string): string {
  if (service === 's3') return firstHeader(index, 'x-amz-content-sha256')?.trim() ?? (presigned ? UNSIGNED_PAYLOAD : '')
  return bodyHash(request.body)
}

function bodyHash(body: SigV4Request['body']): string {
  return body.length === 0 ? EMPTY_SHA256 : sha256Hex(body)
}

/** S3's `X-Amz-Content-SHA256` before the signature: present on header-signed requests, and well-formed. */
function checkS3PayloadHeader(index: HeaderIndex, presigned: boolean, accessKeyId: string): void {
  const declared = firstHeader(index, 'x-amz-content-sha256')?.trim()
  if (declared === undefined) {
    if (presigned) return
    throw new SigV4Error(
      'payloadHashMissing',
      'Missing required header for this request: x-amz-content-sha256',
      accessKeyId,
    )
  }
  if (declared === UNSIGNED_PAYLOAD || /^[0-9a-f]{64}$/.test(declared)) return
  if (declared.startsWith('STREAMING-'))
    throw new SigV4Error(
      'payloadHashUnsupported',
      'A header you provided implies functionality that is not implemented',
      accessKeyId,
      {
        Header: 'x-amz-content-sha256',
      },
    )
  throw new SigV4Error(
    'payloadHashInvalid',
    'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
    accessKeyId,
  )
}

/** S3 after the signature: a declared hash must be the received body's (`UNSIGNED-PAYLOAD` is not checked). */
function checkS3Payload(request: SigV4Request, index: HeaderIndex, accessKeyId: string): void {
  const declared = firstHeader(index, 'x-amz-content-sha256')?.trim()
  if (declared === undefined || declared === UNSIGNED_PAYLOAD) return
  const computed = bodyHash(request.body)
  if (declared !== computed) {
    throw new SigV4Error(
      'payloadHashMismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
      accessKeyId,
      { ClientComputedContentSHA256: declared, S3ComputedContentSHA256: computed },
    )
  }
}

/** Lower-case hex SHA-256 (one-shot `crypto.hash` where Node has it: no Hash object per call). */
export function sha256Hex(data: Uint8Array | string): string {
  return oneShotHash ? oneShotHash('sha256', data, 'hex') : createHash('sha256').update(data).digest('hex')
}

/** The string to sign for a canonical request. */
export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return `${SIGV4_ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`
}

/**
 * HMAC-SHA256 under one fixed key, for the final step of every verification. `createHmac` sets up
 * a new keyed context per call, which was the largest single cost of a verification in the
 * server's throughput profile; with Node's one-shot `crypto.hash` (Node ≥ 20.12) the same RFC 2104
 * construction, H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)), costs two plain hashes over pads computed once
 * per key. Checked against `createHmac` in sigv4.test.ts; older Nodes use `createHmac`.
 */
export interface KeyedHmac {
  /** Lower-case hex HMAC-SHA256 of `message` (UTF-8). */
  hex(message: string): string
}

/** A {@link KeyedHmac} for `key` (at most one SHA-256 block, 64 bytes, as derived SigV4 keys are). */
export function keyedHmac(key: Uint8Array): KeyedHmac {
  const hash = oneShotBuffer
  if (!hash || key.length > 64) return { hex: (message) => createHmac('sha256', key).update(message).digest('hex') }
  const inner = Buffer.alloc(64, 0x36)
  const outer = Buffer.alloc(64 + 32, 0x5c)
  for (let i = 0; i < key.length; i++) {
    inner[i] = (key[i] as number) ^ 0x36
    outer[i] = (key[i] as number) ^ 0x5c
  }
  return {
    hex(message) {
      const data = Buffer.allocUnsafe(64 + Buffer.byteLength(message))
      inner.copy(data, 0)
      data.write(message, 64)
      hash('sha256', data, 'buffer').copy(outer, 64)
      return hash('sha256', outer, 'hex') as unknown as string
    },
  }
}

/** The derived signing key `kSigning` (uncached). */
export function deriveSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest()
  const kRegion = createHmac('sha256', kDate).update(region).digest()
  const kService = createHmac('sha256', kRegion).update(service).digest()
  return createHmac('sha256', kService).update('aws4_request').digest()
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

/** Reads the signature from the `Authorization` header or the presigned query; throws {@link SigV4Error}. */
export function parseSigV4(request: SigV4Request, index: HeaderIndex = indexHeaders(request.headers)): SigV4Parts {
  const authorization = firstHeader(index, 'authorization')
  if (authorization !== undefined) return parseAuthorizationHeader(authorization, index)
  if (/(^|&)X-Amz-Algorithm=/.test(request.query)) return parsePresigned(request)
  throw new SigV4Error('missing', 'Request is missing Authentication Token')
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

/** `YYYYMMDDTHHMMSSZ` → epoch ms (NaN when malformed). */
export function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (!m) return Number.NaN
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))
}

/** epoch ms → `YYYYMMDDTHHMMSSZ`. */
export function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/** A verifier with its own LRU of derived signing keys (never module-level, so tests stay isolated). */
export function createSigV4Verifier<C extends SigV4Credential>(options: SigV4VerifierOptions<C>): SigV4Verifier<C> {
  const maxSkew = options.maxSkewMs ?? MAX_CLOCK_SKEW_MS
  const cacheSize = options.cacheSize ?? 1024
  const keys = new Map<string, KeyedHmac>()

  function signingKey(secret: string, date: string, region: string, service: string): KeyedHmac {
    const id = `${date}\n${region}\n${service}\n${secret}`
    const hit = keys.get(id)
    if (hit) {
      // Re-insert so the Map's insertion order is recency order (least recently used first).
      keys.delete(id)
      keys.set(id, hit)
      return hit
    }
    const key = keyedHmac(deriveSigningKey(secret, date, region, service))
    if (keys.size >= cacheSize) keys.delete(keys.keys().next().value as string)
    keys.set(id, key)
    return key
  }

  function checkTime(parts: SigV4Parts): void {
    const signedAt = parseAmzDate(parts.amzDate)
    if (Number.isNaN(signedAt)) throw new SigV4Error('incomplete', `Invalid X-Amz-Date '${parts.amzDate}'`)
    if (parts.amzDate.slice(0, 8) !== parts.date) {
      throw new SigV4Error(
        'signature',
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parts.date}' != '${parts.amzDate.slice(0, 8)}'`,
      )
    }
    const now = options.clock()
    if (parts.presigned && now > signedAt + (parts.expiresSeconds ?? 0) * 1000) {
      throw new SigV4Error('presignExpired', 'Request has expired')
    }
    if (signedAt - now > maxSkew || (!parts.presigned && now - signedAt > maxSkew)) {
      const direction = signedAt > now ? 'later' : 'earlier'
      const bound = formatAmzDate(signedAt > now ? now + maxSkew : now - maxSkew)
      const sign = signedAt > now ? '+' : '-'
      throw new SigV4Error(
        'skew',
        `Signature expired: ${parts.amzDate} is now ${direction} than ${bound} (${formatAmzDate(now)} ${sign} 15 min.)`,
      )
    }
  }

  return {
    verify(request, service, normalizePath = service !== 's3') {
      const index = indexHeaders(request.headers)
      const parts = parseSigV4(request, index)
      if (parts.service !== service) {
        throw new SigV4Error(
          'wrongScope',
          `Credential should be scoped to correct service: '${service}'. `,
          parts.accessKeyId,
        )
      }
      checkTime(parts)
      if (service === 's3') checkS3PayloadHeader(index, parts.presigned, parts.accessKeyId)
      const credential = options.lookup(parts.accessKeyId)
      if (!credential)
        throw new SigV4Error('unknownKey', 'The security token included in the request is invalid.', parts.accessKeyId)
      const token = parts.sessionToken
      if (
        credential.sessionToken !== null
          ? token === undefined || !safeEqual(token, credential.sessionToken)
          : token !== undefined
      ) {
        throw new SigV4Error(
          'invalidToken',
          'The security token included in the request is invalid.',
          parts.accessKeyId,
        )
      }
      if (credential.expiresAt !== null && options.clock() >= credential.expiresAt) {
        throw new SigV4Error('expiredToken', 'The security token included in the request is expired', parts.accessKeyId)
      }
      const scope = `${parts.date}/${parts.region}/${parts.service}/aws4_request`
      const key = signingKey(credential.secretAccessKey, parts.date, parts.region, parts.service)
      const signature = parts.signature.toLowerCase()
      const matches = (omitToken: boolean): boolean => {
        const toSign = stringToSign(
          parts.amzDate,
          scope,
          canonicalRequest(request, parts, service, normalizePath, omitToken, index),
        )
        return safeEqual(key.hex(toSign), signature)
      }
      // Some presigners append X-Amz-Security-Token after signing (as header signers may): accept both.
      if (!matches(false) && !(parts.presigned && token !== undefined && matches(true))) {
        throw new SigV4Error(
          'signature',
          'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
          parts.accessKeyId,
        )
      }
      if (service === 's3') checkS3Payload(request, index, parts.accessKeyId)
      return { accessKeyId: parts.accessKeyId, credential, region: parts.region, service: parts.service }
    },
  }
}
