/**
 * AWS SDK v3 errors as idc reports them. An error response from a service (the SDK marks it with
 * `$fault`) becomes a {@link ServiceError} carrying the operation, for the AWS CLI's wording
 * (`An error occurred (Code) when calling the Operation operation: message`) and exit code 254;
 * network and other errors pass through unchanged.
 *
 * @module
 */
import { ServiceError } from '../errors.js'

/** True for an error response from an AWS service (as opposed to a network failure). */
export function isServiceError(
  error: unknown,
): error is Error & { $fault: string; $metadata?: { httpStatusCode?: number } } {
  return error instanceof Error && typeof (error as { $fault?: unknown }).$fault === 'string'
}

/** The service's error code (`AuthorizationPendingException`), or undefined for other errors. */
export function serviceErrorCode(error: unknown): string | undefined {
  return isServiceError(error) ? error.name : undefined
}

/** Turns an SDK service error into a {@link ServiceError}; other errors pass through. */
export function toServiceError(error: unknown, operation: string): unknown {
  if (!isServiceError(error)) return error
  const message =
    error.message && error.message !== 'UnknownError'
      ? error.message
      : ((error as { error_description?: string }).error_description ?? '')
  return new ServiceError(error.name, operation, message, { cause: error, statusCode: error.$metadata?.httpStatusCode })
}
