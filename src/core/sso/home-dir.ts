/**
 * The home directory as Python's `os.path.expanduser('~')` finds it, which is where the AWS CLI
 * puts `~/.aws/sso/cache` and `~/.aws/cli/cache`.
 *
 * @module
 */
import type { Env } from '../env.js'

/** HOME (or, on Windows, USERPROFILE, then HOMEDRIVE+HOMEPATH), else the OS's answer. */
export function getHomeDir(env: Env): string {
  const { HOME, USERPROFILE, HOMEDRIVE, HOMEPATH } = env.vars
  if (env.platform === 'win32') {
    if (USERPROFILE) return USERPROFILE
    if (HOMEPATH) return `${HOMEDRIVE ?? ''}${HOMEPATH}`
    return env.osHomeDir()
  }
  return HOME || env.osHomeDir()
}
