/**
 * The SigV4-signed AWS APIs on one port (wire-protocol §9 dispatch): `POST /` with `X-Amz-Target`
 * goes to the awsJson admin APIs (sso-admin, identitystore, organizations), `POST /` with a form
 * `Action=` to STS, and `GET /` to S3 ListBuckets (or to STS when the query carries `Action=`).
 * Every request is SigV4-verified for the signing name its protocol implies; errors use each
 * protocol's own format.
 *
 * The handler works on raw requests, not on a framework's: SigV4 needs the request target and
 * header list exactly as they arrived, and the server's listener (`node-listener.ts`) hands these
 * requests to it straight from node:http, the hot path of every AWS call. {@link createAwsApi}
 * wraps the same handler as a Hono sub-app for `app.request()`.
 *
 * @module
 */
import { Hono } from 'hono'
import type { ServerDeps } from '../deps.js'
import { escapeLogText } from '../request-log.js'
import { StoreLimitError } from '../store/limits.js'
import { callerAllows, createCallerResolver, type Caller } from './callers.js'
import { createRequestIds, newRequestId, type AwsContext } from './context.js'
import { AwsError, sigV4Failure, storeLimitFailure, type AwsProtocol } from './errors.js'
import { createIdentityStoreOperations } from './identitystore/index.js'
import type { JsonBody, JsonOperation } from './json-api.js'
import { createOrganizationsOperations } from './organizations.js'
import { fromHonoContext, splitTarget, toSigV4Request, type AwsHttpRequest, type AwsHttpResponse } from './request.js'
import { formatS3Error, listBuckets, parseListBucketsQuery } from './s3.js'
import { createScimTokenOperations } from './scim-tokens.js'
import { createSigV4Verifier, SigV4Error } from './sigv4.js'
import { createSsoAdminOperations } from './sso-admin/index.js'
import { awsLimitError, skewedDate } from '../limits/aws-answers.js'
import type { LimitDecision } from '../limits/limits.js'
import { assumeRole, formatStsError, formatStsResponse, getCallerIdentity, getSessionToken } from './sts.js'

const STS_OPERATIONS = new Set(['GetCallerIdentity', 'AssumeRole', 'GetSessionToken'])

interface JsonService {
  /** SigV4 signing name. */
  signingName: string
  /** IAM action prefix for authorisation. */
  actionPrefix: string
  operations: Record<string, JsonOperation>
  /**
   * Operations any account of the organisation may call; every other one acts on the Identity
   * Center instance or the organisation, which the management account owns.
   */
  memberOperations?: ReadonlySet<string>
}

function verify(ctx: AwsContext, request: AwsHttpRequest, service: string, protocol: AwsProtocol): Caller {
  try {
    return ctx.verifier.verify(toSigV4Request(request), service).credential
  } catch (error) {
    if (error instanceof SigV4Error) throw sigV4Failure(error, protocol)
    throw error
  }
}

function internal(error: unknown, ctx: AwsContext, protocol: AwsProtocol): AwsError {
  if (error instanceof StoreLimitError) return storeLimitFailure(error, protocol)
  // Escaped: a message can quote values from the request.
  ctx.deps.logger.warn(
    `AWS API internal error: ${escapeLogText(error instanceof Error ? error.message : String(error))}`,
  )
  if (protocol === 'json') return new AwsError('InternalServerException', 'An internal error occurred', 500)
  return new AwsError(
    protocol === 'restXml' ? 'InternalError' : 'InternalFailure',
    'We encountered an internal error. Please try again.',
    500,
  )
}

/**
 * The server's limits for one call (throttling and injected faults, `limits/limits.ts`): throws the
 * protocol's error when the call must fail, else returns the latency and clock skew to apply.
 */
function checkLimits(
  ctx: AwsContext,
  protocol: AwsProtocol,
  call: { service?: string; operation: string; caller: Caller },
): LimitDecision | undefined {
  const decision = ctx.deps.limits?.check({ ...call, caller: call.caller.accessKeyId })
  if (decision?.failure) {
    const error = awsLimitError(decision.failure, protocol, call.service)
    throw Object.assign(error, { decision })
  }
  return decision
}

