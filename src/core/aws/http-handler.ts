/**
 * The one HTTP handler behind every call idc makes — the AWS SDK clients (OIDC, portal, STS, S3,
 * Sign-In) and the plain requests (the start-URL probe, the console's federation endpoint) — so
 * that all of them honour the CA bundle and the proxy variables alike (`http-settings.ts`).
 *
 * It is the SDK's own `NodeHttpHandler`, one per route: direct or through a proxy, http or https.
 * The route is picked per request, because `no_proxy` is a rule about hosts and one client may
 * reach several (a redirect, an endpoint override). Proxies use the `http-proxy-agent` and
 * `https-proxy-agent` packages (CONNECT tunnels for https, absolute-URI requests for http, as
 * urllib3 does for the AWS CLI); they load only when a proxy is in use. This module itself loads on
 * the first network call, never on the warm credential path.
 *
 * @module
 */
import type { Agent as HttpAgent, ClientRequest } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import type { HttpHandler, HttpResponse } from '@smithy/core/protocols'
import { HttpRequest } from '@smithy/core/transport'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { Readable } from 'node:stream'
import { loadSharedConfigWithOrigins } from '../config/load-shared-config.js'
import type { SharedConfig } from '../config/parse-config-file.js'
import { resolveProfileName } from '../config/profile.js'
import type { Env } from '../env.js'
import { IdcError, NetworkError } from '../errors.js'
import { maskProxyUrl, resolveHttpSettings, type EndpointVariants, type HttpSettings } from '../net/http-settings.js'
import { rememberErrorBody } from './service-errors.js'
import { PROXY_TUNNEL_FAILED, requestUrl, sslFailureReason } from './network-errors.js'

/** What the handler's settings come from, besides the environment variables. */
export interface HttpHandlerOptionsInput {
  /** `--ca-bundle`. */
  caBundle?: string | undefined
  /** The explicitly chosen profile (`--profile`), whose `ca_bundle` applies. */
  profile?: string | undefined
  /** The shared config, when already loaded (otherwise read only if `ca_bundle` may matter). */
  config?: SharedConfig | undefined
  /** `--debug`'s logger: told the CA bundle and the proxy (credentials masked) of each request. */
  debug?: ((message: string) => void) | undefined
}

/** The SDK's handler interface plus the proxy a URL goes through (for error messages). */
export interface IdcHttpHandler extends HttpHandler<object> {
  /** The proxy `url` is sent through, credentials masked, or undefined for a direct connection. */
  proxyFor(url: string): string | undefined
  /**
   * The selected profile's FIPS and dual-stack choices, resolved with the CA bundle from the same
   * profile and config; the client factory applies them to every client.
   */
  readonly endpointVariants: EndpointVariants
  /**
   * One plain request (the start-URL probe, the console's GET), redirects not followed. Failures
   * read as Python's urllib words them for the AWS CLI; a CA bundle that cannot be loaded rejects
   * with Python's own words for that, as the CLI fails before its request.
   */
  request(url: string, options: PlainRequestOptions): Promise<PlainResponse>
}

/** Python's wording of the file errors Node reports while reading the CA bundle. */
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: '[Errno 2] No such file or directory',
  EACCES: '[Errno 13] Permission denied',
  EISDIR: '[Errno 21] Is a directory',
}
const NO_CERTIFICATE = '[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found (_ssl.c:4416)'

/**
 * Resolves the settings and returns the handler. Throws the AWS CLI's configuration error for an
 * empty CA bundle setting, as the CLI does when it creates a client.
 */
export async function createHttpHandler(env: Env, input: HttpHandlerOptionsInput = {}): Promise<IdcHttpHandler> {
  const profile = resolveProfileName(env, input.profile)
  const config = input.config ?? (await loadSharedConfigWithOrigins(env))
  const settings = resolveHttpSettings(env.vars, { caBundle: input.caBundle, profile, config: config as SharedConfig })
  return createRoutingHandler(env, settings, input.debug)
}

