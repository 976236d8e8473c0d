/**
 * `idc configure get <varname>`: prints one value from the shared files, with the AWS CLI's
 * name rules (`awscli/customizations/configure/get.py`): `region` (the current profile),
 * `default.region`, `profile.NAME.region`, `NAME.region` for an existing profile, and sub-properties
 * such as `s3.max_concurrent_requests`. Exits 1 silently when the value is not set.
 *
 * @module
 */
import { loadSharedConfigWithOrigins } from '../../../core/config/load-shared-config.js'
import type { ConfigValue, SharedConfig } from '../../../core/config/load-shared-config.js'
import { profileNotFoundMessage } from '../../../core/credentials/messages.js'
import { IdcError, UsageError } from '../../../core/errors.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'
import { sessionProfile } from './configure-values.js'

/** Options of `idc configure get`. */
export interface ConfigureGetOptions {
  varname: string
  profile?: string | undefined
}

/** Prints the value and returns 0, or returns 1 when it is not set (or is a section). */
export async function runConfigureGet(options: ConfigureGetOptions, env: CliEnv): Promise<number> {
  const config = await loadSharedConfigWithOrigins(env)
  const value = lookupConfigValue(config, options.varname, sessionProfile(env, options.profile))
  if (typeof value === 'string') {
    env.stdout.write(`${value}\n`)
    return 0
  }
  if (value !== undefined) {
    // The CLI writes this without a newline.
    env.stderr.write(`varname (${options.varname}) must reference a value, not a section or sub-section.`)
  }
  return 1
}

/** Finds a dotted variable name's value the way `aws configure get` does. */
export function lookupConfigValue(
  config: SharedConfig,
  varname: string,
  profile: string | undefined,
): ConfigValue | undefined {
  const profileName = profile ?? 'default'
  if (!varname.includes('.')) {
    const section = own(config.profiles, profileName)
    // botocore's scoped config: a named profile that does not exist is an error, a missing default is not.
    if (!section && profile !== undefined) throw new IdcError('general', profileNotFoundMessage(profileName))
    return own(section, varname)
  }
  const parts = varname.split('.')
  let name: string
  let key: string
  let remaining: string[]
  if (parts[0] === 'profile') {
    ;[name, key, remaining] = [parts[1] ?? '', parts[2] ?? '', parts.slice(3)]
  } else if (parts[0] === 'default' || Object.hasOwn(config.profiles, parts[0] as string)) {
    ;[name, key, remaining] = [parts[0] as string, parts[1] ?? '', parts.slice(2)]
  } else {
    ;[name, key, remaining] = [profileName, parts[0] as string, parts.slice(1)]
  }
  let value = own(own(config.profiles, name), key)
  if (remaining.length === 1) value = typeof value === 'object' ? own(value, remaining[0] as string) : undefined
  return value
}

function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined
}

export const command = defineCommand<ConfigureGetOptions>({
  name: 'configure get',
  summary: 'Get a configuration value from the config file.',
  description: [
    'Prints a configuration value from the shared config and credentials files, like `aws configure get`.',
    'A name without dots is read from the current profile (--profile, else AWS_PROFILE, else default).',
    'Dotted names select the profile or a sub-property: default.region, profile.dev.region, dev.region,',
    's3.max_concurrent_requests. Exits 1 with no output when the value is not set.',
  ].join('\n'),
  examples: [
    'idc configure get region',
    'idc configure get aws_access_key_id --profile dev',
    'idc configure get profile.dev.sso_session',
    'idc configure get default.s3.max_concurrent_requests',
  ],
  positionals: [{ name: 'varname', description: 'The name of the config value to retrieve.', required: true }],
  parse: (args, { globals }) => {
    const varname = args.positionals[0]
    if (varname === undefined) throw new UsageError('the following arguments are required: varname')
    return { varname, profile: globals.profile }
  },
  run: runConfigureGet,
})
