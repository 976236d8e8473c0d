/**
 * A minimal AWS Signature Version 4 signer for the load tests: one request signed once and
 * replayed (valid for the server's 15-minute clock-skew window), as load generators do.
 *
 * @module
 */
import { createHash, createHmac } from 'node:crypto'

/** Credentials to sign with. */
export interface SigningCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/** A request to sign. */
export interface SignRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: string
  service: string
  region: string
  /** Defaults to now. */
  date?: Date
}

const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex')
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest()

function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** Returns the request's headers plus `x-amz-date`, the session token and `authorization`. */
export function signRequest(request: SignRequest, credentials: SigningCredentials): Record<string, string> {
  const url = new URL(request.url)
  const amzDate = (request.date ?? new Date())
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
  const day = amzDate.slice(0, 8)
  const headers: Record<string, string> = { ...request.headers, host: url.host, 'x-amz-date': amzDate }
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken
  const names = Object.keys(headers)
    .map((n) => n.toLowerCase())
    .sort()
  const lower = Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')]),
  )
  const query = [...url.searchParams]
    .map(([k, v]) => [encode(k), encode(v)])
    .sort(([a, x], [b, y]) =>
      a === b ? ((x as string) < (y as string) ? -1 : 1) : (a as string) < (b as string) ? -1 : 1,
    )
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  const canonical = [
    request.method,
    url.pathname || '/',
    query,
    names.map((n) => `${n}:${lower[n]}\n`).join(''),
    names.join(';'),
    sha256(request.body),
  ].join('\n')
  const scope = `${day}/${request.region}/${request.service}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n')
  const key = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), request.region), request.service),
    'aws4_request',
  )
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex')
  const { host: _host, ...rest } = headers
  return {
    ...rest,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  }
}
