/**
 * The one AWS Sign-In call the login flow makes, CreateOAuth2Token (`POST /v1/token`), for both
 * grants: the authorization code at sign-in and the refresh token afterwards. Every call carries a
 * DPoP proof signed with the session's key (`aws-login.md` §2.6–2.8).
 *
 * @module
 */
import type { KeyObject } from 'node:crypto'
import type { AwsClientFactory, ClientTarget } from '../aws/clients.js'
import { serviceErrorDetails } from '../aws/service-errors.js'
import type { Env } from '../env.js'
import { ServiceError } from '../errors.js'
import { createDpopProof } from './dpop.js'

/** The `tokenInput` body: `clientId` and `grantType`, then the grant's own fields. */
export interface SigninTokenInput {
  clientId: string
  grantType: 'authorization_code' | 'refresh_token'
  code?: string
  codeVerifier?: string
  redirectUri?: string
  refreshToken?: string
}

/** The `tokenOutput` body, as far as the service sent it. */
export interface SigninTokenOutput {
  accessToken?: { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string }
  tokenType?: string
  expiresIn?: number
  refreshToken?: string
  idToken?: string
}

/** Calls CreateOAuth2Token with a DPoP proof from `key`. Throws the SDK's errors unchanged. */
export async function createOAuth2Token(
  env: Env,
  clients: AwsClientFactory,
  target: ClientTarget,
  key: KeyObject,
  input: SigninTokenInput,
): Promise<SigninTokenOutput> {
  const client = await clients.signin(target, (method, url) =>
    createDpopProof(key, { htm: method, htu: url, iat: Math.floor(env.now() / 1000), jti: env.randomUUID() }),
  )
  try {
    const { CreateOAuth2TokenCommand } = await import('@aws-sdk/nested-clients/signin')
    const out = await client.send(new CreateOAuth2TokenCommand({ tokenInput: input }))
    return (out.tokenOutput ?? {}) as SigninTokenOutput
  } finally {
    client.destroy()
  }
}

/** The `error` member of a Sign-In exception (`TOKEN_EXPIRED`, `INVALID_REQUEST`…), if any. */
export function signinErrorCode(error: unknown): string | undefined {
  const code = (error as { error?: unknown } | null)?.error
  return typeof code === 'string' ? code : undefined
}

/** True for the service's AccessDeniedException. */
export function isAccessDenied(error: unknown): boolean {
  return (error as Error | null)?.name === 'AccessDeniedException'
}

/**
 * Any other service error as botocore prints it; the `error` member is among its details, which
 * the CLI lists under "Additional error details". Non-service errors pass through.
 */
export function toSigninServiceError(error: unknown): unknown {
  const metadata = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata
  if (!(error instanceof Error) || metadata === undefined) return error
  const details = serviceErrorDetails(error, 'CreateOAuth2Token')
  return new ServiceError(error.name, 'CreateOAuth2Token', String(details.Message), {
    cause: error,
    statusCode: metadata.httpStatusCode,
    details,
  })
}
