/**
 * Which profile and region a command uses, in the AWS CLI v2's order.
 *
 * The AWS CLI v2 reads the profile from `--profile`, then `AWS_PROFILE`, then
 * `AWS_DEFAULT_PROFILE` (its bundled botocore lists the variables in that order; stock botocore
 * and boto3 check `AWS_DEFAULT_PROFILE` first). As in the CLI, the first variable that is set
 * wins even when it is empty, and an empty `--profile` counts as not given. The region comes
 * from `--region`, then `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the profile's `region`.
 *
 * @module
 */
import type { Env } from '../env.js'
import type { ConfigSection } from './parse-config-file.js'

/** The environment variables naming the profile, in the AWS CLI v2's order. */
export const PROFILE_ENV_VARS = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const

/** The environment variables naming the region, in the AWS CLI v2's order. */
export const REGION_ENV_VARS = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const

/** The profile to use: `--profile` > AWS_PROFILE > AWS_DEFAULT_PROFILE > `default`. */
export function resolveProfileName(env: Env, explicit?: string): string {
  if (explicit) return explicit
  return firstSetVariable(env, PROFILE_ENV_VARS) ?? 'default'
}

/** The region to use: `--region` > AWS_REGION > AWS_DEFAULT_REGION > the profile's `region`. */
export function resolveRegion(env: Env, profile: ConfigSection | undefined, explicit?: string): string | undefined {
  if (explicit) return explicit
  const fromEnv = firstSetVariable(env, REGION_ENV_VARS)
  // A set-but-empty variable still ends the search, as in botocore: no region at all.
  if (fromEnv !== undefined) return fromEnv === '' ? undefined : fromEnv
  const region = profile?.region
  return typeof region === 'string' && region !== '' ? region : undefined
}

function firstSetVariable(env: Env, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env.vars[name]
    if (value !== undefined) return value
  }
  return undefined
}
