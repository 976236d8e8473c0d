/**
 * sso-admin permission sets: create, describe and list them, and their AWS-managed and inline
 * policies. ARNs in AWS's real form, `arn:aws:sso:::permissionSet/ssoins-…/ps-…` (not moto's).
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
import { managedPolicy, MalformedPolicyError, parsePolicy } from '../policy.js'
import { instanceOf } from './instances.js'

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

function createPermissionSet(ctx: AwsContext, body: JsonBody): Record<string, unknown> {
  const instance = instanceOf(ctx, body)
  const name = requiredString(body, 'Name', 32)
  if (!PS_NAME.test(name))
    throw validationException(
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    )
  const description = optionalString(body, 'Description', 700)
  const sessionDuration = optionalString(body, 'SessionDuration', 100) ?? 'PT1H'
  const seconds = parseIsoDuration(sessionDuration)
  if (seconds === undefined || seconds < 3600 || seconds > 43200)
    throw validationException('The session duration must be between PT1H and PT12H')
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
  return { PermissionSet: permissionSetShape(instance, ps) }
}

/** Create, describe and list permission sets. */
export function createPermissionSetOperations(ctx: AwsContext): Record<string, JsonOperation> {
  return {
    CreatePermissionSet: (body) => createPermissionSet(ctx, body),
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
  }
}

/** A permission set's AWS-managed and inline policies. */
export function createPermissionSetPolicyOperations(ctx: AwsContext): Record<string, JsonOperation> {
  const { store } = ctx.deps
  const permissionSet = (body: JsonBody) => permissionSetOf(ctx, instanceOf(ctx, body), body)
  return {
    AttachManagedPolicyToPermissionSet(body) {
      const ps = permissionSet(body)
      const arn = requiredString(body, 'ManagedPolicyArn')
      const name = /^arn:aws:iam::aws:policy\/(.+)$/.exec(arn)?.[1]
      if (!name)
        throw validationException(
          `1 validation error detected: Value '${arn}' at 'managedPolicyArn' failed to satisfy constraint: Member must be an AWS managed policy ARN`,
        )
      if (!managedPolicy(name)) throw notFound(`Policy ${arn} does not exist`)
      if (!store.attachManagedPolicy(ps.id, name))
        throw conflict(`Managed policy ${arn} is already attached to the permission set`)
      return {}
    },
    ListManagedPoliciesInPermissionSet(body) {
      const ps = permissionSet(body)
      const { page, nextToken } = paginate(
        body,
        ps.managedPolicies.map((n) => ({ Name: n.split('/').pop(), Arn: `arn:aws:iam::aws:policy/${n}` })),
      )
      return compact({ AttachedManagedPolicies: page, NextToken: nextToken })
    },
    PutInlinePolicyToPermissionSet(body) {
      const ps = permissionSet(body)
      const policy = requiredString(body, 'InlinePolicy', 32768)
      try {
        parsePolicy(policy)
      } catch (error) {
        if (error instanceof MalformedPolicyError)
          throw validationException(`The policy document is malformed: ${error.message}`)
        throw error
      }
      store.putInlinePolicy(ps.id, policy)
      return {}
    },
    GetInlinePolicyForPermissionSet(body) {
      return { InlinePolicy: permissionSet(body).inlinePolicy ?? '' }
    },
  }
}
