/**
 * `idc sso list-accounts`: the AWS accounts the signed-in user can reach, using the cached token
 * of the profile's SSO session (no `--access-token` needed, unlike `aws sso list-accounts`).
 *
 * @module
 */
import { createAwsClientFactory, type AwsClientFactory } from '../../../core/aws/clients.js'
import { resolveEndpointUrl } from '../../../core/config/endpoints.js'
import { loadSharedConfig } from '../../../core/config/load-shared-config.js'
import { resolveProfileName } from '../../../core/config/profile.js'
import { listSsoAccounts } from '../../../core/sso/portal.js'
import { resolveSsoLoginSession } from '../../../core/sso/sso-config.js'
import { resolveSsoAccessToken } from '../../../core/sso/token-provider.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand, type CommandContext } from '../../command.js'
import { printSsoResult } from './print-sso-result.js'

/** Options of `idc sso list-accounts`. */
export interface SsoListAccountsOptions {
  profile?: string | undefined
  ssoSession?: string | undefined
  accessToken?: string | undefined
}

/** Resolves the portal target and a token for a profile or session (shared by the list commands). */
export async function resolvePortalAccess(
  env: CliEnv,
  options: { profile?: string | undefined; ssoSession?: string | undefined; accessToken?: string | undefined },
  clients: AwsClientFactory,
): Promise<{ accessToken: string; target: { region: string; endpoint: string | undefined } }> {
  const config = await loadSharedConfig({ env })
  const profileName = resolveProfileName(env, options.profile)
  const session = resolveSsoLoginSession(config, { profileName, ssoSession: options.ssoSession })
  const target = {
    region: session.region,
    endpoint: resolveEndpointUrl(env, config, { serviceId: 'SSO', profileName }),
  }
  if (options.accessToken) return { accessToken: options.accessToken, target }
  const oidcEndpoint = resolveEndpointUrl(env, config, { serviceId: 'SSO OIDC', profileName })
  const token = await resolveSsoAccessToken(env, session, {
    clients,
    oidcEndpoint,
    ...(options.ssoSession ? {} : { profileName }),
  })
  return { accessToken: token.accessToken, target }
}

/** Lists the accounts. */
export async function runSsoListAccounts(
  options: SsoListAccountsOptions,
  ctx: CommandContext,
  clients: AwsClientFactory = createAwsClientFactory(),
): Promise<void> {
  const { accessToken, target } = await resolvePortalAccess(ctx.env, options, clients)
  const accounts = await listSsoAccounts(clients, target, accessToken)
  await printSsoResult({ accountList: accounts }, ctx, 'ListAccounts')
}

export const command = defineCommand<SsoListAccountsOptions>({
  name: 'sso list-accounts',
  summary: 'List the AWS accounts available to the signed-in user.',
  description:
    "Lists the AWS accounts available to the user signed in to the profile's IAM Identity Center session (or --sso-session), " +
    'using the cached access token (run `idc sso login` first). --access-token uses a token you supply instead.',
  examples: ['idc sso list-accounts --profile dev', 'idc sso list-accounts --sso-session my-sso --output table'],
  options: {
    'sso-session': {
      type: 'string',
      description: 'The [sso-session] whose cached token to use.',
      placeholder: '<name>',
    },
    'access-token': {
      type: 'string',
      description: 'An access token to use instead of the cached one.',
      placeholder: '<token>',
    },
  },
  parse: (args, { globals }) => ({
    profile: globals.profile,
    ssoSession: args.values['sso-session'] as string | undefined,
    accessToken: args.values['access-token'] as string | undefined,
  }),
  run: async (options, ctx) => runSsoListAccounts(options, ctx),
})
