/**
 * Request limits and injected faults of the local Identity Center, applied at each API's operation
 * dispatch (`aws/index.ts`, `portal/portal-api.ts`).
 *
 * Throttling is a token bucket per operation and caller, as AWS meters its APIs: a bucket holds up
 * to `burst` tokens, refills at `rate` a second, and a call that finds it empty is answered with the
 * protocol's throttling error. Faults make a tool's error handling testable: a fraction of calls
 * fail with a 5xx, answer as if the session had expired, wait before answering, or carry a `Date`
 * header off by some seconds. Time and randomness are the server's (`deps.clock`, `deps.ids`), so
 * tests decide both. The numbers and their sources are in docs/server.md.
 *
 * @module
 */
import type { Ids } from '../ids.js'

/** A token bucket: `rate` calls a second sustained, `burst` at once. */
export interface RateRule {
  rate: number
  burst: number
}

/** Faults to inject into one operation's answers. */
export interface FaultRule {
  /** Fraction (0-1) of calls answered with a 5xx internal error. */
  errorRate?: number
  /** Fraction (0-1) of calls answered as if the session or credentials had expired. */
  expiredRate?: number
  /** Milliseconds to wait before every answer. */
  latencyMs?: number
  /** Seconds added to the response's `Date` header (negative: behind). */
  clockSkewSeconds?: number
}

/** What to limit: rate rules and faults by operation name (`*` for every other operation). */
export interface LimitsConfig {
  /** Rate rules; `false` turns throttling off. */
  throttle: Record<string, RateRule> | false
  faults: Record<string, FaultRule>
}

/**
 * The defaults, on unless `--no-throttle`: IAM Identity Center's documented 20 TPS for its APIs,
 * applied per caller to each portal and admin operation (docs/server.md says where each comes from).
 * STS, S3 and the OIDC APIs are not throttled by default.
 */
export const DEFAULT_THROTTLE: Readonly<Record<string, RateRule>> = {
  ListAccounts: { rate: 20, burst: 20 },
  ListAccountRoles: { rate: 20, burst: 20 },
  GetRoleCredentials: { rate: 20, burst: 20 },
  'sso-admin:*': { rate: 20, burst: 20 },
  'identitystore:*': { rate: 20, burst: 20 },
  'organizations:*': { rate: 20, burst: 20 },
}

/** The outcome for one call. */
export interface LimitDecision {
  /** How the call must fail, if it must. */
  failure?: 'throttled' | 'error' | 'expired'
  /** Milliseconds to wait before answering. */
  delayMs: number
  /** Milliseconds to add to the `Date` header; 0 for none. */
  skewMs: number
}

/** The limits of one running server. */
export interface Limits {
  /** Decides how a call of `operation` (in `service`, for the `service:*` rules) by `caller` is answered. */
  check(call: { service?: string; operation: string; caller: string }): LimitDecision
  /** Waits `ms` (the server's timer; a test's returns at once). */
  sleep(ms: number): Promise<void>
  /** The clock, for `Date` headers. */
  clock(): number
}

/** Buckets kept at most; beyond that the oldest is forgotten (it refills to full anyway). */
const MAX_BUCKETS = 10_000

