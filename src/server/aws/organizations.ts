/**
 * organizations (`AWSOrganizationsV20161128.*`, awsJson1_1, SigV4 `organizations`): ListAccounts.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { AwsContext } from './context.js'
import { compact, epochSeconds, paginate, type JsonOperation } from './json-api.js'

/** The organisation id, `o-` + 10 lower-case alphanumerics, stable per instance. */
export function organizationId(instanceId: string): string {
  const digest = createHash('sha256').update(`org:${instanceId}`).digest()
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  let out = 'o-'
  for (let i = 0; i < 10; i++) out += alphabet[(digest[i] as number) % alphabet.length]
  return out
}

/** The organizations operations. */
export function createOrganizationsOperations(ctx: AwsContext): Record<string, JsonOperation> {
  return {
    ListAccounts(body) {
      const management = ctx.callers.adminAccountId()
      const org = organizationId(ctx.deps.store.getInstance()?.id ?? 'none')
      const accounts = ctx.deps.store.listAccounts().map((a) => ({
        Id: a.id,
        Arn: `arn:aws:organizations::${management}:account/${org}/${a.id}`,
        Email: a.email,
        Name: a.name,
        Status: 'ACTIVE',
        State: 'ACTIVE',
        JoinedMethod: 'CREATED',
        JoinedTimestamp: epochSeconds(a.createdAt),
      }))
      const { page, nextToken } = paginate(body, accounts, 20, 20)
      return compact({ Accounts: page, NextToken: nextToken })
    },
  }
}
