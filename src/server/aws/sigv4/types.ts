/**
 * SigV4's constants, the request and credential shapes the verifier works on, and its error.
 *
 * @module
 */

/** The algorithm identifier of SigV4. */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256'
/** How far a request's time may be from the server's clock (AWS: 15 minutes). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000
/** The longest validity of a presigned URL (AWS: one week; the signing key is valid that long). */
export const MAX_PRESIGN_SECONDS = 604_800

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

/** Header values by lower-case name, built once per request (repeated names keep every value). */
export type HeaderIndex = Map<string, string[]>

/** Indexes `headers` by lower-case name. */
export function indexHeaders(headers: SigV4Request['headers']): HeaderIndex {
  const index: HeaderIndex = new Map()
  for (const [key, value] of headers) {
    const name = key.toLowerCase()
    const values = index.get(name)
    if (values) values.push(value)
    else index.set(name, [value])
  }
  return index
}

/** The first value of header `name` (lower case), if any. */
export function firstHeader(index: HeaderIndex, name: string): string | undefined {
  return index.get(name)?.[0]
}
