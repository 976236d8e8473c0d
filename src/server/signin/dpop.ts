/**
 * Checks the DPoP proof (RFC 9449) on each `POST /v1/token`: a compact JWS with `typ: dpop+jwt`,
 * `alg: ES256` and the client's public P-256 key in `jwk`; its signature must verify with that key,
 * `htm` must be the request's method, `htu` the request's URL (scheme, host, port and path, as the
 * client addressed it), and `iat` recent. Proof-of-possession binds the refresh token to the key:
 * the token endpoint stores the key's RFC 7638 thumbprint with the session.
 *
 * Replay: a `jti` may come back only with the very same proof, since the AWS CLI resends one proof
 * on every retry of a call (`aws-login.md` §2.7); a different proof with a used `jti` is refused.
 *
 * @module
 */
import { createHash, createPublicKey, verify } from 'node:crypto'
import { jwkThumbprint } from '../../core/login/dpop.js'

/** How far `iat` may lie in the past. */
export const DPOP_MAX_AGE_SECONDS = 300
/** How far `iat` may lie in the future (clock skew). */
export const DPOP_MAX_SKEW_SECONDS = 60

/** A proof that passed every check. */
export interface VerifiedDpop {
  /** RFC 7638 thumbprint of the proof's key. */
  jkt: string
  jti: string
  /** SHA-256 of the whole proof, to tell a retry from a replay. */
  proofHash: string
  /** When the proof stops being acceptable (ms). */
  expiresAt: number
}

/** Why a proof was refused (never shown with the proof itself). */
export class DpopError extends Error {
  override readonly name = 'DpopError'
}

/** Verifies `proof` for a request; throws {@link DpopError}. */
export function verifyDpopProof(
  proof: string | undefined,
  request: { method: string; url: string; now: number },
): VerifiedDpop {
  if (!proof) throw new DpopError('The DPoP header is missing')
  const parts = proof.split('.')
  if (parts.length !== 3) throw new DpopError('The DPoP proof is not a compact JWS')
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string]
  const header = decodeJson(headerPart)
  const payload = decodeJson(payloadPart)
  if (header.typ !== 'dpop+jwt') throw new DpopError('The DPoP proof type must be dpop+jwt')
  if (header.alg !== 'ES256') throw new DpopError('The DPoP proof algorithm must be ES256')
  const jwk = header.jwk as Record<string, unknown> | undefined
  if (
    !jwk ||
    typeof jwk !== 'object' ||
    jwk.kty !== 'EC' ||
    jwk.crv !== 'P-256' ||
    typeof jwk.x !== 'string' ||
    typeof jwk.y !== 'string' ||
    'd' in jwk
  ) {
    throw new DpopError('The DPoP proof must carry a public P-256 key')
  }
  let key
  try {
    key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' })
  } catch {
    throw new DpopError('The DPoP proof key is not a valid P-256 point')
  }
  const signature = Buffer.from(signaturePart, 'base64url')
  const signed = Buffer.from(`${headerPart}.${payloadPart}`)
  if (signature.length !== 64 || !verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, signature)) {
    throw new DpopError('The DPoP proof signature is not valid')
  }
  if (payload.htm !== request.method) throw new DpopError('The DPoP proof htm does not match the request method')
  if (typeof payload.htu !== 'string' || !sameTarget(payload.htu, request.url)) {
    throw new DpopError('The DPoP proof htu does not match the request URL')
  }
  const iat = payload.iat
  const nowSeconds = Math.floor(request.now / 1000)
  if (typeof iat !== 'number' || !Number.isInteger(iat)) throw new DpopError('The DPoP proof iat is missing')
  if (iat > nowSeconds + DPOP_MAX_SKEW_SECONDS || iat < nowSeconds - DPOP_MAX_AGE_SECONDS) {
    throw new DpopError('The DPoP proof iat is outside the accepted window')
  }
  if (typeof payload.jti !== 'string' || payload.jti === '' || payload.jti.length > 256) {
    throw new DpopError('The DPoP proof jti is missing')
  }
  return {
    jkt: jwkThumbprint({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }),
    jti: payload.jti,
    proofHash: createHash('sha256').update(proof).digest('hex'),
    expiresAt: (iat + DPOP_MAX_AGE_SECONDS + DPOP_MAX_SKEW_SECONDS) * 1000,
  }
}

function decodeJson(part: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {}
  throw new DpopError('The DPoP proof is not valid JSON')
}

// RFC 9449 §4.3: compare without query and fragment, after URL normalisation (case, default port).
function sameTarget(htu: string, actual: string): boolean {
  try {
    const a = new URL(htu)
    const b = new URL(actual)
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname
  } catch {
    return false
  }
}
