/**
 * The OIDC API's failures in one shape (status, `x-amzn-ErrorType`, OAuth `error`, description;
 * wire-protocol §3.3) and the body readers both of its modules use.
 *
 * @module
 */

/** A failed OIDC call. */
export type Fail = { status: 400 | 401 | 500; type: string; error: string; description: string }
/** A failure. */
export const fail = (status: Fail['status'], type: string, error: string, description: string): Fail => ({
  status,
  type,
  error,
  description,
})
/** `invalid_request`. */
export const invalidRequest = (d: string) => fail(400, 'InvalidRequestException', 'invalid_request', d)
/** `invalid_grant`. */
export const invalidGrant = (d: string) => fail(400, 'InvalidGrantException', 'invalid_grant', d)
/** `invalid_client`. */
export const invalidClient = () => fail(401, 'InvalidClientException', 'invalid_client', 'Invalid client credentials')
/** `invalid_scope`. */
export const invalidScope = (d: string) => fail(400, 'InvalidScopeException', 'invalid_scope', d)

/** A non-empty string member of a JSON body. */
export function str(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key]
  return typeof v === 'string' && v !== '' ? v : undefined
}
/** A list-of-strings member: undefined when absent, false when malformed. */
export function strList(body: Record<string, unknown>, key: string): string[] | undefined | false {
  const v = body[key]
  if (v === undefined || v === null) return undefined
  return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : false
}
