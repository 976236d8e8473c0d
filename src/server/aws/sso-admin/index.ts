/**
 * sso-admin (`SWBExternalService.*`, awsJson1_1, SigV4 `sso`), wire-protocol §9: the operations of
 * each domain — the instance, permission sets and their policies, account assignments — in one
 * table for the AWS handler.
 *
 * @module
 */
import type { AwsContext } from '../context.js'
import type { JsonOperation } from '../json-api.js'
import { createAssignmentOperations } from './assignments.js'
import { createInstanceOperations } from './instances.js'
import { createPermissionSetOperations, createPermissionSetPolicyOperations } from './permission-sets.js'

/** The sso-admin operations. */
export function createSsoAdminOperations(ctx: AwsContext): Record<string, JsonOperation> {
  return {
    ...createInstanceOperations(ctx),
    ...createPermissionSetOperations(ctx),
    ...createPermissionSetPolicyOperations(ctx),
    ...createAssignmentOperations(ctx),
  }
}
