/**
 * The steps of the `idc configure sso` wizard (`aws-cli-behaviour.md` §2.1–§2.2), in the order
 * `runConfigureSso` calls them: choose the session (steps 1–2), sign in or reuse a token (3), pick
 * the account and role (4–5), ask the profile's region, output and name (6–8), write the profile
 * and the session (9) and say how to use it (10). Each step takes the {@link SsoWizard} context.
 *
 * @module
 */
import { sectionText } from '../../../core/config/config-value.js'
import { profileSectionName, updateSharedConfigFile } from '../../../core/config/config-writer.js'
import { resolveEndpointUrl } from '../../../core/config/endpoints.js'
import { getConfigFilePath } from '../../../core/config/file-paths.js'
import type { ConfigSection, SharedConfig } from '../../../core/config/parse-config-file.js'
import { PROFILE_ENV_VARS } from '../../../core/config/profile.js'
import { ConfigError, IdcError, UsageError } from '../../../core/errors.js'
import { parseCacheTime, readSsoToken } from '../../../core/sso/cache.js'
import { listSsoAccountRoles, listSsoAccounts } from '../../../core/sso/portal.js'
import { checkStartUrl, parseRegistrationScopes } from '../../../core/sso/sso-config.js'
import { isAwsOwnedHost, parseStartUrl, resolveStartUrl } from '../../../core/sso/start-url.js'
import { SSO_TOKEN_REFRESH_WINDOW_MS, type SsoSessionConfig } from '../../../core/sso/token-provider.js'
import type { CliEnv } from '../../cli-env.js'
import { OUTPUT_FORMATS } from '../../globals.js'
import type { InputPromptOptions, Prompter } from '../../io/prompter.js'
import {
  DEFAULT_REGISTRATION_SCOPES,
  knownScopes,
  knownStartUrls,
  SSO_REGIONS,
  validateRequired,
  validateScopes,
  validateStartUrl,
} from '../shared/sso-answers.js'
import { signInInteractively } from '../sso/login.js'
import type { ConfigureSsoOptions } from './sso.js'
import { formatAccountLabel, sortAccounts, sortRoles } from './sso-choices.js'

/** What every step reads: the flags, the config, the terminal (if any) and the profile being written. */
export interface SsoWizard {
  env: CliEnv
  options: ConfigureSsoOptions
  config: SharedConfig
  /** Undefined without a terminal: every answer must then come from a flag or a default. */
  prompter: Prompter | undefined
  /** `--profile`, AWS_PROFILE or AWS_DEFAULT_PROFILE: the profile to write (no name prompt then). */
  explicitProfile: string | undefined
  /** The profile being rewritten, whose values are offered as current answers. */
  target: ConfigSection | undefined
  /** Where the default region and output come from. */
  defaultsFrom: ConfigSection | undefined
}

/** The session steps 1–2 settled on. */
export interface ChosenSession {
  session: SsoSessionConfig
  /** `sso_registration_scopes` as typed, written back verbatim. */
  scopesAsTyped: string | undefined
  /** A new session always signs in, even when a token for its name is cached. */
  forceLogin: boolean
  /** The start URL to sign in with: where a vanity URL led when it was asked for (the URL itself if it led nowhere). */
  resolvedStartUrl?: string
}

/** The account and role steps 4–5 chose; both undefined when listing was not authorised. */
export interface ChosenRole {
  accountId: string | undefined
  roleName: string | undefined
}

/** Builds the wizard's context (the prompter loads only when a terminal is there). */
export async function createSsoWizard(
  env: CliEnv,
  options: ConfigureSsoOptions,
  config: SharedConfig,
): Promise<SsoWizard> {
  const prompter = env.canPrompt() ? await env.prompter() : undefined
  const explicitProfile = options.profile ?? PROFILE_ENV_VARS.map((n) => env.vars[n]).find((v) => v) ?? undefined
  const target = explicitProfile ? config.profiles[explicitProfile] : undefined
  const defaultsFrom = explicitProfile ? target : config.profiles.default
  return { env, options, config, prompter, explicitProfile, target, defaultsFrom }
}

/** Asks one question; without a terminal that is a usage error naming the question. */
function ask(wizard: SsoWizard, message: string, opts: InputPromptOptions = {}): Promise<string> {
  if (!wizard.prompter) throw new UsageError(`Missing an answer for "${message}" and no terminal to ask it on`)
  return wizard.prompter.input(message, opts)
}

