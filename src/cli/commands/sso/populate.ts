/**
 * `idc sso populate`: one `[profile]` per account and role the signed-in user may use, each
 * pointing at the sso-session (never the legacy `sso_start_url` form), written in one locked,
 * atomic edit of the config file that keeps every other line. Signs in first when the session has
 * no usable token. The listing is throttle-aware (`core/sso/list-assignments.ts`); naming,
 * idempotence and pruning are in `core/sso/populate-profiles.ts`.
 *
 * @module
 */
import { editSharedConfigText, updateSharedConfigFile } from '../../../core/config/config-writer.js'
import { getConfigFilePath } from '../../../core/config/file-paths.js'
import { loadSharedConfig } from '../../../core/config/load-shared-config.js'
import { readSharedFileText } from '../../../core/config/read-shared-file.js'
import { resolveProfileName } from '../../../core/config/profile.js'
import { ConfigError, CredentialsError, UsageError } from '../../../core/errors.js'
import { listAssignments } from '../../../core/sso/list-assignments.js'
import { checkProfileTemplate, DEFAULT_PROFILE_TEMPLATE, planPopulate } from '../../../core/sso/populate-profiles.js'
import { resolveSsoLoginSession } from '../../../core/sso/sso-config.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'
import { resolvePortalAccess, type PortalAccess } from '../shared/portal-access.js'
import { formatUnifiedDiff } from './line-diff.js'
import { runSsoLogin } from './login.js'

/** ListAccountRoles calls in flight at once: enough to list 1,000 accounts in about a minute at 20 TPS. */
export const POPULATE_CONCURRENCY = 8
/** The SDK's attempts per call (adaptive mode); the listing retries further itself. */
const SDK_MAX_ATTEMPTS = 5

/** Options of `idc sso populate`. */
export interface SsoPopulateOptions {
  profile?: string | undefined
  ssoSession?: string | undefined
  profileTemplate: string
  region?: string | undefined
  prune: boolean
  dryRun: boolean
  maxResults?: number | undefined
}

async function signedInAccess(env: CliEnv, options: SsoPopulateOptions, sessionName: string): Promise<PortalAccess> {
  try {
    return await resolvePortalAccess(env, { ssoSession: sessionName })
  } catch (error) {
    if (!(error instanceof CredentialsError)) throw error
  }
  // No token, or one that cannot be refreshed: sign in as `idc sso login --sso-session` does (its
  // lock makes concurrent sign-ins of the same session one).
  await runSsoLogin({ ssoSession: sessionName, useDeviceCode: false, noBrowser: false }, env)
  return resolvePortalAccess(env, { ssoSession: sessionName })
}

function progressBar(env: CliEnv): ((done: number, total: number) => void) | undefined {
  if (!env.stderr.isTTY) return undefined
  const width = Math.max(10, Math.min(40, (env.stderr.columns ?? 80) - 40))
  return (done, total) => {
    const filled = Math.round((done / Math.max(1, total)) * width)
    env.stderr.write(
      `\r\x1b[KListing roles [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} accounts`,
    )
    if (done === total) env.stderr.write('\r\x1b[K')
  }
}