function createRoutingHandler(
  env: Env,
  settings: HttpSettings,
  debug: ((message: string) => void) | undefined,
): IdcHttpHandler {
  const routes = new Map<string, Promise<NodeHttpHandler>>()
  let caText: Promise<string> | undefined
  // Python's words for a bundle it cannot load; the SDK path puts them after the request's URL.
  const loadCa = (): Promise<string> => {
    caText ??= env.fs.readFile(settings.caBundle as string, 'utf8')
    return caText.then(
      (text) => {
        if (!/-----BEGIN CERTIFICATE-----/.test(text)) throw new IdcError('general', NO_CERTIFICATE)
        return text
      },
      (error: NodeJS.ErrnoException) => {
        throw new IdcError('general', ERRNO_TEXT[error.code ?? ''] ?? error.message, { cause: error })
      },
    )
  }
  const createRoute = async (secure: boolean, proxy: string | undefined): Promise<NodeHttpHandler> => {
    const ca = secure && settings.caBundle !== undefined ? await loadCa() : undefined
    const options = { keepAlive: true, maxSockets: 50, ...(ca === undefined ? {} : { ca }) }
    if (!proxy) {
      return new NodeHttpHandler(secure ? { httpsAgent: new HttpsAgent(options) } : {})
    }
    const agent = secure ? await createTunnelAgent(proxy, options) : await createForwardAgent(proxy, options)
    return new NodeHttpHandler(
      secure ? { httpsAgent: agent as unknown as HttpsAgent } : { httpAgent: agent as unknown as HttpAgent },
    )
  }
  const route = (request: HttpRequest): Promise<NodeHttpHandler> => {
    const secure = request.protocol === 'https:'
    const proxy = settings.proxyFor(requestUrl(request))
    const key = `${secure ? 'https' : 'http'} ${proxy ?? ''}`
    if (debug) {
      // What botocore's log shows of its certificate path, and the proxy urllib3 connects through.
      const ca = secure ? (settings.caBundle ?? "Node's default") : 'none (plain http)'
      const via = proxy === undefined ? 'none' : maskProxyUrl(proxy)
      debug(
        `Request to ${request.protocol}//${request.hostname}:${request.port ?? (secure ? 443 : 80)}: CA bundle: ${ca}; proxy: ${via}`,
      )
    }
    let handler = routes.get(key)
    if (!handler) {
      handler = createRoute(secure, proxy)
      routes.set(key, handler)
      // A CA bundle that cannot be read fails every request.
      handler.catch(() => routes.delete(key))
    }
    return handler
  }
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    endpointVariants: settings.endpointVariants,
    async handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
      let handler: NodeHttpHandler
      try {
        handler = await route(request)
      } catch (error) {
        throw new NetworkError(`SSL validation failed for ${requestUrl(request)} ${(error as Error).message}`, {
          cause: error,
        })
      }
      const answer = await handler.handle(request, options)
      await keepErrorBody(answer.response)
      return answer
    },
    async request(url: string, options: PlainRequestOptions): Promise<PlainResponse> {
      const request = plainRequest(url, options.method)
      const timeout = AbortSignal.timeout(options.timeoutMs)
      try {
        const { response } = await (await route(request)).handle(request, { abortSignal: timeout })
        return await readResponse(response, options.readBody ?? false)
      } catch (error) {
        // The words Python's urllib gives the AWS CLI's own plain requests (the start-URL probe).
        if (timeout.aborted) throw timeout.reason
        // Python's words are final: neither code nor cause is left for a caller to reword.
        const reason = sslFailureReason(error as Error)
        throw reason === (error as Error).message ? error : new Error(reason)
      }
    },
    proxyFor(url: string): string | undefined {
      const proxy = settings.proxyFor(url)
      return proxy === undefined ? undefined : maskProxyUrl(proxy)
    },
    updateHttpClientConfig() {
      // The settings come from the environment and the profile, never from one client.
    },
    httpHandlerConfigs: () => ({}),
    destroy() {
      // Shared by every client of the process: one client's destroy() must not close the others'
      // connections. Idle keep-alive sockets never hold the process open (Node unrefs them).
    },
  }
}

/** The most of an error answer's body kept in memory; AWS's error documents are a few hundred bytes. */
export const MAX_ERROR_BODY_BYTES = 1024 * 1024

