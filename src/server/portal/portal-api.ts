/**
 * The SSO portal API (rest-json, unsigned, bearer token in `x-amz-sso_bearer_token`):
 * GetRoleCredentials, ListAccounts, ListAccountRoles and Logout (wire-protocol §6).
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { ServerDeps } from '../deps.js'
import { portalError } from '../http-errors.js'
import { hashSecret } from '../domain/secrets.js'
import { findUserRole, issueRoleCredentials } from '../domain/role-credentials.js'
import type { TokenSession, User } from '../store/store.js'
import { ACCOUNT_ACCESS_SCOPE } from '../oidc/scopes.js'
import { skewedDate } from '../limits/aws-answers.js'

const UNAUTHORIZED = 'Session token not found or invalid'

/** The signed-in user and token family behind a bearer token, when it is valid now. */
export function authenticateBearer(
  deps: ServerDeps,
  token: string | undefined,
): { user: User; session: TokenSession } | undefined {
  if (!token) return undefined
  const record = deps.store.findToken(hashSecret(token))
  const now = deps.clock()
  if (!record || record.kind !== 'access' || record.revokedAt !== null || record.expiresAt <= now) return undefined
  const session = deps.store.getTokenSession(record.sessionId)
  if (!session || session.revokedAt !== null || session.expiresAt <= now) return undefined
  const user = deps.store.getUser(session.userId)
  if (!user || user.status !== 'active') return undefined
  return { user, session }
}

function page<T>(items: readonly T[], c: Context): { items: T[]; nextToken?: string } | 'invalid' {
  const maxText = c.req.query('max_result')
  const tokenText = c.req.query('next_token')
  const max = maxText === undefined ? 100 : Number(maxText)
  const start = tokenText === undefined ? 0 : Number(tokenText)
  if (!Number.isInteger(max) || max < 1 || max > 100 || !Number.isInteger(start) || start < 0) return 'invalid'
  const slice = items.slice(start, start + max)
  return start + max < items.length ? { items: slice, nextToken: String(start + max) } : { items: slice }
}

/** The portal operations by path, for the limits. */
const OPERATIONS: Readonly<Record<string, string>> = {
  '/federation/credentials': 'GetRoleCredentials',
  '/assignment/accounts': 'ListAccounts',
  '/assignment/roles': 'ListAccountRoles',
  '/logout': 'Logout',
}

/**
 * The server's limits at the portal (`limits/limits.ts`), metered per signed-in user as AWS meters
 * the portal per caller: `TooManyRequestsException` (429) when throttled, a 500, or the 401 of an
 * expired session; latency and a skewed `Date` header on whatever the operation answers.
 */
function portalLimits(deps: ServerDeps) {
  return async (c: Context, next: () => Promise<void>): Promise<Response | void> => {
    const operation = OPERATIONS[c.req.path]
    const auth = operation && deps.limits ? authenticateBearer(deps, c.req.header('x-amz-sso_bearer_token')) : undefined
    if (!operation || !deps.limits || !auth) return next()
    const decision = deps.limits.check({ service: 'sso', operation, caller: auth.user.id })
    if (decision.delayMs > 0) await deps.limits.sleep(decision.delayMs)
    const date = skewedDate(decision, deps.clock())
    let response: Response | undefined
    if (decision.failure === 'throttled')
      response = portalError(c, 429, 'TooManyRequestsException', 'Too many requests')
    else if (decision.failure === 'error') response = portalError(c, 500, 'InternalServerException', 'Internal error')
    else if (decision.failure === 'expired') response = portalError(c, 401, 'UnauthorizedException', UNAUTHORIZED)
    if (response) {
      const outcome = response.headers.get('x-amzn-ErrorType') ?? 'error'
      deps.recordRequest(operation, outcome)
      if (date) response.headers.set('Date', date)
      return response
    }
    await next()
    if (date) c.res.headers.set('Date', date)
  }
}

/** The portal sub-app. */
export function createPortalApi(deps: ServerDeps): Hono {
  const app = new Hono()
  app.use(portalLimits(deps))

  /**
   * The caller behind the bearer token, which must carry `scope` when given (accounts, roles and
   * role credentials need `sso:account:access`; any token may log out). A token without the scope
   * gets the same 401 AWS answers for an IDE's `codewhisperer:*` token.
   */
  function authed(c: Context, operation: string, scope?: string): { user: User; session: TokenSession } | Response {
    const auth = authenticateBearer(deps, c.req.header('x-amz-sso_bearer_token'))
    if (auth && (scope === undefined || auth.session.scopes.includes(scope))) return auth
    deps.recordRequest(operation, 'UnauthorizedException')
    return portalError(c, 401, 'UnauthorizedException', UNAUTHORIZED)
  }
  function bad(c: Context, operation: string, message: string): Response {
    deps.recordRequest(operation, 'InvalidRequestException')
    return portalError(c, 400, 'InvalidRequestException', message)
  }

  app.get('/federation/credentials', (c) => {
    const auth = authed(c, 'GetRoleCredentials', ACCOUNT_ACCESS_SCOPE)
    if (auth instanceof Response) return auth
    const roleName = c.req.query('role_name')
    const accountId = c.req.query('account_id')
    if (!roleName || !accountId) return bad(c, 'GetRoleCredentials', 'role_name and account_id are required')
    const permissionSet = findUserRole(deps, auth.user.id, accountId, roleName)
    if (!permissionSet) {
      deps.recordRequest('GetRoleCredentials', 'ForbiddenException')
      return portalError(c, 403, 'ForbiddenException', 'No access')
    }
    const roleCredentials = issueRoleCredentials(deps, auth.user, accountId, permissionSet)
    deps.recordRequest('GetRoleCredentials', 'success')
    return c.json({ roleCredentials })
  })

  app.get('/assignment/accounts', (c) => {
    const auth = authed(c, 'ListAccounts', ACCOUNT_ACCESS_SCOPE)
    if (auth instanceof Response) return auth
    const accounts = deps.store
      .listAccountsOfUser(auth.user.id)
      .map((a) => ({ accountId: a.id, accountName: a.name, emailAddress: a.email }))
    const result = page(accounts, c)
    if (result === 'invalid') return bad(c, 'ListAccounts', 'Invalid max_result or next_token')
    deps.recordRequest('ListAccounts', 'success')
    return c.json(
      result.nextToken ? { accountList: result.items, nextToken: result.nextToken } : { accountList: result.items },
    )
  })

  app.get('/assignment/roles', (c) => {
    const auth = authed(c, 'ListAccountRoles', ACCOUNT_ACCESS_SCOPE)
    if (auth instanceof Response) return auth
    const accountId = c.req.query('account_id')
    if (!accountId) return bad(c, 'ListAccountRoles', 'account_id is required')
    const roles = deps.store
      .listPermissionSetsOfUser(auth.user.id, accountId)
      .map((p) => ({ roleName: p.name, accountId }))
    const result = page(roles, c)
    if (result === 'invalid') return bad(c, 'ListAccountRoles', 'Invalid max_result or next_token')
    deps.recordRequest('ListAccountRoles', 'success')
    return c.json(
      result.nextToken ? { roleList: result.items, nextToken: result.nextToken } : { roleList: result.items },
    )
  })

  app.post('/logout', (c) => {
    const auth = authed(c, 'Logout')
    if (auth instanceof Response) return auth
    deps.store.revokeTokenSession(auth.session.id, deps.clock())
    deps.recordRequest('Logout', 'success')
    return c.body(null, 200)
  })

  return app
}
