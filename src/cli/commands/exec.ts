/**
 * `idc exec`: runs a command with a profile's credentials and region in its environment
 * (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_CREDENTIAL_EXPIRATION`,
 * `AWS_REGION`, `AWS_DEFAULT_REGION`), without `AWS_PROFILE` so the child's SDK cannot pick a
 * different profile. The child's exit code passes through; SIGINT, SIGTERM and SIGHUP are
 * forwarded to it.
 *
 * With `--container-credentials` the child gets no keys: it gets `AWS_CONTAINER_CREDENTIALS_FULL_URI`
 * and `AWS_CONTAINER_AUTHORIZATION_TOKEN` of an endpoint on 127.0.0.1 that idc serves while the
 * child runs (credential-server.ts), so long-running programs keep working past the first
 * credentials' expiry.
 *
 * @module
 */
import { constants } from 'node:os'
import { loadSharedConfigWithOrigins } from '../../core/config/load-shared-config.js'
import { resolveProfileName, resolveRegion } from '../../core/config/profile.js'
import { credentialVariables } from '../../core/credentials/export-formats.js'
import { createCredentialProvider } from '../../core/credentials/resolve-credentials.js'
import type { AwsCredentials } from '../../core/credentials/types.js'
import { UsageError } from '../../core/errors.js'
import { cliCredentialOptions } from '../cli-credentials.js'
import type { CliEnv } from '../cli-env.js'
import { defineCommand } from '../command.js'
import type { GlobalOptions } from '../globals.js'

/** Options of `idc exec`. */
export interface ExecOptions {
  /** The program and its arguments. */
  command: string[]
  /** Serve the credentials on loopback instead of putting keys into the environment. */
  containerCredentials?: boolean
  globals: GlobalOptions
}

/** Signals passed on to the child. */
export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

/** Builds the child's environment from ours, the credentials and the region. */
export function buildExecEnvironment(
  vars: Readonly<Record<string, string | undefined>>,
  credentials: AwsCredentials,
  region: string | undefined,
): Record<string, string | undefined> {
  const childVars: Record<string, string | undefined> = { ...vars }
  for (const name of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'])
    delete childVars[name]
  for (const [name, value] of credentialVariables(credentials)) childVars[name] = value
  if (region) {
    childVars.AWS_REGION = region
    childVars.AWS_DEFAULT_REGION = region
  }
  return childVars
}

/** Resolves credentials, runs the command and returns its exit code. */
export async function runExec(options: ExecOptions, env: CliEnv): Promise<number> {
  if (options.containerCredentials) {
    const { startContainerCredentialEndpoint, SHADOWING_VARIABLES } = await import('./credential-server.js')
    const endpoint = await startContainerCredentialEndpoint(env, options.globals)
    const childVars: Record<string, string | undefined> = { ...env.vars }
    for (const name of SHADOWING_VARIABLES) delete childVars[name]
    try {
      return await runChild(options.command, { ...childVars, ...endpoint.variables }, env)
    } finally {
      await endpoint.close()
    }
  }
  const { globals } = options
  const config = await loadSharedConfigWithOrigins(env)
  const planned = await createCredentialProvider(env, { ...cliCredentialOptions(env, globals), config })
  const credentials = await planned.provider()
  const profile = config.profiles[resolveProfileName(env, globals.profile)]
  const region = resolveRegion(env, profile, globals.region)
  return runChild(options.command, buildExecEnvironment(env.vars, credentials, region), env)
}

/** Runs the command with `vars`, forwarding signals; returns its exit code. */
async function runChild(
  command: readonly string[],
  vars: Record<string, string | undefined>,
  env: CliEnv,
): Promise<number> {
  const [program, ...args] = command as [string, ...string[]]
  const child = env.spawn(program, args, { env: vars, stdio: 'inherit' })
  const removers = FORWARDED_SIGNALS.map((signal) => env.onSignal(signal, () => child.kill(signal)))
  try {
    const result = await child.done
    if (result.signal) return 128 + (constants.signals[result.signal] ?? 0)
    return result.exitCode ?? 1
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    env.stderr.write(
      `\nidc: [ERROR]: ${code === 'ENOENT' ? `command not found: ${program}` : `could not run ${program}: ${(error as Error).message}`}\n`,
    )
    return code === 'ENOENT' ? 127 : 126
  } finally {
    for (const remove of removers) remove()
  }
}

export const command = defineCommand<ExecOptions>({
  name: 'exec',
  summary: 'Run a command with the credentials of a profile in its environment.',
  description:
    'Resolves credentials for the profile (signing in is not needed while cached role credentials are valid) and runs COMMAND with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION, AWS_REGION and AWS_DEFAULT_REGION set and AWS_PROFILE removed. The exit code of COMMAND is returned; SIGINT, SIGTERM and SIGHUP are forwarded to it.',
  examples: [
    'idc exec --profile dev -- aws s3 ls',
    'idc exec --profile dev -- terraform plan',
    'idc exec --container-credentials --profile dev -- ./long-running-job',
  ],
  options: {
    'container-credentials': {
      type: 'boolean',
      description:
        'Serve the credentials on 127.0.0.1 for as long as COMMAND runs (AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN) instead of setting keys, so they are refreshed before they expire.',
    },
  },
  positionals: [{ name: 'command', description: 'The program to run and its arguments (after `--`).', variadic: true }],
  passThrough: true,
  parse: (args, { globals }) => {
    if (args.positionals.length === 0) throw new UsageError('the following arguments are required: command')
    return { command: args.positionals, containerCredentials: args.values['container-credentials'] === true, globals }
  },
  run: runExec,
})