/**
 * Reads an error answer's body into memory and remembers its text, for the AWS CLI's wording of an
 * answer that is not an AWS error (the SDK drops a body it cannot parse as JSON). Successful answers
 * keep streaming. A body past {@link MAX_ERROR_BODY_BYTES} (a misbehaving proxy or server) is cut
 * there and its connection closed, so an endless answer cannot exhaust memory.
 */
async function keepErrorBody(response: HttpResponse): Promise<void> {
  const body = response.body as unknown
  if (response.statusCode < 300 || !(body instanceof Readable)) return
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    const piece = Buffer.from(chunk as Uint8Array)
    chunks.push(piece.subarray(0, MAX_ERROR_BODY_BYTES - size))
    size += piece.length
    if (size >= MAX_ERROR_BODY_BYTES) {
      body.destroy()
      break
    }
  }
  const bytes = Buffer.concat(chunks)
  response.body = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  rememberErrorBody(response, bytes.toString('utf8'))
}

type HttpHandlerOptions = Parameters<HttpHandler['handle']>[1]
type AgentOptions = { keepAlive: boolean; maxSockets: number; ca?: string }
type AgentConnectOpts = Parameters<import('https-proxy-agent').HttpsProxyAgent<string>['connect']>[1]

/** An agent that sends https requests through a CONNECT tunnel, verifying the server with `ca`. */
async function createTunnelAgent(proxy: string, options: AgentOptions) {
  const { HttpsProxyAgent } = await import('https-proxy-agent')
  // The package applies its options to the connection to the proxy; the TLS session with the server
  // inside the tunnel gets the request's options, to which the CA bundle is added here.
  class TunnelAgent extends HttpsProxyAgent<string> {
    override connect(request: ClientRequest, connectOptions: AgentConnectOpts) {
      return super.connect(
        request,
        options.ca === undefined ? connectOptions : ({ ...connectOptions, ca: options.ca } as AgentConnectOpts),
      )
    }
  }
  const agent = new TunnelAgent(proxy, options)
  // A refused tunnel (407, 403, 502…) is a failure to use the proxy, as urllib3 reports it, not a
  // response from the service.
  agent.on('proxyConnect', (connect: { statusCode?: number; statusText?: string }, request: ClientRequest) => {
    if (connect.statusCode === 200) return
    const error = new Error(`Tunnel connection failed: ${connect.statusCode} ${connect.statusText ?? ''}`.trim())
    request.destroy(Object.assign(error, { code: PROXY_TUNNEL_FAILED }))
  })
  return agent
}

/** An agent that sends http requests to the proxy with absolute URIs, as urllib3 does. */
async function createForwardAgent(proxy: string, options: AgentOptions) {
  const { HttpProxyAgent } = await import('http-proxy-agent')
  return new HttpProxyAgent(proxy, options)
}

/** A plain request for `url`: the path and query as given, no body. */
function plainRequest(url: string, method: 'GET' | 'HEAD'): HttpRequest {
  const parsed = new URL(url)
  const query: Record<string, string[]> = {}
  for (const [key, value] of parsed.searchParams) (query[key] ??= []).push(value)
  return new HttpRequest({
    method,
    protocol: parsed.protocol,
    hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : undefined,
    path: parsed.pathname,
    query,
    headers: { host: parsed.host },
  })
}

async function readResponse(response: HttpResponse, readBody: boolean): Promise<PlainResponse> {
  const stream = response.body as NodeJS.ReadableStream | undefined
  let body = ''
  if (stream && readBody) {
    stream.setEncoding('utf8')
    for await (const chunk of stream) body += chunk as string
  } else {
    stream?.resume()
  }
  return { status: response.statusCode, headers: response.headers, body }
}

/** The answer to {@link IdcHttpHandler.request}. */
export interface PlainResponse {
  status: number
  /** Header values by lower-case name. */
  headers: Readonly<Record<string, string | undefined>>
  body: string
}

/** Options for {@link IdcHttpHandler.request}. */
export interface PlainRequestOptions {
  method: 'GET' | 'HEAD'
  /** Gives up after this many milliseconds (rejecting with a `TimeoutError`). */
  timeoutMs: number
  /** Reads the body (otherwise it is discarded). */
  readBody?: boolean
}
