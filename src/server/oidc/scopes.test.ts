import { describe, expect, it } from 'vitest'
import { grantableScopes, isValidScope, narrowScopes } from './scopes.js'

describe('isValidScope', () => {
  it.each([
    ['sso:account:access', true],
    ['codewhisperer:completions', true],
    ['codecatalyst:read_write', true],
    ['openid', true],
    ['sso:*', false],
    ['SSO:Account:Access', false],
    ['sso:account:access/admin', false],
    ['sso::access', false],
    ['a:b:c:d:e', false],
    ['', false],
  ])('%j is %s', (scope, expected) => {
    expect(isValidScope(scope)).toBe(expected)
  })
})

describe('grantableScopes', () => {
  it('gives a registration without scopes sso:account:access, and others exactly theirs', () => {
    expect(grantableScopes([])).toEqual(['sso:account:access'])
    expect(grantableScopes(['codewhisperer:completions'])).toEqual(['codewhisperer:completions'])
  })
})

describe('narrowScopes', () => {
  const grantable = ['sso:account:access', 'codewhisperer:completions']
  it.each([
    ['nothing requested: everything grantable', [], grantable],
    ['a subset', ['codewhisperer:completions'], ['codewhisperer:completions']],
    ['duplicates once', ['sso:account:access', 'sso:account:access'], ['sso:account:access']],
    ['a scope beyond the registration: refused', ['sso:account:access', 'openid'], undefined],
    ['a malformed scope: refused', ['sso:*'], undefined],
  ])('%s', (_name, requested, expected) => {
    expect(narrowScopes(requested, grantable)).toEqual(expected)
  })
})
