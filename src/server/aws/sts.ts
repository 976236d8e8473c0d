/**
 * STS in the awsQuery protocol (wire-protocol §7): form-encoded `Action=` requests in, XML out with
 * the `https://sts.amazonaws.com/doc/2011-06-15/` namespace and the mandatory `<{Op}Result>`
 * wrapper; errors as `<ErrorResponse>`. GetCallerIdentity, AssumeRole (trust policy, ExternalId,
 * MFA, DurationSeconds, role chaining) and GetSessionToken.
 *
 * @module
 */
import { randomToken, randomUpperAlnum } from '../ids.js'
import { verifyTotp } from '../domain/secrets.js'
import type { CredentialPrincipal } from '../store/store.js'
import { identityAllows, type Caller } from './callers.js'
import type { AwsContext } from './context.js'
import { AwsError } from './errors.js'
import {
  evaluateTrustPolicy,
  MalformedPolicyError,
  managedPolicy,
  parsePolicy,
  type PolicyContext,
  type PolicyDocument,
} from './policy.js'
import { element, escapeXml, isoSeconds } from './xml.js'

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/'
const NAME_PATTERN = /^[\w+=,.@-]*$/
/** Role chaining caps sessions at one hour (IAM docs, "Role chaining"). */
const CHAINED_MAX_SECONDS = 3600

/** The XML body of a successful STS response. */
export function formatStsResponse(operation: string, result: string, requestId: string): string {
  return `<${operation}Response xmlns="${STS_NS}">\n  <${operation}Result>\n${result}  </${operation}Result>\n  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${operation}Response>\n`
}

/** The XML body of an STS error (§7.4). */
export function formatStsError(error: AwsError, requestId: string): string {
  const type = error.status >= 500 ? 'Receiver' : 'Sender'
  return `<ErrorResponse xmlns="${STS_NS}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${escapeXml(error.code)}</Code>\n    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`
}

