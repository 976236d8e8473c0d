/**
 * Where a profile's credentials come from and whether they can be had right now without a person,
 * from the configuration and the caches alone: no network, no refresh, no lock, no prompt. This
 * is `idc status`'s model; it follows the credential plan the resolver uses (`profile-plan.ts`),
 * so the source it names is the one that would win.
 *
 * New credential sources plug in by adding a case to {@link describeSource}: the `switch` over
 * the plan's source kind is exhaustive, so TypeScript points here when a kind is added.
 *
 * @module
 */
import type { SharedConfig } from '../config/parse-config-file.js'
import { resolveProfileName } from '../config/profile.js'
import { assumeRoleCacheKeyFor } from '../credentials/from-assume-role.js'
import { hasEnvCredentials } from '../credentials/from-env.js'
import { ssoRoleCacheKeyFor } from '../credentials/from-sso.js'
import { text } from '../credentials/from-static-profile.js'
import { NO_CREDENTIALS_MESSAGE } from '../credentials/messages.js'
import { planProfileCredentials, type CredentialPlan, type CredentialSource } from '../credentials/profile-plan.js'
import { ROLE_CACHE_EXPIRY_WINDOW_MS } from '../credentials/role-cache.js'
import { splitCommand } from '../credentials/split-command.js'
import { parseIsoTime } from '../credentials/time-format.js'
import type { Env } from '../env.js'
import { CredentialsError } from '../errors.js'
import { readRoleCacheSnapshot, readTokenSnapshot } from './cache-snapshots.js'
import { describeLoginSession } from './login-session-status.js'

/** The kinds of credential source `idc status` names. */
export type StatusSourceKind =
  'environment' | 'sso' | 'login-session' | 'assume-role' | 'process' | 'static' | 'credential-source' | 'web-identity'

/**
 * Whether credentials can be had now:
 * - `ready`: without a person (cached, a valid or refreshable token, static keys, a program)
 * - `sign-in-needed`: a person must sign in, or type an MFA code, first
 * - `unavailable`: they cannot be had at all (a missing program, a source idc cannot use)
 */
export type StatusState = 'ready' | 'sign-in-needed' | 'unavailable'

/** Who the credentials belong to, as far as the configuration and caches tell. */
export interface StatusIdentity {
  accountId?: string | undefined
  roleName?: string | undefined
  /** An assumed-role, user or login-session ARN, when a cache holds it. */
  arn?: string | undefined
}

/** The status of one profile. */
export interface ProfileStatus {
  profile: string
  /** The source that wins for this profile. */
  source: StatusSourceKind
  /** For an assume-role chain: the source of the first credentials. */
  baseSource?: StatusSourceKind | undefined
  /** The roles assumed in order (assume-role chains). */
  roleChain?: string[] | undefined
  /** The sso-session, or for legacy profiles the start URL, of an SSO source. */
  ssoSession?: string | undefined
  startUrl?: string | undefined
  /** The `credential_process` command. */
  command?: string | undefined
  state: StatusState
  /** One sentence: how the credentials are had now, or what is in the way. */
  detail: string
  /** Cached credentials that will be used, and until when (ISO-8601). */
  credentialsExpireAt?: string | undefined
  /** The SSO (or login-session) token's expiry. */
  tokenExpiresAt?: string | undefined
  /** An expired or expiring token can be refreshed without a person. */
  refreshable?: boolean | undefined
  /** Until when no person is needed, as far as is known locally (absent: no known end). */
  readyUntil?: string | undefined
  /** Whole minutes until `readyUntil`. */
  minutesLeft?: number | undefined
  /** The command a person runs to get credentials again. */
  signInCommand?: string | undefined
  identity: StatusIdentity
}

/** Options for {@link getProfileStatus}. */
export interface ProfileStatusOptions {
  /** `--profile`; like the resolver, an explicit profile also turns environment credentials off. */
  profile?: string | undefined
  /** Finds a program on PATH, for `credential_process` (default: assume it exists). */
  programExists?: (program: string) => Promise<boolean>
  /** @internal How many `credential_process = idc …` profiles led here. */
  depth?: number
}

/** How many `credential_process = idc configure export-credentials` hops are followed (the CLI's own limit). */
const MAX_IDC_NESTING = 4

/**
 * Computes a profile's status; throws the resolver's configuration errors. Pass the config with
 * origins (`loadSharedConfigWithOrigins`) so static keys are placed in the chain as the resolver does.
 */
