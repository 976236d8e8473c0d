/**
 * Signs out of every cached SSO session, as `aws sso logout` does (`aws-cli-behaviour.md` §7):
 * each token file with a `region` gets an SSO Logout call, every token file is deleted, role
 * credentials the AWS CLI cached from SSO (`ProviderType: sso`) are deleted, registrations and
 * assume-role caches are kept.
 *
 * @module
 */
import { join } from 'node:path'
import type { AwsClientFactory } from '../aws/clients.js'
import type { Env } from '../env.js'
import { getCliCacheDir, getSsoTokenCacheDir, readJsonCacheFile } from './cache.js'
import { logoutSsoToken } from './portal.js'

/** Options for {@link logoutAllSsoSessions}. */
export interface SsoLogoutOptions {
  clients: AwsClientFactory
  /** The SSO portal endpoint override, if any. */
  ssoEndpoint?: string | undefined
}

/** What was removed. */
export interface SsoLogoutResult {
  tokensRemoved: number
  roleCredentialsRemoved: number
}

async function listJsonFiles(env: Env, dir: string): Promise<string[]> {
  try {
    return (await env.fs.readdir(dir)).filter((name) => name.endsWith('.json')).map((name) => join(dir, name))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/** Signs out of all sessions and removes their cached tokens and SSO role credentials. */
export async function logoutAllSsoSessions(env: Env, options: SsoLogoutOptions): Promise<SsoLogoutResult> {
  let tokensRemoved = 0
  for (const path of await listJsonFiles(env, getSsoTokenCacheDir(env))) {
    const token = await readJsonCacheFile(env, path)
    if (!token || !('accessToken' in token)) continue
    if (typeof token.region === 'string' && typeof token.accessToken === 'string') {
      await logoutSsoToken(options.clients, { region: token.region, endpoint: options.ssoEndpoint }, token.accessToken)
    }
    await env.fs.rm(path, { force: true })
    tokensRemoved++
  }
  let roleCredentialsRemoved = 0
  for (const path of await listJsonFiles(env, getCliCacheDir(env))) {
    const cached = await readJsonCacheFile(env, path)
    if (cached?.ProviderType !== 'sso') continue
    await env.fs.rm(path, { force: true })
    roleCredentialsRemoved++
  }
  return { tokensRemoved, roleCredentialsRemoved }
}
