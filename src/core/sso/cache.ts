/**
 * The SSO token cache and the SSO-OIDC client-registration cache under `~/.aws/sso/cache/`, with
 * the AWS CLI's file names, fields and time formats, so that idc, the AWS CLI and the SDKs share
 * one sign-in. Token files are one line of Python-style JSON (`, ` and `: ` separators) with times
 * as `%Y-%m-%dT%H:%M:%SZ`; readers accept any ISO-8601 time. Writes are atomic and new files 0600.
 *
 * @module
 */
import { join } from 'node:path'
import { getCliCacheDir as configCliCacheDir, getSsoCacheDir } from '../config/file-paths.js'
import type { Env } from '../env.js'
import { writeFileAtomic } from '../files/atomic-write.js'
import { sha1Hex } from '../credentials/sha1.js'
import { formatUtcZ } from '../credentials/time-format.js'
import { pythonJsonDumps } from './python-json.js'

/** A cached SSO access token, as stored by the AWS CLI (fields optional: other tools write less). */
export interface SsoTokenFile {
  startUrl?: string
  region?: string
  accessToken?: string
  expiresAt?: string
  clientId?: string
  clientSecret?: string
  registrationExpiresAt?: string
  refreshToken?: string
  [extra: string]: unknown
}

/**
 * The token file for a freshly issued access token (after a sign-in or a refresh), with the AWS
 * CLI's fields in the AWS CLI's order.
 */
export function newSsoTokenFile(
  session: { startUrl: string; region: string },
  token: { accessToken: string; refreshToken?: string | undefined; expiresAtMs: number },
  client: { clientId: string; clientSecret: string; registrationExpiresAt: string | undefined },
): SsoTokenFile {
  return {
    startUrl: session.startUrl,
    region: session.region,
    accessToken: token.accessToken,
    expiresAt: formatCacheTime(token.expiresAtMs),
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    registrationExpiresAt: client.registrationExpiresAt,
    refreshToken: token.refreshToken,
  }
}

/** A cached SSO-OIDC client registration. */
export interface ClientRegistrationFile {
  clientId: string
  clientSecret: string
  expiresAt: string
  scopes?: string[]
  grantTypes?: string[]
  [extra: string]: unknown
}

/** What identifies a client registration in the cache (the AWS CLI's `args`). */
export interface ClientRegistrationKeyArgs {
  /** The configured start URL, exactly as written in the config. */
  startUrl: string
  region: string
  /** Scopes parsed from config; undefined when `sso_registration_scopes` is not set. */
  scopes?: readonly string[] | undefined
  /** The sso-session name; undefined for legacy profiles. */
  sessionName?: string | undefined
}

/** `~/.aws/sso/cache`, the fixed directory of SSO tokens and registrations (no env override). */
export function getSsoTokenCacheDir(env: Env): string {
  return getSsoCacheDir(env)
}

/** `~/.aws/cli/cache`, where the AWS CLI keeps role credentials. */
export function getCliCacheDir(env: Env): string {
  return configCliCacheDir(env)
}

/** `sha1(sso-session name | legacy start URL)` in hex: the token file's name without `.json`. */
export function ssoTokenCacheKey(identifier: string): string {
  return sha1Hex(identifier)
}

/** The path of the token file for a session name or legacy start URL. */
export function ssoTokenCachePath(env: Env, identifier: string): string {
  return join(getSsoTokenCacheDir(env), `${ssoTokenCacheKey(identifier)}.json`)
}

/** The registration cache key: sha1 of Python `json.dumps(args, sort_keys=True)`. */
export function clientRegistrationCacheKey(args: ClientRegistrationKeyArgs): string {
  const text = pythonJsonDumps(
    {
      tool: 'botocore',
      startUrl: args.startUrl,
      region: args.region,
      scopes: args.scopes ? [...args.scopes] : null,
      session_name: args.sessionName ?? null,
    },
    { sortKeys: true },
  )
  return sha1Hex(text)
}

