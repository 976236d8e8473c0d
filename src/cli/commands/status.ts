/**
 * `idc status`: where a profile's credentials come from and whether they can be had now without a
 * person, from the configuration and the caches only (no network, no refresh, no lock). `--all`
 * lists every sign-in session instead. Runs from the warm build (bin/idc.cjs) like
 * `configure export-credentials`, since shell prompts run it before every prompt.
 *
 * Exit codes: 0 ready, 3 a person must sign in (or type an MFA code), 4 the credentials cannot be
 * had at all; configuration errors keep the AWS CLI's codes (253, 255).
 *
 * @module
 */
import { loadSharedConfigWithOrigins } from '../../core/config/load-shared-config.js'
import { programExists } from '../../core/credentials/find-program.js'
import { getProfileStatus, type ProfileStatus } from '../../core/status/profile-status.js'
import type { SessionStatus } from '../../core/status/session-status.js'
import type { CliEnv } from '../cli-env.js'
import { defineCommand } from '../command.js'
import type { GlobalOptions } from '../globals.js'
import { STATUS_EXIT_CODES } from '../exit-codes.js'
import { printResult } from '../output/print.js'

/** Options of `idc status`. */
export interface StatusOptions {
  all: boolean
  json: boolean
  /** One short line for shell prompts: `PROFILE MINUTESm`. */
  prompt: boolean
  globals: GlobalOptions
}

/** Prints the status and returns the exit code. */
export async function runStatus(options: StatusOptions, env: CliEnv): Promise<number> {
  const { globals } = options
  const config = await loadSharedConfigWithOrigins(env)
  const structured = options.json || globals.output !== undefined || globals.query !== undefined
  const print = (data: unknown) =>
    printResult(data, { env, globals: options.json ? { ...globals, output: 'json' } : globals })
  if (options.all) {
    const { listSessionStatuses } = await import('../../core/status/session-status.js')
    const sessions = await listSessionStatuses(env, config)
    if (structured) await print({ sessions })
    else env.stdout.write(formatSessionTable(sessions, env.now()))
    const worst = sessions.some((s) => s.state === 'sign-in-needed') ? 'sign-in-needed' : 'ready'
    return STATUS_EXIT_CODES[worst]
  }
  const status = await getProfileStatus(env, config, {
    profile: globals.profile,
    programExists: (program) => programExists(env, program),
  })
  if (options.prompt) env.stdout.write(formatPromptSegment(status))
  else if (structured) await print(status)
  else env.stdout.write(formatProfileStatus(status, env.now()))
  return STATUS_EXIT_CODES[status.state]
}

/** The shell-prompt segment: `dev 54m`, `dev` (no known end), `dev sign-in` or `dev unavailable`. */
export function formatPromptSegment(status: ProfileStatus): string {
  if (status.state === 'sign-in-needed') return `${status.profile} sign-in\n`
  if (status.state === 'unavailable') return `${status.profile} unavailable\n`
  return status.minutesLeft === undefined ? `${status.profile}\n` : `${status.profile} ${status.minutesLeft}m\n`
}

const SOURCE_NAMES: Record<ProfileStatus['source'], string> = {
  environment: 'environment variables',
  sso: 'IAM Identity Center',
  'login-session': 'console sign-in session (login_session)',
  'assume-role': 'assume role',
  process: 'credential_process',
  static: 'static access keys',
  'credential-source': 'credential_source',
  'web-identity': 'web identity',
}

/** The human-readable status of one profile. */
export function formatProfileStatus(status: ProfileStatus, now: number): string {
  const rows: [string, string][] = [['profile', status.profile]]
  let source = SOURCE_NAMES[status.source]
  if (status.baseSource) source += ` (${status.roleChain?.join(' → ')}) from ${SOURCE_NAMES[status.baseSource]}`
  if (status.ssoSession) source += `, sso-session ${status.ssoSession}`
  if (status.startUrl && !status.ssoSession) source += `, ${status.startUrl}`
  if (status.command) source += `: ${status.command}`
  rows.push(['source', source])
  const identity = [
    status.identity.accountId && `account ${status.identity.accountId}`,
    status.identity.roleName && `role ${status.identity.roleName}`,
    status.identity.arn && status.identity.arn,
  ].filter(Boolean)
  if (identity.length > 0) rows.push(['identity', identity.join(', ')])
  if (status.credentialsExpireAt) rows.push(['credentials', `cached, ${until(status.credentialsExpireAt, now)}`])
  if (status.tokenExpiresAt) {
    const expired = Date.parse(status.tokenExpiresAt) <= now
    let token = expired ? `expired ${formatTime(status.tokenExpiresAt)}` : until(status.tokenExpiresAt, now)
    if (status.refreshable !== undefined) token += status.refreshable ? ', refreshable' : ', not refreshable'
    rows.push(['token', token])
  }
  rows.push(['status', stateLine(status)])
  return rows.map(([name, value]) => `${name.padEnd(12)}${value}\n`).join('')
}

