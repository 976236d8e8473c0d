/**
 * What the credential commands (`configure export-credentials`, `exec`, `sts`, `s3`) hand the
 * core resolver from the CLI's environment: the AWS clients, the MFA prompt and the process
 * runner for `credential_process`.
 *
 * @module
 */
import type { SharedConfig } from '../core/config/load-shared-config.js'
import { PROFILE_ENV_VARS } from '../core/config/profile.js'
import { profileNotFoundMessage } from '../core/credentials/messages.js'
import { CredentialsError } from '../core/errors.js'
import type { ResolveCredentialsOptions } from '../core/credentials/resolve-credentials.js'
import type { MfaCodeProvider, ProcessRunner } from '../core/credentials/types.js'
import type { CliEnv } from './cli-env.js'
import type { GlobalOptions } from './globals.js'

/** Resolver options for a command run with `globals`. */
export function cliCredentialOptions(
  env: CliEnv,
  globals: GlobalOptions,
  extra: Partial<ResolveCredentialsOptions> = {},
): ResolveCredentialsOptions {
  return {
    profile: globals.profile,
    region: globals.region,
    clients: env.clients,
    mfaCode: createMfaPrompt(env, globals),
    runProcess: createProcessRunner(env),
    ...extra,
  }
}

/** The CLI's hidden prompt `Enter MFA code for <serial>: `; fails at once when nobody can answer. */
export function createMfaPrompt(env: CliEnv, globals: Pick<GlobalOptions, 'profile'>): MfaCodeProvider {
  return async (serial) => {
    if (!env.canPrompt()) {
      const profile = globals.profile ? ` --profile ${globals.profile}` : ''
      throw new CredentialsError(`Cannot prompt for the MFA code for ${serial}: not running in a terminal.`, {
        hint: `Run "idc configure export-credentials${profile}" in a terminal once; the role credentials are then cached.`,
      })
    }
    const prompter = await env.prompter()
    return prompter.secret(`Enter MFA code for ${serial}: `)
  }
}

/** Runs `credential_process` programs through the CLI's spawn, capturing their output. */
export function createProcessRunner(env: CliEnv): ProcessRunner {
  return async (command, args, options) => {
    const result = await env.spawn(command, args, { env: options.env, stdio: 'pipe' }).done
    return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr }
  }
}

/** The profile named by `--profile` or the environment, or undefined when it is `default` by default. */
export function namedProfile(env: Pick<CliEnv, 'vars'>, explicit: string | undefined): string | undefined {
  if (explicit) return explicit
  return PROFILE_ENV_VARS.map((name) => env.vars[name]).find((value) => value !== undefined)
}

/**
 * botocore's ProfileNotFound, which the AWS CLI raises before anything else once a command makes a
 * client: a profile that was named must exist in the config or credentials file (exit 255).
 */
export function checkProfileExists(
  env: Pick<CliEnv, 'vars'>,
  config: SharedConfig,
  explicit: string | undefined,
): void {
  const name = namedProfile(env, explicit)
  if (name !== undefined && !Object.hasOwn(config.profiles, name)) {
    throw new CredentialsError(profileNotFoundMessage(name))
  }
}
