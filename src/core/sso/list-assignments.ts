/**
 * Every account and role a token's user may use, for `idc sso populate`: ListAccounts (all pages),
 * then ListAccountRoles for each account with bounded concurrency, through one SSO client so the
 * SDK's adaptive retry mode (`@smithy/util-retry`'s AdaptiveRetryStrategy: a client-side token
 * bucket that slows down on throttling, and back-off with jitter) sees every call.
 *
 * The SDK's retries stop at `maxAttempts` and, in a long run against a throttling service, at its
 * retry quota (every throttled retry spends 5 of 500 tokens); a run over thousands of accounts must
 * not fail for that. So a call that still ends in a throttling or 5xx error is tried again here
 * after a full-jitter exponential back-off (AWS's "Exponential Backoff And Jitter"), on the
 * injected clock and random source, up to {@link LIST_RETRY_LIMIT} times.
 *
 * @module
 */
import type { AwsClientFactory, ClientTarget } from '../aws/clients.js'
import { toServiceError } from '../aws/service-errors.js'
import type { Env } from '../env.js'
import type { Assignment } from './populate-profiles.js'
import { nextPageToken } from './portal.js'

/** How many times this layer retries a call that the SDK gave up on. */
export const LIST_RETRY_LIMIT = 8
/** The back-off's base and cap (ms). */
const BASE_DELAY_MS = 200
const MAX_DELAY_MS = 20_000

/** Options of {@link listAssignments}. */
export interface ListAssignmentsOptions {
  clients: AwsClientFactory
  target: ClientTarget
  accessToken: string
  /** Calls in flight at once (ListAccountRoles). */
  concurrency: number
  /** `maxResults` per page (1-100). */
  maxResults?: number | undefined
  /** Called after each account's roles are known. */
  onProgress?: (done: number, total: number) => void
}

/** What the listing cost. */
export interface ListAssignmentsStats {
  /** Requests answered (pages), retries by this layer not counted twice. */
  calls: number
  /** Calls this layer retried after the SDK gave up. */
  retries: number
}

const RETRYABLE_CODES = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'SlowDown',
])

function isRetryable(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown }
  const status = e?.$metadata?.httpStatusCode ?? 0
  return RETRYABLE_CODES.has(e?.name ?? '') || status === 429 || status >= 500 || e?.$retryable !== undefined
}

/** Lists every account and role; throws the first error that retrying cannot cure. */
export async function listAssignments(
  env: Env,
  options: ListAssignmentsOptions,
): Promise<{ assignments: Assignment[]; stats: ListAssignmentsStats }> {
  const stats: ListAssignmentsStats = { calls: 0, retries: 0 }
  const client = await options.clients.sso(options.target)
  const { ListAccountsCommand, ListAccountRolesCommand } = await import('@aws-sdk/client-sso')
  const { accessToken, maxResults } = options

  async function call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        const out = await send()
        stats.calls++
        return out
      } catch (error) {
        if (!isRetryable(error) || attempt >= LIST_RETRY_LIMIT) throw toServiceError(error, operation)
        stats.retries++
        const cap = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt)
        const bytes = env.randomBytes(4)
        const random = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0
        await env.sleep(Math.floor((random / 0x1_0000_0000) * cap))
      }
    }
  }

  async function pages<T>(
    operation: string,
    page: (nextToken: string | undefined) => Promise<{ items: T[]; next?: string | undefined }>,
  ) {
    const items: T[] = []
    const seen = new Set<string>()
    let nextToken: string | undefined
    do {
      const out = await call(operation, () => page(nextToken))
      items.push(...out.items)
      nextToken = nextPageToken(seen, out.next)
    } while (nextToken)
    return items
  }

  const accounts = await pages('ListAccounts', async (nextToken) => {
    const out = await client.send(new ListAccountsCommand({ accessToken, nextToken, maxResults }))
    return { items: out.accountList ?? [], next: out.nextToken }
  })
  const byAccount: Assignment[][] = []
  let next = 0
  let done = 0
  async function worker(): Promise<void> {
    while (next < accounts.length) {
      const index = next++
      const account = accounts[index]!
      const accountId = account.accountId ?? ''
      const roles = await pages('ListAccountRoles', async (nextToken) => {
        const out = await client.send(new ListAccountRolesCommand({ accessToken, accountId, nextToken, maxResults }))
        return { items: out.roleList ?? [], next: out.nextToken }
      })
      byAccount[index] = roles.map((r) => ({ accountId, accountName: account.accountName, roleName: r.roleName ?? '' }))
      options.onProgress?.(++done, accounts.length)
    }
  }
  const workers = Math.max(1, Math.min(options.concurrency, accounts.length))
  await Promise.all(Array.from({ length: workers }, () => worker()))
  return { assignments: byAccount.flat(), stats }
}