/** Lists the assignments and writes (or, with --dry-run, shows) the profiles. */
export async function runSsoPopulate(options: SsoPopulateOptions, env: CliEnv): Promise<void> {
  const problem = checkProfileTemplate(options.profileTemplate)
  if (problem) throw new UsageError(problem)
  const config = await loadSharedConfig({ env })
  const profileName = resolveProfileName(env, options.profile)
  const session = resolveSsoLoginSession(config, { profileName, ssoSession: options.ssoSession })
  if (session.sessionName === undefined)
    throw new ConfigError(
      `idc sso populate writes profiles that use an [sso-session]; profile "${profileName}" uses the legacy sso_start_url form. Run idc configure sso-session, or pass --sso-session`,
    )
  const sessionName = session.sessionName
  const access = await signedInAccess(env, options, sessionName)
  const { assignments, stats } = await listAssignments(env, {
    clients: env.clients,
    target: { ...access.target, retry: { mode: 'adaptive', maxAttempts: SDK_MAX_ATTEMPTS } },
    accessToken: access.accessToken,
    concurrency: POPULATE_CONCURRENCY,
    maxResults: options.maxResults,
    onProgress: progressBar(env),
  })
  const file = getConfigFilePath(env)
  const before = (await readSharedFileText(env, file, 'config')) ?? ''
  const plan = planPopulate({
    text: before,
    file,
    sessionName,
    assignments,
    template: options.profileTemplate,
    region: options.region,
    prune: options.prune,
  })
  const summary =
    `${plan.profiles.size} profiles for ${new Set(assignments.map((a) => a.accountId)).size} accounts ` +
    `(${plan.added.length} added, ${plan.updated.length} updated, ${plan.removed.length} removed; ` +
    `${stats.calls} requests, ${stats.retries} retried)`
  if (options.dryRun) {
    env.stdout.write(formatUnifiedDiff(before, editSharedConfigText(before, plan.updates), { from: file, to: file }))
    env.stderr.write(`Dry run, nothing written: ${summary}\n`)
  } else {
    // One locked, atomic write; the writer re-reads the file inside the lock.
    await updateSharedConfigFile(env, plan.updates)
    env.stderr.write(`Wrote ${summary} to ${file}\n`)
  }
  if (plan.stale.length > 0)
    env.stderr.write(
      `${plan.stale.length} generated profiles have no role any more (run with --prune to remove them): ${plan.stale.join(', ')}\n`,
    )
}

function parseMaxResults(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 100)
    throw new UsageError(`argument --max-results: must be a number from 1 to 100: '${text}'`)
  return Number(text)
}

export const command = defineCommand<SsoPopulateOptions>({
  name: 'sso populate',
  summary: 'Write a profile for every account and role of an SSO session.',
  description: [
    'Signs in if needed, lists every account and role the user may use, and writes one [profile] per',
    'account and role to ~/.aws/config, each pointing at the sso-session. Names come from',
    `--profile-template (default ${DEFAULT_PROFILE_TEMPLATE}; placeholders {account_id}, {account_name},`,
    '{role_name}, {session}); characters other than letters, digits and ._- become -, and a name that',
    'is taken gets -ACCOUNT_ID (then -2, -3...). Generated profiles carry a comment idc owns: a rerun',
    'updates only those, --prune removes those whose role is gone, and hand-written profiles and',
    'comments are never touched. --dry-run prints the change as a diff instead of writing it.',
  ].join('\n'),
  examples: [
    'idc sso populate --sso-session my-sso',
    "idc sso populate --sso-session my-sso --profile-template '{session}-{account_name}-{role_name}' --region eu-west-1",
    'idc sso populate --sso-session my-sso --prune --dry-run',
  ],
  options: {
    'sso-session': { type: 'string', placeholder: '<name>', description: 'The [sso-session] to populate from.' },
    'profile-template': {
      type: 'string',
      placeholder: '<template>',
      description: `How to name profiles (default ${DEFAULT_PROFILE_TEMPLATE}).`,
    },
    prune: { type: 'boolean', description: 'Remove generated profiles whose account or role is gone.' },
    'dry-run': { type: 'boolean', description: 'Print the change as a unified diff; write nothing.' },
    'max-results': { type: 'string', placeholder: '<n>', description: 'Page size of the listing calls (1-100).' },
  },
  parse: (args, { globals }) => ({
    profile: globals.profile,
    ssoSession: args.values['sso-session'] as string | undefined,
    profileTemplate: (args.values['profile-template'] as string | undefined) ?? DEFAULT_PROFILE_TEMPLATE,
    region: globals.region,
    prune: args.values.prune === true,
    dryRun: args.values['dry-run'] === true,
    maxResults: parseMaxResults(args.values['max-results'] as string | undefined),
  }),
  run: runSsoPopulate,
})
