/**
 * The `aws login` token cache, `~/.aws/login/cache/<sha256(login_session)>.json`
 * (`aws-login.md` §3): one file per login session, holding the session's current SigV4
 * credentials, its refresh token and the DPoP key the refresh token is bound to. idc writes the
 * AWS CLI's format (one line, Python `json.dumps` separators, `%Y-%m-%dT%H:%M:%SZ`) and reads the
 * JS SDK's as well (pretty-printed, `toISOString()` times), keeping fields it does not know.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { Env } from '../env.js'
import { expandHome, getHomeDir, pathApi } from '../config/file-paths.js'
import { CredentialsError } from '../errors.js'
import { parseIsoTime, formatUtcZ } from '../credentials/time-format.js'
import { pythonJsonDumps } from '../sso/python-json.js'
import type { AwsCredentials } from '../credentials/types.js'
import { LOGIN_TOKEN_INVALID_MESSAGE, loginSessionMissingMessage } from './messages.js'

/** The session credentials part of a cache file. */
export interface LoginAccessToken {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  accountId: string
  /** `%Y-%m-%dT%H:%M:%SZ` (AWS CLI) or `toISOString()` (JS SDK). */
  expiresAt: string
}

/** A cache file's content; unknown fields are kept when idc rewrites it. */
export interface LoginToken {
  accessToken: LoginAccessToken
  tokenType?: string
  clientId: string
  refreshToken: string
  idToken?: string
  /** PEM: SEC1 `EC PRIVATE KEY` as the CLI writes it, or PKCS#8. */
  dpopKey: string
  /** The region the session was signed in to (the JS SDK's field; the AWS CLI ignores it and keeps it). */
  signInRegion?: string
  [field: string]: unknown
}

/** Credentials are refreshed when this little remains (the CLI's and the JS SDK's 5 minutes). */
export const LOGIN_REFRESH_WINDOW_MS = 5 * 60 * 1000

/** The cache directory: `AWS_LOGIN_CACHE_DIRECTORY` (`~` and `$VARS` expanded) or `~/.aws/login/cache`. */
export function getLoginCacheDir(env: Env): string {
  const override = env.vars.AWS_LOGIN_CACHE_DIRECTORY
  if (override) return expandHome(env, expandVars(env, override))
  return pathApi(env).join(getHomeDir(env), '.aws', 'login', 'cache')
}

/** The cache file of a login session: the hex SHA-256 of the session ARN. */
export function loginCachePath(env: Env, loginSession: string): string {
  const name = createHash('sha256').update(loginSession, 'utf8').digest('hex')
  return pathApi(env).join(getLoginCacheDir(env), `${name}.json`)
}

/** Reads and checks a session's cache file; throws the CLI's errors when it is missing or incomplete. */
export async function readLoginToken(env: Env, loginSession: string): Promise<LoginToken> {
  let text: string
  try {
    text = await env.fs.readFile(loginCachePath(env, loginSession), 'utf8')
  } catch (error) {
    throw new CredentialsError(loginSessionMissingMessage(loginSession), { cause: error })
  }
  return parseLoginToken(text)
}

/** Parses a cache file's text; throws when a field the refresh needs is missing. */
export function parseLoginToken(text: string): LoginToken {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new CredentialsError(LOGIN_TOKEN_INVALID_MESSAGE, { cause: error })
  }
  const token = parsed as Partial<LoginToken> | null
  const access = token?.accessToken as Partial<LoginAccessToken> | undefined
  const complete =
    typeof token === 'object' &&
    token !== null &&
    typeof access === 'object' &&
    access !== null &&
    ['accessKeyId', 'secretAccessKey', 'sessionToken', 'accountId'].every(
      (key) => typeof access[key as keyof LoginAccessToken] === 'string',
    ) &&
    parseIsoTime(access.expiresAt) !== undefined &&
    ['clientId', 'refreshToken', 'dpopKey'].every((key) => typeof token[key] === 'string' && token[key] !== '')
  if (!complete) throw new CredentialsError(LOGIN_TOKEN_INVALID_MESSAGE)
  return token as LoginToken
}

/** The file text the AWS CLI writes: one line, `", "` and `": "` separators, no trailing newline. */
export function formatLoginToken(token: LoginToken): string {
  return pythonJsonDumps(token)
}

/** When the token's credentials expire, in ms since the epoch. */
export function loginTokenExpiry(token: LoginToken): number {
  return (parseIsoTime(token.accessToken.expiresAt) as Date).getTime()
}

/** True when a token must be refreshed before use. */
export function needsLoginRefresh(token: LoginToken, now: number): boolean {
  return loginTokenExpiry(token) - now <= LOGIN_REFRESH_WINDOW_MS
}

/** The credentials a cache file holds. */
export function loginTokenCredentials(token: LoginToken): AwsCredentials {
  const { accessKeyId, secretAccessKey, sessionToken, accountId } = token.accessToken
  return { accessKeyId, secretAccessKey, sessionToken, accountId, expiration: new Date(loginTokenExpiry(token)) }
}

/** `expiresAt` as the CLI writes it. */
export function formatLoginExpiry(ms: number): string {
  return formatUtcZ(new Date(ms))
}

// Python's os.path.expandvars: $NAME and ${NAME}; unknown variables stay as written.
function expandVars(env: Env, path: string): string {
  return path.replace(/\$(\w+|\{[^}]*\})/g, (whole, name: string) => {
    const key = name.startsWith('{') ? name.slice(1, -1) : name
    return env.vars[key] ?? whole
  })
}
