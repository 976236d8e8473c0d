/**
 * `idc sso list-account-roles --account-id ID`: the roles the signed-in user can take in one
 * account, using the cached token of the profile's SSO session.
 *
 * @module
 */
import { listSsoAccountRoles } from '../../../core/sso/portal.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'
import type { GlobalOptions } from '../../globals.js'
import { printResult } from '../../output/print.js'
import {
  parsePortalAccess,
  PORTAL_ACCESS_OPTIONS,
  resolvePortalAccess,
  type PortalAccessOptions,
} from '../shared/portal-access.js'

/** Options of `idc sso list-account-roles`. */
export interface SsoListAccountRolesOptions extends PortalAccessOptions {
  accountId: string
  globals: GlobalOptions
}

/** Lists the roles of one account. */
export async function runSsoListAccountRoles(options: SsoListAccountRolesOptions, env: CliEnv): Promise<void> {
  const { accessToken, target } = await resolvePortalAccess(env, options)
  const roles = await listSsoAccountRoles(env.clients, target, accessToken, options.accountId)
  await printResult({ roleList: roles }, { env, globals: options.globals }, { title: 'ListAccountRoles' })
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
    ...PORTAL_ACCESS_OPTIONS,
  },
  parse: (args, { globals }) => ({
    globals,
    accountId: args.values['account-id'] as string,
    ...parsePortalAccess(args, globals),
  }),
  run: runSsoListAccountRoles,
})