/** Builds the limiter over a config, the server's clock, random source and timer. */
export function createLimits(
  config: LimitsConfig,
  deps: { clock: () => number; ids: Ids; sleep: (ms: number) => Promise<void> },
): Limits {
  const buckets = new Map<string, { tokens: number; at: number }>()
  const random = () => deps.ids.bytes(4).readUInt32BE(0) / 0x1_0000_0000

  function take(key: string, rule: RateRule): boolean {
    const now = deps.clock()
    const bucket = buckets.get(key) ?? { tokens: rule.burst, at: now }
    bucket.tokens = Math.min(rule.burst, bucket.tokens + ((now - bucket.at) / 1000) * rule.rate)
    bucket.at = now
    const allowed = bucket.tokens >= 1
    if (allowed) bucket.tokens -= 1
    buckets.delete(key)
    buckets.set(key, bucket)
    if (buckets.size > MAX_BUCKETS) buckets.delete(buckets.keys().next().value!)
    return allowed
  }

  function ruleFor<T>(rules: Record<string, T>, service: string | undefined, operation: string): [string, T] | [] {
    for (const name of [operation, ...(service ? [`${service}:*`] : []), '*']) {
      const rule = Object.hasOwn(rules, name) ? rules[name] : undefined
      if (rule) return [name, rule]
    }
    return []
  }

  return {
    clock: deps.clock,
    sleep: deps.sleep,
    check({ service, operation, caller }) {
      const decision: LimitDecision = { delayMs: 0, skewMs: 0 }
      const [, fault] = ruleFor(config.faults, service, operation)
      if (fault) {
        decision.delayMs = fault.latencyMs ?? 0
        decision.skewMs = (fault.clockSkewSeconds ?? 0) * 1000
      }
      if (config.throttle) {
        // A service's rule (`sso-admin:*`) meters all its operations in one bucket, as AWS's
        // "collective" limits do; any other rule gives each operation its own.
        const [name, rule] = ruleFor(config.throttle, service, operation)
        const bucket = name?.endsWith(':*') ? name : operation
        if (rule && !take(`${bucket}\0${caller}`, rule)) return { ...decision, failure: 'throttled' }
      }
      if (fault?.errorRate && random() < fault.errorRate) return { ...decision, failure: 'error' }
      if (fault?.expiredRate && random() < fault.expiredRate) return { ...decision, failure: 'expired' }
      return decision
    },
  }
}

/** An invalid `--throttle` or `--fault` value. */
export class LimitSpecError extends Error {
  override readonly name = 'LimitSpecError'
}

const OPERATION = /^(\*|[A-Za-z][\w-]*(:\*)?)$/

function splitSpec(flag: string, spec: string): [string, string] {
  const eq = spec.indexOf('=')
  const operation = spec.slice(0, eq)
  if (eq < 1 || !OPERATION.test(operation))
    throw new LimitSpecError(`${flag} ${spec}: expected OPERATION=VALUE, e.g. ListAccountRoles=20/20`)
  return [operation, spec.slice(eq + 1)]
}

function number(flag: string, spec: string, text: string, min: number, max: number): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max)
    throw new LimitSpecError(`${flag} ${spec}: ${JSON.stringify(text)} must be a number from ${min} to ${max}`)
  return value
}

/** Parses `--throttle OPERATION=RATE[/BURST]` (burst defaults to the rate, at least 1). */
export function parseThrottleSpec(spec: string): [string, RateRule] {
  const [operation, value] = splitSpec('--throttle', spec)
  const [rateText = '', burstText, extra] = value.split('/')
  if (extra !== undefined) throw new LimitSpecError(`--throttle ${spec}: expected RATE or RATE/BURST`)
  const rate = number('--throttle', spec, rateText, 0.001, 1e6)
  const burst = burstText === undefined ? Math.max(1, rate) : number('--throttle', spec, burstText, 1, 1e6)
  return [operation, { rate, burst }]
}

/** Parses `--fault OPERATION=5xx:0.1,expired:0.05,latency:200,skew:-300`. */
export function parseFaultSpec(spec: string): [string, FaultRule] {
  const [operation, value] = splitSpec('--fault', spec)
  const rule: FaultRule = {}
  for (const part of value.split(',')) {
    const [kind, amount = '', extra] = part.split(':')
    if (extra !== undefined || amount === '')
      throw new LimitSpecError(`--fault ${spec}: expected KIND:VALUE items (5xx, expired, latency, skew)`)
    if (kind === '5xx') rule.errorRate = number('--fault', spec, amount, 0, 1)
    else if (kind === 'expired') rule.expiredRate = number('--fault', spec, amount, 0, 1)
    else if (kind === 'latency') rule.latencyMs = number('--fault', spec, amount, 0, 60_000)
    else if (kind === 'skew') rule.clockSkewSeconds = number('--fault', spec, amount, -86_400, 86_400)
    else
      throw new LimitSpecError(`--fault ${spec}: unknown fault ${JSON.stringify(kind)} (5xx, expired, latency, skew)`)
  }
  return [operation, rule]
}

