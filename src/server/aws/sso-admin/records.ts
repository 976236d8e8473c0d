/**
 * sso-admin's stored records (the store's admin records) and the asynchronous-request pattern:
 * AWS applies provisioning and assignment requests in the background and reports a status; here
 * they are applied at once, answered `IN_PROGRESS` as AWS first answers, and recorded as finished
 * for the Describe…Status and List…Status calls.
 *
 * @module
 */
import { randomUuid } from '../../ids.js'
import type { AwsContext } from '../context.js'
import {
  compact,
  epochSeconds,
  notFound,
  paginate,
  requiredString,
  validationException,
  type JsonBody,
} from '../json-api.js'
import { instanceOf } from './instances.js'

/** The kinds of admin record sso-admin keeps. */
export const KIND = {
  provisioning: 'sso-admin:permission-set-provisioning',
  assignmentCreation: 'sso-admin:assignment-creation',
  assignmentDeletion: 'sso-admin:assignment-deletion',
  /** A permission set provisioned to an account (id `<ps id>:<account>`, parent the ps id). */
  provisioned: 'sso-admin:provisioned',
  customerPolicy: 'sso-admin:customer-managed-policy',
  boundary: 'sso-admin:permissions-boundary',
  tag: 'sso-admin:tag',
  accessControl: 'sso-admin:access-control-attributes',
  instanceName: 'sso-admin:instance-name',
  region: 'sso-admin:region',
  application: 'sso-admin:application',
  applicationAssignment: 'sso-admin:application-assignment',
  applicationSetting: 'sso-admin:application-setting',
  trustedTokenIssuer: 'sso-admin:trusted-token-issuer',
} as const

/** A request status kind. */
export type RequestKind = typeof KIND.provisioning | typeof KIND.assignmentCreation | typeof KIND.assignmentDeletion

/** Records a request finished (`SUCCEEDED`, or `FAILED` with a reason) and answers `IN_PROGRESS`. */
export function recordRequest(
  ctx: AwsContext,
  kind: RequestKind,
  fields: Record<string, unknown>,
  failureReason?: string,
): Record<string, unknown> {
  const requestId = randomUuid(ctx.deps.ids)
  const now = ctx.deps.clock()
  const record = { RequestId: requestId, ...fields, CreatedDate: epochSeconds(now) }
  ctx.deps.store.putAdminRecord({
    kind,
    id: requestId,
    parentId: '',
    data: compact({ ...record, Status: failureReason ? 'FAILED' : 'SUCCEEDED', FailureReason: failureReason }),
    createdAt: now,
  })
  return { ...record, Status: 'IN_PROGRESS' }
}

/** The recorded status of request `body[field]` (Describe…Status). */
export function describeRequest(ctx: AwsContext, kind: RequestKind, field: string, body: JsonBody): JsonBody {
  instanceOf(ctx, body)
  const id = requiredString(body, field, 36)
  const saved = ctx.deps.store.getAdminRecord(kind, id)
  if (!saved) throw notFound(`Request ${id} does not exist`)
  return saved.data
}

/** The recorded requests of a kind, newest first, with the optional `Filter.Status` (List…Status). */
export function listRequests(ctx: AwsContext, kind: RequestKind, body: JsonBody, listKey: string): JsonBody {
  instanceOf(ctx, body)
  const status = (body.Filter as JsonBody | undefined)?.Status
  if (status !== undefined && status !== 'IN_PROGRESS' && status !== 'FAILED' && status !== 'SUCCEEDED')
    throw validationException(
      `1 validation error detected: Value '${String(status)}' at 'filter.status' failed to satisfy constraint: Member must satisfy enum value set: [IN_PROGRESS, FAILED, SUCCEEDED]`,
    )
  const items = ctx.deps.store
    .listAdminRecords(kind)
    .reverse()
    .map((r) => ({ Status: r.data.Status, RequestId: r.data.RequestId, CreatedDate: r.data.CreatedDate }))
    .filter((r) => status === undefined || r.Status === status)
  const { page, nextToken } = paginate(body, items)
  return compact({ [listKey]: page, NextToken: nextToken })
}

/** An enum member, with AWS's validation message. */
export function enumOf<T extends string>(body: JsonBody, member: string, allowed: readonly T[]): T {
  const value = requiredString(body, member)
  if (!(allowed as readonly string[]).includes(value)) {
    const path = member.charAt(0).toLowerCase() + member.slice(1)
    throw validationException(
      `1 validation error detected: Value '${value}' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
    )
  }
  return value as T
}

/** A 12-digit account id member. */
export function accountIdOf(body: JsonBody, member: string): string {
  const id = requiredString(body, member, 12)
  if (!/^\d{12}$/.test(id)) {
    const path = member.charAt(0).toLowerCase() + member.slice(1)
    throw validationException(
      `1 validation error detected: Value '${id}' at '${path}' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d{12}`,
    )
  }
  return id
}
