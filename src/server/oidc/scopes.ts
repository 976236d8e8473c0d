/**
 * OAuth scopes as Identity Center uses them: a registration's scopes bound what any grant through
 * it may carry, and the SSO portal (accounts, roles, role credentials) needs `sso:account:access`.
 * A registration without scopes gets `sso:account:access`, as the AWS CLI's device flow and legacy
 * profiles register without any.
 *
 * @module
 */

/** The scope the SSO portal requires. */
export const ACCOUNT_ACCESS_SCOPE = 'sso:account:access'

/**
 * A scope's syntax: lower-case words of letters, digits, `_` and `-`, joined by `:` (at most four),
 * as in `sso:account:access`, `codewhisperer:completions` or `openid`. No wildcards, no paths.
 */
const SCOPE = /^[a-z0-9][a-z0-9_-]*(?::[a-z0-9][a-z0-9_-]*){0,3}$/

/** True when `scope` is well formed. */
export function isValidScope(scope: string): boolean {
  return scope.length <= 256 && SCOPE.test(scope)
}

/** What a registration may be granted: its scopes, or `sso:account:access` when it registered none. */
export function grantableScopes(registered: readonly string[]): string[] {
  return registered.length > 0 ? [...registered] : [ACCOUNT_ACCESS_SCOPE]
}

/**
 * The scopes a request may have: `requested` (all of `grantable` when empty), or `undefined`
 * when one is malformed or beyond `grantable` (OAuth's `invalid_scope`).
 */
export function narrowScopes(requested: readonly string[], grantable: readonly string[]): string[] | undefined {
  if (requested.length === 0) return [...grantable]
  const unique = [...new Set(requested)]
  return unique.every((s) => isValidScope(s) && grantable.includes(s)) ? unique : undefined
}
