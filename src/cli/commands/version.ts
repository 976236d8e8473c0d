/**
 * `idc version`: the same line `idc --version` prints.
 *
 * @module
 */
import { defineCommand } from '../command.js'
import type { CliEnv } from '../cli-env.js'
import { versionLine } from '../version-line.js'

/** `idc version` takes no options. */
export type VersionOptions = Record<string, never>

/** Prints the version line. */
export async function runVersion(_options: VersionOptions, env: CliEnv): Promise<void> {
  env.stdout.write(`${versionLine(env)}\n`)
}

export const command = defineCommand<VersionOptions>({
  name: 'version',
  summary: 'Print the version of idc.',
  description: 'Prints the version of idc, Node.js and the platform, like `aws --version`.',
  examples: ['idc version'],
  parse: () => ({}),
  run: runVersion,
})
