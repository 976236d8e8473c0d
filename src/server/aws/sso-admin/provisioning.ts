/**
 * Provisioning: AWS copies a permission set into each account as an IAM role when it is first
 * assigned there, and again on ProvisionPermissionSet after a change. Here a role session always
 * evaluates the permission set's current policies, so provisioning has nothing to copy: it records
 * which accounts a permission set is provisioned to, and every provisioned account is up to date
 * (`LATEST_PERMISSION_SET_NOT_PROVISIONED` lists none).
 *
 * @module
 */
import { permissionSetArn } from '../../domain/org.js'
import type { Instance, PermissionSet } from '../../store/store.js'
import type { AwsContext } from '../context.js'
import { compact, notFound, paginate, type JsonBody, type JsonOperation } from '../json-api.js'
import { instanceOf } from './instances.js'
import { permissionSetOf } from './permission-sets.js'
import { accountIdOf, describeRequest, enumOf, KIND, listRequests, recordRequest } from './records.js'

/** Marks `ps` provisioned to `accountId` (as the first assignment there does on AWS). */
export function markProvisioned(ctx: AwsContext, ps: PermissionSet, accountId: string): void {
  const id = `${ps.id}:${accountId}`
  if (ctx.deps.store.getAdminRecord(KIND.provisioned, id)) return
  ctx.deps.store.putAdminRecord({
    kind: KIND.provisioned,
    id,
    parentId: ps.id,
    data: { AccountId: accountId, PermissionSetId: ps.id },
    createdAt: ctx.deps.clock(),
  })
}

/** The accounts `ps` is provisioned to: marked ones and those it is assigned in. */
function provisionedAccounts(ctx: AwsContext, ps: PermissionSet): string[] {
  const { store } = ctx.deps
  const marked = store.listAdminRecords(KIND.provisioned, ps.id).map((r) => String(r.data.AccountId))
  const assigned = store.listAssignments({ permissionSetId: ps.id }).map((a) => a.accountId)
  return [...new Set([...marked, ...assigned])].filter((id) => store.getAccount(id)).sort()
}

/** `ProvisioningStatus`: only the latest-provisioned filter can list anything here. */
function wantsLatest(body: JsonBody): boolean {
  if (body.ProvisioningStatus === undefined || body.ProvisioningStatus === null) return true
  const status = enumOf(body, 'ProvisioningStatus', [
    'LATEST_PERMISSION_SET_PROVISIONED',
    'LATEST_PERMISSION_SET_NOT_PROVISIONED',
  ])
  return status === 'LATEST_PERMISSION_SET_PROVISIONED'
}

function provision(ctx: AwsContext, instance: Instance, ps: PermissionSet, body: JsonBody): JsonBody {
  const targetType = enumOf(body, 'TargetType', ['AWS_ACCOUNT', 'ALL_PROVISIONED_ACCOUNTS'])
  const arn = permissionSetArn(instance.instanceArn, ps.id)
  if (targetType === 'AWS_ACCOUNT') {
    const accountId = accountIdOf(body, 'TargetId')
    if (!ctx.deps.store.getAccount(accountId)) throw notFound(`Account ${accountId} is not part of the organization`)
    markProvisioned(ctx, ps, accountId)
    return recordRequest(ctx, KIND.provisioning, { AccountId: accountId, PermissionSetArn: arn })
  }
  return recordRequest(ctx, KIND.provisioning, { PermissionSetArn: arn })
}

/** ProvisionPermissionSet, its request statuses, and the provisioned lists. */
export function createProvisioningOperations(ctx: AwsContext): Record<string, JsonOperation> {
  return {
    ProvisionPermissionSet(body) {
      const instance = instanceOf(ctx, body)
      const ps = permissionSetOf(ctx, instance, body)
      return { PermissionSetProvisioningStatus: provision(ctx, instance, ps, body) }
    },
    DescribePermissionSetProvisioningStatus: (body) => ({
      PermissionSetProvisioningStatus: describeRequest(ctx, KIND.provisioning, 'ProvisionPermissionSetRequestId', body),
    }),
    ListPermissionSetProvisioningStatus: (body) =>
      listRequests(ctx, KIND.provisioning, body, 'PermissionSetsProvisioningStatus'),
    ListAccountsForProvisionedPermissionSet(body) {
      const instance = instanceOf(ctx, body)
      const ps = permissionSetOf(ctx, instance, body)
      const accounts = wantsLatest(body) ? provisionedAccounts(ctx, ps) : []
      const { page, nextToken } = paginate(body, accounts)
      return compact({ AccountIds: page, NextToken: nextToken })
    },
    ListPermissionSetsProvisionedToAccount(body) {
      const instance = instanceOf(ctx, body)
      const accountId = accountIdOf(body, 'AccountId')
      const latest = wantsLatest(body)
      const arns = ctx.deps.store
        .listPermissionSets()
        .filter((ps) => latest && provisionedAccounts(ctx, ps).includes(accountId))
        .map((ps) => permissionSetArn(instance.instanceArn, ps.id))
      const { page, nextToken } = paginate(body, arns)
      return compact({ PermissionSets: page, NextToken: nextToken })
    },
  }
}
