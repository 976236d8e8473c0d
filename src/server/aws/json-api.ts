/**
 * Shared pieces of the awsJson1_1 admin APIs (sso-admin, identitystore, organizations): typed
 * field readers that raise `ValidationException`, NextToken pagination and epoch-seconds times.
 *
 * @module
 */
import { AwsError } from './errors.js'

/** A JSON request body. */
export type JsonBody = Record<string, unknown>

/** An operation handler: body in, response object out (throws {@link AwsError}). */
export type JsonOperation = (body: JsonBody) => Record<string, unknown>

/** `ValidationException` with AWS's wording. */
export function validationException(message: string): AwsError {
  return new AwsError('ValidationException', message, 400)
}

/** `ResourceNotFoundException`. */
export function notFound(message: string, resourceType?: string, resourceId?: string): AwsError {
  const extra: Record<string, string> = {}
  if (resourceType) extra.ResourceType = resourceType
  if (resourceId) extra.ResourceId = resourceId
  return new AwsError('ResourceNotFoundException', message, 400, extra)
}

/** `ConflictException`. */
export function conflict(message: string): AwsError {
  return new AwsError('ConflictException', message, 400)
}

/** A required string member. */
export function requiredString(body: JsonBody, name: string, max = 2048): string {
  const value = body[name]
  if (typeof value !== 'string' || value === '')
    throw validationException(
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
    )
  if (value.length > max)
    throw validationException(
      `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    )
  return value
}

/** An optional string member. */
export function optionalString(body: JsonBody, name: string, max = 2048): string | undefined {
  if (body[name] === undefined || body[name] === null) return undefined
  return requiredString(body, name, max)
}

/** Epoch seconds, as awsJson timestamps are (wire-protocol §0). */
export function epochSeconds(ms: number): number {
  return ms / 1000
}

/** One page of `items` and the NextToken for the rest. */
export function paginate<T>(
  body: JsonBody,
  items: readonly T[],
  defaultMax = 100,
  maxAllowed = 100,
): { page: T[]; nextToken: string | undefined } {
  let start = 0
  const token = body.NextToken
  if (token !== undefined && token !== null) {
    const decoded = typeof token === 'string' ? /^o(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8')) : null
    if (!decoded) throw validationException('The NextToken is invalid')
    start = Number(decoded[1])
  }
  const rawMax = body.MaxResults
  let max = defaultMax
  if (rawMax !== undefined && rawMax !== null) {
    if (typeof rawMax !== 'number' || !Number.isInteger(rawMax) || rawMax < 1 || rawMax > maxAllowed) {
      throw validationException(
        `1 validation error detected: Value '${String(rawMax)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${maxAllowed}`,
      )
    }
    max = rawMax
  }
  const page = items.slice(start, start + max)
  const end = start + page.length
  return { page, nextToken: end < items.length ? Buffer.from(`o${end}`).toString('base64url') : undefined }
}

/** Drops undefined members so the JSON carries only what is set. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key]
  return value
}