/** Steps 1–2: the session name, then an existing session's settings or a new (or legacy) one's. */
export async function chooseSession(wizard: SsoWizard): Promise<ChosenSession> {
  const { options, config } = wizard
  let sessionName = options.ssoSession
  if (sessionName === undefined && !options.legacy) {
    const current = sectionText(wizard.target, 'sso_session')
    const completions = Object.keys(config.ssoSessions)
    sessionName = current
      ? await ask(wizard, 'SSO session name', { current, completions })
      : await ask(wizard, 'SSO session name (Recommended)', { bare: true, default: '', completions })
  }
  if (sessionName === '' || sessionName === undefined) return legacySession(wizard)
  const existing = config.ssoSessions[sessionName]
  return existing ? existingSession(sessionName, existing) : newSession(wizard, sessionName)
}

async function legacySession(wizard: SsoWizard): Promise<ChosenSession> {
  const out = wizard.env.stdout
  const bold = (t: string) => (out.isTTY ? `\x1b[1m${t}\x1b[0m` : t)
  out.write(`${bold('WARNING: Configuring using legacy format (e.g. without an SSO session).')}\n`)
  out.write(`${bold('Consider re-running "configure sso" command and providing a session name.')}\n`)
  const { startUrl, region, resolvedStartUrl } = await askStartUrlAndRegion(wizard)
  return { session: { startUrl, region }, scopesAsTyped: undefined, forceLogin: false, resolvedStartUrl }
}

function existingSession(sessionName: string, section: ConfigSection): ChosenSession {
  const startUrl = sectionText(section, 'sso_start_url')
  const region = sectionText(section, 'sso_region')
  if (!startUrl || !region) {
    const missing = [!startUrl && 'sso_start_url', !region && 'sso_region'].filter(Boolean).join(', ')
    throw new ConfigError(
      `An error occurred (Configuration): Missing the following required SSO configuration values: ${missing}. `,
    )
  }
  const scopesAsTyped = sectionText(section, 'sso_registration_scopes')
  return { session: withScopes({ sessionName, startUrl, region }, scopesAsTyped), scopesAsTyped, forceLogin: false }
}

async function newSession(wizard: SsoWizard, sessionName: string): Promise<ChosenSession> {
  const { startUrl, region, resolvedStartUrl } = await askStartUrlAndRegion(wizard)
  const scopesAsTyped =
    wizard.options.ssoRegistrationScopes ??
    (wizard.prompter
      ? await ask(wizard, 'SSO registration scopes', {
          current: DEFAULT_REGISTRATION_SCOPES,
          validate: validateScopes,
          completions: knownScopes(wizard.config),
        })
      : DEFAULT_REGISTRATION_SCOPES)
  return {
    session: withScopes({ sessionName, startUrl, region }, scopesAsTyped),
    scopesAsTyped,
    forceLogin: true,
    resolvedStartUrl,
  }
}

function withScopes(session: SsoSessionConfig, scopesAsTyped: string | undefined): SsoSessionConfig {
  const scopes = parseRegistrationScopes(scopesAsTyped)
  return scopes ? { ...session, registrationScopes: scopes } : session
}

/** The start URL, then the region: a flag, else the region a vanity URL leads to, else a question. */
async function askStartUrlAndRegion(
  wizard: SsoWizard,
): Promise<{ startUrl: string; region: string; resolvedStartUrl: string }> {
  const { options, target } = wizard
  const startUrl =
    options.ssoStartUrl ??
    (await ask(wizard, 'SSO start URL', {
      current: sectionText(target, 'sso_start_url'),
      validate: validateStartUrl,
      completions: knownStartUrls(wizard.config),
    }))
  const discovered = await resolveVanityUrl(wizard.env, startUrl)
  const region =
    options.ssoRegion ??
    discovered?.region ??
    (await ask(wizard, 'SSO region', {
      current: sectionText(target, 'sso_region'),
      validate: validateRequired,
      completions: SSO_REGIONS,
    }))
  return { startUrl, region, resolvedStartUrl: discovered?.url ?? startUrl }
}

/**
 * Where a vanity start URL leads and the region it names (§2.3); undefined for AWS-owned hosts, a
 * URL without a host, or on any failure, which the CLI only logs before asking for the region.
 */
