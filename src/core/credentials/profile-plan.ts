/**
 * Turns a profile into a credential plan: the base source of credentials followed by the roles
 * to assume in order, with botocore's rules and messages (`AssumeRoleProvider`, `SSOProvider`,
 * `aws-cli-behaviour.md` §1.3, §6.1, §11). Pure: config in, plan or error out. Planning is the
 * "eager" half of resolution (configuration errors); fetching is the lazy half.
 *
 * @module
 */
import type { ConfigOrigin, SharedConfigWithOrigins } from '../config/load-shared-config.js'
import type { ConfigSection, SharedConfig } from '../config/parse-config-file.js'
import { CredentialsError } from '../errors.js'
import { configText as text } from '../config/config-value.js'
import { hasStaticCredentials, readStaticCredentials } from './from-static-profile.js'
import { infiniteLoopMessage, partialCredentialsMessage, profileNotFoundMessage } from './messages.js'
import type { AwsCredentials } from './types.js'

/** An SSO credential profile's resolved settings (profile merged with its sso-session). */
export interface SsoProfileConfig {
  profileName: string
  /** Undefined for legacy profiles (start URL and region in the profile). */
  sessionName?: string | undefined
  startUrl: string
  region: string
  accountId: string
  roleName: string
  registrationScopes?: string[] | undefined
}

/** Where the first credentials of a plan come from. */
export type CredentialSource =
  | { kind: 'static'; profileName: string; credentials: AwsCredentials }
  | { kind: 'sso'; profileName: string; sso: SsoProfileConfig }
  | { kind: 'process'; profileName: string; command: string; accountId?: string | undefined }
  | { kind: 'login'; profileName: string; loginSession: string }
  | { kind: 'credential-source'; profileName: string; source: CredentialSourceName }
  | {
      kind: 'web-identity'
      profileName: string
      roleArn: string | undefined
      tokenFile: string
      roleSessionName?: string | undefined
    }

/** The `credential_source` values botocore accepts (validation is case-sensitive). */
export const CREDENTIAL_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'] as const
/** A valid `credential_source`. */
export type CredentialSourceName = (typeof CREDENTIAL_SOURCES)[number]

/** One AssumeRole call of a plan. */
export interface RoleStep {
  /** The profile that holds `role_arn`. */
  profileName: string
  roleArn: string
  roleSessionName?: string | undefined
  externalId?: string | undefined
  mfaSerial?: string | undefined
  durationSeconds?: number | undefined
}

/** Base credentials, then each role assumed with the previous credentials. */
export interface CredentialPlan {
  source: CredentialSource
  roles: RoleStep[]
}

/**
 * Plans credentials for a profile (the environment-variable provider is decided by the caller).
 * Returns undefined when the profile holds no credential configuration at all.
 */
export function planProfileCredentials(config: SharedConfig, profileName: string): CredentialPlan | undefined {
  const profile = config.profiles[profileName]
  if (!profile) throw new CredentialsError(profileNotFoundMessage(profileName))
  if (hasAssumeRoleConfig(profile)) return planAssumeRole(config, profileName, [profileName])
  const source = planProfileSource(config, profileName)
  return source && { source, roles: [] }
}

/** botocore's `_has_assume_role_config_vars`. */
function hasAssumeRoleConfig(profile: ConfigSection): boolean {
  return 'role_arn' in profile && !('web_identity_token_file' in profile)
}

/**
 * The profile provider chain without assume-role, in the AWS CLI's order (`aws-login.md` §4.1):
 * web identity, SSO, static keys from the credentials file, login, credential_process, static keys
 * from the config file. Without `origins` the keys' file is unknown and static keys win over login.
 */
function planProfileSource(config: SharedConfig, profileName: string): CredentialSource | undefined {
  const profile = config.profiles[profileName] as ConfigSection
  const tokenFile = text(profile.web_identity_token_file)
  if (tokenFile) {
    return {
      kind: 'web-identity',
      profileName,
      roleArn: text(profile.role_arn),
      tokenFile,
      roleSessionName: text(profile.role_session_name),
    }
  }
  const sso = resolveSsoProfileConfig(config, profileName)
  if (sso) return { kind: 'sso', profileName, sso }
  const hasStatic = hasStaticCredentials(profile)
  const staticSource = () => ({ kind: 'static', profileName, credentials: readStaticCredentials(profile) }) as const
  if (hasStatic && keyOrigin(config, profileName, 'aws_access_key_id') !== 'config-file') return staticSource()
  const loginSession = text(profile.login_session)
  if (loginSession) return { kind: 'login', profileName, loginSession }
  const command = text(profile.credential_process)
  if (command) return { kind: 'process', profileName, command, accountId: text(profile.aws_account_id) }
  return hasStatic ? staticSource() : undefined
}

function keyOrigin(config: SharedConfig, profileName: string, key: string): ConfigOrigin | undefined {
  return (config as Partial<SharedConfigWithOrigins>).origins?.[profileName]?.[key]
}

