/**
 * sso-admin (`SWBExternalService.*`, awsJson1_1, SigV4 `sso`): the instance, permission sets and
 * their policies, and account assignments (wire-protocol §9). ARNs in AWS's real form,
 * `arn:aws:sso:::permissionSet/ssoins-…/ps-…` (not moto's).
 *
 * @module
 */
import { newPermissionSetId, parseIsoDuration, permissionSetArn, roleSuffixFor } from '../domain/org.js'
import { randomUuid } from '../ids.js'
import type { AccountAssignment, Instance, PermissionSet, PrincipalType } from '../store/store.js'
import type { AwsContext } from './context.js'
import { managedPolicy, MalformedPolicyError, parsePolicy } from './policy.js'
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
} from './json-api.js'

const PS_NAME = /^[\w+=,.@-]{1,32}$/

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

/** The sso-admin operations. */
export function createSsoAdminOperations(ctx: AwsContext): Record<string, JsonOperation> {
  const { store } = ctx.deps

  function instanceOf(body: JsonBody): Instance {
    const arn = requiredString(body, 'InstanceArn', 1224)
    const instance = store.getInstance()
    if (!/^arn:aws:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/.test(arn)) {
      throw validationException(
        `1 validation error detected: Value '${arn}' at 'instanceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}`,
      )
    }
    if (!instance || instance.instanceArn !== arn) throw notFound(`Instance ${arn} does not exist`)
    return instance
  }

  function permissionSetOf(instance: Instance, body: JsonBody): PermissionSet {
    const arn = requiredString(body, 'PermissionSetArn', 1224)
    const m = /^arn:aws:sso:::permissionSet\/(ssoins-[a-zA-Z0-9-.]{16})\/(ps-[a-zA-Z0-9-./]{16})$/.exec(arn)
    if (!m)
      throw validationException(
        `1 validation error detected: Value '${arn}' at 'permissionSetArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}`,
      )
    const ps = instance.instanceArn.endsWith(`/${m[1]}`) ? store.getPermissionSet(m[2] as string) : undefined
    if (!ps) throw notFound(`Could not find PermissionSet with PermissionSetArn ${arn}`)
    return ps
  }

  function assignmentOf(
    instance: Instance,
    body: JsonBody,
  ): { ps: PermissionSet; assignment: Omit<AccountAssignment, 'createdAt'> } {
    const targetId = requiredString(body, 'TargetId')
    const targetType = requiredString(body, 'TargetType')
    const principalType = requiredString(body, 'PrincipalType')
    const principalId = requiredString(body, 'PrincipalId', 47)
    if (targetType !== 'AWS_ACCOUNT')
      throw validationException(
        `1 validation error detected: Value '${targetType}' at 'targetType' failed to satisfy constraint: Member must satisfy enum value set: [AWS_ACCOUNT]`,
      )
    if (!/^\d{12}$/.test(targetId))
      throw validationException(
        `1 validation error detected: Value '${targetId}' at 'targetId' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d{12}`,
      )
    if (principalType !== 'USER' && principalType !== 'GROUP')
      throw validationException(
        `1 validation error detected: Value '${principalType}' at 'principalType' failed to satisfy constraint: Member must satisfy enum value set: [USER, GROUP]`,
      )
    const ps = permissionSetOf(instance, body)
    if (!store.getAccount(targetId)) throw notFound(`Account ${targetId} is not part of the organization`)
    const principal = principalType === 'USER' ? store.getUser(principalId) : store.getGroup(principalId)
    if (!principal) throw notFound(`${principalType === 'USER' ? 'User' : 'Group'} ${principalId} does not exist`)
    return {
      ps,
      assignment: {
        accountId: targetId,
        permissionSetId: ps.id,
        principalType: principalType as PrincipalType,
        principalId,
      },
    }
  }

  function status(
    kind: 'create' | 'delete',
    instance: Instance,
    ps: PermissionSet,
    a: Omit<AccountAssignment, 'createdAt'>,
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
    store.setMeta(
      `sso-admin:${kind}:${requestId}`,
      JSON.stringify({ ...record, Status: done ? 'SUCCEEDED' : 'FAILED' }),
    )
    return { ...record, Status: 'IN_PROGRESS' }
  }

  function describeStatus(kind: 'create' | 'delete', field: string, body: JsonBody): Record<string, unknown> {
    instanceOf(body)
    const id = requiredString(body, field, 36)
    const saved = store.getMeta(`sso-admin:${kind}:${id}`)
    if (!saved) throw notFound(`Request ${id} does not exist`)
    return JSON.parse(saved)
  }

  return {
    ListInstances(body) {
      const instance = store.getInstance()
      const all = instance
        ? [
            {
              InstanceArn: instance.instanceArn,
              IdentityStoreId: instance.id,
              OwnerAccountId: ctx.callers.adminAccountId(),
              Name: 'idc',
              CreatedDate: epochSeconds(instance.createdAt),
              Status: 'ACTIVE',
            },
          ]
        : []
      const { page, nextToken } = paginate(body, all)
      return compact({ Instances: page, NextToken: nextToken })
    },
    CreatePermissionSet(body) {
      const instance = instanceOf(body)
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
    },
    DescribePermissionSet(body) {
      const instance = instanceOf(body)
      return { PermissionSet: permissionSetShape(instance, permissionSetOf(instance, body)) }
    },
    ListPermissionSets(body) {
      const instance = instanceOf(body)
      const { page, nextToken } = paginate(
        body,
        store.listPermissionSets().map((ps) => permissionSetArn(instance.instanceArn, ps.id)),
      )
      return compact({ PermissionSets: page, NextToken: nextToken })
    },
    AttachManagedPolicyToPermissionSet(body) {
      const instance = instanceOf(body)
      const ps = permissionSetOf(instance, body)
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
      const ps = permissionSetOf(instanceOf(body), body)
      const { page, nextToken } = paginate(
        body,
        ps.managedPolicies.map((n) => ({ Name: n.split('/').pop(), Arn: `arn:aws:iam::aws:policy/${n}` })),
      )
      return compact({ AttachedManagedPolicies: page, NextToken: nextToken })
    },
    PutInlinePolicyToPermissionSet(body) {
      const ps = permissionSetOf(instanceOf(body), body)
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
      const ps = permissionSetOf(instanceOf(body), body)
      return { InlinePolicy: ps.inlinePolicy ?? '' }
    },
    CreateAccountAssignment(body) {
      const instance = instanceOf(body)
      const { ps, assignment } = assignmentOf(instance, body)
      store.createAssignment({ ...assignment, createdAt: ctx.deps.clock() })
      return { AccountAssignmentCreationStatus: status('create', instance, ps, assignment, true) }
    },
    DescribeAccountAssignmentCreationStatus(body) {
      return { AccountAssignmentCreationStatus: describeStatus('create', 'AccountAssignmentCreationRequestId', body) }
    },
    DeleteAccountAssignment(body) {
      const instance = instanceOf(body)
      const { ps, assignment } = assignmentOf(instance, body)
      const deleted = store.deleteAssignment(assignment)
      return { AccountAssignmentDeletionStatus: status('delete', instance, ps, assignment, deleted) }
    },
    DescribeAccountAssignmentDeletionStatus(body) {
      return { AccountAssignmentDeletionStatus: describeStatus('delete', 'AccountAssignmentDeletionRequestId', body) }
    },
    ListAccountAssignments(body) {
      const instance = instanceOf(body)
      const accountId = requiredString(body, 'AccountId', 12)
      const ps = permissionSetOf(instance, body)
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
