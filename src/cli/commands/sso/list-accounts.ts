/**
 * `idc sso list-accounts`: the AWS accounts the signed-in user can reach, using the cached token
 * of the profile's SSO session (no `--access-token` needed, unlike `aws sso list-accounts`).
 *
 * @module
 */
import { listSsoAccountsPage } from '../../../core/sso/portal.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'
import type { GlobalOptions } from '../../globals.js'
import {
  checkPaging,
  paginate,
  PAGING_OPTIONS,
  parsePaging,
  printPages,
  toPage,
  type PagedOperation,
  type PagingOptions,
} from '../shared/paging.js'
import {
  parsePortalAccess,
  PORTAL_ACCESS_OPTIONS,
  resolvePortalAccess,
  type PortalAccessOptions,
} from '../shared/portal-access.js'

/** Options of `idc sso list-accounts`. */
export interface SsoListAccountsOptions extends PortalAccessOptions {
  globals: GlobalOptions
  paging: PagingOptions
}

/** ListAccounts as botocore's paginator sees it. */
const LIST_ACCOUNTS: PagedOperation = {
  name: 'ListAccounts',
  resultKey: 'accountList',
  inputMembers: {
    nextToken: { type: 'string' },
    maxResults: { type: 'integer' },
    accessToken: { type: 'string', required: true },
  },
}

/** Lists the accounts, page by page as the AWS CLI does. */
export async function runSsoListAccounts(options: SsoListAccountsOptions, env: CliEnv): Promise<void> {
  checkPaging(options.paging, env)
  const { accessToken, target } = await resolvePortalAccess(env, options)
  const stream = paginate(LIST_ACCOUNTS, options.paging, { accessToken }, async (input) => {
    const page = await listSsoAccountsPage(env.clients, target, input)
    return toPage({ nextToken: page.nextToken, accountList: page.items })
  })
  await printPages(stream, { env, globals: options.globals })
}

export const command = defineCommand<SsoListAccountsOptions>({
  name: 'sso list-accounts',
  summary: 'List the AWS accounts available to the signed-in user.',
  description:
    "Lists the AWS accounts available to the user signed in to the profile's IAM Identity Center session (or --sso-session), " +
    'using the cached access token (run `idc sso login` first). --access-token uses a token you supply instead. ' +
    'The paging options work as in the AWS CLI: --max-items stops early and prints a NextToken for --starting-token.',
  examples: [
    'idc sso list-accounts --profile dev',
    'idc sso list-accounts --sso-session my-sso --output table',
    'idc sso list-accounts --profile dev --max-items 10 --output text',
  ],
  options: { ...PORTAL_ACCESS_OPTIONS, ...PAGING_OPTIONS },
  parse: (args, { globals }) => ({ globals, paging: parsePaging(args, globals), ...parsePortalAccess(args, globals) }),
  run: runSsoListAccounts,
})