export async function getProfileStatus(
  env: Env,
  config: SharedConfig,
  options: ProfileStatusOptions = {},
): Promise<ProfileStatus> {
  const profile = resolveProfileName(env, options.profile)
  if (!options.profile && hasEnvCredentials(env.vars)) return finish(env, environmentStatus(env, profile))
  const explicit = Boolean(options.profile) || profile !== 'default'
  if (!config.profiles[profile] && !explicit) throw new CredentialsError(NO_CREDENTIALS_MESSAGE, { kind: 'config' })
  const plan = planProfileCredentials(config, profile)
  if (!plan) throw new CredentialsError(NO_CREDENTIALS_MESSAGE, { kind: 'config' })
  return finish(env, await describePlan(env, config, profile, plan, options))
}

async function describePlan(
  env: Env,
  config: SharedConfig,
  profile: string,
  plan: CredentialPlan,
  options: ProfileStatusOptions,
): Promise<ProfileStatus> {
  const last = plan.roles.at(-1)
  if (!last) return describeSource(env, config, profile, plan.source, { topLevel: true, options })
  const base = await describeSource(env, config, profile, plan.source, { topLevel: false, options })
  const arn = last.roleArn
  const status: ProfileStatus = {
    profile,
    source: 'assume-role',
    baseSource: base.source,
    roleChain: plan.roles.map((role) => role.roleArn),
    ssoSession: base.ssoSession,
    startUrl: base.startUrl,
    command: base.command,
    state: base.state,
    detail: base.detail,
    tokenExpiresAt: base.tokenExpiresAt,
    refreshable: base.refreshable,
    readyUntil: base.readyUntil,
    signInCommand: base.signInCommand,
    identity: { accountId: arn.split(':')[4] || undefined, roleName: arn.split('/').at(-1), arn: undefined },
  }
  const cached = await readRoleCacheSnapshot(env, assumeRoleCacheKeyFor(last), ROLE_CACHE_EXPIRY_WINDOW_MS)
  if (cached?.usable) {
    status.state = 'ready'
    status.detail = 'cached role credentials'
    status.credentialsExpireAt = cached.expiresAt.toISOString()
    status.readyUntil = laterOf(cached.expiresAt.toISOString(), base.state === 'ready' ? base.readyUntil : undefined)
    status.identity.arn = cached.arn
    return status
  }
  const mfa = plan.roles.find((role) => role.mfaSerial !== undefined)
  if (mfa && base.state !== 'unavailable') {
    status.state = 'sign-in-needed'
    status.detail = `an MFA code for ${mfa.mfaSerial} must be typed to assume ${mfa.roleArn}`
    status.signInCommand = `idc configure export-credentials --profile ${profile}`
    status.readyUntil = undefined
    return status
  }
  if (base.state === 'ready') status.detail = `assumes ${arn} with ${base.detail}`
  return status
}

interface DescribeContext {
  /** The profile's own source: the SSO provider then uses the role-credential file cache. */
  topLevel: boolean
  options: ProfileStatusOptions
}

/** One credential source's status. Add a case here for each new kind of source. */
async function describeSource(
  env: Env,
  config: SharedConfig,
  profile: string,
  source: CredentialSource,
  context: DescribeContext,
): Promise<ProfileStatus> {
  switch (source.kind) {
    case 'static': {
      const accountId = source.credentials.accountId
      return { profile, source: 'static', state: 'ready', detail: 'static access keys', identity: { accountId } }
    }
    case 'sso':
      return describeSso(env, profile, source, context.topLevel)
    case 'login':
      return describeLoginSession(env, profile, source.loginSession)
    case 'process': {
      const inner = idcExportProfile(source.command)
      const depth = context.options.depth ?? 0
      if (inner !== undefined && inner !== profile && config.profiles[inner] && depth < MAX_IDC_NESTING) {
        // `credential_process = idc configure export-credentials --profile X`: X's status is this one's.
        const plan = planProfileCredentials(config, inner)
        if (plan) {
          const nested = await describePlan(env, config, inner, plan, { ...context.options, depth: depth + 1 })
          return {
            ...nested,
            profile,
            source: 'process',
            baseSource: nested.source,
            command: source.command,
            detail: `runs idc for profile ${inner}: ${nested.detail}`,
          }
        }
      }
      return describeProcess(source.command, profile, source.accountId, context.options)
    }
    case 'credential-source': {
      const environment = source.source === 'Environment'
      const ready = environment && hasEnvCredentials(env.vars)
      return {
        profile,
        source: 'credential-source',
        state: ready ? 'ready' : 'unavailable',
        detail: ready
          ? 'credential_source = Environment (environment variables)'
          : environment
            ? 'credential_source = Environment, but AWS_ACCESS_KEY_ID is not set'
            : `credential_source = ${source.source}, which idc cannot use yet`,
        identity: {},
      }
    }
    case 'web-identity':
      return {
        profile,
        source: 'web-identity',
        state: 'unavailable',
        detail: `web identity token file ${source.tokenFile}, which idc cannot use yet`,
        identity: { accountId: source.roleArn?.split(':')[4], roleName: source.roleArn?.split('/').at(-1) },
      }
  }
}

