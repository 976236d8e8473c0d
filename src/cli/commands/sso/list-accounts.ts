/**
 * `idc sso list-accounts`: the AWS accounts the signed-in user can reach, using the cached token
 * of the profile's SSO session (no `--access-token` needed, unlike `aws sso list-accounts`).
 *
 * @module
 */
import { listSsoAccounts } from '../../../core/sso/portal.js'
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

/** Options of `idc sso list-accounts`. */
export interface SsoListAccountsOptions extends PortalAccessOptions {
  globals: GlobalOptions
}

/** Lists the accounts. */
export async function runSsoListAccounts(options: SsoListAccountsOptions, env: CliEnv): Promise<void> {
  const { accessToken, target } = await resolvePortalAccess(env, options)
  const accounts = await listSsoAccounts(env.clients, target, accessToken)
  await printResult({ accountList: accounts }, { env, globals: options.globals }, { title: 'ListAccounts' })
}

export const command = defineCommand<SsoListAccountsOptions>({
  name: 'sso list-accounts',
  summary: 'List the AWS accounts available to the signed-in user.',
  description:
    "Lists the AWS accounts available to the user signed in to the profile's IAM Identity Center session (or --sso-session), " +
    'using the cached access token (run `idc sso login` first). --access-token uses a token you supply instead.',
  examples: ['idc sso list-accounts --profile dev', 'idc sso list-accounts --sso-session my-sso --output table'],
  options: PORTAL_ACCESS_OPTIONS,
  parse: (args, { globals }) => ({ globals, ...parsePortalAccess(args, globals) }),
  run: runSsoListAccounts,
})
