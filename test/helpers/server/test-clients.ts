/**
 * Test helpers: the real JS SDK v3 clients talking to the Hono app without sockets (a request
 * handler that forwards to `app.fetch`), and a SigV4-signed awsJson caller built on the SDK's own
 * signer for the admin APIs whose SDK clients are not installed. Only tests import this file.
 *
 * @module
 */
import { Readable } from 'node:stream'
import { Sha256 } from '@smithy/core/checksum'
import { SignatureV4 } from '@smithy/signature-v4'
import type { Hono } from 'hono'

/** Static credentials for a client. */
export interface TestCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

interface SmithyRequest {
  method: string
  protocol: string
  hostname: string
  port?: number
  path: string
  query?: Record<string, string | string[] | null>
  headers: Record<string, string>
  body?: unknown
}

function queryString(query: SmithyRequest['query']): string {
  const parts: string[] = []
  for (const [key, value] of Object.entries(query ?? {})) {
    const values = value === null ? [null] : Array.isArray(value) ? value : [value]
    for (const v of values)
      parts.push(v === null ? encodeURIComponent(key) : `${encodeURIComponent(key)}=${encodeURIComponent(v)}`)
  }
  return parts.length ? `?${parts.join('&')}` : ''
}

/** A smithy request handler that answers from `app.fetch` (what the SDK sends is what the app sees). */
export function appRequestHandler(app: Hono): { handle(request: SmithyRequest): Promise<{ response: unknown }> } {
  return {
    async handle(request) {
      const url = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}${queryString(request.query)}`
      const body =
        request.body === undefined || request.body === null ? undefined : (request.body as string | Uint8Array)
      const res = await app.fetch(
        new Request(url, { method: request.method, headers: request.headers, body: body as BodyInit | undefined }),
      )
      const headers: Record<string, string> = {}
      res.headers.forEach((v, k) => {
        headers[k] = v
      })
      const bytes = Buffer.from(await res.arrayBuffer())
      return { response: { statusCode: res.status, headers, body: Readable.from([bytes]) } }
    },
  }
}

/** Options for {@link callJson}. */
export interface CallJsonOptions {
  app: Hono
  credentials: TestCredentials
  /** e.g. `SWBExternalService.ListInstances`. */
  target: string
  signingName: string
  body: unknown
  region?: string
  endpoint?: string
}

/** Signs an awsJson1_1 request with the SDK's SigV4 signer and sends it to the app. */
export async function callJson(options: CallJsonOptions): Promise<{ status: number; headers: Headers; json: any }> {
  const endpoint = new URL(options.endpoint ?? 'http://127.0.0.1:4566')
  const signer = new SignatureV4({
    credentials: options.credentials,
    region: options.region ?? 'ap-northeast-1',
    service: options.signingName,
    sha256: Sha256,
  })
  const body = JSON.stringify(options.body)
  const signed = (await signer.sign({
    method: 'POST',
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    port: Number(endpoint.port),
    path: '/',
    query: {},
    headers: { host: endpoint.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': options.target },
    body,
  })) as SmithyRequest
  const res = await options.app.fetch(
    new Request(endpoint.toString(), { method: 'POST', headers: signed.headers, body }),
  )
  const text = await res.text()
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined }
}

/** What an SDK call that failed threw: its error name, HTTP status and message. */
export interface SdkFailure {
  name: string
  status: number | undefined
  message: string
}

/** Awaits an SDK call that must fail and returns its {@link SdkFailure}; throws when it succeeds. */
export async function sdkFailure(promise: Promise<unknown>): Promise<SdkFailure> {
  try {
    await promise
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } }
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message }
  }
  throw new Error('expected a failure')
}

/**
 * A JS SDK v3 client (`STSClient`, `S3Client`, …) that talks to `app` without sockets: region
 * ap-northeast-1, endpoint http://127.0.0.1:4566, path-style S3, one attempt; `extra` overrides.
 */
export function appClient<T>(
  Client: new (config: any) => T,
  app: Hono,
  credentials: TestCredentials,
  extra: Record<string, unknown> = {},
): T {
  return new Client({
    region: 'ap-northeast-1',
    endpoint: 'http://127.0.0.1:4566',
    credentials,
    requestHandler: appRequestHandler(app),
    maxAttempts: 1,
    forcePathStyle: true,
    ...extra,
  })
}
