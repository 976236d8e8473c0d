/**
 * AssumeRole with the previous credentials of a plan, cached in the AWS CLI's role-credential
 * cache under botocore's key (`aws-cli-behaviour.md` §6.3, §11). The MFA prompt and the STS
 * client are reached only on a cache miss.
 *
 * @module
 */
import type { AwsClientFactory, ClientTarget } from '../aws/clients.js'
import type { Env } from '../env.js'
import { CredentialsError } from '../errors.js'
import { assumeRoleCacheKey, type AssumeRoleCacheKeyArgs } from './cache-keys.js'
import { MFA_REFRESH_MESSAGE } from './messages.js'
import type { RoleStep } from './profile-plan.js'
import { formatAssumeRoleCacheEntry, withRoleCache } from './role-cache.js'
import type { AwsCredentials, CredentialProvider, MfaCodeProvider } from './types.js'

/** Options for {@link fromAssumeRole}. */
export interface FromAssumeRoleInit {
  env: Env
  role: RoleStep
  /** The credentials that call AssumeRole. */
  source: CredentialProvider
  clients: AwsClientFactory
  /** Where STS is (only resolved on a cache miss). */
  stsTarget: () => ClientTarget
  /** Asks for the MFA code when the profile has `mfa_serial`. */
  mfaCode?: MfaCodeProvider | undefined
  /** Use the `~/.aws/cli/cache` file cache (default true). */
  fileCache?: boolean
}

/** The cache key of a role step: only the parameters the user configured. */
export function assumeRoleCacheKeyFor(role: RoleStep): string {
  const args: AssumeRoleCacheKeyArgs = { RoleArn: role.roleArn }
  if (role.roleSessionName !== undefined) args.RoleSessionName = role.roleSessionName
  if (role.externalId !== undefined) args.ExternalId = role.externalId
  if (role.mfaSerial !== undefined) args.SerialNumber = role.mfaSerial
  if (role.durationSeconds !== undefined) args.DurationSeconds = role.durationSeconds
  return assumeRoleCacheKey(args)
}

/** Credentials of the assumed role. */
export function fromAssumeRole(init: FromAssumeRoleInit): CredentialProvider {
  return async () => {
    if (init.fileCache === false) return (await assumeRole(init)).credentials
    return withRoleCache(init.env, { key: assumeRoleCacheKeyFor(init.role), fetch: () => assumeRole(init) })
  }
}

async function assumeRole(init: FromAssumeRoleInit): Promise<{ credentials: AwsCredentials; entry: string }> {
  const { env, role } = init
  const sourceCredentials = await init.source()
  let tokenCode: string | undefined
  if (role.mfaSerial !== undefined) {
    if (!init.mfaCode) throw new CredentialsError(MFA_REFRESH_MESSAGE)
    tokenCode = (await init.mfaCode(role.mfaSerial)).trim()
  }
  const client = await init.clients.sts(init.stsTarget(), sourceCredentials)
  try {
    const { AssumeRoleCommand } = await import('@aws-sdk/client-sts')
    const out = await client.send(
      new AssumeRoleCommand({
        RoleArn: role.roleArn,
        RoleSessionName: role.roleSessionName ?? `botocore-session-${Math.floor(env.now() / 1000)}`,
        ExternalId: role.externalId,
        SerialNumber: role.mfaSerial,
        TokenCode: tokenCode,
        DurationSeconds: role.durationSeconds,
      }),
    )
    const c = out.Credentials
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.Expiration)
      throw new CredentialsError('AssumeRole returned incomplete credentials')
    const credentials: AwsCredentials = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
      accountId: out.AssumedRoleUser?.Arn?.split(':')[4] || undefined,
    }
    const assumedRoleUser = out.AssumedRoleUser && {
      AssumedRoleId: out.AssumedRoleUser.AssumedRoleId,
      Arn: out.AssumedRoleUser.Arn,
    }
    const entry = formatAssumeRoleCacheEntry({ credentials, assumedRoleUser, requestId: out.$metadata.requestId })
    return { credentials, entry }
  } catch (error) {
    const { toServiceError } = await import('../aws/service-errors.js')
    throw toServiceError(error, 'AssumeRole')
  } finally {
    client.destroy()
  }
}
