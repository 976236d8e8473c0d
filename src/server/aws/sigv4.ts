/**
 * Server-side AWS Signature Version 4 verification (header-signed and presigned-query requests).
 *
 * Hand-written on node:crypto on purpose: the SDK's signer (`@smithy/signature-v4`) is a client-side
 * signer. It decides itself which headers to sign and how to encode the path it was given, so it
 * cannot canonicalise an arbitrary incoming request exactly as the client did: the server must use
 * the `SignedHeaders` list the client chose, the raw `Host` (with port), the raw query string and
 * the raw path as it arrived on the wire.
 *
 * The signature always covers the body the server received, as AWS's does. The pieces, one domain a
 * module under `sigv4/`:
 * - `types.ts`: constants, the request, credential and parts shapes, {@link SigV4Error};
 * - `parse.ts`: the `Authorization` header and the presigned query (`host` signed, `X-Amz-Expires`);
 * - `canonical-request.ts`: canonical path, query, headers and the string to sign;
 * - `s3-payload.ts`: the payload line and S3's `X-Amz-Content-SHA256` rules;
 * - `hashing.ts`: SHA-256, the derived signing key, its LRU and the keyed-HMAC fast path;
 * - `request-time.ts`: `X-Amz-Date`, clock skew and presigned lifetimes;
 * - `verifier.ts`: {@link createSigV4Verifier}, which puts them together.
 *
 * @module
 */
export { canonicalPath, canonicalQuery, canonicalRequest, stringToSign, uriEncode } from './sigv4/canonical-request.js'
export { deriveSigningKey, keyedHmac, sha256Hex, type KeyedHmac } from './sigv4/hashing.js'
export { parseSigV4 } from './sigv4/parse.js'
export { formatAmzDate, parseAmzDate } from './sigv4/request-time.js'
export {
  MAX_CLOCK_SKEW_MS,
  MAX_PRESIGN_SECONDS,
  SIGV4_ALGORITHM,
  SigV4Error,
  type HeaderIndex,
  type SigV4Credential,
  type SigV4ErrorKind,
  type SigV4Parts,
  type SigV4Request,
} from './sigv4/types.js'
export {
  createSigV4Verifier,
  type SigV4Result,
  type SigV4Verifier,
  type SigV4VerifierOptions,
} from './sigv4/verifier.js'
