/**
 * How `configure sso` orders and labels the accounts and roles it offers, as the AWS CLI does
 * since 2.34.24: accounts with a name or an email first, then by the lower-cased name, else email,
 * else id; roles by lower-cased name. The CLI tests whether a field is present, not whether it is
 * empty, and Python compares strings by code point, so both are kept here.
 *
 * @module
 */
import type { SsoAccount, SsoRole } from '../../../core/sso/portal.js'

/** Python's `a < b` for strings: by code point (JavaScript's `<` compares UTF-16 units). */
export function comparePythonStrings(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) as number)
  const y = Array.from(b, (c) => c.codePointAt(0) as number)
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number)
  }
  return x.length - y.length
}

/** The CLI's account order: named (or with email) first, then by lower-cased name, email, id. */
export function sortAccounts(accounts: readonly SsoAccount[]): SsoAccount[] {
  const key = (a: SsoAccount) => ({
    onlyId: a.accountName === undefined && a.emailAddress === undefined ? 1 : 0,
    text: (a.accountName ?? a.emailAddress ?? a.accountId).toLowerCase(),
  })
  return [...accounts].sort((a, b) => {
    const x = key(a)
    const y = key(b)
    return x.onlyId - y.onlyId || comparePythonStrings(x.text, y.text)
  })
}

/** The CLI's role order: by lower-cased name. */
export function sortRoles(roles: readonly SsoRole[]): SsoRole[] {
  return [...roles].sort((a, b) => comparePythonStrings(a.roleName.toLowerCase(), b.roleName.toLowerCase()))
}

/** A menu row for an account: `NAME, EMAIL (ID)`, `NAME (ID)`, `EMAIL (ID)` or `ID`. */
export function formatAccountLabel(a: SsoAccount): string {
  if (a.accountName !== undefined && a.emailAddress !== undefined)
    return `${a.accountName}, ${a.emailAddress} (${a.accountId})`
  if (a.accountName !== undefined) return `${a.accountName} (${a.accountId})`
  if (a.emailAddress !== undefined) return `${a.emailAddress} (${a.accountId})`
  return a.accountId
}
