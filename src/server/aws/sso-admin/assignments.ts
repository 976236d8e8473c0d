/**
 * sso-admin account assignments: who may use which permission set in which account. AWS applies
 * them asynchronously and reports a request status; here they are applied at once, and the status
 * records say so when `DescribeAccountAssignment*Status` asks (see `records.ts`).
 *
 * @module
 */
import { permissionSetArn } from '../../domain/org.js'
import type { AccountAssignment, Instance, PermissionSet, PrincipalType } from '../../store/store.js'
import type { AwsContext } from '../context.js'
import { compact, notFound, paginate, requiredString, type JsonBody, type JsonOperation } from '../json-api.js'
import { instanceOf } from './instances.js'
import { permissionSetOf } from './permission-sets.js'
import { markProvisioned } from './provisioning.js'
import { accountIdOf, describeRequest, enumOf, KIND, listRequests, recordRequest } from './records.js'

type Assignment = Omit<AccountAssignment, 'createdAt'>

/** The assignment a request names, checked member by member as AWS does. */
function assignmentOf(
  ctx: AwsContext,
  instance: Instance,
  body: JsonBody,
): { ps: PermissionSet; assignment: Assignment } {
  const targetId = accountIdOf(body, 'TargetId')
  enumOf(body, 'TargetType', ['AWS_ACCOUNT'])
  const principalType = enumOf<PrincipalType>(body, 'PrincipalType', ['USER', 'GROUP'])
  const principalId = requiredString(body, 'PrincipalId', 47)
  const ps = permissionSetOf(ctx, instance, body)
  const { store } = ctx.deps
  if (!store.getAccount(targetId)) throw notFound(`Account ${targetId} is not part of the organization`)
  const principal = principalType === 'USER' ? store.getUser(principalId) : store.getGroup(principalId)
  if (!principal) throw notFound(`${principalType === 'USER' ? 'User' : 'Group'} ${principalId} does not exist`)
  return { ps, assignment: { accountId: targetId, permissionSetId: ps.id, principalType, principalId } }
}

function statusFields(instance: Instance, a: Assignment): Record<string, unknown> {
  return {
    TargetId: a.accountId,
    TargetType: 'AWS_ACCOUNT',
    PermissionSetArn: permissionSetArn(instance.instanceArn, a.permissionSetId),
    PrincipalType: a.principalType,
    PrincipalId: a.principalId,
  }
}

function assignmentShape(instance: Instance, a: AccountAssignment): Record<string, unknown> {
  return {
    AccountId: a.accountId,
    PermissionSetArn: permissionSetArn(instance.instanceArn, a.permissionSetId),
    PrincipalType: a.principalType,
    PrincipalId: a.principalId,
  }
}

/** Create, delete and list account assignments, and the status of each request. */
export function createAssignmentOperations(ctx: AwsContext): Record<string, JsonOperation> {
  const { store } = ctx.deps
  return {
    CreateAccountAssignment(body) {
      const instance = instanceOf(ctx, body)
      const { ps, assignment } = assignmentOf(ctx, instance, body)
      store.createAssignment({ ...assignment, createdAt: ctx.deps.clock() })
      markProvisioned(ctx, ps, assignment.accountId)
      return {
        AccountAssignmentCreationStatus: recordRequest(
          ctx,
          KIND.assignmentCreation,
          statusFields(instance, assignment),
        ),
      }
    },
    DescribeAccountAssignmentCreationStatus: (body) => ({
      AccountAssignmentCreationStatus: describeRequest(
        ctx,
        KIND.assignmentCreation,
        'AccountAssignmentCreationRequestId',
        body,
      ),
    }),
    ListAccountAssignmentCreationStatus: (body) =>
      listRequests(ctx, KIND.assignmentCreation, body, 'AccountAssignmentsCreationStatus'),
    DeleteAccountAssignment(body) {
      const instance = instanceOf(ctx, body)
      const { assignment } = assignmentOf(ctx, instance, body)
      const deleted = store.deleteAssignment(assignment)
      return {
        AccountAssignmentDeletionStatus: recordRequest(
          ctx,
          KIND.assignmentDeletion,
          statusFields(instance, assignment),
          deleted ? undefined : 'The account assignment does not exist',
        ),
      }
    },
    DescribeAccountAssignmentDeletionStatus: (body) => ({
      AccountAssignmentDeletionStatus: describeRequest(
        ctx,
        KIND.assignmentDeletion,
        'AccountAssignmentDeletionRequestId',
        body,
      ),
    }),
    ListAccountAssignmentDeletionStatus: (body) =>
      listRequests(ctx, KIND.assignmentDeletion, body, 'AccountAssignmentsDeletionStatus'),
    ListAccountAssignments(body) {
      const instance = instanceOf(ctx, body)
      const accountId = accountIdOf(body, 'AccountId')
      const ps = permissionSetOf(ctx, instance, body)
      const items = store
        .listAssignments({ accountId, permissionSetId: ps.id })
        .map((a) => assignmentShape(instance, a))
      const { page, nextToken } = paginate(body, items)
      return compact({ AccountAssignments: page, NextToken: nextToken })
    },
    ListAccountAssignmentsForPrincipal(body) {
      const instance = instanceOf(ctx, body)
      const principalType = enumOf<PrincipalType>(body, 'PrincipalType', ['USER', 'GROUP'])
      const principalId = requiredString(body, 'PrincipalId', 47)
      const filter = body.Filter as JsonBody | undefined
      const accountId = filter?.AccountId === undefined ? undefined : accountIdOf(filter, 'AccountId')
      const items = store
        .listAssignments({ principalType, principalId, accountId })
        .map((a) => assignmentShape(instance, a))
      const { page, nextToken } = paginate(body, items)
      return compact({ AccountAssignments: page, NextToken: nextToken })
    },
  }
}
