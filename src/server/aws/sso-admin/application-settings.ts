/**
 * What belongs to an application: its assignments (who may use it), access scopes,
 * authentication methods, grants, and assignment and session configuration — stored records
 * under the application's ARN, deleted with it.
 *
 * @module
 */
import type { PrincipalType } from '../../store/store.js'
import type { AwsContext } from '../context.js'
import {
  compact,
  notFound,
  paginate,
  requiredString,
  validationException,
  type JsonBody,
  type JsonOperation,
} from '../json-api.js'
import { applicationOf } from './applications.js'
import { instanceOf } from './instances.js'
import { enumOf, KIND } from './records.js'

const GRANT_TYPES = [
  'authorization_code',
  'refresh_token',
  'urn:ietf:params:oauth:grant-type:jwt-bearer',
  'urn:ietf:params:oauth:grant-type:token-exchange',
] as const

/** Application assignments and the application's settings. */
export function createApplicationSettingOperations(ctx: AwsContext): Record<string, JsonOperation> {
  const { store } = ctx.deps
  const setting = (kind: string) => ({
    put(body: JsonBody, key: string, data: JsonBody) {
      const app = applicationOf(ctx, body)
      store.putAdminRecord({
        kind: KIND.applicationSetting,
        id: `${app.id}|${kind}|${key}`,
        parentId: app.id,
        data,
        createdAt: ctx.deps.clock(),
      })
    },
    get(body: JsonBody, key: string, what: string): JsonBody {
      const app = applicationOf(ctx, body)
      const record = store.getAdminRecord(KIND.applicationSetting, `${app.id}|${kind}|${key}`)
      if (!record) throw notFound(`${what} does not exist for the application`)
      return record.data
    },
    remove(body: JsonBody, key: string, what: string) {
      const app = applicationOf(ctx, body)
      if (!store.deleteAdminRecord(KIND.applicationSetting, `${app.id}|${kind}|${key}`))
        throw notFound(`${what} does not exist for the application`)
    },
    list(body: JsonBody): JsonBody[] {
      const app = applicationOf(ctx, body)
      return store
        .listAdminRecords(KIND.applicationSetting, app.id)
        .filter((r) => r.id.startsWith(`${app.id}|${kind}|`))
        .map((r) => r.data)
    },
  })
  const scopes = setting('scope')
  const grants = setting('grant')
  const methods = setting('authentication-method')
  const config = setting('configuration')
  const principal = (body: JsonBody) => {
    const principalType = enumOf<PrincipalType>(body, 'PrincipalType', ['USER', 'GROUP'])
    const principalId = requiredString(body, 'PrincipalId', 47)
    return { principalType, principalId }
  }
  const assignmentId = (appArn: string, p: { principalType: string; principalId: string }) =>
    `${appArn}|${p.principalType}|${p.principalId}`
  const scopeOf = (body: JsonBody) => {
    const scope = requiredString(body, 'Scope', 110)
    if (!/^([A-Za-z0-9_]{1,50})(:[A-Za-z0-9_]{1,50}){0,1}(:[A-Za-z0-9_]{1,50}){0,1}$/.test(scope))
      throw validationException(`Invalid scope: ${scope}`)
    return scope
  }
  return {
    CreateApplicationAssignment(body) {
      const app = applicationOf(ctx, body)
      const p = principal(body)
      const exists = p.principalType === 'USER' ? store.getUser(p.principalId) : store.getGroup(p.principalId)
      if (!exists) throw notFound(`${p.principalType === 'USER' ? 'User' : 'Group'} ${p.principalId} does not exist`)
      store.putAdminRecord({
        kind: KIND.applicationAssignment,
        id: assignmentId(app.id, p),
        parentId: app.id,
        data: { ApplicationArn: app.id, PrincipalType: p.principalType, PrincipalId: p.principalId },
        createdAt: ctx.deps.clock(),
      })
      return {}
    },
    DescribeApplicationAssignment(body) {
      const app = applicationOf(ctx, body)
      const record = store.getAdminRecord(KIND.applicationAssignment, assignmentId(app.id, principal(body)))
      if (!record) throw notFound('The application assignment does not exist')
      return record.data
    },
    DeleteApplicationAssignment(body) {
      const app = applicationOf(ctx, body)
      if (!store.deleteAdminRecord(KIND.applicationAssignment, assignmentId(app.id, principal(body))))
        throw notFound('The application assignment does not exist')
      return {}
    },
    ListApplicationAssignments(body) {
      const app = applicationOf(ctx, body)
      const items = store.listAdminRecords(KIND.applicationAssignment, app.id).map((r) => r.data)
      const { page, nextToken } = paginate(body, items)
      return compact({ ApplicationAssignments: page, NextToken: nextToken })
    },
    ListApplicationAssignmentsForPrincipal(body) {
      instanceOf(ctx, body)
      const p = principal(body)
      const filterArn = (body.Filter as JsonBody | undefined)?.ApplicationArn
      const items = store
        .listAdminRecords(KIND.applicationAssignment)
        .map((r) => r.data)
        .filter(
          (a) =>
            a.PrincipalType === p.principalType &&
            a.PrincipalId === p.principalId &&
            (filterArn === undefined || a.ApplicationArn === filterArn),
        )
      const { page, nextToken } = paginate(body, items)
      return compact({ ApplicationAssignments: page, NextToken: nextToken })
    },
    PutApplicationAccessScope(body) {
      const scope = scopeOf(body)
      const targets = body.AuthorizedTargets
      if (targets !== undefined && !Array.isArray(targets))
        throw validationException('AuthorizedTargets must be a list')
      scopes.put(body, scope, compact({ Scope: scope, AuthorizedTargets: targets as unknown[] | undefined }))
      return {}
    },
    GetApplicationAccessScope: (body) => scopes.get(body, scopeOf(body), 'The access scope'),
    DeleteApplicationAccessScope(body) {
      scopes.remove(body, scopeOf(body), 'The access scope')
      return {}
    },
    ListApplicationAccessScopes(body) {
      const { page, nextToken } = paginate(body, scopes.list(body))
      return compact({ Scopes: page, NextToken: nextToken })
    },
    PutApplicationGrant(body) {
      const type = enumOf(body, 'GrantType', GRANT_TYPES)
      const grant = body.Grant
      if (!grant || typeof grant !== 'object') throw validationException('Grant must be set')
      grants.put(body, type, { GrantType: type, Grant: grant })
      return {}
    },
    GetApplicationGrant: (body) => ({
      Grant: grants.get(body, enumOf(body, 'GrantType', GRANT_TYPES), 'The grant').Grant,
    }),
    DeleteApplicationGrant(body) {
      grants.remove(body, enumOf(body, 'GrantType', GRANT_TYPES), 'The grant')
      return {}
    },
    ListApplicationGrants(body) {
      const { page, nextToken } = paginate(body, grants.list(body))
      return compact({ Grants: page, NextToken: nextToken })
    },
    PutApplicationAuthenticationMethod(body) {
      const type = enumOf(body, 'AuthenticationMethodType', ['IAM'])
      const method = (body.AuthenticationMethod as JsonBody | undefined)?.Iam as JsonBody | undefined
      if (!method || method.ActorPolicy === undefined)
        throw validationException('AuthenticationMethod.Iam.ActorPolicy must be set')
      methods.put(body, type, { AuthenticationMethodType: type, AuthenticationMethod: { Iam: method } })
      return {}
    },
    GetApplicationAuthenticationMethod: (body) => ({
      AuthenticationMethod: methods.get(
        body,
        enumOf(body, 'AuthenticationMethodType', ['IAM']),
        'The authentication method',
      ).AuthenticationMethod,
    }),
    DeleteApplicationAuthenticationMethod(body) {
      methods.remove(body, enumOf(body, 'AuthenticationMethodType', ['IAM']), 'The authentication method')
      return {}
    },
    ListApplicationAuthenticationMethods(body) {
      const { page, nextToken } = paginate(body, methods.list(body))
      return compact({ AuthenticationMethods: page, NextToken: nextToken })
    },
    PutApplicationAssignmentConfiguration(body) {
      if (typeof body.AssignmentRequired !== 'boolean')
        throw validationException('AssignmentRequired must be a boolean')
      config.put(body, 'assignment', { AssignmentRequired: body.AssignmentRequired })
      return {}
    },
    GetApplicationAssignmentConfiguration(body) {
      applicationOf(ctx, body)
      const saved = config.list(body).find((d) => 'AssignmentRequired' in d)
      // AWS requires assignments unless told otherwise.
      return { AssignmentRequired: saved?.AssignmentRequired ?? true }
    },
    PutApplicationSessionConfiguration(body) {
      const status =
        body.UserBackgroundSessionApplicationStatus === undefined
          ? 'DISABLED'
          : enumOf(body, 'UserBackgroundSessionApplicationStatus', ['ENABLED', 'DISABLED'])
      config.put(body, 'session', { UserBackgroundSessionApplicationStatus: status })
      return {}
    },
    GetApplicationSessionConfiguration(body) {
      applicationOf(ctx, body)
      const saved = config.list(body).find((d) => 'UserBackgroundSessionApplicationStatus' in d)
      return { UserBackgroundSessionApplicationStatus: saved?.UserBackgroundSessionApplicationStatus ?? 'DISABLED' }
    },
  }
}
