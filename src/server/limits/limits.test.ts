import { describe, expect, it } from 'vitest'
import { createSeededIds } from '../ids.js'
import {
  checkOrgLimits,
  createLimits,
  DEFAULT_THROTTLE,
  parseFaultSpec,
  parseThrottleSpec,
  resolveLimitsConfig,
  type LimitsConfig,
} from './limits.js'

function limiter(config: LimitsConfig) {
  let now = 0
  const limits = createLimits(config, { clock: () => now, ids: createSeededIds(7), sleep: async () => {} })
  return { limits, advance: (ms: number) => (now += ms) }
}

describe('createLimits', () => {
  it('lets a burst through, throttles the next call and refills at the rate', () => {
    const { limits, advance } = limiter({ throttle: { ListAccountRoles: { rate: 2, burst: 3 } }, faults: {} })
    const call = () => limits.check({ operation: 'ListAccountRoles', caller: 'u1' }).failure
    expect([call(), call(), call(), call()]).toEqual([undefined, undefined, undefined, 'throttled'])
    advance(499)
    expect(call()).toBe('throttled')
    advance(1)
    expect([call(), call()]).toEqual([undefined, 'throttled'])
  })

  it('keeps one bucket per caller and per operation', () => {
    const { limits } = limiter({ throttle: { '*': { rate: 1, burst: 1 } }, faults: {} })
    expect(limits.check({ operation: 'A', caller: 'u1' }).failure).toBeUndefined()
    expect(limits.check({ operation: 'A', caller: 'u2' }).failure).toBeUndefined()
    expect(limits.check({ operation: 'B', caller: 'u1' }).failure).toBeUndefined()
    expect(limits.check({ operation: 'A', caller: 'u1' }).failure).toBe('throttled')
  })

  it('meters every operation of a service in one bucket under a service:* rule', () => {
    const { limits } = limiter({ throttle: { 'sso-admin:*': { rate: 1, burst: 2 } }, faults: {} })
    const call = (operation: string) => limits.check({ service: 'sso-admin', operation, caller: 'admin' }).failure
    expect([call('ListInstances'), call('ListPermissionSets'), call('ListInstances')]).toEqual([
      undefined,
      undefined,
      'throttled',
    ])
    expect(limits.check({ service: 'sts', operation: 'GetCallerIdentity', caller: 'admin' }).failure).toBeUndefined()
  })

  it('fails about the configured fraction of calls, the same way for the same seed', () => {
    const run = () => {
      const { limits } = limiter({ throttle: false, faults: { GetRoleCredentials: { errorRate: 0.25 } } })
      return Array.from({ length: 400 }, () => limits.check({ operation: 'GetRoleCredentials', caller: 'u' }).failure)
    }
    const first = run()
    const errors = first.filter((f) => f === 'error').length
    expect(errors).toBeGreaterThan(60)
    expect(errors).toBeLessThan(140)
    expect(run()).toEqual(first)
  })

  it('never fails at a fraction of 0 and always at 1; carries latency and skew', () => {
    const { limits } = limiter({
      throttle: false,
      faults: { ListAccounts: { errorRate: 0, expiredRate: 1, latencyMs: 250, clockSkewSeconds: -300 } },
    })
    expect(limits.check({ operation: 'ListAccounts', caller: 'u' })).toEqual({
      failure: 'expired',
      delayMs: 250,
      skewMs: -300_000,
    })
    expect(limits.check({ operation: 'Other', caller: 'u' })).toEqual({ delayMs: 0, skewMs: 0 })
  })
})

describe('parseThrottleSpec and parseFaultSpec', () => {
  it.each([
    ['ListAccountRoles=20/40', ['ListAccountRoles', { rate: 20, burst: 40 }]],
    ['ListAccounts=0.5', ['ListAccounts', { rate: 0.5, burst: 1 }]],
    ['sso-admin:*=5', ['sso-admin:*', { rate: 5, burst: 5 }]],
    ['*=100/1', ['*', { rate: 100, burst: 1 }]],
  ])('reads --throttle %s', (spec, expected) => {
    expect(parseThrottleSpec(spec)).toEqual(expected)
  })

  it.each(['ListAccounts', '=5', 'ListAccounts=', 'ListAccounts=fast', 'ListAccounts=5/0', 'A=1/2/3', 'a b=1'])(
    'refuses --throttle %s',
    (spec) => {
      expect(() => parseThrottleSpec(spec)).toThrow(/--throttle/)
    },
  )

  it('reads every fault kind', () => {
    expect(parseFaultSpec('GetRoleCredentials=5xx:0.1,expired:0.05,latency:200,skew:-30')).toEqual([
      'GetRoleCredentials',
      { errorRate: 0.1, expiredRate: 0.05, latencyMs: 200, clockSkewSeconds: -30 },
    ])
  })

  it.each(['X=5xx:2', 'X=boom:1', 'X=latency', 'X=latency:-1', 'X=5xx:0.1:2'])('refuses --fault %s', (spec) => {
    expect(() => parseFaultSpec(spec)).toThrow(/--fault/)
  })
})

describe('resolveLimitsConfig', () => {
  it('throttles at the defaults unless told otherwise', () => {
    expect(resolveLimitsConfig({})).toEqual({ throttle: DEFAULT_THROTTLE, faults: {} })
  })

  it('turns throttling off with --no-throttle or throttle: false, keeping faults', () => {
    expect(resolveLimitsConfig({ noThrottle: true, faults: ['A=latency:5'] })).toEqual({
      throttle: false,
      faults: { A: { latencyMs: 5 } },
    })
    expect(resolveLimitsConfig({ org: { throttle: false } }).throttle).toBe(false)
  })

  it('lets the flags override the org file, which overrides the defaults', () => {
    const config = resolveLimitsConfig({
      org: { throttle: { ListAccountRoles: { rate: 5 } }, faults: { A: { errorRate: 0.5, latencyMs: 1 } } },
      throttle: ['ListAccounts=1/2'],
      faults: ['A=5xx:0.1'],
    })
    expect(config.throttle && config.throttle.ListAccountRoles).toEqual({ rate: 5, burst: 5 })
    expect(config.throttle && config.throttle.ListAccounts).toEqual({ rate: 1, burst: 2 })
    expect(config.throttle && config.throttle.GetRoleCredentials).toEqual(DEFAULT_THROTTLE.GetRoleCredentials)
    expect(config.faults).toEqual({ A: { errorRate: 0.1, latencyMs: 1 } })
  })
})

describe('checkOrgLimits', () => {
  it.each([
    [{ throttle: false, faults: { '*': { latencyMs: 10 } } }, undefined],
    [{ throttle: { ListAccounts: { rate: 2, burst: 4 } } }, undefined],
    [[], { path: [], message: 'must be a mapping' }],
    [{ speed: 1 }, { path: ['speed'], message: 'unknown field (expected throttle, faults)' }],
    [{ throttle: { ListAccounts: { rate: 0 } } }, { path: ['throttle', 'ListAccounts'], message: expect.any(String) }],
    [
      { faults: { A: { errorRate: 2 } } },
      { path: ['faults', 'A', 'errorRate'], message: 'must be a number from 0 to 1' },
    ],
    [
      { faults: { A: { boom: 1 } } },
      { path: ['faults', 'A', 'boom'], message: expect.stringMatching(/unknown fault/) },
    ],
  ])('checks %j', (value, expected) => {
    expect(checkOrgLimits(value)).toEqual(expected)
  })
})