async function describeSso(
  env: Env,
  profile: string,
  source: Extract<CredentialSource, { kind: 'sso' }>,
  topLevel: boolean,
): Promise<ProfileStatus> {
  const { sso } = source
  const token = await readTokenSnapshot(env, sso)
  const status: ProfileStatus = {
    profile,
    source: 'sso',
    ssoSession: sso.sessionName,
    startUrl: sso.startUrl,
    state: 'ready',
    detail: '',
    tokenExpiresAt: token.expiresAt?.toISOString(),
    refreshable: sso.sessionName === undefined ? undefined : token.refreshable,
    identity: { accountId: sso.accountId, roleName: sso.roleName },
  }
  // The AWS CLI caches SSO role credentials only for the profile's own provider, not under a role.
  const cached = topLevel
    ? await readRoleCacheSnapshot(env, ssoRoleCacheKeyFor(sso), ROLE_CACHE_EXPIRY_WINDOW_MS)
    : undefined
  if (cached?.usable) status.credentialsExpireAt = cached.expiresAt.toISOString()
  const tokenUntil = token.valid ? token.expiresAt?.toISOString() : undefined
  status.readyUntil = laterOf(status.credentialsExpireAt, tokenUntil)
  if (cached?.usable) status.detail = 'cached role credentials'
  else if (token.valid) status.detail = 'role credentials fetched with the cached SSO token'
  else if (token.refreshable) status.detail = 'the SSO token is refreshed with its refresh token'
  else {
    status.state = 'sign-in-needed'
    status.detail = token.present ? 'the SSO token has expired' : 'no SSO token is cached'
  }
  status.signInCommand = sso.sessionName
    ? `idc sso login --sso-session ${sso.sessionName}`
    : `idc sso login --profile ${profile}`
  return status
}

async function describeProcess(
  command: string,
  profile: string,
  accountId: string | undefined,
  options: ProfileStatusOptions,
): Promise<ProfileStatus> {
  const program = firstWord(command)
  const found = program === undefined || !options.programExists ? true : await options.programExists(program)
  return {
    profile,
    source: 'process',
    command,
    state: found ? 'ready' : 'unavailable',
    detail: found ? `runs ${program ?? 'the credential_process program'}` : `the program ${program} is not found`,
    identity: { accountId },
  }
}

function environmentStatus(env: Env, profile: string): ProfileStatus {
  const expiration = parseIsoTime(env.vars.AWS_CREDENTIAL_EXPIRATION)
  const expired = expiration !== undefined && expiration.getTime() <= env.now()
  return {
    profile,
    source: 'environment',
    state: expired ? 'unavailable' : 'ready',
    detail: expired
      ? 'the credentials in the environment have expired (AWS_CREDENTIAL_EXPIRATION)'
      : 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment',
    credentialsExpireAt: expiration?.toISOString(),
    readyUntil: expired ? undefined : expiration?.toISOString(),
    identity: { accountId: text(env.vars.AWS_ACCOUNT_ID) },
  }
}

/** Fills in the minutes left. */
function finish(env: Env, status: ProfileStatus): ProfileStatus {
  if (status.state !== 'ready') status.readyUntil = undefined
  if (status.readyUntil !== undefined) {
    status.minutesLeft = Math.max(0, Math.floor((Date.parse(status.readyUntil) - env.now()) / 60_000))
  }
  return status
}

function laterOf(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  return Date.parse(a) >= Date.parse(b) ? a : b
}

/** The profile of `idc configure export-credentials --profile X` (also run as `node …/idc.cjs`). */
export function idcExportProfile(command: string): string | undefined {
  let words: string[]
  try {
    words = splitCommand(command)
  } catch {
    return undefined
  }
  const at = words.findIndex((word, i) => word === 'configure' && words[i + 1] === 'export-credentials')
  if (at < 1 || !words.slice(0, at).some((word) => /(^|[/\\])idc(\.cjs|\.js)?$/.test(word))) return undefined
  for (let i = at + 2; i < words.length; i++) {
    const word = words[i] as string
    if (word === '--profile') return words[i + 1]
    if (word.startsWith('--profile=')) return word.slice('--profile='.length)
  }
  return undefined
}

function firstWord(command: string): string | undefined {
  try {
    return splitCommand(command)[0]
  } catch {
    return undefined
  }
}