function validation(field: string, value: string, constraint: string): AwsError {
  return new AwsError(
    'ValidationError',
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ${constraint}`,
    400,
  )
}

function accessDenied(message: string): AwsError {
  return new AwsError('AccessDenied', message, 403)
}

const MFA_FAILED = 'MultiFactorAuthentication failed with invalid MFA one time pass code. '

function durationParam(params: URLSearchParams, fallback: number, max: number): number {
  const raw = params.get('DurationSeconds')
  if (raw === null || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value)) throw validation('durationSeconds', raw, 'Member must be an integer')
  if (value < 900) throw validation('durationSeconds', raw, 'Member must have value greater than or equal to 900')
  if (value > max) throw validation('durationSeconds', raw, `Member must have value less than or equal to ${max}`)
  return value
}

function nameParam(params: URLSearchParams, name: string, field: string, required: boolean): string | undefined {
  const value = params.get(name)
  if (value === null || value === '') {
    if (required) throw validation(field, 'null', 'Member must not be null')
    return undefined
  }
  if (value.length < 2 || value.length > 64) throw validation(field, value, 'Member must have length between 2 and 64')
  if (!NAME_PATTERN.test(value))
    throw validation(field, value, 'Member must satisfy regular expression pattern: [\\w+=,.@-]*')
  return value
}

/**
 * Verifies `SerialNumber` + `TokenCode` against the caller's MFA device; the time step is recorded
 * so a code works once. Returns whether MFA was presented (and valid).
 */
function checkMfa(ctx: AwsContext, caller: Caller, params: URLSearchParams): boolean {
  const serial = params.get('SerialNumber')
  const code = params.get('TokenCode')
  if (!serial && !code) return false
  if (serial && (serial.length < 9 || serial.length > 256))
    throw validation('serialNumber', serial, 'Member must have length between 9 and 256')
  if (code && !/^\d{6}$/.test(code))
    throw validation('tokenCode', code, 'Member must have length 6 and satisfy regular expression pattern: [\\d]*')
  if (!serial || !code) throw accessDenied(MFA_FAILED)
  const device = ctx.deps.store.findMfaDevice(serial)
  if (
    !device ||
    caller.iamUserName === undefined ||
    device.accountId !== caller.accountId ||
    device.userName !== caller.iamUserName
  ) {
    throw accessDenied(MFA_FAILED)
  }
  const step = verifyTotp(device.totpSecret, code, ctx.deps.clock())
  if (step === undefined || !ctx.deps.store.consumeMfaStep(serial, step)) throw accessDenied(MFA_FAILED)
  return true
}

interface NewCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiresAt: number
}

function issue(ctx: AwsContext, seconds: number, principal: CredentialPrincipal): NewCredentials {
  const now = ctx.deps.clock()
  const creds = {
    accessKeyId: `ASIA${randomUpperAlnum(ctx.deps.ids, 16)}`,
    secretAccessKey: ctx.deps.ids.bytes(30).toString('base64').slice(0, 40),
    sessionToken: `IQoJb3JpZ2luX2VjE${randomToken(ctx.deps.ids, 96)}`,
    expiresAt: now + seconds * 1000,
  }
  ctx.deps.store.recordIssuedCredentials({ ...creds, principal, createdAt: now })
  return creds
}

function credentialsXml(c: NewCredentials): string {
  return (
    `    <Credentials>\n      ${element('AccessKeyId', c.accessKeyId)}\n      ${element('SecretAccessKey', c.secretAccessKey)}\n` +
    `      ${element('SessionToken', c.sessionToken)}\n      ${element('Expiration', isoSeconds(c.expiresAt))}\n    </Credentials>\n`
  )
}

/** GetCallerIdentity: who signed the request. */
export function getCallerIdentity(caller: Caller): string {
  return `    ${element('Arn', caller.arn)}\n    ${element('UserId', caller.userId)}\n    ${element('Account', caller.accountId)}\n`
}

function principalContext(caller: Caller): PolicyContext {
  return {
    'aws:PrincipalArn': caller.roleArn ?? caller.arn,
    'aws:PrincipalAccount': caller.accountId,
    'aws:userid': caller.userId,
    ...(caller.iamUserName ? { 'aws:username': caller.iamUserName } : {}),
  }
}

/** AssumeRole: trust policy + identity policy, ExternalId, MFA, duration limits and chaining. */
export function assumeRole(ctx: AwsContext, caller: Caller, params: URLSearchParams): string {
  const roleArn = params.get('RoleArn')
  if (!roleArn) throw validation('roleArn', 'null', 'Member must not be null')
  if (roleArn.length < 20 || roleArn.length > 2048)
    throw validation('roleArn', roleArn, 'Member must have length between 20 and 2048')
  const sessionName = nameParam(params, 'RoleSessionName', 'roleSessionName', true) as string
  const sourceIdentity = nameParam(params, 'SourceIdentity', 'sourceIdentity', false)
  const externalId = params.get('ExternalId') ?? undefined
  if (externalId !== undefined && (externalId.length < 2 || externalId.length > 1224)) {
    throw validation('externalId', externalId, 'Member must have length between 2 and 1224')
  }
  const chained = caller.kind === 'sso_role' || caller.kind === 'assumed_role'
  const requested = durationParam(params, 3600, 43200)
  const policy = params.get('Policy')
  // Session policies narrow the session: it may do only what both the role's policies and these allow.
  const sessionPolicies: PolicyDocument[] = []
  if (policy) {
    try {
      sessionPolicies.push(parsePolicy(policy))
    } catch (error) {
      if (error instanceof MalformedPolicyError) throw new AwsError('MalformedPolicyDocument', error.message, 400)
      throw error
    }
  }
  for (let i = 1; params.has(`PolicyArns.member.${i}.arn`); i++) {
    // Only AWS-managed policies exist here; any other ARN grants nothing.
    sessionPolicies.push(
      managedPolicy(params.get(`PolicyArns.member.${i}.arn`) as string) ?? { Version: '2012-10-17', Statement: [] },
    )
  }

  // AWS: "You cannot use AWS account root user credentials to call AssumeRole" (in any account).
  if (caller.kind === 'root') throw accessDenied('Roles may not be assumed by root accounts.')
  const notAuthorized = accessDenied(
    `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  )
  const role = ctx.deps.store.getRole(roleArn)
  if (!role) throw notAuthorized
  if (params.has('DurationSeconds')) {
    if (chained && requested > CHAINED_MAX_SECONDS) {
      throw validation(
        'durationSeconds',
        String(requested),
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      )
    }
    if (requested > role.maxSessionDurationSeconds) {
      throw validation(
        'durationSeconds',
        String(requested),
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      )
    }
  }
  const context: PolicyContext = { ...principalContext(caller), 'sts:RoleSessionName': sessionName }
  if (externalId !== undefined) context['sts:ExternalId'] = externalId
  if (sourceIdentity !== undefined) context['sts:SourceIdentity'] = sourceIdentity
  // The caller's own policies must allow the call (the identity half, checked before an MFA code is
  // spent); the role's trust policy below is the resource half, which AssumeRole always needs and
  // which alone lets a principal of another account in (AWS's cross-account rule).
  if (caller.kind !== 'admin' && !identityAllows(caller, { action: 'sts:AssumeRole', resource: roleArn, context })) {
    throw notAuthorized
  }
  const mfa = checkMfa(ctx, caller, params) || caller.mfaAuthenticated === true
  if (mfa) {
    context['aws:MultiFactorAuthPresent'] = 'true'
    context['aws:MultiFactorAuthAge'] = '0'
  } else if (caller.mfaAuthenticated !== undefined) context['aws:MultiFactorAuthPresent'] = 'false'
  let trust
  try {
    trust = parsePolicy(role.trustPolicy)
  } catch {
    throw notAuthorized
  }
  const trustCaller = {
    arn: caller.arn,
    accountId: caller.accountId,
    ...(caller.roleArn ? { roleArn: caller.roleArn } : {}),
  }
  if (evaluateTrustPolicy(trust, trustCaller, context) !== 'allow') throw notAuthorized

  const seconds = chained ? Math.min(requested, CHAINED_MAX_SECONDS) : requested
  const creds = issue(ctx, seconds, {
    type: 'assumed_role',
    accountId: role.accountId,
    roleArn: role.arn,
    sessionName,
    sourceAccessKeyId: caller.accessKeyId,
    sourceIdentity: sourceIdentity ?? null,
    mfaAuthenticated: mfa,
    sessionPolicies: sessionPolicies.length > 0 ? JSON.stringify(sessionPolicies) : null,
  })
  const packed =
    policy || params.has('PolicyArns.member.1.arn') || params.has('Tags.member.1.Key')
      ? '    <PackedPolicySize>6</PackedPolicySize>\n'
      : ''
  return (
    credentialsXml(creds) +
    `    <AssumedRoleUser>\n      ${element('AssumedRoleId', `${role.roleId}:${sessionName}`)}\n` +
    `      ${element('Arn', `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`)}\n    </AssumedRoleUser>\n` +
    packed +
    (sourceIdentity ? `    ${element('SourceIdentity', sourceIdentity)}\n` : '')
  )
}

/** GetSessionToken: IAM-user long-term keys only; MFA optional. */
export function getSessionToken(ctx: AwsContext, caller: Caller, params: URLSearchParams): string {
  const seconds = durationParam(params, 43200, 129600)
  if (caller.kind !== 'iam_user' || caller.iamUserName === undefined)
    throw accessDenied('Cannot call GetSessionToken with session credentials')
  const mfa = checkMfa(ctx, caller, params)
  const creds = issue(ctx, seconds, {
    type: 'iam_user_session',
    accountId: caller.accountId,
    iamUserName: caller.iamUserName,
    mfaAuthenticated: mfa,
  })
  return credentialsXml(creds)
}
