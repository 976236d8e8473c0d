/**
 * Temporary HOME directories laid out the way AWS CLI v2 and idc both read them: ~/.aws/config,
 * the SSO token cache (~/.aws/sso/cache/<sha1(session)>.json) and the role-credential cache
 * (~/.aws/cli/cache/<sha1(sorted compact JSON)>.json), in the CLI's exact formats
 * (aws-cli-behaviour.md §4.2 and §6.3).
 *
 * @module
 */
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The demo organisation of `idc server --demo`. */
export const DEMO = {
  startUrl: 'https://d-9567a1b2c3.awsapps.com/start',
  region: 'ap-northeast-1',
  accountId: '123456789011',
  roleName: 'AdministratorAccess',
  user: 'alice',
  password: 'Alice-demo-pass-1',
} as const

/** The profile and sso-session every benchmark resolves. */
export const PROFILE = 'bench'
/** The sso-session name (its sha1 names the token file). */
export const SESSION = 'bench'

/** An SSO token as cached by `aws sso login` (§4.2). */
export interface CachedToken {
  startUrl: string
  region: string
  accessToken: string
  expiresAt: string
  clientId?: string
  clientSecret?: string
  registrationExpiresAt?: string
  refreshToken?: string
}

/** Short-term role credentials. */
export interface RoleCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  /** Epoch milliseconds. */
  expiration: number
}

