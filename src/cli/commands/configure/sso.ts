/**
 * `idc configure sso`: the AWS CLI's SSO wizard, prompt for prompt (`aws-cli-behaviour.md` §2.1–
 * §2.2): session name, start URL, region, scopes, sign-in, account and role (menus with arrow
 * keys and type-to-filter, or auto-selected when there is only one), default region, output
 * format and profile name; then the profile and the [sso-session] are written through the shared
 * config writer in the CLI's key order. Every answer can also be given as a flag, and without a
 * terminal the command fails at once naming the flags it still needs.
 *
 * @module
 */
import { profileSectionName, updateSharedConfigFile } from '../../../core/config/config-writer.js'
import { resolveEndpointUrl } from '../../../core/config/endpoints.js'
import { getConfigFilePath } from '../../../core/config/file-paths.js'
import { loadSharedConfig } from '../../../core/config/load-shared-config.js'
import type { ConfigSection, SharedConfig } from '../../../core/config/parse-config-file.js'
import { PROFILE_ENV_VARS } from '../../../core/config/profile.js'
import { ConfigError, IdcError, UsageError } from '../../../core/errors.js'
import { parseCacheTime, readSsoToken } from '../../../core/sso/cache.js'
import { listSsoAccountRoles, listSsoAccounts, type SsoAccount, type SsoRole } from '../../../core/sso/portal.js'
import { checkStartUrl, parseRegistrationScopes } from '../../../core/sso/sso-config.js'
import { isAwsOwnedHost, resolveStartUrl } from '../../../core/sso/start-url.js'
import { SSO_TOKEN_REFRESH_WINDOW_MS, type SsoSessionConfig } from '../../../core/sso/token-provider.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'
import type { Prompter } from '../../io/prompter.js'
import { signInInteractively } from '../sso/login.js'

/** Options of `idc configure sso`: every answer may come from a flag. */
export interface ConfigureSsoOptions {
  /** `--profile` or AWS_PROFILE: the profile to write (no name prompt then). */
  profile?: string | undefined
  ssoSession?: string | undefined
  ssoStartUrl?: string | undefined
  ssoRegion?: string | undefined
  ssoRegistrationScopes?: string | undefined
  accountId?: string | undefined
  roleName?: string | undefined
  /** `--region`: the profile's default client region. */
  region?: string | undefined
  outputFormat?: string | undefined
  profileName?: string | undefined
  useDeviceCode: boolean
  noBrowser: boolean
  /** Write a legacy profile (no sso-session) without asking for a session name. */
  legacy?: boolean
}

/** The default registration scope offered by the wizard. */
export const DEFAULT_REGISTRATION_SCOPES = 'sso:account:access'

/** The output formats offered for completion. */
export const OUTPUT_FORMAT_CHOICES = ['json', 'text', 'table', 'yaml', 'yaml-stream', 'off']

const REQUIRED = 'A value is required'

function str(section: ConfigSection | undefined, key: string): string | undefined {
  const value = section?.[key]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** Validates a start URL as the wizard does (http passes here; `sso login` rejects it later). */
export function validateStartUrl(value: string): string | undefined {
  if (value === '') return REQUIRED
  try {
    const url = new URL(value)
    if (!url.hostname || !/^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) || !value.includes('://'))
      return 'Not a valid Start URL'
  } catch {
    return 'Not a valid Start URL'
  }
  return undefined
}

/** Validates `sso_registration_scopes`: comma-separated, no whitespace inside an item. */
export function validateScopes(value: string): string | undefined {
  if (value.split(',').some((item) => /\s/.test(item.trim()))) return 'Scope values must be separated by commas'
  return undefined
}

/** The CLI's account order: named (or with email) first, then by lower-cased name, email, id. */
export function sortAccounts(accounts: readonly SsoAccount[]): SsoAccount[] {
  const key = (a: SsoAccount) =>
    [a.accountName || a.emailAddress ? 0 : 1, (a.accountName || a.emailAddress || a.accountId).toLowerCase()] as const
  return [...accounts].sort((a, b) => {
    const [x0, x1] = key(a)
    const [y0, y1] = key(b)
    return x0 - y0 || (x1 < y1 ? -1 : x1 > y1 ? 1 : 0)
  })
}

