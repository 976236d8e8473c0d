/**
 * The SSO portal calls idc makes with an access token: ListAccounts and ListAccountRoles (all
 * pages) and Logout. Service errors become {@link ServiceError}s with the CLI's wording.
 *
 * @module
 */
import type { AwsClientFactory, ClientTarget } from '../aws/clients.js'
import { toServiceError } from '../aws/service-errors.js'

/** An account the user can reach. */
export interface SsoAccount {
  accountId: string
  accountName?: string | undefined
  emailAddress?: string | undefined
}

/** A role in an account. */
export interface SsoRole {
  roleName: string
  accountId: string
}

/** Every account of the token's user (follows `nextToken`). */
export async function listSsoAccounts(
  clients: AwsClientFactory,
  target: ClientTarget,
  accessToken: string,
): Promise<SsoAccount[]> {
  const client = await clients.sso(target)
  const { ListAccountsCommand } = await import('@aws-sdk/client-sso')
  const accounts: SsoAccount[] = []
  let nextToken: string | undefined
  const seen = new Set<string>()
  do {
    let out
    try {
      out = await client.send(new ListAccountsCommand({ accessToken, nextToken }))
    } catch (error) {
      throw toServiceError(error, 'ListAccounts')
    }
    for (const a of out.accountList ?? []) {
      accounts.push({ accountId: a.accountId ?? '', accountName: a.accountName, emailAddress: a.emailAddress })
    }
    nextToken = out.nextToken || undefined
    // botocore stops when a page repeats its token rather than loop forever.
    if (nextToken && seen.has(nextToken)) break
    if (nextToken) seen.add(nextToken)
  } while (nextToken)
  return accounts
}

/** Every role of the token's user in `accountId`. */
export async function listSsoAccountRoles(
  clients: AwsClientFactory,
  target: ClientTarget,
  accessToken: string,
  accountId: string,
): Promise<SsoRole[]> {
  const client = await clients.sso(target)
  const { ListAccountRolesCommand } = await import('@aws-sdk/client-sso')
  const roles: SsoRole[] = []
  let nextToken: string | undefined
  const seen = new Set<string>()
  do {
    let out
    try {
      out = await client.send(new ListAccountRolesCommand({ accessToken, accountId, nextToken }))
    } catch (error) {
      throw toServiceError(error, 'ListAccountRoles')
    }
    for (const r of out.roleList ?? []) roles.push({ roleName: r.roleName ?? '', accountId: r.accountId ?? accountId })
    nextToken = out.nextToken || undefined
    if (nextToken && seen.has(nextToken)) break
    if (nextToken) seen.add(nextToken)
  } while (nextToken)
  return roles
}

/** SSO Logout for one token; service errors are ignored (as the CLI does), network errors are not. */
export async function logoutSsoToken(
  clients: AwsClientFactory,
  target: ClientTarget,
  accessToken: string,
): Promise<void> {
  const client = await clients.sso(target)
  const { LogoutCommand } = await import('@aws-sdk/client-sso')
  try {
    await client.send(new LogoutCommand({ accessToken }))
  } catch (error) {
    if (typeof (error as { $fault?: unknown }).$fault === 'string') return
    throw error
  }
}
