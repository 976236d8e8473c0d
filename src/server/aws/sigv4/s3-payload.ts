/**
 * The payload line of the canonical request, and S3's `X-Amz-Content-SHA256` rules.
 *
 * Every service but S3 signs the SHA-256 of the body as received, whatever the header declares.
 * S3 signs the header's value (a hash or `UNSIGNED-PAYLOAD`): the header must be there on a
 * header-signed request and well-formed (checked before the signature), and a declared hash must be
 * the received body's (checked after it, so a wrong key is reported before a wrong hash).
 *
 * @module
 */
import { sha256Hex } from './hashing.js'
import { firstHeader, SigV4Error, type HeaderIndex, type SigV4Request } from './types.js'

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD'

/**
 * The payload line. S3 signs what `X-Amz-Content-SHA256` declares (checked against the body by
 * {@link checkS3Payload}); every other service signs the hash of the body as received, so neither an
 * unsigned header nor `UNSIGNED-PAYLOAD` can stand in for it.
 */
export function payloadHash(request: SigV4Request, index: HeaderIndex, presigned: boolean, service: string): string {
  if (service === 's3') return firstHeader(index, 'x-amz-content-sha256')?.trim() ?? (presigned ? UNSIGNED_PAYLOAD : '')
  return bodyHash(request.body)
}

function bodyHash(body: SigV4Request['body']): string {
  return body.length === 0 ? EMPTY_SHA256 : sha256Hex(body)
}

/** S3's `X-Amz-Content-SHA256` before the signature: present on header-signed requests, and well-formed. */
export function checkS3PayloadHeader(index: HeaderIndex, presigned: boolean, accessKeyId: string): void {
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
export function checkS3Payload(request: SigV4Request, index: HeaderIndex, accessKeyId: string): void {
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
