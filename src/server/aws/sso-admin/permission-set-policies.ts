/**
 * A permission set's policies: AWS-managed policies, the inline policy, customer-managed policy
 * references and the permissions boundary. The last two name policies that live in each account's
 * IAM, which this server does not model: they are stored and answered, and grant nothing.
 *
 * @module
 */
import type { PermissionSet } from '../../store/store.js'
import type { AwsContext } from '../context.js'
import { AwsError } from '../errors.js'
import {
  compact,
  conflict,
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
import { permissionSetOf } from './permission-sets.js'
import { KIND } from './records.js'

const POLICY_PATH = /^((\/[A-Za-z0-9.,+@=_-]+)*)\/$/

function managedPolicyName(body: JsonBody): { arn: string; name: string } {
  const arn = requiredString(body, 'ManagedPolicyArn')
  const name = /^arn:aws:iam::aws:policy\/(.+)$/.exec(arn)?.[1]
  if (!name)
    throw validationException(
      `1 validation error detected: Value '${arn}' at 'managedPolicyArn' failed to satisfy constraint: Member must be an AWS managed policy ARN`,
    )
  return { arn, name }
}

/** A `CustomerManagedPolicyReference` {Name, Path}, Path defaulting to `/`. */
function customerPolicyOf(value: unknown, member: string): { Name: string; Path: string } {
  if (!value || typeof value !== 'object')
    throw validationException(
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    )
  const name = requiredString(value as JsonBody, 'Name', 128)
  if (!/^[\w+=,.@-]+$/.test(name)) throw validationException(`Invalid customer managed policy name: ${name}`)
  const path = optionalString(value as JsonBody, 'Path', 512) ?? '/'
  if (!POLICY_PATH.test(path)) throw validationException(`Invalid customer managed policy path: ${path}`)
  return { Name: name, Path: path }
}

/** Managed, inline, customer-managed and boundary policy operations. */
export function createPermissionSetPolicyOperations(ctx: AwsContext): Record<string, JsonOperation> {
  const { store } = ctx.deps
  const permissionSet = (body: JsonBody): PermissionSet => permissionSetOf(ctx, instanceOf(ctx, body), body)
  return {
    AttachManagedPolicyToPermissionSet(body) {
      const ps = permissionSet(body)
      const { arn, name } = managedPolicyName(body)
      if (!managedPolicy(name)) throw notFound(`Policy ${arn} does not exist`)
      if (!store.attachManagedPolicy(ps.id, name))
        throw conflict(`Managed policy ${arn} is already attached to the permission set`)
      return {}
    },
    DetachManagedPolicyFromPermissionSet(body) {
      const ps = permissionSet(body)
      const { arn, name } = managedPolicyName(body)
      if (!store.detachManagedPolicy(ps.id, name))
        throw notFound(`Managed policy ${arn} is not attached to the permission set`)
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
    DeleteInlinePolicyFromPermissionSet(body) {
      store.putInlinePolicy(permissionSet(body).id, null)
      return {}
    },
    AttachCustomerManagedPolicyReferenceToPermissionSet(body) {
      const ps = permissionSet(body)
      const ref = customerPolicyOf(body.CustomerManagedPolicyReference, 'customerManagedPolicyReference')
      const id = `${ps.id}:${ref.Path}${ref.Name}`
      if (store.getAdminRecord(KIND.customerPolicy, id))
        throw conflict(`Customer managed policy ${ref.Path}${ref.Name} is already attached to the permission set`)
      if (store.listAdminRecords(KIND.customerPolicy, ps.id).length >= 20)
        throw new AwsError(
          'ServiceQuotaExceededException',
          'A permission set can have at most 20 customer managed policy references',
        )
      store.putAdminRecord({ kind: KIND.customerPolicy, id, parentId: ps.id, data: ref, createdAt: ctx.deps.clock() })
      return {}
    },
    DetachCustomerManagedPolicyReferenceFromPermissionSet(body) {
      const ps = permissionSet(body)
      const ref = customerPolicyOf(body.CustomerManagedPolicyReference, 'customerManagedPolicyReference')
      if (!store.deleteAdminRecord(KIND.customerPolicy, `${ps.id}:${ref.Path}${ref.Name}`))
        throw notFound(`Customer managed policy ${ref.Path}${ref.Name} is not attached to the permission set`)
      return {}
    },
    ListCustomerManagedPolicyReferencesInPermissionSet(body) {
      const ps = permissionSet(body)
      const refs = store.listAdminRecords(KIND.customerPolicy, ps.id).map((r) => r.data)
      const { page, nextToken } = paginate(body, refs)
      return compact({ CustomerManagedPolicyReferences: page, NextToken: nextToken })
    },
    PutPermissionsBoundaryToPermissionSet(body) {
      const ps = permissionSet(body)
      const boundary = body.PermissionsBoundary as JsonBody | undefined
      if (!boundary || typeof boundary !== 'object')
        throw validationException(
          "1 validation error detected: Value null at 'permissionsBoundary' failed to satisfy constraint: Member must not be null",
        )
      let data: JsonBody
      if (boundary.ManagedPolicyArn !== undefined) {
        const { arn, name } = managedPolicyName(boundary)
        if (!managedPolicy(name)) throw notFound(`Policy ${arn} does not exist`)
        data = { ManagedPolicyArn: arn }
      } else {
        data = {
          CustomerManagedPolicyReference: customerPolicyOf(
            boundary.CustomerManagedPolicyReference,
            'permissionsBoundary.customerManagedPolicyReference',
          ),
        }
      }
      store.putAdminRecord({ kind: KIND.boundary, id: ps.id, parentId: ps.id, data, createdAt: ctx.deps.clock() })
      return {}
    },
    GetPermissionsBoundaryForPermissionSet(body) {
      const ps = permissionSet(body)
      const boundary = store.getAdminRecord(KIND.boundary, ps.id)
      if (!boundary) throw notFound('The permission set has no permissions boundary')
      return { PermissionsBoundary: boundary.data }
    },
    DeletePermissionsBoundaryFromPermissionSet(body) {
      const ps = permissionSet(body)
      if (!store.deleteAdminRecord(KIND.boundary, ps.id))
        throw notFound('The permission set has no permissions boundary')
      return {}
    },
  }
}
