/**
 * SigV4 signing for the load tests, with the AWS SDK's own signer (`@smithy/signature-v4` and the
 * SDK's Node SHA-256): one request signed once and replayed, as load generators do (valid for the
 * server's 15-minute clock-skew window, longer than any run).
 *
 * @module
 */
import { Sha256 } from '@smithy/core/checksum'
import { SignatureV4 } from '@smithy/signature-v4'

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
}

/**
 * The request's headers plus what the signer adds (`x-amz-date`, `x-amz-content-sha256`, the session
 * token, `authorization`), without `host`: every HTTP client sets it from the URL, as signed.
 */
export async function signRequest(
  request: SignRequest,
  credentials: SigningCredentials,
): Promise<Record<string, string>> {
  const url = new URL(request.url)
  const signer = new SignatureV4({ credentials, region: request.region, service: request.service, sha256: Sha256 })
  const signed = await signer.sign({
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { ...request.headers, host: url.host },
    body: request.body,
  })
  const { host: _host, ...headers } = signed.headers
  return headers
}
