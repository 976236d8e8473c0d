/**
 * `idc sso logout`: signs out of every cached IAM Identity Center session (tokens written by idc
 * or by the AWS CLI alike) and removes the role credentials cached from them. Silent on success,
 * like the AWS CLI.
 *
 * @module
 */
import { resolveEndpointUrl } from '../../../core/config/endpoints.js'
import { loadSharedConfig } from '../../../core/config/load-shared-config.js'
import { resolveProfileName } from '../../../core/config/profile.js'
import { logoutAllSsoSessions } from '../../../core/sso/logout.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'

/** Options of `idc sso logout` (the profile only selects endpoint overrides). */
export interface SsoLogoutCommandOptions {
  profile?: string | undefined
}

/** Signs out of all sessions. */
export async function runSsoLogout(options: SsoLogoutCommandOptions, env: CliEnv): Promise<void> {
  const config = await loadSharedConfig({ env })
  const profileName = resolveProfileName(env, options.profile)
  const ssoEndpoint = resolveEndpointUrl(env, config, { serviceId: 'SSO', profileName })
  await logoutAllSsoSessions(env, { clients: env.clients, ssoEndpoint })
}

export const command = defineCommand<SsoLogoutCommandOptions>({
  name: 'sso logout',
  summary: 'Sign out of every cached IAM Identity Center session.',
  description:
    'Signs out of every IAM Identity Center session cached in ~/.aws/sso/cache (calling the SSO Logout API for each), ' +
    'deletes the cached tokens and the role credentials cached from them in ~/.aws/cli/cache. Client registrations and ' +
    'assume-role credentials are kept. Prints nothing on success.',
  examples: ['idc sso logout'],
  parse: (_args, { globals }) => ({ profile: globals.profile }),
  run: runSsoLogout,
})
