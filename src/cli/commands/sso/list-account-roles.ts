/**
 * `idc sso list-account-roles --account-id ID`: the roles the signed-in user can take in one
 * account, using the cached token of the profile's SSO session, paged as the AWS CLI pages them.
 *
 * @module
 */
import { listSsoAccountRolesPage } from '../../../core/sso/portal.js'
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

/** Options of `idc sso list-account-roles`. */
export interface SsoListAccountRolesOptions extends PortalAccessOptions {
  accountId: string
  globals: GlobalOptions
  paging: PagingOptions
}

/** ListAccountRoles as botocore's paginator sees it. */
const LIST_ACCOUNT_ROLES: PagedOperation = {
  name: 'ListAccountRoles',
  resultKey: 'roleList',
  inputMembers: {
    nextToken: { type: 'string' },
    maxResults: { type: 'integer' },
    accessToken: { type: 'string', required: true },
    accountId: { type: 'string', required: true },
  },
}

/** Lists the roles of one account, page by page as the AWS CLI does. */
export async function runSsoListAccountRoles(options: SsoListAccountRolesOptions, env: CliEnv): Promise<void> {
  checkPaging(options.paging, env)
  const { accessToken, target } = await resolvePortalAccess(env, options)
  const input = { accessToken, accountId: options.accountId }
  const stream = paginate(LIST_ACCOUNT_ROLES, options.paging, input, async (request) => {
    const page = await listSsoAccountRolesPage(env.clients, target, { accountId: options.accountId, ...request })
    return toPage({ nextToken: page.nextToken, roleList: page.items })
  })
  await printPages(stream, { env, globals: options.globals })
}

export const command = defineCommand<SsoListAccountRolesOptions>({
  name: 'sso list-account-roles',
  summary: 'List the roles available in an account.',
  description:
    "Lists the roles (permission sets) the user signed in to the profile's IAM Identity Center session can take in the " +
    'account, using the cached access token (run `idc sso login` first). The paging options work as in the AWS CLI.',
  examples: [
    'idc sso list-account-roles --profile dev --account-id 123456789011',
    'idc sso list-account-roles --profile dev --account-id 123456789011 --max-items 5',
  ],
  options: {
    'account-id': {
      type: 'string',
      description: 'The account whose roles to list.',
      placeholder: '<account-id>',
      required: true,
    },
    ...PORTAL_ACCESS_OPTIONS,
    ...PAGING_OPTIONS,
  },
  parse: (args, { globals }) => ({
    globals,
    accountId: args.values['account-id'] as string,
    paging: parsePaging(args, globals),
    ...parsePortalAccess(args, globals),
  }),
  run: runSsoListAccountRoles,
})
