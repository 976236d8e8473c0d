/**
 * A small, real IAM policy evaluator: Allow/Deny statements, Action/NotAction and
 * Resource/NotResource with `*` and `?` wildcards, a useful subset of condition operators, explicit
 * Deny winning over Allow, and deny by default (the IAM evaluation logic for one account's
 * identity-based policies). Trust policies add a `Principal` match ({@link evaluateTrustPolicy}).
 *
 * @module
 */
import {
  MANAGED_POLICIES,
  managedPolicyName,
  type PolicyDocument,
  type PolicyStatement,
} from '../domain/managed-policies.js'

export type { PolicyDocument, PolicyStatement }

/** The outcome of an evaluation. */
export type Decision = 'allow' | 'explicitDeny' | 'implicitDeny'

/** Request context keys (`aws:MultiFactorAuthPresent`, `sts:ExternalId`, …); lookups ignore case. */
export type PolicyContext = Record<string, string | undefined>

/** What is being asked. */
export interface PolicyRequest {
  /** `service:Action`, e.g. `s3:ListAllMyBuckets`. */
  action: string
  /** The resource ARN, or `*` for actions without a resource (ListAllMyBuckets). */
  resource: string
  context?: PolicyContext
}

/** A policy text that is not a valid policy document. */
export class MalformedPolicyError extends Error {
  override readonly name = 'MalformedPolicyError'
}

/** Parses and shape-checks a policy document (JSON text or an already parsed object). */
export function parsePolicy(input: string | unknown): PolicyDocument {
  let doc: unknown = input
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input)
    } catch {
      throw new MalformedPolicyError('Syntax errors in policy.')
    }
  }
  const statements = (doc as { Statement?: unknown } | null)?.Statement
  if (typeof doc !== 'object' || doc === null || statements === undefined)
    throw new MalformedPolicyError('Missing required field Statement')
  for (const s of Array.isArray(statements) ? statements : [statements]) {
    const st = s as PolicyStatement
    if (st?.Effect !== 'Allow' && st?.Effect !== 'Deny')
      throw new MalformedPolicyError('Invalid effect: must be Allow or Deny')
    if ((st.Action === undefined) === (st.NotAction === undefined))
      throw new MalformedPolicyError('Policy statement must contain exactly one of Action or NotAction')
  }
  return doc as PolicyDocument
}

/** The AWS-managed policy for a name or `arn:aws:iam::aws:policy/…` ARN, if known. */
export function managedPolicy(nameOrArn: string): PolicyDocument | undefined {
  const name = managedPolicyName(nameOrArn) ?? nameOrArn
  return MANAGED_POLICIES[name] ?? MANAGED_POLICIES[`job-function/${name}`]
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

/** Matches an IAM wildcard pattern (`*` any run, `?` one character). */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern
  const v = ignoreCase ? value.toLowerCase() : value
  if (p === '*') return true
  if (!p.includes('*') && !p.includes('?')) return p === v
  // Iterative glob match with backtracking on the last star: linear in practice, no regex building.
  let pi = 0
  let vi = 0
  let star = -1
  let mark = 0
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi++
      vi++
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++
      mark = vi
    } else if (star >= 0) {
      pi = star + 1
      vi = ++mark
    } else return false
  }
  while (pi < p.length && p[pi] === '*') pi++
  return pi === p.length
}

function contextValue(context: PolicyContext, key: string): string | undefined {
  if (key in context) return context[key]
  const lower = key.toLowerCase()
  for (const k of Object.keys(context)) if (k.toLowerCase() === lower) return context[k]
  return undefined
}

function compare(operator: string, actual: string, expected: string): boolean {
  switch (operator) {
    case 'StringEquals':
    case 'ArnEquals':
      return actual === expected
    case 'StringEqualsIgnoreCase':
      return actual.toLowerCase() === expected.toLowerCase()
    case 'StringLike':
    case 'ArnLike':
      return wildcardMatch(expected, actual)
    case 'Bool':
      return actual.toLowerCase() === expected.toLowerCase()
    case 'NumericEquals':
      return Number(actual) === Number(expected)
    case 'NumericLessThan':
      return Number(actual) < Number(expected)
    case 'NumericLessThanEquals':
      return Number(actual) <= Number(expected)
    case 'NumericGreaterThan':
      return Number(actual) > Number(expected)
    case 'NumericGreaterThanEquals':
      return Number(actual) >= Number(expected)
    default:
      return false
  }
}

