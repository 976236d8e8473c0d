/**
 * `idc configure list`: the profile, access key, secret key and region in effect and where each
 * comes from, in the AWS CLI v2's layout (`NAME : VALUE : TYPE : LOCATION`, keys masked to their
 * last four characters). Like the CLI it ignores `--output`, and it resolves the profile's
 * credentials to show them, so a profile that does not exist fails after the profile line.
 *
 * @module
 */
import { loadSharedConfigWithOrigins, type SharedConfigWithOrigins } from '../../../core/config/load-shared-config.js'
import { REGION_ENV_VARS } from '../../../core/config/profile.js'
import { hasEnvCredentials } from '../../../core/credentials/from-env.js'
import { profileNotFoundMessage } from '../../../core/credentials/messages.js'
import { IdcError } from '../../../core/errors.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'
import { maskValue, NOT_SET, sessionProfile } from './configure-values.js'
import { configString } from '../../../core/config/config-value.js'

/** Options of `idc configure list`. */
export interface ConfigureListOptions {
  profile?: string | undefined
}

/** One row of the listing. */
export interface ConfigureListRow {
  name: string
  value: string
  type: string
  location: string
}

const UNSET: Omit<ConfigureListRow, 'name'> = { value: NOT_SET, type: 'None', location: 'None' }

/** Formats one row with the CLI v2's column widths (10, 24, 16); longer values push the rest right. */
export function formatListRow(row: ConfigureListRow): string {
  return `${row.name.padEnd(10)} : ${row.value.padEnd(24)} : ${row.type.padEnd(16)} : ${row.location}\n`
}

/** Prints the listing; each line is written as soon as it is known, as the CLI does. */
export async function runConfigureList(options: ConfigureListOptions, env: CliEnv): Promise<void> {
  env.stdout.write(formatListRow({ name: 'NAME', value: 'VALUE', type: 'TYPE', location: 'LOCATION' }))
  const profile = sessionProfile(env, options.profile)
  env.stdout.write(formatListRow({ name: 'profile', ...profileRow(profile, options.profile !== undefined) }))
  const config = await loadSharedConfigWithOrigins(env)
  const keys = await credentialRows(env, config, profile, options.profile !== undefined)
  env.stdout.write(formatListRow({ name: 'access_key', ...keys.accessKey }))
  env.stdout.write(formatListRow({ name: 'secret_key', ...keys.secretKey }))
  env.stdout.write(formatListRow({ name: 'region', ...regionRow(env, config, profile ?? 'default') }))
}

function profileRow(profile: string | undefined, explicit: boolean): Omit<ConfigureListRow, 'name'> {
  if (profile === undefined) return UNSET
  if (explicit) return { value: profile, type: 'manual', location: '--profile' }
  return { value: profile, type: 'env', location: "['AWS_PROFILE', 'AWS_DEFAULT_PROFILE']" }
}

async function credentialRows(
  env: CliEnv,
  config: SharedConfigWithOrigins,
  profile: string | undefined,
  explicit: boolean,
): Promise<{ accessKey: Omit<ConfigureListRow, 'name'>; secretKey: Omit<ConfigureListRow, 'name'> }> {
  if (!explicit && hasEnvCredentials(env.vars)) {
    return {
      accessKey: { value: maskValue(env.vars.AWS_ACCESS_KEY_ID ?? ''), type: 'env', location: '' },
      secretKey: { value: maskValue(env.vars.AWS_SECRET_ACCESS_KEY ?? ''), type: 'env', location: '' },
    }
  }
  const name = profile ?? 'default'
  const section = Object.hasOwn(config.profiles, name) ? config.profiles[name] : undefined
  if (!section) {
    if (profile !== undefined) throw new IdcError('general', profileNotFoundMessage(name))
    return { accessKey: UNSET, secretKey: UNSET }
  }
  const keyId = configString(section.aws_access_key_id)
  const secret = configString(section.aws_secret_access_key)
  if (keyId !== undefined && secret !== undefined) {
    const type =
      config.origins[name]?.aws_access_key_id === 'credentials-file' ? 'shared-credentials-file' : 'config-file'
    return {
      accessKey: { value: maskValue(keyId), type, location: '' },
      secretKey: { value: maskValue(secret), type, location: '' },
    }
  }
  return resolvedCredentialRows(env, config, profile)
}

/** Profiles without static keys (SSO, roles, processes): fetch the credentials as the CLI does. */
async function resolvedCredentialRows(
  env: CliEnv,
  config: SharedConfigWithOrigins,
  profile: string | undefined,
): Promise<{ accessKey: Omit<ConfigureListRow, 'name'>; secretKey: Omit<ConfigureListRow, 'name'> }> {
  const { planProfileCredentials } = await import('../../../core/credentials/profile-plan.js')
  const name = profile ?? 'default'
  const plan = planProfileCredentials(config, name)
  if (!plan) return { accessKey: UNSET, secretKey: UNSET }
  const { createCredentialProvider } = await import('../../../core/credentials/resolve-credentials.js')
  const { provider } = await createCredentialProvider(env, { profile: name, config })
  const credentials = await provider()
  const type =
    plan.roles.length > 0 ? 'assume-role' : plan.source.kind === 'process' ? 'custom-process' : plan.source.kind
  return {
    accessKey: { value: maskValue(credentials.accessKeyId), type, location: '' },
    secretKey: { value: maskValue(credentials.secretAccessKey), type, location: '' },
  }
}

function regionRow(env: CliEnv, config: SharedConfigWithOrigins, profile: string): Omit<ConfigureListRow, 'name'> {
  if (REGION_ENV_VARS.some((name) => env.vars[name] !== undefined && env.vars[name] !== '')) {
    const value = REGION_ENV_VARS.map((name) => env.vars[name]).find((v) => v !== undefined && v !== '') as string
    return { value, type: 'env', location: "['AWS_REGION', 'AWS_DEFAULT_REGION']" }
  }
  const section = Object.hasOwn(config.profiles, profile) ? config.profiles[profile] : undefined
  const region = configString(section?.region)
  if (region === undefined) return UNSET
  // The CLI names the file as configured: AWS_CONFIG_FILE as given, else ~/.aws/config.
  const location = env.vars.AWS_CONFIG_FILE || '~/.aws/config'
  return { value: region, type: 'config-file', location }
}

export const command = defineCommand<ConfigureListOptions>({
  name: 'configure list',
  summary: 'List the configuration data and where each value comes from.',
  description: [
    'Shows the profile, access key, secret key and region in effect and where each comes from',
    '(env, manual --profile, shared-credentials-file, config-file, sso, assume-role), like `aws configure list`.',
    'Keys are masked to their last four characters.',
  ].join('\n'),
  examples: ['idc configure list', 'idc configure list --profile dev'],
  parse: (_args, { globals }) => ({ profile: globals.profile }),
  run: runConfigureList,
})