/** Applies a decision's latency and `Date` skew to a response (also to the error it caused). */
function shaped(ctx: AwsContext, response: AwsHttpResponse, decision: LimitDecision | undefined): AwsHttpResponse {
  if (!decision) return response
  const date = skewedDate(decision, ctx.deps.clock())
  if (date) response.headers.Date = date
  if (decision.delayMs > 0) response.delayMs = decision.delayMs
  return response
}

/** The decision a limit error carries. */
function decisionOf(caught: unknown): LimitDecision | undefined {
  return (caught as { decision?: LimitDecision } | undefined)?.decision
}

/** The service name of the `service:*` limit rules (`sso-admin`, `identitystore`, `organizations`). */
function limitServiceName(service: JsonService): string {
  return service.actionPrefix === 'sso' ? 'sso-admin' : service.actionPrefix
}

function queryOf(target: string): URLSearchParams {
  return new URLSearchParams(splitTarget(target).query)
}

/** Answers signed AWS API requests (`POST /` and `GET /`); synchronous, like the store. */
export interface AwsHandler {
  handle(request: AwsHttpRequest): AwsHttpResponse
}

/** The AWS APIs' request handler; one per server, shared by the listener and the Hono sub-app. */
export function createAwsHandler(deps: ServerDeps): AwsHandler {
  const callers = createCallerResolver(deps.store, { clock: deps.clock })
  const ctx: AwsContext = {
    deps,
    callers,
    verifier: createSigV4Verifier<Caller>({ lookup: callers.lookup, clock: deps.clock }),
    requestId: createRequestIds(deps.ids),
  }
  const jsonServices: Record<string, JsonService> = {
    SWBExternalService: { signingName: 'sso', actionPrefix: 'sso', operations: createSsoAdminOperations(ctx) },
    AWSIdentityStore: {
      signingName: 'identitystore',
      actionPrefix: 'identitystore',
      operations: createIdentityStoreOperations(ctx),
    },
    // idc's own: SCIM access tokens, which AWS creates only in its console.
    IdcScim: { signingName: 'sso', actionPrefix: 'sso', operations: createScimTokenOperations(ctx) },
    AWSOrganizationsV20161128: {
      signingName: 'organizations',
      actionPrefix: 'organizations',
      operations: createOrganizationsOperations(ctx),
      // AWS Organizations: "This operation can be called from any account in the organization."
      memberOperations: new Set(['DescribeOrganization']),
    },
  }

  function sts(request: AwsHttpRequest, params: URLSearchParams): AwsHttpResponse {
    const requestId = newRequestId(ctx)
    const action = params.get('Action') ?? ''
    const operation = STS_OPERATIONS.has(action) ? action : 'UnknownOperation'
    const headers: Record<string, string> = { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId }
    let decision: LimitDecision | undefined
    try {
      const caller = verify(ctx, request, 'sts', 'query')
      decision = checkLimits(ctx, 'query', { service: 'sts', operation, caller })
      let result: string
      if (action === 'GetCallerIdentity') result = getCallerIdentity(caller)
      else if (action === 'AssumeRole') result = assumeRole(ctx, caller, params)
      else if (action === 'GetSessionToken') result = getSessionToken(ctx, caller, params)
      else
        throw new AwsError(
          'InvalidAction',
          `Could not find operation ${action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`,
          400,
        )
      deps.recordRequest(operation, 'success')
      return shaped(ctx, { status: 200, headers, body: formatStsResponse(action, result, requestId) }, decision)
    } catch (caught) {
      const error = caught instanceof AwsError ? caught : internal(caught, ctx, 'query')
      deps.recordRequest(operation, error.code)
      const response = { status: error.status, headers, body: formatStsError(error, requestId) }
      return shaped(ctx, response, decision ?? decisionOf(caught))
    }
  }

  function s3(request: AwsHttpRequest): AwsHttpResponse {
    const requestId = ctx.requestId().replaceAll('-', '').slice(0, 16).toUpperCase()
    const hostId = Buffer.from(`${ctx.requestId()}${ctx.requestId()}`).toString('base64')
    const headers: Record<string, string> = {
      'Content-Type': 'application/xml',
      'x-amz-request-id': requestId,
      'x-amz-id-2': hostId,
    }
    let decision: LimitDecision | undefined
    try {
      const caller = verify(ctx, request, 's3', 'restXml')
      decision = checkLimits(ctx, 'restXml', { service: 's3', operation: 'ListBuckets', caller })
      const query = parseListBucketsQuery(queryOf(request.target))
      const xml = listBuckets(ctx, caller, query)
      deps.recordRequest('ListBuckets', 'success')
      return shaped(ctx, { status: 200, headers, body: xml }, decision)
    } catch (caught) {
      const error = caught instanceof AwsError ? caught : internal(caught, ctx, 'restXml')
      deps.recordRequest('ListBuckets', error.code)
      const response = { status: error.status, headers, body: formatS3Error(error, requestId, hostId) }
      return shaped(ctx, response, decision ?? decisionOf(caught))
    }
  }

  function json(request: AwsHttpRequest, target: string): AwsHttpResponse {
    const requestId = newRequestId(ctx)
    const body = request.body
    const dot = target.indexOf('.')
    const service = jsonServices[target.slice(0, dot)]
    const name = target.slice(dot + 1)
    const handler = dot > 0 && service && Object.hasOwn(service.operations, name) ? service.operations[name] : undefined
    const operation = handler ? name : 'UnknownOperation'
    let decision: LimitDecision | undefined
    try {
      if (!service || !handler) throw new AwsError('UnknownOperationException', `Unknown operation ${target}`, 400)
      const caller = verify(ctx, request, service.signingName, 'json')
      if (caller.kind !== 'admin') {
        const action = `${service.actionPrefix}:${name}`
        // The instance and the organisation are the management account's: its principals' policies
        // decide, and a member account's principals are refused whatever theirs say (AWS would
        // also admit a delegated administrator account, which idc does not model).
        const owner = service.memberOperations?.has(name) ? undefined : callers.adminAccountId()
        if (!callerAllows(caller, { action, resource: '*' }, owner)) {
          throw new AwsError(
            'AccessDeniedException',
            `User: ${caller.arn} is not authorized to perform: ${action}`,
            400,
          )
        }
      }
      decision = checkLimits(ctx, 'json', { service: limitServiceName(service), operation, caller })
      let input: JsonBody
      try {
        input = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as JsonBody)
      } catch {
        throw new AwsError('SerializationException', 'Start of structure or map found where not expected.', 400)
      }
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        throw new AwsError('SerializationException', 'The request body must be a JSON object.', 400)
      const output = handler(input)
      deps.recordRequest(operation, 'success')
      const headers: Record<string, string> = {
        'Content-Type': 'application/x-amz-json-1.1',
        'x-amzn-RequestId': requestId,
      }
      return shaped(ctx, { status: 200, headers, body: JSON.stringify(output) }, decision)
    } catch (caught) {
      const error = caught instanceof AwsError ? caught : internal(caught, ctx, 'json')
      deps.recordRequest(operation, error.code)
      // botocore reads `__type` from the body for awsJson, JS the header first: send both (§2.2).
      const response = {
        status: error.status,
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'x-amzn-RequestId': requestId,
          'x-amzn-ErrorType': error.code,
        } as Record<string, string>,
        body: JSON.stringify({ __type: error.code, Message: error.message, ...error.extra }),
      }
      return shaped(ctx, response, decision ?? decisionOf(caught))
    }
  }

  return {
    handle(request) {
      if (request.method === 'POST') {
        const target = request.header('x-amz-target')
        if (target) return json(request, target)
        let params = new URLSearchParams(request.body.toString('utf8'))
        if (!params.has('Action')) params = queryOf(request.target)
        return sts(request, params)
      }
      if (request.target.includes('Action=')) {
        const params = queryOf(request.target)
        if (params.has('Action')) return sts(request, params)
      }
      return s3(request)
    },
  }
}

/** The AWS APIs as a Hono sub-app (for `app.request()`); mounted last by `createApp`. */
export function createAwsApi(deps: ServerDeps, aws: AwsHandler = createAwsHandler(deps)): Hono {
  const app = new Hono()
  app.on(['POST', 'GET'], '/', async (c) => {
    // The body as received (empty for a GET): the signature covers exactly these bytes.
    const body = Buffer.from(await c.req.arrayBuffer())
    const response = aws.handle(fromHonoContext(c, body))
    if (response.delayMs && deps.limits) await deps.limits.sleep(response.delayMs)
    return c.body(response.body, response.status as 200, response.headers)
  })
  return app
}
