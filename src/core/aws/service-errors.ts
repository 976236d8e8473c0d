/**
 * AWS SDK v3 errors as idc reports them. An error response from a service (the SDK marks it with
 * `$fault`) becomes a {@link ServiceError} carrying the operation, for the AWS CLI's wording
 * (`An error occurred (Code) when calling the Operation operation: message`) and exit code 254;
 * network and other errors pass through unchanged.
 *
 * The error's fields are the ones the AWS CLI shows (botocore's parsed `Error` plus the members
 * the service model declares for that error code, unmodeled fields dropped), so that
 * `--cli-error-format json` and the "Additional error details:" block print what the CLI prints.
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

type JsonService = 'sso' | 'sso-oidc' | 'signin'

/**
 * The JSON-protocol services idc calls, by operation. Their error responses put the message in
 * the body and the code in a header, and botocore lists `Message` before `Code`; the XML services
 * (STS, S3) keep the document's order, `Code` then `Message`, and declare no members that
 * botocore finds in their error documents.
 */
const JSON_OPERATIONS: Readonly<Record<string, JsonService>> = {
  GetRoleCredentials: 'sso',
  ListAccounts: 'sso',
  ListAccountRoles: 'sso',
  Logout: 'sso',
  RegisterClient: 'sso-oidc',
  StartDeviceAuthorization: 'sso-oidc',
  CreateToken: 'sso-oidc',
  CreateOAuth2Token: 'signin',
}

const OIDC_ERROR = ['error', 'error_description']

/** The members each error shape declares in the service models (botocore's `service-2.json`). */
const MODELED_MEMBERS: Readonly<Record<JsonService, Readonly<Record<string, readonly string[]>>>> = {
  sso: {
    InvalidRequestException: ['message'],
    ResourceNotFoundException: ['message'],
    TooManyRequestsException: ['message'],
    UnauthorizedException: ['message'],
  },
  'sso-oidc': {
    AccessDeniedException: ['error', 'reason', 'error_description'],
    AuthorizationPendingException: OIDC_ERROR,
    ExpiredTokenException: OIDC_ERROR,
    InternalServerException: OIDC_ERROR,
    InvalidClientException: OIDC_ERROR,
    InvalidClientMetadataException: OIDC_ERROR,
    InvalidGrantException: OIDC_ERROR,
    InvalidRedirectUriException: OIDC_ERROR,
    InvalidRequestException: ['error', 'reason', 'error_description'],
    InvalidRequestRegionException: ['error', 'error_description', 'endpoint', 'region'],
    InvalidScopeException: OIDC_ERROR,
    SlowDownException: OIDC_ERROR,
    UnauthorizedClientException: OIDC_ERROR,
    UnsupportedGrantTypeException: OIDC_ERROR,
  },
  signin: Object.fromEntries(
    [
      'AccessDeniedException',
      'ConflictException',
      'InternalServerException',
      'ResourceNotFoundException',
      'ServiceQuotaExceededException',
      'TooManyRequestsError',
      'ValidationException',
    ].map((code) => [code, ['error', 'message']]),
  ),
}

/**
 * The error's message as botocore reads it. The SDK says `UnknownError` when the body has no
 * message (the OIDC errors carry `error_description` instead); botocore leaves it empty.
 */
function errorMessage(error: Error): string {
  return error.message === 'UnknownError' ? '' : error.message
}

/** The fields the AWS CLI shows for an SDK service error from `operation`. */
export function serviceErrorDetails(error: Error, operation: string): Record<string, unknown> {
  const code = error.name
  const message = errorMessage(error)
  const service = JSON_OPERATIONS[operation]
  if (service === undefined) return { Code: code, Message: message }
  const details: Record<string, unknown> = { Message: message, Code: code }
  for (const member of MODELED_MEMBERS[service][code] ?? []) {
    // The SDK folds a body's `message` into Error.message; the other members stay as properties.
    const value = member === 'message' ? message || undefined : (error as unknown as Record<string, unknown>)[member]
    if (value !== undefined && value !== null) details[member] = value
  }
  return details
}

/**
 * The retries made before giving up, when the SDK retried and the last answer was still one it
 * retries (a throttle or a server error): the SDK stopped because it ran out of attempts, where
 * botocore says `(reached max retries: N)`.
 */
function retriesExhausted(error: Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }) {
  const attempts = error.$metadata?.attempts ?? 1
  const status = error.$metadata?.httpStatusCode ?? 0
  const retryable = status >= 500 || status === 429 || (error as { $retryable?: unknown }).$retryable !== undefined
  return attempts > 1 && retryable ? attempts - 1 : undefined
}

/** Turns an SDK service error into a {@link ServiceError}; other errors pass through. */
export function toServiceError(error: unknown, operation: string): unknown {
  if (!isServiceError(error)) return error
  return new ServiceError(error.name, operation, errorMessage(error), {
    cause: error,
    statusCode: error.$metadata?.httpStatusCode,
    details: serviceErrorDetails(error, operation),
    maxRetries: retriesExhausted(error),
  })
}
