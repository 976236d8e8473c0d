/**
 * identitystore (`AWSIdentityStore.*`, awsJson1_1, SigV4 `identitystore`), wire-protocol §9: users,
 * groups and memberships, all 19 operations of the 2020-06-15 model.
 *
 * @module
 */
import type { AwsContext } from '../context.js'
import type { JsonOperation } from '../json-api.js'
import { createGroupOperations, createMembershipOperations } from './groups.js'
import { createUserOperations } from './users.js'

/** The identitystore operations. */
export function createIdentityStoreOperations(ctx: AwsContext): Record<string, JsonOperation> {
  return { ...createUserOperations(ctx), ...createGroupOperations(ctx), ...createMembershipOperations(ctx) }
}
