/**
 * The verifier: parses the signature, checks its scope and time, finds the key, and compares the
 * signature it computes over the request as received with the one the client sent.
 *
 * @module
 */
import { safeEqual } from '../../domain/secrets.js'
import { canonicalRequest, stringToSign } from './canonical-request.js'
import { createSigningKeyCache } from './hashing.js'
import { parseSigV4 } from './parse.js'
import { checkRequestTime } from './request-time.js'
import { checkS3Payload, checkS3PayloadHeader } from './s3-payload.js'
import {
  indexHeaders,
  MAX_CLOCK_SKEW_MS,
  SigV4Error,
  type SigV4Credential,
  type SigV4Parts,
  type SigV4Request,
} from './types.js'

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

/** A verifier with its own LRU of derived signing keys (never module-level, so tests stay isolated). */
export function createSigV4Verifier<C extends SigV4Credential>(options: SigV4VerifierOptions<C>): SigV4Verifier<C> {
  const maxSkew = options.maxSkewMs ?? MAX_CLOCK_SKEW_MS
  const keys = createSigningKeyCache(options.cacheSize ?? 1024)

  /** The key's credential, when the request's session token matches it and it has not expired. */
  function credentialFor(parts: SigV4Parts): C {
    const credential = options.lookup(parts.accessKeyId)
    if (!credential)
      throw new SigV4Error('unknownKey', 'The security token included in the request is invalid.', parts.accessKeyId)
    const token = parts.sessionToken
    if (
      credential.sessionToken !== null
        ? token === undefined || !safeEqual(token, credential.sessionToken)
        : token !== undefined
    ) {
      throw new SigV4Error('invalidToken', 'The security token included in the request is invalid.', parts.accessKeyId)
    }
    if (credential.expiresAt !== null && options.clock() >= credential.expiresAt) {
      throw new SigV4Error('expiredToken', 'The security token included in the request is expired', parts.accessKeyId)
    }
    return credential
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
      checkRequestTime(parts, options.clock(), maxSkew)
      if (service === 's3') checkS3PayloadHeader(index, parts.presigned, parts.accessKeyId)
      const credential = credentialFor(parts)
      const scope = `${parts.date}/${parts.region}/${parts.service}/aws4_request`
      const key = keys.get(credential.secretAccessKey, parts.date, parts.region, parts.service)
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
      if (!matches(false) && !(parts.presigned && parts.sessionToken !== undefined && matches(true))) {
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
