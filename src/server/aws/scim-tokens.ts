/**
 * SCIM access tokens for the administrator, as a signed admin API (`IdcScim.*`, awsJson1_1, SigV4
 * `sso`): AWS creates them only in its console, so this API is idc's own; the console's Settings
 * page calls the same `createScimAccessToken`. The token is in the create answer only.
 *
 * @module
 */
import { createScimAccessToken, MAX_SCIM_TOKENS } from '../scim/tokens.js'
import { scimEndpoint } from '../scim/tenant.js'
import type { AwsContext } from './context.js'
import { AwsError } from './errors.js'
import { epochSeconds, notFound, requiredString, type JsonOperation } from './json-api.js'

/** The SCIM token operations. */
export function createScimTokenOperations(ctx: AwsContext): Record<string, JsonOperation> {
  const { store } = ctx.deps
  return {
    CreateScimAccessToken() {
      const created = createScimAccessToken(ctx.deps)
      if (!created)
        throw new AwsError('ServiceQuotaExceededException', `At most ${MAX_SCIM_TOKENS} SCIM access tokens can exist`)
      return {
        TokenId: created.id,
        AccessToken: created.token,
        ExpiresAt: epochSeconds(created.expiresAt),
        ScimEndpoint: scimEndpoint(ctx.deps),
      }
    },
    ListScimAccessTokens() {
      return {
        Tokens: store.listScimTokens().map((t) => ({
          TokenId: t.id,
          CreatedAt: epochSeconds(t.createdAt),
          ExpiresAt: epochSeconds(t.expiresAt),
          LastUsedAt: t.lastUsedAt === null ? undefined : epochSeconds(t.lastUsedAt),
        })),
      }
    },
    DeleteScimAccessToken(body) {
      const id = requiredString(body, 'TokenId', 36)
      if (!store.deleteScimToken(id)) throw notFound(`SCIM access token ${id} does not exist`)
      return {}
    },
  }
}
