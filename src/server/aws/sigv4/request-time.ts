/**
 * The request's time: `X-Amz-Date` against the credential scope's date, the server's clock (15
 * minutes of skew either way for header-signed requests) and a presigned URL's lifetime.
 *
 * @module
 */
import { SigV4Error, type SigV4Parts } from './types.js'

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

/** Throws {@link SigV4Error} when the signature's time is malformed, out of scope, skewed or expired at `now`. */
export function checkRequestTime(parts: SigV4Parts, now: number, maxSkew: number): void {
  const signedAt = parseAmzDate(parts.amzDate)
  if (Number.isNaN(signedAt)) throw new SigV4Error('incomplete', `Invalid X-Amz-Date '${parts.amzDate}'`)
  if (parts.amzDate.slice(0, 8) !== parts.date) {
    throw new SigV4Error(
      'signature',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parts.date}' != '${parts.amzDate.slice(0, 8)}'`,
    )
  }
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
