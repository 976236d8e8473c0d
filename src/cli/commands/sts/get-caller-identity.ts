/**
 * `idc sts get-caller-identity`: who the resolved credentials belong to (account, user id, ARN),
 * through STS at the configured endpoint (`--endpoint-url`, `AWS_ENDPOINT_URL[_STS]`, services
 * sections). Like the AWS CLI it needs a region.
 *
 * @module
 */
import { resolveEndpointUrl } from '../../../core/config/endpoints.js'
import { loadSharedConfigWithOrigins } from '../../../core/config/load-shared-config.js'
import { resolveProfileName, resolveRegion } from '../../../core/config/profile.js'
import { NO_REGION_MESSAGE } from '../../../core/credentials/messages.js'
import { createCredentialProvider } from '../../../core/credentials/resolve-credentials.js'
import { ConfigError } from '../../../core/errors.js'
import { toServiceError } from '../../../core/aws/service-errors.js'
import { checkProfileExists, cliCredentialOptions } from '../../cli-credentials.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'
import type { GlobalOptions } from '../../globals.js'
import { printResult } from '../../output/print.js'

/** `idc sts get-caller-identity` takes no options of its own, only global ones. */
export interface StsGetCallerIdentityOptions {
  globals: GlobalOptions
}

/** The identity STS reports. */
export interface CallerIdentity {
  UserId: string
  Account: string
  Arn: string
}

/** Resolves credentials and calls STS GetCallerIdentity. */
export async function getCallerIdentity(env: CliEnv, globals: GlobalOptions): Promise<CallerIdentity> {
  const config = await loadSharedConfigWithOrigins(env)
  checkProfileExists(env, config, globals.profile)
  const profileName = resolveProfileName(env, globals.profile)
  const region = resolveRegion(env, config.profiles[profileName], globals.region)
  if (!region) throw new ConfigError(NO_REGION_MESSAGE)
  const endpoint = resolveEndpointUrl(env, config, { serviceId: 'STS', profileName, endpointUrl: globals.endpointUrl })
  const planned = await createCredentialProvider(env, { ...cliCredentialOptions(env, globals), config })
  const credentials = await planned.provider()
  const client = await env.clients.sts({ region, endpoint }, credentials)
  try {
    const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts')
    const out = await client.send(new GetCallerIdentityCommand({}))
    return { UserId: out.UserId ?? '', Account: out.Account ?? '', Arn: out.Arn ?? '' }
  } catch (error) {
    throw toServiceError(error, 'GetCallerIdentity')
  } finally {
    client.destroy()
  }
}

/** Prints the caller identity. */
export async function runStsGetCallerIdentity(options: StsGetCallerIdentityOptions, env: CliEnv): Promise<void> {
  const identity = await getCallerIdentity(env, options.globals)
  await printResult(identity, { env, globals: options.globals }, { title: 'GetCallerIdentity' })
}

export const command = defineCommand<StsGetCallerIdentityOptions>({
  name: 'sts get-caller-identity',
  summary: 'Show the account, user id and ARN of the credentials in use.',
  description:
    'Returns details about the IAM user or role whose credentials are used to call the operation: the user id, the account and the ARN. Works with every kind of profile idc resolves (IAM Identity Center, assume-role, credential_process, static keys).',
  examples: ['idc sts get-caller-identity --profile dev'],
  parse: (_args, { globals }) => ({ globals }),
  run: runStsGetCallerIdentity,
})
