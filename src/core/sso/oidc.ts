/**
 * Thin wrappers over the AWS SDK's SSO-OIDC and SSO portal clients (loaded lazily through the
 * injected factory): plain inputs and outputs, and service errors turned into idc's
 * {@link ServiceError} with the AWS CLI's wording.
 *
 * @module
 */
import type { AwsClientFactory, ClientTarget } from '../aws/clients.js'
import { toServiceError } from '../aws/service-errors.js'

/** CreateToken input (camelCase members as on the wire). */
export interface CreateTokenInput {
  grantType: string
  clientId: string
  clientSecret: string
  deviceCode?: string
  code?: string
  refreshToken?: string
  redirectUri?: string
  codeVerifier?: string
}

/** CreateToken output. */
export interface CreateTokenOutput {
  accessToken: string
  expiresIn: number
  refreshToken?: string | undefined
}

/** RegisterClient input. */
export interface RegisterClientInput {
  clientName: string
  clientType: 'public'
  scopes?: string[]
  grantTypes?: string[]
  redirectUris?: string[]
  issuerUrl?: string
}

/** RegisterClient output. */
export interface RegisterClientOutput {
  clientId: string
  clientSecret: string
  /** Epoch seconds. */
  clientSecretExpiresAt: number
}

/** StartDeviceAuthorization output. */
export interface DeviceAuthorization {
  deviceCode: string
  userCode: string
  verificationUri: string
  verificationUriComplete: string
  expiresIn: number
  interval: number
}

/** SSO-OIDC CreateToken. Throws the SDK's error unchanged so callers can read its code. */
export async function createSsoToken(
  clients: AwsClientFactory,
  target: ClientTarget,
  input: CreateTokenInput,
): Promise<CreateTokenOutput> {
  const client = await clients.ssoOidc(target)
  const { CreateTokenCommand } = await import('@aws-sdk/client-sso-oidc')
  const out = await client.send(new CreateTokenCommand(input))
  if (!out.accessToken) throw new Error('CreateToken returned no accessToken')
  return { accessToken: out.accessToken, expiresIn: out.expiresIn ?? 0, refreshToken: out.refreshToken }
}

/** SSO-OIDC RegisterClient. */
export async function registerSsoClient(
  clients: AwsClientFactory,
  target: ClientTarget,
  input: RegisterClientInput,
): Promise<RegisterClientOutput> {
  const client = await clients.ssoOidc(target)
  const { RegisterClientCommand } = await import('@aws-sdk/client-sso-oidc')
  try {
    const out = await client.send(new RegisterClientCommand(input))
    return {
      clientId: out.clientId ?? '',
      clientSecret: out.clientSecret ?? '',
      clientSecretExpiresAt: out.clientSecretExpiresAt ?? 0,
    }
  } catch (error) {
    throw toServiceError(error, 'RegisterClient')
  }
}

/** SSO-OIDC StartDeviceAuthorization. */
export async function startDeviceAuthorization(
  clients: AwsClientFactory,
  target: ClientTarget,
  input: { clientId: string; clientSecret: string; startUrl: string },
): Promise<DeviceAuthorization> {
  const client = await clients.ssoOidc(target)
  const { StartDeviceAuthorizationCommand } = await import('@aws-sdk/client-sso-oidc')
  try {
    const out = await client.send(new StartDeviceAuthorizationCommand(input))
    return {
      deviceCode: out.deviceCode ?? '',
      userCode: out.userCode ?? '',
      verificationUri: out.verificationUri ?? '',
      verificationUriComplete: out.verificationUriComplete ?? '',
      expiresIn: out.expiresIn ?? 600,
      interval: out.interval ?? 5,
    }
  } catch (error) {
    throw toServiceError(error, 'StartDeviceAuthorization')
  }
}
