/**
 * AWS API errors and how each protocol spells the SigV4 failures (STS awsQuery, S3 rest-xml and the
 * awsJson admin APIs each use their own codes and statuses for the same failure).
 *
 * @module
 */
import type { StoreLimitError } from '../store/limits.js'
import type { SigV4Error, SigV4ErrorKind } from './sigv4.js'

/** An error to send in the protocol's error format. */
export class AwsError extends Error {
  override readonly name = 'AwsError'
  constructor(
    /** The AWS error code (`AccessDenied`, `ValidationError`, `ResourceNotFoundException`, …). */
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra members of the error body (S3 `AWSAccessKeyId`, awsJson `Reason`). */
    readonly extra: Record<string, string> = {},
  ) {
    super(message)
  }
}

/** The wire protocols served at `/`. */
export type AwsProtocol = 'query' | 'restXml' | 'json'

type Mapping = Record<SigV4ErrorKind, readonly [code: string, status: number, message?: string]>

const SIGNATURE_MISMATCH_S3 =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.'

// The payload-hash kinds come only from S3 (every other service signs the received body's hash),
// so the query and awsJson rows for them are never used; they say what those services would.
const HEADERS_NOT_SIGNED = 'There were headers present in the request which were not signed'

const MAPPINGS: Record<AwsProtocol, Mapping> = {
  query: {
    missing: ['MissingAuthenticationToken', 403],
    incomplete: ['IncompleteSignature', 403],
    unknownKey: ['InvalidClientTokenId', 403],
    invalidToken: ['InvalidClientTokenId', 403],
    expiredToken: ['ExpiredToken', 403],
    signature: ['SignatureDoesNotMatch', 403],
    skew: ['SignatureDoesNotMatch', 403],
    presignExpired: ['SignatureDoesNotMatch', 403, 'Signature expired'],
    wrongScope: ['SignatureDoesNotMatch', 403],
    hostNotSigned: ['IncompleteSignature', 403],
    queryParameters: ['IncompleteSignature', 403],
    payloadHashMissing: ['IncompleteSignature', 403],
    payloadHashInvalid: ['IncompleteSignature', 403],
    payloadHashUnsupported: ['IncompleteSignature', 403],
    payloadHashMismatch: ['SignatureDoesNotMatch', 403],
  },
  restXml: {
    missing: ['AccessDenied', 403, 'Access Denied'],
    incomplete: ['AuthorizationHeaderMalformed', 400],
    unknownKey: ['InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.'],
    invalidToken: ['InvalidToken', 400, 'The provided token is malformed or otherwise invalid.'],
    expiredToken: ['ExpiredToken', 400, 'The provided token has expired.'],
    signature: ['SignatureDoesNotMatch', 403, SIGNATURE_MISMATCH_S3],
    skew: ['RequestTimeTooSkewed', 403, 'The difference between the request time and the current time is too large.'],
    presignExpired: ['AccessDenied', 403, 'Request has expired'],
    wrongScope: ['AuthorizationHeaderMalformed', 400],
    hostNotSigned: ['AccessDenied', 403, HEADERS_NOT_SIGNED],
    queryParameters: ['AuthorizationQueryParametersError', 400],
    payloadHashMissing: ['InvalidRequest', 400],
    payloadHashInvalid: ['InvalidArgument', 400],
    payloadHashUnsupported: ['NotImplemented', 501],
    payloadHashMismatch: ['XAmzContentSHA256Mismatch', 400],
  },
  // The awsJson services answer SigV4 failures with the Coral exception names.
  json: {
    missing: ['MissingAuthenticationTokenException', 403, 'Missing Authentication Token'],
    incomplete: ['IncompleteSignatureException', 400],
    unknownKey: ['UnrecognizedClientException', 400],
    invalidToken: ['UnrecognizedClientException', 400],
    expiredToken: ['ExpiredTokenException', 400],
    signature: ['InvalidSignatureException', 400],
    skew: ['InvalidSignatureException', 400],
    presignExpired: ['InvalidSignatureException', 400, 'Signature expired'],
    wrongScope: ['InvalidSignatureException', 400],
    hostNotSigned: ['IncompleteSignatureException', 400],
    queryParameters: ['IncompleteSignatureException', 400],
    payloadHashMissing: ['IncompleteSignatureException', 400],
    payloadHashInvalid: ['IncompleteSignatureException', 400],
    payloadHashUnsupported: ['IncompleteSignatureException', 400],
    payloadHashMismatch: ['InvalidSignatureException', 400],
  },
}

/** The protocol's error for a SigV4 failure. */
export function sigV4Failure(error: SigV4Error, protocol: AwsProtocol): AwsError {
  const [code, status, message] = MAPPINGS[protocol][error.kind]
  const extra: Record<string, string> = {}
  if (protocol === 'restXml') {
    if (error.kind === 'unknownKey' && error.accessKeyId) extra.AWSAccessKeyId = error.accessKeyId
    if (error.kind === 'hostNotSigned') extra.HeadersNotSigned = 'host'
    Object.assign(extra, error.extra)
  }
  return new AwsError(code, message ?? error.message, status, extra)
}

const VALIDATION_CODES: Record<AwsProtocol, string> = {
  query: 'ValidationError',
  restXml: 'InvalidArgument',
  json: 'ValidationException',
}

/** The protocol's validation error for a value the store refused as too long. */
export function storeLimitFailure(error: StoreLimitError, protocol: AwsProtocol): AwsError {
  return new AwsError(VALIDATION_CODES[protocol], error.message, 400)
}
