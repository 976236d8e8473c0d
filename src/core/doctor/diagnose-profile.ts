/**
 * `idc doctor`: how a profile resolves and what will go wrong before it does. It reads the shared
 * files, the caches and the environment (never the network) and reports each value with its file
 * and line (and what overrides it), which credential source wins and why, the lines the AWS CLI
 * reads differently, loose file modes, a missing `credential_process` program, a legacy SSO
 * profile, endpoint overrides in effect and a missing region.
 *
 * @module
 */
import { resolveEndpointUrl, serviceIdToKey } from '../config/endpoints.js'
import { getConfigFilePath, getCredentialsFilePath } from '../config/file-paths.js'
import { loadSharedConfigWithOrigins, type SharedConfigWithOrigins } from '../config/load-shared-config.js'
import { parseSharedConfigFile, type ConfigSection } from '../config/parse-config-file.js'
import { PROFILE_ENV_VARS, REGION_ENV_VARS, resolveProfileName, resolveRegion } from '../config/profile.js'
import { programExists } from '../credentials/find-program.js'
import { hasEnvCredentials } from '../credentials/from-env.js'
import { text } from '../credentials/from-static-profile.js'
import { planProfileCredentials, type CredentialPlan } from '../credentials/profile-plan.js'
import type { Env } from '../env.js'
import { isIdcError } from '../errors.js'
import { getProfileStatus } from '../status/profile-status.js'
import { checkDivergences, checkSharedFile, type DoctorFile } from './file-checks.js'
import type { DoctorFinding, DoctorValue } from './findings.js'
import { locateValues, sectionKey, type ValueLocations } from './value-locations.js'

/** Options for {@link diagnoseProfile}. */
export interface DiagnoseProfileOptions {
  /** `--profile`. */
  profile?: string | undefined
  /** `--region`. */
  region?: string | undefined
  /** `--endpoint-url`. */
  endpointUrl?: string | undefined
}

/** Everything doctor found. */
export interface DoctorReport {
  profile: string
  /** Where the profile name came from: `--profile`, an environment variable, or `default`. */
  profileFrom: string
  files: Omit<DoctorFile, 'text'>[]
  values: DoctorValue[]
  /** The credential source that wins (`sso`, `assume-role`, `environment`, …). */
  credentialSource?: string | undefined
  findings: DoctorFinding[]
}

/** The services whose endpoint overrides matter for signing in and getting credentials. */
const SIGN_IN_SERVICES = ['SSO OIDC', 'SSO', 'STS', 'Signin'] as const

/** Diagnoses the profile in use. */
export async function diagnoseProfile(env: Env, options: DiagnoseProfileOptions = {}): Promise<DoctorReport> {
  const profile = resolveProfileName(env, options.profile)
  const report: DoctorReport = {
    profile,
    profileFrom: profileOrigin(env, options),
    files: [],
    values: [],
    findings: [],
  }
  const checked = await Promise.all([
    checkSharedFile(env, 'config', getConfigFilePath(env)),
    checkSharedFile(env, 'credentials', getCredentialsFilePath(env)),
  ])
  const locations: ValueLocations = new Map()
  for (const { file, findings } of checked) {
    const { text: content, ...shown } = file
    report.files.push(shown)
    report.findings.push(...findings)
    if (file.exists && findings.length === 0) {
      report.findings.push({
        level: 'ok',
        check: 'file-mode',
        message: `${file.kind === 'config' ? 'The config file' : 'The credentials file'} has mode ${file.mode}`,
        file: file.path,
      })
    }
    if (content === undefined) continue
    report.findings.push(...checkDivergences(file))
    try {
      parseSharedConfigFile(content, { kind: file.kind, file: file.path })
    } catch (error) {
      const line = (error as { line?: number }).line
      report.findings.push({
        level: 'problem',
        check: 'parse',
        message: (error as Error).message,
        file: file.path,
        line,
      })
      return report
    }
    for (const [key, values] of locateValues(content, file.path, file.kind)) {
      const merged = locations.get(key) ?? new Map()
      for (const [name, location] of values) merged.set(name, location)
      locations.set(key, merged)
    }
  }
  const config = await loadSharedConfigWithOrigins(env)
  const section = config.profiles[profile]
  if (!section && (options.profile || profile !== 'default')) {
    report.findings.push({
      level: 'problem',
      check: 'profile',
      message: `The config profile (${profile}) could not be found`,
    })
    return report
  }
  report.values = profileValues(env, config, profile, locations, options)
  await checkCredentials(env, config, report, options)
  checkLegacySso(section, report, locations.get(sectionKey('profiles', profile))?.get('sso_start_url'))
  checkEndpoints(env, config, report, options)
  if (resolveRegion(env, section, options.region) === undefined) {
    report.findings.push({
      level: 'warning',
      check: 'region',
      message: 'No region is set: commands that call AWS services fail with "You must specify a region"',
      fix: `idc configure set region REGION${profile === 'default' ? '' : ` --profile ${profile}`}`,
    })
  }
  return report
}

