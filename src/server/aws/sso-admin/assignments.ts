/**
 * sso-admin account assignments: who may use which permission set in which account. AWS applies
 * them asynchronously and reports a request status; here they are applied at once, and the status
 * records say so when `DescribeAccountAssignment*Status` asks.
 *
 * @module
 */
import { permissionSetArn } from '../../domain/org.js'
import { randomUuid } from '../../ids.js'
import type { AccountAssignment, Instance, PermissionSet, PrincipalType } from '../../store/store.js'
import type { AwsContext } from '../context.js'
import type { AwsError } from '../errors.js'
import {
  compact,
  epochSeconds,
  notFound,
  paginate,
  requiredString,
  validationException,
  type JsonBody,
  type JsonOperation,
} from '../json-api.js'
import { instanceOf } from './instances.js'
import { permissionSetOf } from './permission-sets.js'

type Assignment = Omit<AccountAssignment, 'createdAt'>
type RequestKind = 'create' | 'delete'

function enumError(value: string, member: string, allowed: string): AwsError {
  return validationException(
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed}]`,
  )
}

/** The assignment a request names, checked member by member as AWS does. */
function assignmentOf(
  ctx: AwsContext,
  instance: Instance,
  body: JsonBody,
): { ps: PermissionSet; assignment: Assignment } {
  const targetId = requiredString(body, 'TargetId')
  const targetType = requiredString(body, 'TargetType')
  const principalType = requiredString(body, 'PrincipalType')
  const principalId = requiredString(body, 'PrincipalId', 47)
  if (targetType !== 'AWS_ACCOUNT') throw enumError(targetType, 'targetType', 'AWS_ACCOUNT')
  if (!/^\d{12}$/.test(targetId))
    throw validationException(
      `1 validation error detected: Value '${targetId}' at 'targetId' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d{12}`,
    )
  if (principalType !== 'USER' && principalType !== 'GROUP')
    throw enumError(principalType, 'principalType', 'USER, GROUP')
  const ps = permissionSetOf(ctx, instance, body)
  const { store } = ctx.deps
  if (!store.getAccount(targetId)) throw notFound(`Account ${targetId} is not part of the organization`)
  const principal = principalType === 'USER' ? store.getUser(principalId) : store.getGroup(principalId)
  if (!principal) throw notFound(`${principalType === 'USER' ? 'User' : 'Group'} ${principalId} does not exist`)
  const assignment = {
    accountId: targetId,
    permissionSetId: ps.id,
    principalType: principalType as PrincipalType,
    principalId,
  }
  return { ps, assignment }
}

/** Records a finished request and answers it as AWS first does, `IN_PROGRESS`. */
function requestStatus(
  ctx: AwsContext,
  kind: RequestKind,
  instance: Instance,
  ps: PermissionSet,
  a: Assignment,
  done: boolean,
): Record<string, unknown> {
  const requestId = randomUuid(ctx.deps.ids)
  const record = {
    RequestId: requestId,
    TargetId: a.accountId,
    TargetType: 'AWS_ACCOUNT',
    PermissionSetArn: permissionSetArn(instance.instanceArn, ps.id),
    PrincipalType: a.principalType,
    PrincipalId: a.principalId,
    CreatedDate: epochSeconds(ctx.deps.clock()),
  }
  // Applied synchronously: the request is finished when DescribeAccountAssignment*Status asks.
  ctx.deps.store.setMeta(
    `sso-admin:${kind}:${requestId}`,
    JSON.stringify({ ...record, Status: done ? 'SUCCEEDED' : 'FAILED' }),
  )
  return { ...record, Status: 'IN_PROGRESS' }
}

function describeStatus(ctx: AwsContext, kind: RequestKind, field: string, body: JsonBody): Record<string, unknown> {
  instanceOf(ctx, body)
  const id = requiredString(body, field, 36)
  const saved = ctx.deps.store.getMeta(`sso-admin:${kind}:${id}`)
  if (!saved) throw notFound(`Request ${id} does not exist`)
  return JSON.parse(saved)
}

/** Create, delete and list account assignments, and the status of each request. */
export function createAssignmentOperations(ctx: AwsContext): Record<string, JsonOperation> {
  const { store } = ctx.deps
  return {
    CreateAccountAssignment(body) {
      const instance = instanceOf(ctx, body)
      const { ps, assignment } = assignmentOf(ctx, instance, body)
      store.createAssignment({ ...assignment, createdAt: ctx.deps.clock() })
      return { AccountAssignmentCreationStatus: requestStatus(ctx, 'create', instance, ps, assignment, true) }
    },
    DescribeAccountAssignmentCreationStatus: (body) => ({
      AccountAssignmentCreationStatus: describeStatus(ctx, 'create', 'AccountAssignmentCreationRequestId', body),
    }),
    DeleteAccountAssignment(body) {
      const instance = instanceOf(ctx, body)
      const { ps, assignment } = assignmentOf(ctx, instance, body)
      const deleted = store.deleteAssignment(assignment)
      return { AccountAssignmentDeletionStatus: requestStatus(ctx, 'delete', instance, ps, assignment, deleted) }
    },
    DescribeAccountAssignmentDeletionStatus: (body) => ({
      AccountAssignmentDeletionStatus: describeStatus(ctx, 'delete', 'AccountAssignmentDeletionRequestId', body),
    }),
    ListAccountAssignments(body) {
      const instance = instanceOf(ctx, body)
      const accountId = requiredString(body, 'AccountId', 12)
      const ps = permissionSetOf(ctx, instance, body)
      const items = store.listAssignments({ accountId, permissionSetId: ps.id }).map((a) => ({
        AccountId: a.accountId,
        PermissionSetArn: permissionSetArn(instance.instanceArn, a.permissionSetId),
        PrincipalType: a.principalType,
        PrincipalId: a.principalId,
      }))
      const { page, nextToken } = paginate(body, items)
      return compact({ AccountAssignments: page, NextToken: nextToken })
    },
  }
}
