/**
 * `idc server --generate-org N`: a large organisation made on the fly, for testing tools that walk
 * every account (`idc sso populate`) and for benchmarks, without a file of thousands of lines.
 * It is deterministic — the same N always gives the same accounts — and composes with `--demo` and
 * `--org` (it declares no instance). docs/org-file.md describes it.
 *
 * @module
 */
import type { OrgAssignmentSpec, OrgSpec } from './org.js'

/** The user every generated account is assigned to, and the password to sign in with. */
export const GENERATED_ORG_USER = { userName: 'dev', password: 'Dev-pass-123456' } as const

/** The most accounts `--generate-org` makes (AWS Organizations' default quota is 10, raised to thousands). */
export const GENERATED_ORG_MAX_ACCOUNTS = 10_000

/**
 * An organisation of `accounts` accounts `Account-0001`… (ids 200000000001…): the group
 * `Engineers` (with the user `dev`) has `ReadOnly` in every account, and `dev` also has
 * `Administrator` directly in every fourth one — so `dev` may use `accounts + ⌈accounts / 4⌉` roles.
 */
export function generateOrg(accounts: number): OrgSpec {
  if (!Number.isInteger(accounts) || accounts < 1 || accounts > GENERATED_ORG_MAX_ACCOUNTS)
    throw new RangeError(`The number of accounts must be a whole number from 1 to ${GENERATED_ORG_MAX_ACCOUNTS}`)
  const width = Math.max(4, String(accounts).length)
  const list = Array.from({ length: accounts }, (_, i) => {
    const n = i + 1
    return {
      id: String(200_000_000_000 + n),
      name: `Account-${String(n).padStart(width, '0')}`,
      email: `account-${n}@example.com`,
    }
  })
  const assignments: OrgAssignmentSpec[] = []
  list.forEach((account, i) => {
    assignments.push({ account: account.id, permissionSet: 'ReadOnly', group: 'Engineers' })
    if (i % 4 === 0) assignments.push({ account: account.id, permissionSet: 'Administrator', user: 'dev' })
  })
  return {
    accounts: list,
    permissionSets: [
      { name: 'ReadOnly', description: 'Read-only access', managedPolicies: ['ReadOnlyAccess'] },
      { name: 'Administrator', description: 'Full access', managedPolicies: ['AdministratorAccess'] },
    ],
    users: [
      {
        userName: GENERATED_ORG_USER.userName,
        email: 'dev@example.com',
        givenName: 'Dev',
        familyName: 'Eloper',
        displayName: 'Dev Eloper',
        password: GENERATED_ORG_USER.password,
      },
    ],
    groups: [{ name: 'Engineers', description: 'Everyone who builds', members: [GENERATED_ORG_USER.userName] }],
    assignments,
  }
}
