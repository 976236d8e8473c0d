/**
 * Creates AWS SDK v3 clients on demand. Each SDK package is imported only when a network call is
 * actually needed, so the warm credential path never loads any of them. Callers pass the region
 * and the endpoint they resolved from config (`AWS_ENDPOINT_URL[_SERVICE]`, `services` sections,
 * `endpoint_url`), and explicit credentials for signed services, so the SDK never reads config
 * files or the environment on its own behalf.
 *
 * @module
 */
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import type { SSOClient } from '@aws-sdk/client-sso'
import type { STSClient } from '@aws-sdk/client-sts'
import type { S3Client } from '@aws-sdk/client-s3'

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
}

/** A factory for the AWS clients idc uses; tests may supply their own. */
export interface AwsClientFactory {
  ssoOidc(target: ClientTarget): Promise<SSOOIDCClient>
  sso(target: ClientTarget): Promise<SSOClient>
  sts(target: ClientTarget, credentials: AwsCredentials): Promise<STSClient>
  s3(target: ClientTarget, credentials: AwsCredentials): Promise<S3Client>
}

const noCredentials = async () => {
  // The SSO OIDC and SSO portal operations are unsigned; this keeps the SDK from searching for
  // credentials of its own.
  return { accessKeyId: '', secretAccessKey: '' }
}

/** The default factory: the real AWS SDK v3 clients, loaded lazily. */
export function createAwsClientFactory(): AwsClientFactory {
  return {
    async ssoOidc(target) {
      const { SSOOIDCClient } = await import('@aws-sdk/client-sso-oidc')
      return new SSOOIDCClient({ region: target.region, endpoint: target.endpoint, credentials: noCredentials })
    },
    async sso(target) {
      const { SSOClient } = await import('@aws-sdk/client-sso')
      return new SSOClient({ region: target.region, endpoint: target.endpoint, credentials: noCredentials })
    },
    async sts(target, credentials) {
      const { STSClient } = await import('@aws-sdk/client-sts')
      return new STSClient({ region: target.region, endpoint: target.endpoint, credentials })
    },
    async s3(target, credentials) {
      const { S3Client } = await import('@aws-sdk/client-s3')
      return new S3Client({ region: target.region, endpoint: target.endpoint, credentials, forcePathStyle: true })
    },
  }
}