async function resolveVanityUrl(env: CliEnv, startUrl: string): Promise<{ url: string; region: string } | undefined> {
  const { hostname } = parseStartUrl(startUrl)
  if (!hostname || isAwsOwnedHost(hostname)) return undefined
  try {
    const resolved = await resolveStartUrl(startUrl, undefined, env.probeHttp)
    return resolved.region === undefined ? undefined : { url: resolved.url, region: resolved.region }
  } catch {
    return undefined
  }
}

/** Step 3: a cached token with at least 15 minutes left, else a sign-in; returns the access token. */
export async function signInForWizard(wizard: SsoWizard, chosen: ChosenSession): Promise<string> {
  const { env, options, config, explicitProfile } = wizard
  const { session } = chosen
  const cached = chosen.forceLogin ? undefined : await reusableToken(env, session)
  if (cached) return cached
  checkStartUrl(session.startUrl)
  // A session from the config file was not resolved while asking; a URL that leads nowhere is used as it is.
  const resolvedStartUrl =
    chosen.resolvedStartUrl ??
    (await resolveStartUrl(session.startUrl, session.region, env.probeHttp).then(
      (resolved) => resolved.url,
      () => session.startUrl,
    ))
  const profileName = explicitProfile ?? 'default'
  const result = await signInInteractively(env, session, {
    oidcEndpoint: resolveEndpointUrl(env, config, { serviceId: 'SSO OIDC', profileName }),
    useDeviceCode: options.useDeviceCode || session.sessionName === undefined,
    noBrowser: options.noBrowser,
    resolvedStartUrl,
  })
  return result.accessToken
}

async function reusableToken(env: CliEnv, session: SsoSessionConfig): Promise<string | undefined> {
  const token = await readSsoToken(env, session.sessionName ?? session.startUrl).catch(() => undefined)
  const expiresAt = parseCacheTime(token?.expiresAt)
  if (!token?.accessToken || expiresAt === undefined) return undefined
  return expiresAt - env.now() >= SSO_TOKEN_REFRESH_WINDOW_MS ? token.accessToken : undefined
}

/**
 * Steps 4–5: the account, then the role — from flags, the only one available, or a menu. When the
 * portal refuses the token (UnauthorizedException) the CLI goes on without either.
 */
export async function chooseAccountAndRole(
  wizard: SsoWizard,
  session: SsoSessionConfig,
  accessToken: string,
): Promise<ChosenRole> {
  const { env } = wizard
  const endpoint = resolveEndpointUrl(env, wizard.config, {
    serviceId: 'SSO',
    profileName: wizard.explicitProfile ?? 'default',
  })
  const portal = { target: { region: session.region, endpoint }, accessToken }
  try {
    // Empty flags count as not given, as in the CLI.
    const accountId = wizard.options.accountId || (await chooseAccount(wizard, portal))
    env.stdout.write(`Using the account ID ${accountId}\n`)
    const roleName = wizard.options.roleName || (await chooseRole(wizard, portal, accountId))
    env.stdout.write(`Using the role name "${roleName}"\n`)
    return { accountId, roleName }
  } catch (error) {
    if ((error as { code?: string }).code !== 'UnauthorizedException') throw error
    env.stdout.write(
      'Unable to list AWS accounts and/or roles. Skipping configuring AWS credential provider for profile.\n',
    )
    return { accountId: undefined, roleName: undefined }
  }
}

/** The SSO portal to list from, and the token to list with. */
interface PortalTarget {
  target: { region: string; endpoint: string | undefined }
  accessToken: string
}

async function chooseAccount(wizard: SsoWizard, portal: PortalTarget): Promise<string> {
  const out = wizard.env.stdout
  const accounts = sortAccounts(await listSsoAccounts(wizard.env.clients, portal.target, portal.accessToken))
  if (accounts.length === 0) throw new IdcError('general', 'No AWS accounts are available to you.')
  if (accounts.length === 1) {
    out.write(`The only AWS account available to you is: ${accounts[0]!.accountId}\n`)
    return accounts[0]!.accountId
  }
  out.write(`There are ${accounts.length} AWS accounts available to you.\n`)
  if (!wizard.prompter) throw new UsageError('Several AWS accounts are available; choose one with --account-id')
  return wizard.prompter.select(
    '',
    accounts.map((a) => ({ label: formatAccountLabel(a), value: a.accountId })),
  )
}

