/**
 * `idc sso list-account-roles --account-id ID`: the roles the signed-in user can take in one
 * account, using the cached token of the profile's SSO session.
 *
 * @module
 */
import { createAwsClientFactory, type AwsClientFactory } from '../../../core/aws/clients.js'
import { listSsoAccountRoles } from '../../../core/sso/portal.js'
import { defineCommand, type CommandContext } from '../../command.js'
import { resolvePortalAccess } from './list-accounts.js'
import { printSsoResult } from './print-sso-result.js'

/** Options of `idc sso list-account-roles`. */
export interface SsoListAccountRolesOptions {
  accountId: string
  profile?: string | undefined
  ssoSession?: string | undefined
  accessToken?: string | undefined
}

/** Lists the roles of one account. */
export async function runSsoListAccountRoles(
  options: SsoListAccountRolesOptions,
  ctx: CommandContext,
  clients: AwsClientFactory = createAwsClientFactory(),
): Promise<void> {
  const { accessToken, target } = await resolvePortalAccess(ctx.env, options, clients)
  const roles = await listSsoAccountRoles(clients, target, accessToken, options.accountId)
  await printSsoResult({ roleList: roles }, ctx, 'ListAccountRoles')
}

export const command = defineCommand<SsoListAccountRolesOptions>({
  name: 'sso list-account-roles',
  summary: 'List the roles available in an account.',
  description:
    "Lists the roles (permission sets) the user signed in to the profile's IAM Identity Center session can take in the " +
    'account, using the cached access token (run `idc sso login` first).',
  examples: ['idc sso list-account-roles --profile dev --account-id 123456789011'],
  options: {
    'account-id': {
      type: 'string',
      description: 'The account whose roles to list.',
      placeholder: '<account-id>',
      required: true,
    },
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
    accountId: args.values['account-id'] as string,
    profile: globals.profile,
    ssoSession: args.values['sso-session'] as string | undefined,
    accessToken: args.values['access-token'] as string | undefined,
  }),
  run: async (options, ctx) => runSsoListAccountRoles(options, ctx),
})
