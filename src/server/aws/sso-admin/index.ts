/**
 * sso-admin (`SWBExternalService.*`, awsJson1_1, SigV4 `sso`), wire-protocol §9: the operations of
 * each domain — the instance and its settings, permission sets and their policies, provisioning,
 * account assignments, tags, applications and trusted token issuers — in one table for the AWS
 * handler.
 *
 * @module
 */
import type { AwsContext } from '../context.js'
import type { JsonOperation } from '../json-api.js'
import { createApplicationSettingOperations } from './application-settings.js'
import { createApplicationOperations } from './applications.js'
import { createAssignmentOperations } from './assignments.js'
import { createInstanceSettingOperations } from './instance-settings.js'
import { createInstanceOperations } from './instances.js'
import { createPermissionSetPolicyOperations } from './permission-set-policies.js'
import { createPermissionSetOperations } from './permission-sets.js'
import { createProvisioningOperations } from './provisioning.js'
import { createTagOperations } from './tags.js'

/** The sso-admin operations. */
export function createSsoAdminOperations(ctx: AwsContext): Record<string, JsonOperation> {
  return {
    ...createInstanceOperations(ctx),
    ...createInstanceSettingOperations(ctx),
    ...createPermissionSetOperations(ctx),
    ...createPermissionSetPolicyOperations(ctx),
    ...createProvisioningOperations(ctx),
    ...createAssignmentOperations(ctx),
    ...createTagOperations(ctx),
    ...createApplicationOperations(ctx),
    ...createApplicationSettingOperations(ctx),
  }
}
