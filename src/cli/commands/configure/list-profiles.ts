/**
 * `idc configure list-profiles`: every profile name of the config and credentials files, one per
 * line, config-file profiles first, as `aws configure list-profiles` prints them.
 *
 * @module
 */
import { loadSharedConfigWithOrigins } from '../../../core/config/load-shared-config.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'

/** `idc configure list-profiles` takes no options. */
export type ConfigureListProfilesOptions = Record<string, never>

/** Prints the profile names. */
export async function runConfigureListProfiles(_options: ConfigureListProfilesOptions, env: CliEnv): Promise<void> {
  const config = await loadSharedConfigWithOrigins(env)
  const names = Object.keys(config.profiles)
  if (names.length > 0) env.stdout.write(`${names.join('\n')}\n`)
}

export const command = defineCommand<ConfigureListProfilesOptions>({
  name: 'configure list-profiles',
  summary: 'List the names of all configured profiles.',
  description:
    'Prints the name of every profile in the shared config and credentials files, one per line, like `aws configure list-profiles`.',
  examples: ['idc configure list-profiles'],
  parse: () => ({}),
  run: runConfigureListProfiles,
})
