/**
 * Where the shared files and caches live. The home directory is found as the AWS SDKs find it,
 * so idc and the AWS CLI read the same `~/.aws` (`test/vectors/profile-file-location/`).
 *
 * @module
 */
import { posix, win32 } from 'node:path'
import type { Env } from '../env.js'

/** The path functions for the environment's platform (Windows paths on win32). */
export function pathApi(env: Env): typeof posix {
  return env.platform === 'win32' ? win32 : posix
}

/** The home directory: HOME, then USERPROFILE, then HOMEDRIVE+HOMEPATH, then the OS's answer. */
export function getHomeDir(env: Env): string {
  const { HOME, USERPROFILE, HOMEDRIVE, HOMEPATH } = env.vars
  if (HOME) return HOME
  if (USERPROFILE) return USERPROFILE
  if (HOMEPATH) return `${HOMEDRIVE ?? ''}${HOMEPATH}`
  return env.osHomeDir()
}

/** Expands a leading `~` or `~/` (also `~\` on Windows) to the home directory. */
export function expandHome(env: Env, path: string): string {
  if (path === '~') return getHomeDir(env)
  const separator = path[1]
  if (path[0] === '~' && (separator === '/' || (separator === '\\' && env.platform === 'win32'))) {
    return pathApi(env).join(getHomeDir(env), path.slice(2))
  }
  return path
}

/** The shared config file: AWS_CONFIG_FILE (with `~` expanded) or `~/.aws/config`. */
export function getConfigFilePath(env: Env): string {
  const override = env.vars.AWS_CONFIG_FILE
  return override ? expandHome(env, override) : inAwsDir(env, 'config')
}

/** The shared credentials file: AWS_SHARED_CREDENTIALS_FILE (with `~` expanded) or `~/.aws/credentials`. */
export function getCredentialsFilePath(env: Env): string {
  const override = env.vars.AWS_SHARED_CREDENTIALS_FILE
  return override ? expandHome(env, override) : inAwsDir(env, 'credentials')
}

/** The SSO token cache directory, `~/.aws/sso/cache`. */
export function getSsoCacheDir(env: Env): string {
  return inAwsDir(env, 'sso', 'cache')
}

/** The AWS CLI's credential cache directory, `~/.aws/cli/cache`. */
export function getCliCacheDir(env: Env): string {
  return inAwsDir(env, 'cli', 'cache')
}

function inAwsDir(env: Env, ...parts: string[]): string {
  return pathApi(env).join(getHomeDir(env), '.aws', ...parts)
}
