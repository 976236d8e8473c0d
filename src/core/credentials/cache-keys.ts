/**
 * The AWS CLI's role-credential cache keys (`~/.aws/cli/cache/<key>.json`), so that idc and the
 * CLI share cached role credentials: SHA-1 of Python `json.dumps` text with sorted keys, compact
 * separators for SSO and the default `, `/`: ` ones for assume-role.
 *
 * @module
 */
import { sha1Hex } from './sha1.js'
import { pythonJsonDumps } from '../sso/python-json.js'

/** What identifies SSO role credentials: the session name, or the start URL for legacy profiles. */
export type SsoRoleCacheKeyArgs =
  | { accountId: string; roleName: string; sessionName: string }
  | { accountId: string; roleName: string; startUrl: string }

/** The AssumeRole parameters that make up the cache key (RoleSessionName only when configured). */
export interface AssumeRoleCacheKeyArgs {
  RoleArn: string
  RoleSessionName?: string | undefined
  ExternalId?: string | undefined
  SerialNumber?: string | undefined
  DurationSeconds?: number | undefined
  /** A policy document as JSON text; parsed so that its keys sort too. */
  Policy?: string | undefined
}

/** `sha1(json.dumps(args, sort_keys=True, separators=(",", ":")))`, as botocore's SSO fetcher. */
export function ssoRoleCacheKey(args: SsoRoleCacheKeyArgs): string {
  return windowsSafe(sha1(pythonJsonDumps(args, { sortKeys: true, compact: true })))
}

/** `sha1(json.dumps(args, sort_keys=True))`, as botocore's assume-role fetcher. */
export function assumeRoleCacheKey(args: AssumeRoleCacheKeyArgs): string {
  const value: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(args)) {
    if (item === undefined) continue
    value[key] = key === 'Policy' ? parsePolicy(item as string) : item
  }
  return windowsSafe(sha1(pythonJsonDumps(value, { sortKeys: true })))
}

function parsePolicy(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function sha1(text: string): string {
  return sha1Hex(text)
}

// botocore replaces characters that are unsafe in file names; a no-op for hex digests.
function windowsSafe(key: string): string {
  return key.replace(/[:/\\]/g, '_')
}
