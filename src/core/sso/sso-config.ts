/**
 * Which SSO session `idc sso login` signs in to, and the checks the AWS CLI makes before it does
 * (`BaseSSOCommand._get_sso_config`, `aws-cli-behaviour.md` §1.3): an explicit `--sso-session`
 * wins over the profile's `sso_session`; a legacy profile needs `sso_start_url` and `sso_region`;
 * the start URL must be https. Errors are the CLI's configuration errors (exit 253).
 *
 * @module
 */
import { sectionText } from '../config/config-value.js'
import type { SharedConfig } from '../config/parse-config-file.js'
import { ConfigError, IdcError } from '../errors.js'
import type { SsoSessionConfig } from './token-provider.js'

/** Options for {@link resolveSsoLoginSession}. */
export interface ResolveSsoLoginSessionOptions {
  /** The profile in use (from `--profile`, AWS_PROFILE or `default`). */
  profileName: string
  /** `--sso-session`, when given. */
  ssoSession?: string | undefined
}

function configError(message: string): ConfigError {
  return new ConfigError(`An error occurred (Configuration): ${message}`)
}

/** Splits `sso_registration_scopes`: comma-separated, items trimmed, empty items dropped. */
export function parseRegistrationScopes(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** Resolves and checks the SSO session to sign in to. */
export function resolveSsoLoginSession(config: SharedConfig, options: ResolveSsoLoginSessionOptions): SsoSessionConfig {
  const profile = config.profiles[options.profileName]
  const sessionName = options.ssoSession ?? sectionText(profile, 'sso_session')
  // A missing [default] is an empty profile (then "Missing ... values"); any other is an error.
  if (!options.ssoSession && !profile && options.profileName !== 'default') {
    throw new IdcError('general', `The config profile (${options.profileName}) could not be found`)
  }
  let session: SsoSessionConfig
  if (sessionName !== undefined) {
    const section = config.ssoSessions[sessionName]
    if (!section) throw configError(`The specified sso-session does not exist: "${sessionName}"`)
    const missing = ['sso_start_url', 'sso_region'].filter((k) => !sectionText(section, k))
    if (missing.length > 0)
      throw configError(`Missing the following required SSO configuration values: ${missing.join(', ')}. `)
    session = {
      sessionName,
      startUrl: sectionText(section, 'sso_start_url')!,
      region: sectionText(section, 'sso_region')!,
    }
    const scopes = parseRegistrationScopes(sectionText(section, 'sso_registration_scopes'))
    if (scopes) session.registrationScopes = scopes
  } else {
    const missing = ['sso_start_url', 'sso_region'].filter((k) => !sectionText(profile, k))
    if (missing.length > 0) {
      throw configError(
        `Missing the following required SSO configuration values: ${missing.join(', ')}. To make sure this profile is properly configured to use SSO, please run: idc configure sso`,
      )
    }
    session = { startUrl: sectionText(profile, 'sso_start_url')!, region: sectionText(profile, 'sso_region')! }
  }
  checkStartUrl(session.startUrl)
  return session
}

/** The CLI's start URL checks: https, with a host. */
export function checkStartUrl(startUrl: string): void {
  let url: URL
  try {
    url = new URL(startUrl)
  } catch {
    throw configError(`Invalid sso_start_url: '${startUrl}'`)
  }
  if (url.protocol !== 'https:') throw configError('The sso_start_url must use the https scheme.')
  if (!url.hostname) throw configError(`Invalid sso_start_url: '${startUrl}'`)
}

/**
 * The SSO bearer-token provider's view of a profile (botocore `SSOTokenProvider._load_sso_config`):
 * undefined when the profile has no `sso_session` (the provider does not apply), else the
 * session, with botocore's messages for a missing section or missing keys.
 */
export function resolveSsoTokenSession(config: SharedConfig, profileName: string): SsoSessionConfig | undefined {
  const sessionName = sectionText(config.profiles[profileName], 'sso_session')
  if (sessionName === undefined) return undefined
  const section = config.ssoSessions[sessionName]
  if (!section) {
    throw new ConfigError(
      `The profile "${profileName}" is configured to use the SSO token provider but the "${sessionName}" sso_session configuration does not exist.`,
    )
  }
  const missing = ['sso_start_url', 'sso_region'].filter((k) => !sectionText(section, k))
  if (missing.length > 0) {
    const list = `[${missing.map((k) => `'${k}'`).join(', ')}]`
    throw new ConfigError(
      `The profile "${profileName}" is configured to use the SSO token provider but is missing the following configuration: ${list}.`,
    )
  }
  const session: SsoSessionConfig = {
    sessionName,
    startUrl: sectionText(section, 'sso_start_url')!,
    region: sectionText(section, 'sso_region')!,
  }
  const scopes = parseRegistrationScopes(sectionText(section, 'sso_registration_scopes'))
  if (scopes) session.registrationScopes = scopes
  return session
}
