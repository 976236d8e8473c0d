import { describe, expect, it } from 'vitest'
import { openStore } from '../store/store.js'
import {
  backoffDelayMs,
  blockedForMs,
  clearFailures,
  recordFailure,
  takeRateLimited,
  type BackoffPolicy,
} from './throttle.js'

const POLICY: BackoffPolicy = { freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 10_000, forgetAfterMs: 60_000 }

describe('backoffDelayMs', () => {
  it.each([
    [1, 0],
    [3, 0],
    [4, 1000],
    [5, 2000],
    [6, 4000],
    [7, 8000],
    [8, 10_000],
    [500, 10_000],
  ])('after %i failures in a row blocks for %i ms', (failures, delay) => {
    expect(backoffDelayMs(POLICY, failures)).toBe(delay)
  })
})

describe('recordFailure', () => {
  it('blocks with a doubling delay once the free failures are used, measured from the clock given', () => {
    const store = openStore({ path: ':memory:' })
    let now = 1_000_000
    const blocks: number[] = []
    for (let i = 0; i < 6; i++) {
      recordFailure(store, 'k', now, POLICY)
      blocks.push(blockedForMs(store, ['k'], now))
      now += blocks.at(-1)!
    }
    expect(blocks).toEqual([0, 0, 0, 1000, 2000, 4000])
  })

  it('forgets a run of failures after the quiet period, and on clearFailures', () => {
    const store = openStore({ path: ':memory:' })
    for (let i = 0; i < 4; i++) recordFailure(store, 'k', 0, POLICY)
    expect(blockedForMs(store, ['k'], 0)).toBe(1000)
    recordFailure(store, 'k', 60_001, POLICY)
    expect(store.getThrottle('k')?.failures).toBe(1)
    for (let i = 0; i < 4; i++) recordFailure(store, 'k', 70_000, POLICY)
    clearFailures(store, 'k')
    expect(blockedForMs(store, ['k'], 70_000)).toBe(0)
  })

  it('reports the longest block of several keys', () => {
    const store = openStore({ path: ':memory:' })
    for (let i = 0; i < 5; i++) recordFailure(store, 'a', 0, POLICY)
    for (let i = 0; i < 4; i++) recordFailure(store, 'b', 0, POLICY)
    expect(blockedForMs(store, ['b', 'a', 'c'], 500)).toBe(1500)
  })
})

describe('takeRateLimited', () => {
  it('allows the limit per window, then says how long until the window ends', () => {
    const store = openStore({ path: ':memory:' })
    const policy = { limit: 2, windowMs: 60_000 }
    expect([0, 1, 2].map((i) => takeRateLimited(store, 'r', 1000 + i, policy))).toEqual([0, 0, 59_998])
    expect(takeRateLimited(store, 'other', 1003, policy)).toBe(0)
    expect(takeRateLimited(store, 'r', 61_000, policy)).toBe(0)
  })
})
