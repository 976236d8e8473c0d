/**
 * sso-admin permission sets: create, describe, list, update and delete them (their policies are in
 * `permission-set-policies.ts`). ARNs in AWS's real form, `arn:aws:sso:::permissionSet/ssoins-…/ps-…`
 * (not moto's).
 *
 * @module
 */
import { newPermissionSetId, parseIsoDuration, permissionSetArn, roleSuffixFor } from '../../domain/org.js'
import type { Instance, PermissionSet } from '../../store/store.js'
import type { AwsContext } from '../context.js'
import {
  compact,
  conflict,
  epochSeconds,
  notFound,
  optionalString,
  paginate,
  requiredString,
  validationException,
  type JsonBody,
  type JsonOperation,
} from '../json-api.js'
import { instanceOf } from './instances.js'
import { putTags } from './tags.js'

const PS_NAME = /^[\w+=,.@-]{1,32}$/
const PS_ARN = /^arn:aws:sso:::permissionSet\/(ssoins-[a-zA-Z0-9-.]{16})\/(ps-[a-zA-Z0-9-./]{16})$/

function permissionSetShape(instance: Instance, ps: PermissionSet): Record<string, unknown> {
  return compact({
    Name: ps.name,
    PermissionSetArn: permissionSetArn(instance.instanceArn, ps.id),
    Description: ps.description ?? undefined,
    CreatedDate: epochSeconds(ps.createdAt),
    SessionDuration: ps.sessionDuration,
    RelayState: ps.relayState ?? undefined,
  })
}

/** The permission set named by the request's `PermissionSetArn`, in `instance`. */
export function permissionSetOf(ctx: AwsContext, instance: Instance, body: JsonBody): PermissionSet {
  const arn = requiredString(body, 'PermissionSetArn', 1224)
  const m = PS_ARN.exec(arn)
  if (!m)
    throw validationException(
      `1 validation error detected: Value '${arn}' at 'permissionSetArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}`,
    )
  const ps = instance.instanceArn.endsWith(`/${m[1]}`) ? ctx.deps.store.getPermissionSet(m[2] as string) : undefined
  if (!ps) throw notFound(`Could not find PermissionSet with PermissionSetArn ${arn}`)
  return ps
}

function sessionDurationOf(body: JsonBody): string | undefined {
  const sessionDuration = optionalString(body, 'SessionDuration', 100)
  if (sessionDuration === undefined) return undefined
  const seconds = parseIsoDuration(sessionDuration)
  if (seconds === undefined || seconds < 3600 || seconds > 43200)
    throw validationException('The session duration must be between PT1H and PT12H')
  return sessionDuration
}

function createPermissionSet(ctx: AwsContext, body: JsonBody): Record<string, unknown> {
  const instance = instanceOf(ctx, body)
  const name = requiredString(body, 'Name', 32)
  if (!PS_NAME.test(name))
    throw validationException(
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    )
  const description = optionalString(body, 'Description', 700)
  const sessionDuration = sessionDurationOf(body) ?? 'PT1H'
  const { store } = ctx.deps
  if (store.findPermissionSetByName(name)) throw conflict(`PermissionSet with name ${name} already exists`)
  const ps = store.createPermissionSet({
    id: newPermissionSetId(ctx.deps.ids),
    name,
    description: description ?? null,
    sessionDuration,
    relayState: optionalString(body, 'RelayState', 240) ?? null,
    managedPolicies: [],
    inlinePolicy: null,
    roleSuffix: roleSuffixFor(instance.id, name),
    createdAt: ctx.deps.clock(),
  })
  putTags(ctx, permissionSetArn(instance.instanceArn, ps.id), body.Tags)
  return { PermissionSet: permissionSetShape(instance, ps) }
}

/** Create, describe and list permission sets. */
export function createPermissionSetOperations(ctx: AwsContext): Record<string, JsonOperation> {
  return {
    CreatePermissionSet: (body) => ctx.deps.store.transaction(() => createPermissionSet(ctx, body)),
    DescribePermissionSet(body) {
      const instance = instanceOf(ctx, body)
      return { PermissionSet: permissionSetShape(instance, permissionSetOf(ctx, instance, body)) }
    },
    ListPermissionSets(body) {
      const instance = instanceOf(ctx, body)
      const arns = ctx.deps.store.listPermissionSets().map((ps) => permissionSetArn(instance.instanceArn, ps.id))
      const { page, nextToken } = paginate(body, arns)
      return compact({ PermissionSets: page, NextToken: nextToken })
    },
    UpdatePermissionSet(body) {
      const instance = instanceOf(ctx, body)
      const ps = permissionSetOf(ctx, instance, body)
      ctx.deps.store.updatePermissionSet(ps.id, {
        description: optionalString(body, 'Description', 700),
        sessionDuration: sessionDurationOf(body),
        relayState: optionalString(body, 'RelayState', 240),
      })
      return {}
    },
    DeletePermissionSet(body) {
      const instance = instanceOf(ctx, body)
      const ps = permissionSetOf(ctx, instance, body)
      // Refused while assigned, so deleting a permission set never silently takes access away.
      if (ctx.deps.store.listAssignments({ permissionSetId: ps.id }).length > 0)
        throw conflict(
          `PermissionSet ${permissionSetArn(instance.instanceArn, ps.id)} is assigned to principals; delete its account assignments first`,
        )
      ctx.deps.store.deletePermissionSet(ps.id)
      return {}
    },
  }
}