function planAssumeRole(config: SharedConfig, profileName: string, visited: string[]): CredentialPlan {
  const profile = config.profiles[profileName] as ConfigSection
  const step = roleStep(profileName, profile)
  const sourceProfile = text(profile.source_profile)
  const credentialSource = text(profile.credential_source)
  if (sourceProfile !== undefined && credentialSource !== undefined) {
    throw new CredentialsError(`The profile "${profileName}" contains both source_profile and credential_source.`)
  }
  if (sourceProfile === undefined && credentialSource === undefined) {
    throw new CredentialsError(partialCredentialsMessage('assume-role', 'source_profile or credential_source'))
  }
  if (credentialSource !== undefined) {
    if (!(CREDENTIAL_SOURCES as readonly string[]).includes(credentialSource)) {
      throw new CredentialsError(
        `The credential source "${credentialSource}" referenced in profile "${profileName}" is not valid.`,
      )
    }
    return {
      source: { kind: 'credential-source', profileName, source: credentialSource as CredentialSourceName },
      roles: [step],
    }
  }
  const source = sourceProfile as string
  validateSourceProfile(config, profileName, source, visited)
  visited.push(source)
  const sourceSection = config.profiles[source] as ConfigSection
  if (hasStaticCredentials(sourceSection) || !hasAssumeRoleConfig(sourceSection)) {
    const base = planProfileSource(config, source)
    if (!base) throw new CredentialsError(`The source profile "${source}" must have credentials.`)
    return { source: base, roles: [step] }
  }
  const inner = planAssumeRole(config, source, visited)
  return { source: inner.source, roles: [...inner.roles, step] }
}

function validateSourceProfile(config: SharedConfig, parent: string, source: string, visited: readonly string[]): void {
  const sourceSection = config.profiles[source]
  if (!sourceSection) {
    throw new CredentialsError(`The source_profile "${source}" referenced in the profile "${parent}" does not exist.`)
  }
  if (!visited.includes(source)) return
  // A profile may name itself to combine static keys and role settings; anything else is a loop.
  if (source !== parent || !hasStaticCredentials(sourceSection)) {
    throw new CredentialsError(infiniteLoopMessage(source, visited))
  }
}

function roleStep(profileName: string, profile: ConfigSection): RoleStep {
  const step: RoleStep = { profileName, roleArn: text(profile.role_arn) ?? '' }
  const sessionName = text(profile.role_session_name)
  if (sessionName !== undefined) step.roleSessionName = sessionName
  const externalId = text(profile.external_id)
  if (externalId !== undefined) step.externalId = externalId
  const mfaSerial = text(profile.mfa_serial)
  if (mfaSerial !== undefined) step.mfaSerial = mfaSerial
  const duration = text(profile.duration_seconds)
  // botocore ignores values int() cannot parse.
  if (duration !== undefined && /^\s*[+-]?\d+\s*$/.test(duration)) step.durationSeconds = Number.parseInt(duration, 10)
  return step
}

const SSO_CREDENTIAL_KEYS = ['sso_role_name', 'sso_account_id']
const SSO_REQUIRED_KEYS = ['sso_role_name', 'sso_account_id', 'sso_start_url', 'sso_region']

/**
 * botocore's `SSOProvider._load_sso_config`: undefined unless the profile names a role or an
 * account; the sso-session's keys must agree with the profile's; every required key must be set.
 */
export function resolveSsoProfileConfig(config: SharedConfig, profileName: string): SsoProfileConfig | undefined {
  const profile = config.profiles[profileName]
  if (!profile || SSO_CREDENTIAL_KEYS.every((key) => !(key in profile))) return undefined
  const resolved: ConfigSection = { ...profile }
  const required = [...SSO_REQUIRED_KEYS]
  const sessionName = text(profile.sso_session)
  if ('sso_session' in profile) {
    const session = sessionName === undefined ? undefined : config.ssoSessions[sessionName]
    if (!session) throw new CredentialsError(`The specified sso-session does not exist: "${sessionName ?? ''}"`)
    for (const [key, value] of Object.entries(session)) {
      const own = profile[key]
      if (own !== undefined && own !== value) {
        throw new CredentialsError(
          `The value for ${key} is inconsistent between profile (${String(own)}) and sso-session (${String(value)}).`,
        )
      }
      resolved[key] = value
    }
    required.push('sso_session')
  }
  const missing = required.filter((key) => !(key in resolved))
  if (missing.length > 0) {
    throw new CredentialsError(
      `The profile "${profileName}" is configured to use SSO but is missing required configuration: ${missing.join(', ')}`,
    )
  }
  const scopes = text(resolved.sso_registration_scopes)
  return {
    profileName,
    sessionName,
    startUrl: String(resolved.sso_start_url),
    region: String(resolved.sso_region),
    accountId: String(resolved.sso_account_id),
    roleName: String(resolved.sso_role_name),
    registrationScopes: scopes
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  }
}