const NEGATED: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
  NumericNotEquals: 'NumericEquals',
}

/** Evaluates a statement's `Condition` block: every operator and key must hold (values of one key are ORed). */
export function conditionsHold(condition: PolicyStatement['Condition'], context: PolicyContext): boolean {
  if (!condition) return true
  for (const [rawOperator, entries] of Object.entries(condition)) {
    const ifExists = rawOperator.endsWith('IfExists')
    const operator = ifExists ? rawOperator.slice(0, -'IfExists'.length) : rawOperator
    for (const [key, rawExpected] of Object.entries(entries ?? {})) {
      const expected = (Array.isArray(rawExpected) ? rawExpected : [rawExpected]).map(String)
      const actual = contextValue(context, key)
      if (operator === 'Null') {
        if (!expected.some((e) => (e.toLowerCase() === 'true') === (actual === undefined))) return false
        continue
      }
      if (actual === undefined) {
        if (ifExists) continue
        // IAM: a missing key makes a negated operator true and every other operator false.
        if (operator in NEGATED) continue
        return false
      }
      const positive = NEGATED[operator]
      const holds = positive
        ? !expected.some((e) => compare(positive, actual, e))
        : expected.some((e) => compare(operator, actual, e))
      if (!holds) return false
    }
  }
  return true
}

function statementApplies(s: PolicyStatement, request: PolicyRequest): boolean {
  const actionMatch =
    s.Action !== undefined
      ? list(s.Action).some((a) => wildcardMatch(a, request.action, true))
      : !list(s.NotAction).some((a) => wildcardMatch(a, request.action, true))
  if (!actionMatch) return false
  const resourceMatch =
    s.NotResource !== undefined
      ? !list(s.NotResource).some((r) => wildcardMatch(r, request.resource))
      : s.Resource === undefined || list(s.Resource).some((r) => wildcardMatch(r, request.resource))
  if (!resourceMatch) return false
  return conditionsHold(s.Condition, request.context ?? {})
}

/** Evaluates identity policies: an explicit Deny wins, then any Allow, else the implicit deny. */
export function evaluatePolicies(documents: readonly PolicyDocument[], request: PolicyRequest): Decision {
  let allowed = false
  for (const doc of documents) {
    for (const s of list(doc.Statement as never) as unknown as PolicyStatement[]) {
      if (!statementApplies(s, request)) continue
      if (s.Effect === 'Deny') return 'explicitDeny'
      allowed = true
    }
  }
  return allowed ? 'allow' : 'implicitDeny'
}

/** Who is calling, for a trust policy's `Principal`. */
export interface TrustCaller {
  /** The caller's ARN in IAM form (`arn:aws:iam::<acct>:user/x`, `arn:aws:sts::<acct>:assumed-role/R/s`, …). */
  arn: string
  accountId: string
  /** The role ARN behind an assumed-role session, which trust policies may name instead. */
  roleArn?: string
}

function principalMatches(principal: unknown, caller: TrustCaller): boolean {
  if (principal === '*') return true
  const aws = (principal as { AWS?: string | string[] } | null)?.AWS
  for (const entry of list(aws)) {
    if (entry === '*' || entry === caller.accountId || entry === `arn:aws:iam::${caller.accountId}:root`) return true
    if (entry === caller.arn || (caller.roleArn !== undefined && entry === caller.roleArn)) return true
  }
  return false
}

/** Evaluates a role's trust policy for `sts:AssumeRole` by `caller` with the request context. */
export function evaluateTrustPolicy(
  document: PolicyDocument,
  caller: TrustCaller,
  context: PolicyContext,
  action = 'sts:AssumeRole',
): Decision {
  let allowed = false
  for (const s of list(document.Statement as never) as unknown as PolicyStatement[]) {
    if (!principalMatches(s.Principal, caller)) continue
    if (!statementApplies({ ...s, Resource: undefined, NotResource: undefined }, { action, resource: '*', context }))
      continue
    if (s.Effect === 'Deny') return 'explicitDeny'
    allowed = true
  }
  return allowed ? 'allow' : 'implicitDeny'
}