function stateLine(status: ProfileStatus): string {
  switch (status.state) {
    case 'ready':
      return `ready: ${status.detail}${status.minutesLeft === undefined ? '' : ` (${formatMinutes(status.minutesLeft)} left)`}`
    case 'sign-in-needed':
      return `sign-in needed: ${status.detail}; run ${status.signInCommand ?? 'idc sso login'}`
    case 'unavailable':
      return `unavailable: ${status.detail}`
  }
}

/** The `--all` table: one row per session. */
export function formatSessionTable(sessions: readonly SessionStatus[], now: number): string {
  if (sessions.length === 0) return 'No sign-in sessions are configured or cached.\n'
  const header = ['SESSION', 'KIND', 'STATUS', 'TOKEN', 'PROFILES']
  const rows = sessions.map((s) => [
    s.name ?? `(cache only) ${s.startUrl ?? ''}`.trim(),
    s.kind,
    s.state === 'ready' ? 'ready' : `sign-in needed${s.signInCommand ? `: ${s.signInCommand}` : ''}`,
    s.tokenExpiresAt === undefined
      ? 'none'
      : Date.parse(s.tokenExpiresAt) <= now
        ? `expired${s.refreshable ? ', refreshable' : ''}`
        : `${formatMinutes(s.minutesLeft ?? 0)} left${s.refreshable ? ', refreshable' : ''}`,
    s.profiles.join(' ') || '-',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  return [header, ...rows].map((r) => `${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd() + '\n').join('')
}

function until(iso: string, now: number): string {
  return `valid until ${formatTime(iso)} (${formatMinutes(Math.floor((Date.parse(iso) - now) / 60_000))} left)`
}

/** `2026-11-22 10:30 UTC`. */
function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

/** `54 min`, `6 h 10 min`. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${Math.max(0, minutes)} min`
  const rest = minutes % 60
  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`
}

export const command = defineCommand<StatusOptions>({
  name: 'status',
  summary: 'Show where credentials come from and whether they can be had without signing in.',
  description: [
    'Shows, for the profile in use (--profile, AWS_PROFILE or default), where its credentials come from (SSO session, login session, assume-role chain, credential_process, static keys or environment variables), whether they can be had now without a person (cached role credentials, a valid or refreshable token) and until when, the account and role when the configuration or caches name them, and the command to sign in again when that is needed.',
    'It reads only the configuration and the caches: no network call, no refresh, no lock, so it is fast enough for a shell prompt (--prompt prints `PROFILE MINUTESm`). --all lists every SSO session, legacy start URL and login session found in the configuration or the caches.',
    'Exit status: 0 when credentials can be had without interaction, 3 when a person must sign in (or type an MFA code) first, 4 when they cannot be had at all (for example a credential_process program that does not exist); 253 or 255 for configuration errors.',
  ].join('\n\n'),
  examples: [
    'idc status --profile dev',
    'idc status --all',
    'idc status --profile dev --json',
    "idc status --query 'minutesLeft' --output text",
    "PS1='$(idc status --prompt 2>/dev/null) \\$ '",
  ],
  options: {
    all: { type: 'boolean', description: 'List every sign-in session in the configuration and the caches.' },
    json: { type: 'boolean', description: 'Print JSON for scripts (the same as --output json).' },
    prompt: { type: 'boolean', description: 'Print one short line for shell prompts: the profile and minutes left.' },
  },
  parse: (args, { globals }) => ({
    globals,
    all: args.values.all === true,
    json: args.values.json === true,
    prompt: args.values.prompt === true,
  }),
  run: runStatus,
})