function profileOrigin(env: Env, options: DiagnoseProfileOptions): string {
  if (options.profile) return '--profile'
  return PROFILE_ENV_VARS.find((name) => env.vars[name] !== undefined) ?? 'default'
}

const SECRET_KEYS = new Set(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token'])

function profileValues(
  env: Env,
  config: SharedConfigWithOrigins,
  profile: string,
  locations: ValueLocations,
  options: DiagnoseProfileOptions,
): DoctorValue[] {
  const values: DoctorValue[] = []
  const add = (target: 'profiles' | 'ssoSessions' | 'services', name: string, section: ConfigSection | undefined) => {
    for (const [key, raw] of Object.entries(section ?? {})) {
      // Both files' sections were located into one map, the credentials file last: like the
      // merge, its keys win, so the location found is the one that counts.
      const location = locations.get(sectionKey(target, name))?.get(key)
      const value =
        typeof raw === 'string'
          ? raw
          : Object.entries(raw)
              .map(([k, v]) => `${k} = ${v}`)
              .join('; ')
      values.push({
        key,
        value: SECRET_KEYS.has(key) ? mask(value) : value,
        section: location?.section,
        file: location?.file,
        line: location?.line,
        overriddenBy: target === 'profiles' ? overrideOf(env, key, options) : undefined,
      })
    }
  }
  const section = config.profiles[profile]
  add('profiles', profile, section)
  const session = text(section?.sso_session)
  if (session !== undefined) add('ssoSessions', session, config.ssoSessions[session])
  const services = text(section?.services)
  if (services !== undefined) add('services', services, config.services[services])
  return values
}

function overrideOf(env: Env, key: string, options: DiagnoseProfileOptions): string | undefined {
  const variable = (names: readonly string[]) => {
    const name = names.find((n) => env.vars[n] !== undefined && env.vars[n] !== '')
    return name === undefined ? undefined : `${name}=${env.vars[name]}`
  }
  switch (key) {
    case 'region':
      return options.region ? `--region ${options.region}` : variable(REGION_ENV_VARS)
    case 'output':
      return variable(['AWS_DEFAULT_OUTPUT'])
    case 'endpoint_url':
      return options.endpointUrl ? `--endpoint-url ${options.endpointUrl}` : variable(['AWS_ENDPOINT_URL'])
    case 'ca_bundle':
      return variable(['AWS_CA_BUNDLE'])
    default:
      if (SECRET_KEYS.has(key) && !options.profile && hasEnvCredentials(env.vars))
        return 'AWS_ACCESS_KEY_ID (environment credentials)'
      return undefined
  }
}

function mask(value: string): string {
  return value.length <= 4 ? '****' : `${'*'.repeat(Math.min(16, value.length - 4))}${value.slice(-4)}`
}

async function checkCredentials(
  env: Env,
  config: SharedConfigWithOrigins,
  report: DoctorReport,
  options: DiagnoseProfileOptions,
): Promise<void> {
  const { profile, findings } = report
  if (!options.profile && hasEnvCredentials(env.vars)) {
    report.credentialSource = 'environment'
    findings.push({
      level: 'info',
      check: 'credential-source',
      message:
        "AWS_ACCESS_KEY_ID is set and no --profile was given, so the environment's credentials win over everything in the profile",
      fix: `unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN, or pass --profile ${profile}`,
    })
    return
  }
  let plan: CredentialPlan | undefined
  try {
    plan = planProfileCredentials(config, profile)
  } catch (error) {
    findings.push({ level: 'problem', check: 'credential-source', message: (error as Error).message })
    return
  }
  if (!plan) {
    findings.push({
      level: 'problem',
      check: 'credential-source',
      message: `The profile "${profile}" configures no credentials (no sso_*, role_arn, login_session, credential_process or keys)`,
      fix: `idc configure sso --profile ${profile}`,
    })
    return
  }
  const section = config.profiles[profile] as ConfigSection
  report.credentialSource = plan.roles.length > 0 ? 'assume-role' : plan.source.kind
  findings.push({ level: 'ok', check: 'credential-source', message: explainPlan(plan, section, config, profile) })
  findings.push(...shadowedSources(plan, section, config, profile))
  try {
    const status = await getProfileStatus(env, config, {
      profile,
      programExists: (program) => programExists(env, program),
    })
    if (status.state === 'ready') {
      findings.push({
        level: 'ok',
        check: 'credentials-now',
        message: `Credentials can be had without signing in: ${status.detail}`,
      })
    } else if (status.state === 'sign-in-needed') {
      findings.push({
        level: 'warning',
        check: 'credentials-now',
        message: `A sign-in is needed: ${status.detail}`,
        fix: status.signInCommand,
      })
    } else {
      findings.push({
        level: 'problem',
        check: 'credentials-now',
        message: `Credentials cannot be had: ${status.detail}`,
      })
    }
  } catch (error) {
    findings.push({
      level: 'problem',
      check: 'credentials-now',
      message: isIdcError(error) ? error.message : String(error),
    })
  }
}

function explainPlan(
  plan: CredentialPlan,
  section: ConfigSection,
  config: SharedConfigWithOrigins,
  profile: string,
): string {
  if (plan.roles.length > 0) {
    const chain = plan.roles.map((role) => `${role.roleArn} (profile ${role.profileName})`).join(', then ')
    return `Credentials come from assuming ${chain}, starting from ${plan.source.kind} credentials of profile ${plan.source.profileName}: role_arn wins over every other setting of a profile`
  }
  switch (plan.source.kind) {
    case 'sso':
      return `Credentials come from IAM Identity Center (${plan.source.sso.sessionName ? `sso-session ${plan.source.sso.sessionName}` : plan.source.sso.startUrl}), account ${plan.source.sso.accountId}, role ${plan.source.sso.roleName}: the profile sets sso_account_id and sso_role_name`
    case 'static': {
      const where =
        config.origins[profile]?.aws_access_key_id === 'credentials-file' ? 'the credentials file' : 'the config file'
      return `Credentials are the static keys in ${where}`
    }
    case 'login':
      return `Credentials come from the console sign-in session ${plan.source.loginSession} (login_session)`
    case 'process':
      return `Credentials come from running credential_process: ${plan.source.command}`
    case 'credential-source':
      return `Credentials come from credential_source = ${plan.source.source}`
    case 'web-identity':
      return `Credentials come from the web identity token file ${plan.source.tokenFile} (${text(section.role_arn) ?? 'no role_arn'})`
  }
}

/** Settings the winning source makes idc (and the AWS CLI) ignore: a common surprise. */
function shadowedSources(
  plan: CredentialPlan,
  section: ConfigSection,
  config: SharedConfigWithOrigins,
  profile: string,
): DoctorFinding[] {
  const present = (keys: string[]) => keys.filter((key) => key in section)
  const ignored: string[] = []
  const kind = plan.roles.length > 0 ? 'assume-role' : plan.source.kind
  if (kind !== 'sso' && kind !== 'assume-role' && present(['sso_account_id', 'sso_role_name']).length > 0)
    ignored.push('sso_*')
  if (kind !== 'static' && present(['aws_access_key_id']).length > 0 && kind !== 'assume-role')
    ignored.push('aws_access_key_id')
  if (kind !== 'login' && 'login_session' in section) ignored.push('login_session')
  if (kind !== 'process' && 'credential_process' in section) ignored.push('credential_process')
  if (ignored.length === 0) return []
  const fromCredentialsFile = config.origins[profile]?.aws_access_key_id === 'credentials-file' && kind === 'static'
  return [
    {
      level: 'warning',
      check: 'shadowed-settings',
      message: `The profile also sets ${ignored.join(', ')}, which ${fromCredentialsFile ? 'the keys in the credentials file override silently' : 'are ignored because another source wins'}`,
      fix: `remove ${ignored.join(', ')} from the profile, or move them to a profile of their own`,
    },
  ]
}

function checkLegacySso(
  section: ConfigSection | undefined,
  report: DoctorReport,
  location: { file: string; line: number } | undefined,
): void {
  if (!section || text(section.sso_start_url) === undefined || text(section.sso_session) !== undefined) return
  report.findings.push({
    level: 'warning',
    check: 'legacy-sso',
    message:
      'The profile uses the legacy SSO configuration (sso_start_url in the profile): its token cannot be refreshed, so you sign in again every time it expires',
    file: location?.file,
    line: location?.line,
    fix: `idc configure sso-session, then replace sso_start_url and sso_region in the profile with sso_session = NAME`,
  })
}

function checkEndpoints(
  env: Env,
  config: SharedConfigWithOrigins,
  report: DoctorReport,
  options: DiagnoseProfileOptions,
): void {
  for (const serviceId of SIGN_IN_SERVICES) {
    let url: string | undefined
    try {
      url = resolveEndpointUrl(env, config, {
        serviceId,
        profileName: report.profile,
        endpointUrl: options.endpointUrl,
      })
    } catch (error) {
      report.findings.push({ level: 'problem', check: 'endpoint', message: (error as Error).message })
      return
    }
    if (url === undefined) continue
    report.findings.push({
      level: 'info',
      check: 'endpoint',
      message: `${serviceId} requests go to ${url} (${endpointOrigin(env, config, report.profile, serviceId, options)})`,
    })
  }
}

function endpointOrigin(
  env: Env,
  config: SharedConfigWithOrigins,
  profile: string,
  serviceId: string,
  options: DiagnoseProfileOptions,
): string {
  if (options.endpointUrl) return '--endpoint-url'
  const specific = `AWS_ENDPOINT_URL_${serviceIdToKey(serviceId).toUpperCase()}`
  if (env.vars[specific]) return specific
  if (env.vars.AWS_ENDPOINT_URL) return 'AWS_ENDPOINT_URL'
  const services = text(config.profiles[profile]?.services)
  const entry = services === undefined ? undefined : config.services[services]?.[serviceIdToKey(serviceId)]
  if (typeof entry === 'object' && entry.endpoint_url) return `[services ${services}] ${serviceIdToKey(serviceId)}`
  return 'endpoint_url in the profile'
}
