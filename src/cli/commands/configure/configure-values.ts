/**
 * What `idc configure`, `configure get|set|list|list-profiles` share, as in
 * `awscli/customizations/configure/__init__.py`: masking, the "not set" marker, which keys live in
 * the credentials file, and the profile a command works on.
 *
 * @module
 */
import type { Env } from '../../../core/env.js'
import type { CliEnv } from '../../cli-env.js'
import { PROFILE_ENV_VARS } from '../../../core/config/profile.js'

/** Shown by `configure list` for values that are not configured. */
export const NOT_SET = '<not set>'

/** Keys that `configure set` and `configure` write to the credentials file instead of the config file. */
export const CREDENTIALS_FILE_KEYS: readonly string[] = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
]

/** The AWS CLI's masking: sixteen `*` and the last four characters; `None` when unset. */
export function maskValue(value: string | undefined): string {
  return value === undefined ? 'None' : `${'*'.repeat(16)}${value.slice(-4)}`
}

/** The profile botocore's session reports: `--profile`, else AWS_PROFILE / AWS_DEFAULT_PROFILE, else undefined. */
export function sessionProfile(env: Env, explicit: string | undefined): string | undefined {
  if (explicit) return explicit
  for (const name of PROFILE_ENV_VARS) {
    const value = env.vars[name]
    if (value !== undefined) return value
  }
  return undefined
}

/**
 * The AWS CLI v2's warning (since 2.34.53) after writing a credentials file that the group or
 * others can read; like the CLI, idc leaves the mode alone and only says how to fix it.
 */
export async function warnIfOpenToOthers(env: CliEnv, file: string): Promise<void> {
  let mode: number
  try {
    mode = (await env.fs.stat(file)).mode
  } catch {
    return
  }
  if ((mode & 0o077) === 0) return
  env.stderr.write(
    `\nidc: [WARNING]: The file '${file}' is accessible by other users. Consider running 'chmod 600 ${file}' to restrict access to only your user.\n`,
  )
}