/** The path of the registration file. */
export function clientRegistrationCachePath(env: Env, args: ClientRegistrationKeyArgs): string {
  return join(getSsoTokenCacheDir(env), `${clientRegistrationCacheKey(args)}.json`)
}

/** Formats epoch milliseconds as the AWS CLI writes cache times: `2026-11-22T09:30:55Z`. */
export function formatCacheTime(ms: number): string {
  return formatUtcZ(new Date(ms))
}

/**
 * Parses a cache time in any ISO-8601 form other tools write (`Z`, `+00:00`, milliseconds, and
 * botocore's `2002-10-18T03:52:38UTC`); undefined when it is not a time.
 */
export function parseCacheTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined
  const normalised = text.trim().replace(/ ?(UTC|GMT)$/i, 'Z')
  const match = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(
    normalised,
  )
  if (!match) return undefined
  let value = normalised.replace(',', '.').replace(' ', 'T')
  if (!match[1] && value.includes('T')) value += 'Z' // naive times are UTC for the cache
  value = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2').replace(/([+-]\d{2})$/, '$1:00')
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : ms
}

/** Reads a JSON cache file; undefined when it does not exist or is not a JSON object. */
export async function readJsonCacheFile(env: Env, path: string): Promise<Record<string, unknown> | undefined> {
  let text: string
  try {
    text = await env.fs.readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined
    throw error
  }
  return parseJsonObject(text)
}

/** The JSON object in `text`; undefined when it is not valid JSON or not an object. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** Reads the cached token of a session name or legacy start URL; undefined when there is none. */
export async function readSsoToken(env: Env, identifier: string): Promise<SsoTokenFile | undefined> {
  return (await readJsonCacheFile(env, ssoTokenCachePath(env, identifier))) as SsoTokenFile | undefined
}

/** The token fields in the AWS CLI's order; other fields are dropped, as the CLI does. */
const TOKEN_KEYS = [
  'startUrl',
  'region',
  'accessToken',
  'expiresAt',
  'clientId',
  'clientSecret',
  'registrationExpiresAt',
  'refreshToken',
] as const

/** Formats a token file exactly as the AWS CLI writes it (one line, no trailing newline). */
export function formatSsoTokenFile(token: SsoTokenFile): string {
  const ordered: Record<string, unknown> = {}
  for (const key of TOKEN_KEYS) if (token[key] !== undefined) ordered[key] = token[key]
  return pythonJsonDumps(ordered)
}

/** Writes the token file atomically (new files 0600, an existing file keeps its mode). */
export async function writeSsoToken(env: Env, identifier: string, token: SsoTokenFile): Promise<void> {
  await writeFileAtomic(env, ssoTokenCachePath(env, identifier), formatSsoTokenFile(token))
}

/** Reads a cached client registration; undefined when missing or malformed. */
export async function readClientRegistration(
  env: Env,
  args: ClientRegistrationKeyArgs,
): Promise<ClientRegistrationFile | undefined> {
  const value = await readJsonCacheFile(env, clientRegistrationCachePath(env, args))
  if (
    !value ||
    typeof value.clientId !== 'string' ||
    typeof value.clientSecret !== 'string' ||
    typeof value.expiresAt !== 'string'
  ) {
    return undefined
  }
  return value as ClientRegistrationFile
}

/** Writes a client registration in the AWS CLI's field order. */
export async function writeClientRegistration(
  env: Env,
  args: ClientRegistrationKeyArgs,
  registration: ClientRegistrationFile,
): Promise<void> {
  const ordered: Record<string, unknown> = {
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    expiresAt: registration.expiresAt,
  }
  if (registration.scopes) ordered.scopes = registration.scopes
  if (registration.grantTypes) ordered.grantTypes = registration.grantTypes
  await writeFileAtomic(env, clientRegistrationCachePath(env, args), pythonJsonDumps(ordered))
}
