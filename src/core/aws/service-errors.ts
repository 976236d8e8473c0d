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

/**
 * The reason phrases botocore gives a 5xx answer that is not an AWS error (Python's
 * `http.client.responses`). Hand-written because Node's table names some codes differently and
 * only these are ever shown.
 */
const SERVER_ERROR_PHRASES: Readonly<Record<number, string>> = {
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  510: 'Not Extended',
  511: 'Network Authentication Required',
}

type AnsweredError = Error & {
  $metadata?: { httpStatusCode?: number; attempts?: number }
  $response?: { body?: unknown }
  $responseBodyText?: unknown
}

/** The text of error answers' bodies, kept by the HTTP handler (the SDK drops unparsable ones). */
const errorBodies = new WeakMap<object, string>()

/** Remembers the body text of an error answer (`response` is the SDK's HttpResponse). */
export function rememberErrorBody(response: object, text: string): void {
  errorBodies.set(response, text)
}

/** The body text of the answer behind a deserialization error, when known. */
function responseBody(error: AnsweredError): string | undefined {
  const response = error.$response
  const kept = typeof response === 'object' && response !== null ? errorBodies.get(response) : undefined
  const text = error.$responseBodyText ?? kept ?? response?.body
  return typeof text === 'string' ? text : undefined
}

/**
 * Code and message for an answer that carries no AWS error code (a proxy's or web server's
 * `502 Bad Gateway`, an HTML or plain-text page), as botocore words them: the HTTP status as the
 * code; for a 5xx with an empty or HTML body, the status's reason phrase as the message; else,
 * for the JSON services, the body's message or the body itself. Undefined for an AWS error, for an
 * answer below 300, and for an XML service's unparsable body (botocore reports a parse error).
 */
function genericErrorFields(error: AnsweredError, operation: string): { code: string; message: string } | undefined {
  const status = error.$metadata?.httpStatusCode
  if (status === undefined || status < 300) return undefined
  const json = JSON_OPERATIONS[operation] !== undefined
  const phrase = status >= 500 ? (SERVER_ERROR_PHRASES[status] ?? '') : undefined
  if (isServiceError(error)) {
    // The SDK names an answer without an error code `Unknown` (XML) or `UnknownError` (JSON).
    if (error.name !== 'Unknown' && error.name !== 'UnknownError') return undefined
    const message = error.message === 'Unknown' ? '' : errorMessage(error)
    return { code: String(status), message: message === '' && phrase !== undefined ? phrase : message }
  }
  const body = responseBody(error)
  if (body === undefined) return undefined
  const trimmed = body.trim()
  if (phrase !== undefined && (trimmed === '' || trimmed.startsWith('<html>'))) {
    return { code: String(status), message: phrase }
  }
  return json ? { code: String(status), message: body } : undefined
}

/** Turns an SDK service error (or a non-AWS error answer) into a {@link ServiceError}; other errors pass through. */
export function toServiceError(error: unknown, operation: string): unknown {
  if (!(error instanceof Error)) return error
  const generic = genericErrorFields(error, operation)
  if (generic !== undefined) {
    const details =
      JSON_OPERATIONS[operation] === undefined
        ? { Code: generic.code, Message: generic.message }
        : { Message: generic.message, Code: generic.code }
    return new ServiceError(generic.code, operation, generic.message, {
      cause: error,
      statusCode: (error as AnsweredError).$metadata?.httpStatusCode,
      details,
      maxRetries: retriesExhausted(error),
    })
  }
  if (!isServiceError(error)) return error
  return new ServiceError(error.name, operation, errorMessage(error), {
    cause: error,
    statusCode: error.$metadata?.httpStatusCode,
    details: serviceErrorDetails(error, operation),
    maxRetries: retriesExhausted(error),
  })
}
