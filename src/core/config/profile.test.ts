import { describe, expect, it } from 'vitest'
import { resolveProfileName, resolveRegion } from './profile.js'
import { envWith } from './testdata/vectors.js'

describe('resolveProfileName', () => {
  it.each([
    ['--profile over everything', { AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b' }, 'cli', 'cli'],
    [
      'AWS_PROFILE over AWS_DEFAULT_PROFILE (AWS CLI v2 order)',
      { AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b' },
      undefined,
      'a',
    ],
    ['AWS_DEFAULT_PROFILE alone', { AWS_DEFAULT_PROFILE: 'b' }, undefined, 'b'],
    ['default when nothing is set', {}, undefined, 'default'],
    ['an empty --profile as not given', { AWS_PROFILE: 'a' }, '', 'a'],
    [
      'a set but empty AWS_PROFILE as the empty name, like the CLI',
      { AWS_PROFILE: '', AWS_DEFAULT_PROFILE: 'b' },
      undefined,
      '',
    ],
  ])('takes %s', (_name, vars, explicit, expected) => {
    expect(resolveProfileName(envWith(vars), explicit)).toBe(expected)
  })
})

describe('resolveRegion', () => {
  const profile = { region: 'eu-west-1' }
  it.each([
    ['--region first', { AWS_REGION: 'a', AWS_DEFAULT_REGION: 'b' }, 'cli', 'cli'],
    ['AWS_REGION next', { AWS_REGION: 'a', AWS_DEFAULT_REGION: 'b' }, undefined, 'a'],
    ['AWS_DEFAULT_REGION next', { AWS_DEFAULT_REGION: 'b' }, undefined, 'b'],
    ['the profile region last', {}, undefined, 'eu-west-1'],
    ['no region when AWS_REGION is set but empty', { AWS_REGION: '' }, undefined, undefined],
  ])('takes %s', (_name, vars, explicit, expected) => {
    expect(resolveRegion(envWith(vars), profile, explicit)).toBe(expected)
  })

  it('ignores a region that is a nested record or missing', () => {
    expect(resolveRegion(envWith({}), { region: { x: 'y' } })).toBeUndefined()
    expect(resolveRegion(envWith({}), undefined)).toBeUndefined()
  })
})