/** A menu row for an account: `NAME, EMAIL (ID)`, `NAME (ID)`, `EMAIL (ID)` or `ID`. */
export function formatAccountLabel(a: SsoAccount): string {
  if (a.accountName && a.emailAddress) return `${a.accountName}, ${a.emailAddress} (${a.accountId})`
  if (a.accountName) return `${a.accountName} (${a.accountId})`
  if (a.emailAddress) return `${a.emailAddress} (${a.accountId})`
  return a.accountId
}

/** The flags still needed to run without a terminal. */
export function missingFlags(options: ConfigureSsoOptions, config: SharedConfig): string[] {
  const missing: string[] = []
  if (!options.ssoSession && !options.legacy) missing.push('--sso-session')
  const existing = options.ssoSession ? config.ssoSessions[options.ssoSession] : undefined
  if (!existing) {
    if (!options.ssoStartUrl) missing.push('--sso-start-url')
    if (!options.ssoRegion) missing.push('--sso-region')
  }
  // Account, role and profile name are not needed up front: with one account and one role they are
  // chosen automatically (as the wizard does) and the profile name defaults to <role>-<account>;
  // when a choice remains, the step itself names the flag to pass.
  return missing
}

/** Runs the wizard. */
export async function runConfigureSso(options: ConfigureSsoOptions, env: CliEnv): Promise<void> {
  const config = await loadSharedConfig({ env })
  const interactive = env.canPrompt()
  if (!interactive) {
    const missing = missingFlags(options, config)
    if (missing.length > 0) {
      throw new UsageError(
        `idc configure sso needs a terminal to ask its questions; without one, give the answers as flags. Missing: ${missing.join(', ')}`,
      )
    }
  }
  const prompter: Prompter | undefined = interactive ? await env.prompter() : undefined
  const ask = async (message: string, opts: Parameters<Prompter['input']>[1] = {}): Promise<string> => {
    if (!prompter) throw new UsageError(`Missing an answer for "${message}" and no terminal to ask it on`)
    return prompter.input(message, opts)
  }
  const out = env.stdout
  const explicitProfile = options.profile ?? PROFILE_ENV_VARS.map((n) => env.vars[n]).find((v) => v) ?? undefined
  const target = explicitProfile ? config.profiles[explicitProfile] : undefined
  const defaultsFrom = explicitProfile ? target : config.profiles.default

  // 1–2: the session.
  let sessionName = options.ssoSession
  if (sessionName === undefined && !options.legacy) {
    const current = str(target, 'sso_session')
    sessionName = current
      ? await ask('SSO session name', { current, completions: Object.keys(config.ssoSessions) })
      : await ask('SSO session name (Recommended)', {
          bare: true,
          default: '',
          completions: Object.keys(config.ssoSessions),
        })
  }
  if (sessionName === '') sessionName = undefined
  let session: SsoSessionConfig
  let scopesAsTyped: string | undefined
  let forceLogin = false
  const existing = sessionName ? config.ssoSessions[sessionName] : undefined
  if (sessionName === undefined) {
    const bold = (t: string) => (out.isTTY ? `\x1b[1m${t}\x1b[0m` : t)
    out.write(`${bold('WARNING: Configuring using legacy format (e.g. without an SSO session).')}\n`)
    out.write(`${bold('Consider re-running "configure sso" command and providing a session name.')}\n`)
    const startUrl =
      options.ssoStartUrl ??
      (await ask('SSO start URL', {
        current: str(target, 'sso_start_url'),
        validate: validateStartUrl,
        completions: knownStartUrls(config),
      }))
    const region =
      options.ssoRegion ??
      (await discoverRegion(env, startUrl)) ??
      (await ask('SSO region', { current: str(target, 'sso_region'), validate: (v) => (v ? undefined : REQUIRED) }))
    session = { startUrl, region }
  } else if (existing) {
    const startUrl = str(existing, 'sso_start_url')
    const region = str(existing, 'sso_region')
    if (!startUrl || !region) {
      const missing = [!startUrl && 'sso_start_url', !region && 'sso_region'].filter(Boolean).join(', ')
      throw new ConfigError(
        `An error occurred (Configuration): Missing the following required SSO configuration values: ${missing}. `,
      )
    }
    scopesAsTyped = str(existing, 'sso_registration_scopes')
    session = { sessionName, startUrl, region }
    const scopes = parseRegistrationScopes(scopesAsTyped)
    if (scopes) session.registrationScopes = scopes
  } else {
    const startUrl =
      options.ssoStartUrl ??
      (await ask('SSO start URL', {
        current: str(target, 'sso_start_url'),
        validate: validateStartUrl,
        completions: knownStartUrls(config),
      }))
    const region =
      options.ssoRegion ??
      (await discoverRegion(env, startUrl)) ??
      (await ask('SSO region', { current: str(target, 'sso_region'), validate: (v) => (v ? undefined : REQUIRED) }))
    scopesAsTyped =
      options.ssoRegistrationScopes ??
      (prompter
        ? await ask('SSO registration scopes', {
            current: DEFAULT_REGISTRATION_SCOPES,
            validate: validateScopes,
            completions: knownScopes(config),
          })
        : DEFAULT_REGISTRATION_SCOPES)
    session = { sessionName, startUrl, region }
    const scopes = parseRegistrationScopes(scopesAsTyped)
    if (scopes) session.registrationScopes = scopes
    forceLogin = true
  }

  // 3: sign in (or reuse a token with at least 15 minutes left).
  const profileForEndpoints = explicitProfile ?? 'default'
  const oidcEndpoint = resolveEndpointUrl(env, config, { serviceId: 'SSO OIDC', profileName: profileForEndpoints })
  const ssoEndpoint = resolveEndpointUrl(env, config, { serviceId: 'SSO', profileName: profileForEndpoints })
  let accessToken = forceLogin ? undefined : await reusableToken(env, session)
  if (!accessToken) {
    checkStartUrl(session.startUrl)
    const resolved = await resolveStartUrl(session.startUrl, session.region, env.probeHttp)
    const result = await signInInteractively(env, session, {
      oidcEndpoint,
      useDeviceCode: options.useDeviceCode || session.sessionName === undefined,
      noBrowser: options.noBrowser,
      resolvedStartUrl: resolved.url,
    })
    accessToken = result.accessToken
  }

  // 4–5: account and role.
  const portal = { region: session.region, endpoint: ssoEndpoint }
  let accountId = options.accountId
  let roleName = options.roleName
  try {
    if (!accountId) {
      const accounts = sortAccounts(await listSsoAccounts(env.clients, portal, accessToken))
      if (accounts.length === 0) throw new IdcError('general', 'No AWS accounts are available to you.')
      if (accounts.length === 1) {
        accountId = accounts[0]!.accountId
        out.write(`The only AWS account available to you is: ${accountId}\n`)
      } else {
        out.write(`There are ${accounts.length} AWS accounts available to you.\n`)
        if (!prompter) throw new UsageError('Several AWS accounts are available; choose one with --account-id')
        accountId = await prompter.select(
          '',
          accounts.map((a) => ({ label: formatAccountLabel(a), value: a.accountId })),
        )
      }
    }
    out.write(`Using the account ID ${accountId}\n`)
    if (!roleName) {
      const roles: SsoRole[] = [...(await listSsoAccountRoles(env.clients, portal, accessToken, accountId))].sort(
        (a, b) =>
          a.roleName.toLowerCase() < b.roleName.toLowerCase()
            ? -1
            : a.roleName.toLowerCase() > b.roleName.toLowerCase()
              ? 1
              : 0,
      )
      if (roles.length === 0) throw new IdcError('general', 'No roles are available for the account ID')
      if (roles.length === 1) {
        roleName = roles[0]!.roleName
        out.write(`The only role available to you is: ${roleName}\n`)
      } else {
        out.write(`There are ${roles.length} roles available to you.\n`)
        if (!prompter) throw new UsageError('Several roles are available; choose one with --role-name')
        roleName = await prompter.select(
          '',
          roles.map((r) => ({ label: r.roleName, value: r.roleName })),
        )
      }
    }
    out.write(`Using the role name "${roleName}"\n`)
  } catch (error) {
    if ((error as { code?: string }).code !== 'UnauthorizedException') throw error
    out.write('Unable to list AWS accounts and/or roles. Skipping configuring AWS credential provider for profile.\n')
    accountId = undefined
    roleName = undefined
  }

  // 6–8: region, output, profile name.
  const region =
    options.region ??
    (prompter
      ? await ask('Default client Region', { current: str(defaultsFrom, 'region') })
      : (str(defaultsFrom, 'region') ?? ''))
  const output =
    options.outputFormat ??
    (prompter
      ? await ask('CLI default output format (json if not specified)', {
          current: str(defaultsFrom, 'output'),
          completions: OUTPUT_FORMAT_CHOICES,
        })
      : (str(defaultsFrom, 'output') ?? ''))
  let profileName = explicitProfile ?? options.profileName
  if (!profileName) {
    const suggested = accountId && roleName ? `${roleName}-${accountId}` : undefined
    if (!prompter && !suggested) throw new UsageError('No profile name to use; give one with --profile-name')
    profileName = !prompter
      ? suggested!
      : await ask('Profile name', { current: suggested, validate: (v) => (v ? undefined : REQUIRED) })
  }

  // 9: write the profile, then the session.
  const file = getConfigFilePath(env)
  const profileKeys: Record<string, string> = {}
  if (session.sessionName) profileKeys.sso_session = session.sessionName
  else Object.assign(profileKeys, { sso_start_url: session.startUrl, sso_region: session.region })
  if (accountId) profileKeys.sso_account_id = accountId
  if (roleName) profileKeys.sso_role_name = roleName
  if (region) profileKeys.region = region
  if (output) profileKeys.output = output
  const updates = [{ file, section: profileSectionName(profileName, 'config'), set: profileKeys }]
  if (session.sessionName) {
    const sessionKeys: Record<string, string> = { sso_start_url: session.startUrl, sso_region: session.region }
    if (scopesAsTyped) sessionKeys.sso_registration_scopes = scopesAsTyped
    updates.push({ file, section: `sso-session ${session.sessionName}`, set: sessionKeys })
  }
  await updateSharedConfigFile(env, updates)

  // 10: how to use it.
  if (!accountId || !roleName) out.write(`\nSuccessfully configured SSO for profile: ${profileName}\n`)
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

/** The region a vanity start URL leads to (§2.3); undefined for AWS-owned hosts or on any failure. */
async function discoverRegion(env: CliEnv, startUrl: string): Promise<string | undefined> {
  try {
    if (isAwsOwnedHost(new URL(startUrl).hostname)) return undefined
    const resolved = await resolveStartUrl(startUrl, undefined, env.probeHttp)
    return resolved.resolved ? resolved.region : undefined
  } catch {
    return undefined
  }
}

async function reusableToken(env: CliEnv, session: SsoSessionConfig): Promise<string | undefined> {
  const token = await readSsoToken(env, session.sessionName ?? session.startUrl).catch(() => undefined)
  const expiresAt = parseCacheTime(token?.expiresAt)
  if (!token?.accessToken || expiresAt === undefined) return undefined
  return expiresAt - env.now() >= SSO_TOKEN_REFRESH_WINDOW_MS ? token.accessToken : undefined
}

function knownStartUrls(config: SharedConfig): string[] {
  const urls = new Set<string>()
  for (const section of [...Object.values(config.profiles), ...Object.values(config.ssoSessions)]) {
    const url = str(section, 'sso_start_url')
    if (url) urls.add(url)
  }
  return [...urls]
}

function knownScopes(config: SharedConfig): string[] {
  const scopes = new Set<string>([DEFAULT_REGISTRATION_SCOPES])
  for (const section of Object.values(config.ssoSessions)) {
    for (const scope of parseRegistrationScopes(str(section, 'sso_registration_scopes')) ?? []) scopes.add(scope)
  }
  return [...scopes]
}

export const command = defineCommand<ConfigureSsoOptions>({
  name: 'configure sso',
  summary: 'Configure a profile that uses IAM Identity Center (SSO) credentials.',
  description:
    'Asks for an SSO session name, start URL, region and registration scopes, signs you in (browser by default), lets you ' +
    'pick an account and a role, then asks for the default region, output format and profile name, and writes the ' +
    '[profile] and [sso-session] sections of ~/.aws/config, as `aws configure sso` does. Every answer can be given as a ' +
    'flag (--sso-session, --sso-start-url, --sso-region, --sso-registration-scopes, --account-id, --role-name, --region, ' +
    '--output-format, --profile-name or --profile); without a terminal, the command needs those flags and fails at once ' +
    'naming any that are missing.',
  examples: [
    'idc configure sso',
    'idc configure sso --profile dev --use-device-code',
    'idc configure sso --sso-session my-sso --sso-start-url https://d-1234567890.awsapps.com/start --sso-region us-east-1 \\\n' +
      '    --account-id 111111111111 --role-name ReadOnly --region us-west-2 --profile-name dev',
  ],
  options: {
    'no-browser': { type: 'boolean', description: 'Print the sign-in URL instead of opening a browser.' },
    'use-device-code': { type: 'boolean', description: 'Sign in with the device-code flow.' },
    'sso-session': {
      type: 'string',
      description: 'The SSO session name (an existing [sso-session] is reused).',
      placeholder: '<name>',
    },
    'sso-start-url': {
      type: 'string',
      description: 'The AWS access portal URL of a new session.',
      placeholder: '<url>',
    },
    'sso-region': {
      type: 'string',
      description: 'The region of IAM Identity Center for a new session.',
      placeholder: '<region>',
    },
    'sso-registration-scopes': {
      type: 'string',
      description: 'Comma-separated scopes (default sso:account:access).',
      placeholder: '<scopes>',
    },
    'account-id': {
      type: 'string',
      description: 'The AWS account to use (skips the account menu).',
      placeholder: '<id>',
    },
    'role-name': {
      type: 'string',
      description: 'The role (permission set) to use (skips the role menu).',
      placeholder: '<name>',
    },
    'output-format': { type: 'string', description: "The profile's default output format.", placeholder: '<format>' },
    'profile-name': {
      type: 'string',
      description: 'The name of the profile to write (default <role>-<account>).',
      placeholder: '<name>',
    },
    legacy: { type: 'boolean', description: 'Write a legacy profile without an [sso-session] (not recommended).' },
  },
  parse: (args, { globals }) => ({
    profile: globals.profile,
    ssoSession: args.values['sso-session'] as string | undefined,
    ssoStartUrl: args.values['sso-start-url'] as string | undefined,
    ssoRegion: args.values['sso-region'] as string | undefined,
    ssoRegistrationScopes: args.values['sso-registration-scopes'] as string | undefined,
    accountId: args.values['account-id'] as string | undefined,
    roleName: args.values['role-name'] as string | undefined,
    region: globals.region,
    outputFormat: args.values['output-format'] as string | undefined,
    profileName: args.values['profile-name'] as string | undefined,
    useDeviceCode: args.values['use-device-code'] === true,
    noBrowser: args.values['no-browser'] === true,
    legacy: args.values.legacy === true,
  }),
  run: runConfigureSso,
})
