/**
 * `idc s3 ls`: lists the buckets the credentials can see, in the AWS CLI's format
 * (`2024-01-02 03:04:05 name`, creation time in local time). An AccessDenied names the identity
 * that lacked `s3:ListAllMyBuckets` and what to do about it.
 *
 * @module
 */
import { resolveEndpointUrl } from '../../../core/config/endpoints.js'
import { loadSharedConfigWithOrigins } from '../../../core/config/load-shared-config.js'
import { resolveProfileName, resolveRegion } from '../../../core/config/profile.js'
import type { CredentialPlan } from '../../../core/credentials/profile-plan.js'
import { createCredentialProvider } from '../../../core/credentials/resolve-credentials.js'
import { ServiceError, UsageError } from '../../../core/errors.js'
import { toServiceError } from '../../../core/aws/service-errors.js'
import { checkProfileExists, cliCredentialOptions } from '../../cli-credentials.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'
import type { GlobalOptions } from '../../globals.js'

/** Options of `idc s3 ls`: only global ones. */
export interface S3LsOptions {
  globals: GlobalOptions
}

/** One bucket as ListBuckets returns it. */
export interface BucketEntry {
  name: string
  creationDate: Date | undefined
}

/** `%Y-%m-%d %H:%M:%S` in local time, as the AWS CLI prints bucket creation dates. */
export function formatLocalTimestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

/** The listing lines. */
export function formatBucketListing(buckets: readonly BucketEntry[]): string {
  return buckets.map((b) => `${b.creationDate ? formatLocalTimestamp(b.creationDate) : ''} ${b.name}\n`).join('')
}

/** Says who was denied, from the credential plan, and what to do. */
export function describeAccessDenied(plan: CredentialPlan | 'env', profileName: string): string {
  const who = describeIdentity(plan, profileName)
  return (
    `${who} is not allowed to list buckets (s3:ListAllMyBuckets).\n` +
    'Ask your administrator to allow s3:ListAllMyBuckets for it, or use a profile with another role' +
    ` (idc sso list-account-roles lists the roles you can use; idc sts get-caller-identity${profileName === 'default' ? '' : ` --profile ${profileName}`} shows the identity in use).`
  )
}

function describeIdentity(plan: CredentialPlan | 'env', profileName: string): string {
  if (plan === 'env') return 'The identity of the AWS_ACCESS_KEY_ID environment variable'
  const lastRole = plan.roles.at(-1)
  if (lastRole) return `The role ${lastRole.roleArn} (profile ${lastRole.profileName})`
  const { source } = plan
  if (source.kind === 'sso') {
    return `The role ${source.sso.roleName} in account ${source.sso.accountId} (profile ${profileName}, IAM Identity Center)`
  }
  if (source.kind === 'static')
    return `The IAM user of access key ${source.credentials.accessKeyId} (profile ${profileName})`
  return `The identity of profile ${profileName}`
}

/** Lists the buckets, following continuation tokens. */
export async function runS3Ls(options: S3LsOptions, env: CliEnv): Promise<number> {
  const { globals } = options
  const config = await loadSharedConfigWithOrigins(env)
  checkProfileExists(env, config, globals.profile)
  const profileName = resolveProfileName(env, globals.profile)
  // S3 answers ListBuckets in any region; the AWS CLI falls back to us-east-1.
  const region = resolveRegion(env, config.profiles[profileName], globals.region) ?? 'us-east-1'
  const endpoint = resolveEndpointUrl(env, config, { serviceId: 'S3', profileName, endpointUrl: globals.endpointUrl })
  const planned = await createCredentialProvider(env, { ...cliCredentialOptions(env, globals), config })
  const credentials = await planned.provider()
  const client = await env.clients.s3({ region, endpoint }, credentials)
  const buckets: BucketEntry[] = []
  try {
    const { ListBucketsCommand } = await import('@aws-sdk/client-s3')
    let token: string | undefined
    do {
      const out = await client.send(new ListBucketsCommand(token ? { ContinuationToken: token } : {}))
      for (const b of out.Buckets ?? []) buckets.push({ name: b.Name ?? '', creationDate: b.CreationDate })
      token = out.ContinuationToken
    } while (token)
  } catch (error) {
    const converted = toServiceError(error, 'ListBuckets')
    if (converted instanceof ServiceError && converted.code === 'AccessDenied') {
      throw new ServiceError(converted.code, 'ListBuckets', (error as Error).message || 'Access Denied', {
        cause: error,
        statusCode: converted.statusCode,
        hint: describeAccessDenied(planned.plan, planned.profileName),
      })
    }
    throw converted
  } finally {
    client.destroy()
  }
  env.stdout.write(formatBucketListing(buckets))
  return 0
}

export const command = defineCommand<S3LsOptions>({
  name: 's3 ls',
  summary: 'List S3 buckets.',
  description:
    'Lists the S3 buckets the credentials of the profile can see, one per line with its creation time in local time, as `aws s3 ls` does.',
  examples: ['idc s3 ls --profile dev'],
  positionals: [{ name: 'path', description: 'Not supported: idc lists buckets only.' }],
  parse: (args, { globals }) => {
    if (args.positionals.length > 0)
      throw new UsageError(
        'idc s3 ls lists buckets only; use the AWS CLI (or idc exec -- aws s3 ls PATH) to list objects',
      )
    return { globals }
  },
  run: runS3Ls,
})
