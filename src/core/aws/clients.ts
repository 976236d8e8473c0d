/**
 * Creates AWS SDK v3 clients on demand. Each SDK package is imported only when a network call is
 * actually needed, so the warm credential path never loads any of them. Callers pass the region
 * and the endpoint they resolved from config (`AWS_ENDPOINT_URL[_SERVICE]`, `services` sections,
 * `endpoint_url`), and explicit credentials for signed services.
 *
 * Endpoints come from the target only. Left alone, the SDK looks up configured endpoint URLs
 * itself when `endpoint` is undefined, and it does so for `AWS_PROFILE` or `[default]`, not for
 * the profile idc was asked to use: `--profile dev` with no endpoint of its own would send dev's
 * bearer token and credentials to `[default]`'s `endpoint_url` or `services`, and dev's
 * `ignore_configured_endpoint_urls = true` would not stop it. idc has already resolved the
 * endpoint from the selected profile and the environment (`resolveEndpointUrl`), so every client
 * is built with `ignoreConfiguredEndpointUrls: true`: an undefined endpoint means the service's
 * AWS endpoint, never another profile's. The same goes for `use_fips_endpoint` and
 * `use_dualstack_endpoint`: the handler carries the selected profile's choices to every client.
 *
 * @module
 */
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import type { SSOClient } from '@aws-sdk/client-sso'
import type { STSClient } from '@aws-sdk/client-sts'
import type { S3Client } from '@aws-sdk/client-s3'
import type { SigninClient } from '@aws-sdk/nested-clients/signin'
import type { IdcHttpHandler } from './http-handler.js'
import { addNetworkErrorMapping } from './network-errors.js'

/** Static or session credentials for signing. */
export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string | undefined
  /** When the credentials stop working. */
  expiration?: Date | undefined
  /** The account the credentials belong to, when known. */
  accountId?: string | undefined
}

/** Where and how to reach a service. */
export interface ClientTarget {
  region: string
  /** An endpoint override; undefined uses the SDK's default AWS endpoint. */
  endpoint?: string | undefined
  /**
   * The SDK's retry settings (`retryMode`, `maxAttempts`); the SDK's defaults (standard, 3) when
   * absent. `adaptive` adds the SDK's client-side rate limiter, which slows down on throttling.
   */
  retry?: { mode: 'standard' | 'adaptive'; maxAttempts: number } | undefined
}

/** A factory for the AWS clients idc uses; tests may supply their own. */
export interface AwsClientFactory {
  ssoOidc(target: ClientTarget): Promise<SSOOIDCClient>
  sso(target: ClientTarget): Promise<SSOClient>
  sts(target: ClientTarget, credentials: AwsCredentials): Promise<STSClient>
  s3(target: ClientTarget, credentials: AwsCredentials): Promise<S3Client>
  /** The unsigned AWS Sign-In client; every call carries the proof `dpop` makes for its method and URL. */
  signin(target: ClientTarget, dpop: DpopSigner): Promise<SigninClient>
}

/** What every client gets, whatever the service: the SDK never picks an endpoint from config files. */
const ENDPOINT_FROM_TARGET_ONLY = { ignoreConfiguredEndpointUrls: true } as const

/** Makes the DPoP proof for one request (`aws-login.md` §2.7). */
export type DpopSigner = (method: string, url: string) => string

const noCredentials = async () => {
  // The SSO OIDC and SSO portal operations are unsigned; this keeps the SDK from searching for
  // credentials of its own.
  return { accessKeyId: '', secretAccessKey: '' }
}

/**
 * The default factory: the real AWS SDK v3 clients, loaded lazily, all sending through `http`
 * (the CA bundle and proxy settings, `http-handler.ts`); the SDK's own handler without it.
 */
export function createAwsClientFactory(http?: IdcHttpHandler): AwsClientFactory {
  const transport = http ? { requestHandler: http } : {}
  // FIPS and dual-stack choose among AWS's endpoints; with an endpoint of its own a client goes
  // there, as in the AWS CLI (the SDK would refuse "FIPS and custom endpoint").
  const variants = (target: ClientTarget) =>
    target.endpoint ? { useFipsEndpoint: false, useDualstackEndpoint: false } : (http?.endpointVariants ?? {})
  // What every client of every service is given: its Region and endpoint, the transport and variants.
  const common = (target: ClientTarget) => ({
    ...ENDPOINT_FROM_TARGET_ONLY,
    ...transport,
    ...variants(target),
    region: target.region,
    endpoint: target.endpoint,
  })
  const withNetworkErrors = <T extends Parameters<typeof addNetworkErrorMapping>[0]>(client: T): T =>
    addNetworkErrorMapping(client, http?.proxyFor)
  return {
    async ssoOidc(target) {
      const { SSOOIDCClient } = await import('@aws-sdk/client-sso-oidc')
      return withNetworkErrors(new SSOOIDCClient({ ...common(target), credentials: noCredentials }))
    },
    async sso(target) {
      const { SSOClient } = await import('@aws-sdk/client-sso')
      return withNetworkErrors(
        new SSOClient({
          ...common(target),
          credentials: noCredentials,
          ...(target.retry ? { retryMode: target.retry.mode, maxAttempts: target.retry.maxAttempts } : {}),
        }),
      )
    },
    async sts(target, credentials) {
      const { STSClient } = await import('@aws-sdk/client-sts')
      return withNetworkErrors(new STSClient({ ...common(target), credentials }))
    },
    async s3(target, credentials) {
      const { S3Client } = await import('@aws-sdk/client-s3')
      return withNetworkErrors(new S3Client({ ...common(target), credentials, forcePathStyle: true }))
    },
    async signin(target, dpop) {
      // AWS publishes the Sign-In client only inside @aws-sdk/nested-clients, the package its own
      // login credential provider uses.
      const { SigninClient } = await import('@aws-sdk/nested-clients/signin')
      const client = new SigninClient({ ...common(target), credentials: noCredentials })
      // At the build step, before the retry middleware: retries resend the same proof, as the CLI does.
      client.middlewareStack.add(
        (next) => async (args) => {
          const request = args.request as {
            method?: string
            protocol?: string
            hostname?: string
            port?: number
            path?: string
            headers?: Record<string, string>
          }
          if (request.headers && request.hostname) {
            const port = request.port ? `:${request.port}` : ''
            request.headers.DPoP = dpop(
              request.method ?? 'POST',
              `${request.protocol}//${request.hostname}${port}${request.path}`,
            )
          }
          return next(args)
        },
        { step: 'build', name: 'idcDpopProof' },
      )
      return withNetworkErrors(client)
    },
  }
}