async function chooseRole(wizard: SsoWizard, portal: PortalTarget, accountId: string): Promise<string> {
  const out = wizard.env.stdout
  const roles = sortRoles(await listSsoAccountRoles(wizard.env.clients, portal.target, portal.accessToken, accountId))
  if (roles.length === 0) throw new IdcError('general', 'No roles are available for the account ID')
  if (roles.length === 1) {
    out.write(`The only role available to you is: ${roles[0]!.roleName}\n`)
    return roles[0]!.roleName
  }
  out.write(`There are ${roles.length} roles available to you.\n`)
  if (!wizard.prompter) throw new UsageError('Several roles are available; choose one with --role-name')
  return wizard.prompter.select(
    '',
    roles.map((r) => ({ label: r.roleName, value: r.roleName })),
  )
}

/** The answers of steps 6–8. */
export interface ProfileSettings {
  region: string
  output: string
  profileName: string
}

/** Steps 6–8: the default client region, the output format and the profile name. */
export async function askProfileSettings(wizard: SsoWizard, chosen: ChosenRole): Promise<ProfileSettings> {
  const { options, prompter, defaultsFrom } = wizard
  const region =
    options.region ??
    (prompter
      ? await ask(wizard, 'Default client Region', { current: sectionText(defaultsFrom, 'region') })
      : (sectionText(defaultsFrom, 'region') ?? ''))
  const output =
    options.outputFormat ??
    (prompter
      ? await ask(wizard, 'CLI default output format (json if not specified)', {
          current: sectionText(defaultsFrom, 'output'),
          completions: OUTPUT_FORMATS,
        })
      : (sectionText(defaultsFrom, 'output') ?? ''))
  let profileName = wizard.explicitProfile ?? options.profileName
  if (!profileName) {
    const suggested = chosen.accountId && chosen.roleName ? `${chosen.roleName}-${chosen.accountId}` : undefined
    if (!prompter && !suggested) throw new UsageError('No profile name to use; give one with --profile-name')
    profileName = !prompter
      ? suggested!
      : await ask(wizard, 'Profile name', { current: suggested, validate: validateRequired })
  }
  return { region, output, profileName }
}

/** Step 9: writes the profile, then the session, in the CLI's key order, in one locked update. */
export async function writeSsoProfile(
  env: CliEnv,
  chosen: ChosenSession,
  role: ChosenRole,
  settings: ProfileSettings,
): Promise<void> {
  const { session, scopesAsTyped } = chosen
  const file = getConfigFilePath(env)
  const profileKeys: Record<string, string> = {}
  if (session.sessionName) profileKeys.sso_session = session.sessionName
  else Object.assign(profileKeys, { sso_start_url: session.startUrl, sso_region: session.region })
  if (role.accountId) profileKeys.sso_account_id = role.accountId
  if (role.roleName) profileKeys.sso_role_name = role.roleName
  if (settings.region) profileKeys.region = settings.region
  if (settings.output) profileKeys.output = settings.output
  const updates = [{ file, section: profileSectionName(settings.profileName, 'config'), set: profileKeys }]
  if (session.sessionName) {
    const sessionKeys: Record<string, string> = { sso_start_url: session.startUrl, sso_region: session.region }
    if (scopesAsTyped) sessionKeys.sso_registration_scopes = scopesAsTyped
    updates.push({ file, section: `sso-session ${session.sessionName}`, set: sessionKeys })
  }
  await updateSharedConfigFile(env, updates)
}

/** Step 10: how to use the profile. */
export function printProfileUsage(env: CliEnv, role: ChosenRole, profileName: string): void {
  const out = env.stdout
  if (!role.accountId || !role.roleName) out.write(`\nSuccessfully configured SSO for profile: ${profileName}\n`)
  else if (profileName === 'default') {
    out.write(
      '\nThe AWS CLI is now configured to use the default profile.\nRun the following command to verify your configuration:\n\nidc sts get-caller-identity\n',
    )
  } else {
    out.write(
      `\nTo use this profile, specify the profile name using --profile, as shown:\n\nidc sts get-caller-identity --profile ${profileName}\n`,
    )
  }
}