/** A prepared HOME. */
export interface AwsHome {
  home: string
  configPath: string
  tokenPath: string
  roleCachePath: string
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex')
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the CLI's cache time format. */
export function cacheTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Python `json.dumps` with default separators (`, ` and `: `), as botocore writes cache files. */
function pythonJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`
  const entries = Object.entries(value).filter(([, v]) => v !== undefined)
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`).join(', ')}}`
}

/** The token cache file name for an sso-session. */
export function tokenFileName(session: string): string {
  return `${sha1(session)}.json`
}

/** The role-credential cache file name for an sso-session profile (§6.3). */
export function roleCacheFileName(accountId: string, roleName: string, session: string): string {
  return `${sha1(JSON.stringify({ accountId, roleName, sessionName: session }))}.json`
}

/** The `[profile]` and `[sso-session]` sections of the benchmark profile. */
export function benchConfigSections(): string {
  return [
    `[profile ${PROFILE}]`,
    `sso_session = ${SESSION}`,
    `sso_account_id = ${DEMO.accountId}`,
    `sso_role_name = ${DEMO.roleName}`,
    `region = ${DEMO.region}`,
    'output = json',
    '',
    `[sso-session ${SESSION}]`,
    `sso_start_url = ${DEMO.startUrl}`,
    `sso_region = ${DEMO.region}`,
    'sso_registration_scopes = sso:account:access',
    '',
  ].join('\n')
}

/** Options for {@link generateLargeConfig}. */
export interface LargeConfigOptions {
  profiles: number
  /** One sso-session per this many profiles. */
  profilesPerSession: number
}

/**
 * A config file as tools like aws-sso-util or granted generate for a large organisation: many
 * sso-sessions, one profile per account and role, and the benchmark profile last (the worst case
 * for a reader that stops at the first match; parsers that read everything pay the same).
 */
export function generateLargeConfig(options: LargeConfigOptions): string {
  const lines: string[] = [
    '# Generated for idc benchmarks: many accounts and roles.',
    '[default]',
    `region = ${DEMO.region}`,
    '',
  ]
  const sessions = Math.max(1, Math.ceil(options.profiles / options.profilesPerSession))
  for (let s = 0; s < sessions; s++) {
    lines.push(
      `[sso-session org-${s}]`,
      `sso_start_url = ${DEMO.startUrl}`,
      `sso_region = ${DEMO.region}`,
      'sso_registration_scopes = sso:account:access',
      '',
    )
  }
  const roles = ['AdministratorAccess', 'ReadOnly', 'PowerUser', 'Billing', 'Deployer']
  for (let i = 0; i < options.profiles - 1; i++) {
    const account = String(100000000000 + Math.floor(i / roles.length)).padStart(12, '0')
    const role = roles[i % roles.length] as string
    lines.push(
      `[profile ${account}-${role}]`,
      `sso_session = org-${i % sessions}`,
      `sso_account_id = ${account}`,
      `sso_role_name = ${role}`,
      `region = ${DEMO.region}`,
      'output = json',
      '',
    )
  }
  lines.push(benchConfigSections())
  return lines.join('\n')
}

/** Creates an empty HOME with ~/.aws/config holding the given text (default: the bench profile). */
export function createAwsHome(config = benchConfigSections()): AwsHome {
  const home = mkdtempSync(join(tmpdir(), 'idc-bench-home-'))
  const aws = join(home, '.aws')
  mkdirSync(join(aws, 'sso', 'cache'), { recursive: true, mode: 0o700 })
  mkdirSync(join(aws, 'cli', 'cache'), { recursive: true, mode: 0o700 })
  const configPath = join(aws, 'config')
  writeFileSync(configPath, config, { mode: 0o600 })
  return {
    home,
    configPath,
    tokenPath: join(aws, 'sso', 'cache', tokenFileName(SESSION)),
    roleCachePath: join(aws, 'cli', 'cache', roleCacheFileName(DEMO.accountId, DEMO.roleName, SESSION)),
  }
}

/** Writes the token cache file, optionally moving its expiry (e.g. into the refresh window). */
export function writeToken(home: AwsHome, token: CachedToken, expiresAtMs?: number): void {
  const t = expiresAtMs === undefined ? token : { ...token, expiresAt: cacheTime(expiresAtMs) }
  writeFileSync(
    home.tokenPath,
    pythonJson({
      startUrl: t.startUrl,
      region: t.region,
      accessToken: t.accessToken,
      expiresAt: t.expiresAt,
      clientId: t.clientId,
      clientSecret: t.clientSecret,
      registrationExpiresAt: t.registrationExpiresAt,
      refreshToken: t.refreshToken,
    }),
    { mode: 0o600 },
  )
}

/** Writes the role-credential cache file as AWS CLI v2 does. */
export function writeRoleCache(home: AwsHome, credentials: RoleCredentials): void {
  writeFileSync(
    home.roleCachePath,
    pythonJson({
      ProviderType: 'sso',
      Credentials: {
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        SessionToken: credentials.sessionToken,
        Expiration: cacheTime(credentials.expiration),
        AccountId: DEMO.accountId,
      },
    }),
    { mode: 0o600 },
  )
}

/** Removes every cached role credential (for cold starts). */
export function clearRoleCache(home: AwsHome): void {
  rmSync(home.roleCachePath, { force: true })
}

/** Placeholder role credentials valid for the given time (enough for warm-path timings). */
export function syntheticCredentials(validForMs: number): RoleCredentials {
  return {
    accessKeyId: 'ASIABENCHEXAMPLE0001',
    secretAccessKey: 'benchSecretAccessKeyExampleOnly0000000000',
    sessionToken: 'IQoJb3JpZ2luX2VjEBenchSessionTokenExampleOnly'.padEnd(400, 'x'),
    expiration: Date.now() + validForMs,
  }
}

/** A synthetic token (for runs without a server: warm paths never read it). */
export function syntheticToken(validForMs: number): CachedToken {
  return {
    startUrl: DEMO.startUrl,
    region: DEMO.region,
    accessToken: 'aoa-bench-synthetic-access-token',
    expiresAt: cacheTime(Date.now() + validForMs),
  }
}

/** Deletes a HOME made by {@link createAwsHome}. */
export function removeAwsHome(home: AwsHome): void {
  rmSync(home.home, { recursive: true, force: true })
}

/** The environment every contender runs with: nothing inherited but PATH and the locale. */
export function processEnv(home: AwsHome, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home.home,
    LANG: 'C.UTF-8',
    // Never fall through to instance metadata (a 1 s+ timeout) if resolution fails.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...extra,
  }
}
