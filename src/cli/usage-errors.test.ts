import { describe, expect, it } from 'vitest'
import { closeMatches, sequenceRatio } from './usage-errors.js'

// Expected values are what Python 3's difflib returns for the same arguments.
describe('sequenceRatio (difflib.SequenceMatcher.ratio)', () => {
  it.each([
    ['abcd', 'bcde', 0.75],
    ['get-caller-identity', 'get-caller-identitiy', 0.9743589743589743],
    ['sso', 'ssoo', 0.8571428571428571],
    ['', '', 1],
    ['abc', 'xyz', 0],
  ])('ratio(%s, %s) = %d', (a, b, ratio) => {
    expect(sequenceRatio(a, b)).toBeCloseTo(ratio, 12)
  })
})

describe('closeMatches (difflib.get_close_matches, cutoff 0.8)', () => {
  it('suggests only close names, best first', () => {
    expect(closeMatches('lgoin', ['login', 'logout', 'list-accounts'])).toEqual(['login'])
    expect(closeMatches('logn', ['login', 'logout', 'list-accounts'])).toEqual(['login'])
    expect(closeMatches('zzzz', ['login'])).toEqual([])
  })
})
