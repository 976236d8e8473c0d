/**
 * `idc logout`: forgets the cached credentials of a login session, like `aws logout`: the cache
 * file of the profile's `login_session` (or, with `--all`, every file of the login cache that
 * holds login credentials). No service call, nothing revoked, the config untouched
 * (`aws-login.md` §1.5).
 *
 * @module
 */
import { loadSharedConfig } from '../../../core/config/load-shared-config.js'
import { resolveProfileName } from '../../../core/config/profile.js'
import { getLoginCacheDir, loginCachePath } from '../../../core/login/cache.js'
import { logoutAllMessage, logoutNoSessionMessage, logoutProfileMessage } from '../../../core/login/messages.js'
import { pathApi } from '../../../core/config/file-paths.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'

/** Options of `idc logout`. */
export interface LogoutOptions {
  profile?: string | undefined
  all: boolean
}

/** Removes cached login credentials. */
export async function runLogout(options: LogoutOptions, env: CliEnv): Promise<void> {
  if (options.all) {
    const removed = await removeAllLoginTokens(env)
    env.stdout.write(`${logoutAllMessage(removed)}\n`)
    return
  }
  const config = await loadSharedConfig({ env })
  const profileName = resolveProfileName(env, options.profile)
  const session = config.profiles[profileName]?.login_session
  if (typeof session !== 'string' || session === '') {
    env.stderr.write(`${logoutNoSessionMessage(profileName)}\n`)
    return
  }
  await env.fs.rm(loginCachePath(env, session), { force: true })
  env.stdout.write(`${logoutProfileMessage(profileName)}\n`)
}

// Like the CLI: every file, whatever its name, that parses as JSON with an `accessToken` object
// holding `accessKeyId`.
async function removeAllLoginTokens(env: CliEnv): Promise<number> {
  const dir = getLoginCacheDir(env)
  let names: string[]
  try {
    names = await env.fs.readdir(dir)
  } catch {
    return 0
  }
  let removed = 0
  for (const name of names) {
    const path = pathApi(env).join(dir, name)
    try {
      const parsed = JSON.parse(await env.fs.readFile(path, 'utf8')) as { accessToken?: { accessKeyId?: unknown } }
      if (!parsed?.accessToken || typeof parsed.accessToken !== 'object' || !('accessKeyId' in parsed.accessToken)) {
        continue
      }
      await env.fs.rm(path, { force: true })
      removed += 1
    } catch {}
  }
  return removed
}

export const command = defineCommand<LogoutOptions>({
  name: 'logout',
  summary: 'Remove the cached credentials of a console sign-in (idc login).',
  description:
    'Deletes the cached login-session credentials of the profile from ~/.aws/login/cache, or with --all every cached ' +
    'login session, like `aws logout`. The profile keeps its `login_session`; run `idc login` to sign in again. ' +
    'Credentials already handed to other tools stay valid until they expire (at most 15 minutes).',
  examples: ['idc logout', 'idc logout --profile console', 'idc logout --all'],
  options: {
    all: { type: 'boolean', description: 'Remove every cached login session.' },
  },
  parse: (args, { globals }) => ({ profile: globals.profile, all: args.values.all === true }),
  run: runLogout,
})
