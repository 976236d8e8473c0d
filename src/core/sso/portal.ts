/**
 * The SSO portal calls idc makes with an access token: ListAccounts and ListAccountRoles (all
 * pages) and Logout. Service errors become {@link ServiceError}s with the CLI's wording.
 *
 * @module
 */
import type { AwsClientFactory, ClientTarget } from '../aws/clients.js'
import { toServiceError } from '../aws/service-errors.js'
import { IdcError } from '../errors.js'

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

/** One page of ListAccounts or ListAccountRoles, members in the service model's order. */
export interface SsoPage<T> {
  nextToken?: string
  items: T[]
}

/** The paging parameters of one portal call. */
export interface SsoPageRequest {
  accessToken: string
  nextToken?: string | undefined
  maxResults?: number | undefined
}

/** One page of the token's accounts (a single ListAccounts call). */
export async function listSsoAccountsPage(
  clients: AwsClientFactory,
  target: ClientTarget,
  request: SsoPageRequest,
): Promise<SsoPage<SsoAccount>> {
  const client = await clients.sso(target)
  const { ListAccountsCommand } = await import('@aws-sdk/client-sso')
  let out
  try {
    out = await client.send(new ListAccountsCommand(request))
  } catch (error) {
    throw toServiceError(error, 'ListAccounts')
  }
  const items = (out.accountList ?? []).map((a) => ({
    accountId: a.accountId ?? '',
    accountName: a.accountName,
    emailAddress: a.emailAddress,
  }))
  return out.nextToken === undefined ? { items } : { nextToken: out.nextToken, items }
}

/** One page of the token's roles in `accountId` (a single ListAccountRoles call). */
export async function listSsoAccountRolesPage(
  clients: AwsClientFactory,
  target: ClientTarget,
  request: SsoPageRequest & { accountId: string },
): Promise<SsoPage<SsoRole>> {
  const client = await clients.sso(target)
  const { ListAccountRolesCommand } = await import('@aws-sdk/client-sso')
  let out
  try {
    out = await client.send(new ListAccountRolesCommand(request))
  } catch (error) {
    throw toServiceError(error, 'ListAccountRoles')
  }
  const items = (out.roleList ?? []).map((r) => ({
    roleName: r.roleName ?? '',
    accountId: r.accountId ?? request.accountId,
  }))
  return out.nextToken === undefined ? { items } : { nextToken: out.nextToken, items }
}

/**
 * The token of the next page, or undefined after the last page; records it in `seen`. A token the
 * service already gave raises botocore's pagination error (the AWS CLI's list commands raise the
 * same), where following it would loop forever.
 */
export function nextPageToken(seen: Set<string>, token: string | undefined): string | undefined {
  if (!token) return undefined
  if (seen.has(token)) {
    const repr = `'${token.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
    throw new IdcError(
      'general',
      `Error during pagination: The same next token was received twice: {'nextToken': ${repr}}`,
    )
  }
  seen.add(token)
  return token
}

/** Every item of a paged call, following `nextToken`. */
async function listAll<T>(fetchPage: (nextToken: string | undefined) => Promise<SsoPage<T>>): Promise<T[]> {
  const all: T[] = []
  const seen = new Set<string>()
  let nextToken: string | undefined
  do {
    const page = await fetchPage(nextToken)
    all.push(...page.items)
    nextToken = nextPageToken(seen, page.nextToken)
  } while (nextToken)
  return all
}

/** Every account of the token's user (follows `nextToken`). */
export async function listSsoAccounts(
  clients: AwsClientFactory,
  target: ClientTarget,
  accessToken: string,
): Promise<SsoAccount[]> {
  return listAll((nextToken) => listSsoAccountsPage(clients, target, { accessToken, nextToken }))
}

/** Every role of the token's user in `accountId`. */
export async function listSsoAccountRoles(
  clients: AwsClientFactory,
  target: ClientTarget,
  accessToken: string,
  accountId: string,
): Promise<SsoRole[]> {
  return listAll((nextToken) => listSsoAccountRolesPage(clients, target, { accessToken, accountId, nextToken }))
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
