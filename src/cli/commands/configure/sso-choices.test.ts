import { describe, expect, it } from 'vitest'
import { comparePythonStrings, formatAccountLabel, sortAccounts, sortRoles } from './sso-choices.js'

describe('configure sso choices', () => {
  it('puts accounts with a name or email first, then by lower-cased name, email, id', () => {
    const sorted = sortAccounts([
      { accountId: '5' },
      { accountId: '4', accountName: 'beta' },
      { accountId: '3', emailAddress: 'Alpha@example.com' },
      { accountId: '1' },
      { accountId: '2', accountName: 'Gamma', emailAddress: 'a@example.com' },
    ])
    expect(sorted.map((a) => a.accountId)).toEqual(['3', '4', '2', '1', '5'])
  })

  it('counts an empty name as present, as the CLI tests for the key', () => {
    const sorted = sortAccounts([
      { accountId: '2', accountName: 'a' },
      { accountId: '1', accountName: '', emailAddress: 'z@x' },
    ])
    expect(sorted.map(formatAccountLabel)).toEqual([', z@x (1)', 'a (2)'])
  })

  it('orders by code point as Python does, not by UTF-16 unit', () => {
    expect(comparePythonStrings('\u{1F600}', '\uFF5E')).toBeGreaterThan(0)
    expect(
      sortRoles([
        { roleName: '\uFF5E', accountId: '1' },
        { roleName: '\u{1F600}', accountId: '1' },
      ]).map((r) => r.roleName),
    ).toEqual(['\uFF5E', '\u{1F600}'])
  })

  it('orders roles by lower-cased name', () => {
    const roles = ['ReadOnly', 'admin', 'Billing'].map((roleName) => ({ roleName, accountId: '1' }))
    expect(sortRoles(roles).map((r) => r.roleName)).toEqual(['admin', 'Billing', 'ReadOnly'])
  })
})