/** What the command line and the org file say about limits. */
export interface LimitsSources {
  /** `--no-throttle`. */
  noThrottle?: boolean
  /** `--throttle` values. */
  throttle?: readonly string[]
  /** `--fault` values. */
  faults?: readonly string[]
  /** The org file's `limits` section. */
  org?:
    | { throttle?: Record<string, { rate: number; burst?: number }> | false; faults?: Record<string, FaultRule> }
    | undefined
}

/**
 * The effective config: the defaults, then the org file, then the flags (later wins per
 * operation); `--no-throttle` (or `throttle: false` in the org file) turns throttling off.
 */
export function resolveLimitsConfig(sources: LimitsSources): LimitsConfig {
  const faults: Record<string, FaultRule> = { ...sources.org?.faults }
  for (const spec of sources.faults ?? []) {
    const [operation, rule] = parseFaultSpec(spec)
    faults[operation] = { ...faults[operation], ...rule }
  }
  if (sources.noThrottle || sources.org?.throttle === false) return { throttle: false, faults }
  const throttle: Record<string, RateRule> = { ...DEFAULT_THROTTLE }
  for (const [operation, rule] of Object.entries(sources.org?.throttle || {}))
    throttle[operation] = { rate: rule.rate, burst: rule.burst ?? Math.max(1, rule.rate) }
  for (const spec of sources.throttle ?? []) {
    const [operation, rule] = parseThrottleSpec(spec)
    throttle[operation] = rule
  }
  return { throttle, faults }
}

const FAULT_FIELDS: Readonly<Record<keyof FaultRule, [min: number, max: number]>> = {
  errorRate: [0, 1],
  expiredRate: [0, 1],
  latencyMs: [0, 60_000],
  clockSkewSeconds: [-86_400, 86_400],
}

/** Checks an org file's `limits` section; returns the first problem with its path, if any. */
export function checkOrgLimits(value: unknown): { path: string[]; message: string } | undefined {
  const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)
  const inRange = (v: unknown, [min, max]: [number, number]) => typeof v === 'number' && v >= min && v <= max
  if (!isMap(value)) return { path: [], message: 'must be a mapping' }
  for (const key of Object.keys(value))
    if (key !== 'throttle' && key !== 'faults')
      return { path: [key], message: 'unknown field (expected throttle, faults)' }
  const { throttle, faults } = value
  if (throttle !== undefined && throttle !== false) {
    if (!isMap(throttle)) return { path: ['throttle'], message: 'must be false or map operations to {rate, burst}' }
    for (const [op, rule] of Object.entries(throttle)) {
      if (!OPERATION.test(op)) return { path: ['throttle', op], message: 'must be an operation name, service:* or *' }
      if (
        !isMap(rule) ||
        !inRange(rule.rate, [0.001, 1e6]) ||
        (rule.burst !== undefined && !inRange(rule.burst, [1, 1e6]))
      )
        return { path: ['throttle', op], message: 'must be {rate: calls a second, burst?: at least 1}' }
    }
  }
  if (faults !== undefined) {
    if (!isMap(faults)) return { path: ['faults'], message: 'must map operations to faults' }
    for (const [op, rule] of Object.entries(faults)) {
      if (!OPERATION.test(op)) return { path: ['faults', op], message: 'must be an operation name, service:* or *' }
      if (!isMap(rule)) return { path: ['faults', op], message: 'must be a mapping' }
      for (const [field, amount] of Object.entries(rule)) {
        const range = Object.hasOwn(FAULT_FIELDS, field) ? FAULT_FIELDS[field as keyof FaultRule] : undefined
        if (!range)
          return {
            path: ['faults', op, field],
            message: `unknown fault (expected ${Object.keys(FAULT_FIELDS).join(', ')})`,
          }
        if (!inRange(amount, range))
          return { path: ['faults', op, field], message: `must be a number from ${range[0]} to ${range[1]}` }
      }
    }
  }
  return undefined
}
