import { describe, expect, it } from 'vitest'
import { ServiceError } from '../errors.js'
import { rememberErrorBody, serviceErrorDetails, toServiceError } from './service-errors.js'

/** An SDK v3 service error as the SDK builds it: name, `$fault`, message, modeled members. */
function sdkError(name: string, message: string, members: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 }, ...members })
}

describe('serviceErrorDetails (the fields the AWS CLI shows)', () => {
  it('lists Message before Code for the JSON services, with the modeled message member', () => {
    const error = sdkError('UnauthorizedException', 'Session token not found or invalid')
    expect(Object.entries(serviceErrorDetails(error, 'ListAccounts'))).toEqual([
      ['Message', 'Session token not found or invalid'],
      ['Code', 'UnauthorizedException'],
      ['message', 'Session token not found or invalid'],
    ])
  })

  it('gives an OIDC error an empty message and its error and error_description members', () => {
    const error = sdkError('InvalidClientException', 'UnknownError', {
      error: 'invalid_client',
      error_description: 'Invalid client credentials',
      unmodeled: 'dropped',
    })
    expect(Object.entries(serviceErrorDetails(error, 'CreateToken'))).toEqual([
      ['Message', ''],
      ['Code', 'InvalidClientException'],
      ['error', 'invalid_client'],
      ['error_description', 'Invalid client credentials'],
    ])
  })

  it('keeps only Code and Message for an error code the model does not declare', () => {
    const error = sdkError('SomethingNew', 'boom', { error: 'x' })
    expect(serviceErrorDetails(error, 'CreateToken')).toEqual({ Message: 'boom', Code: 'SomethingNew' })
  })

  it('lists Code before Message for the XML services and drops their extra fields', () => {
    const error = sdkError('AccessDenied', 'Access Denied', { RequestId: 'R', HostId: 'H', Code: 'AccessDenied' })
    expect(Object.entries(serviceErrorDetails(error, 'ListBuckets'))).toEqual([
      ['Code', 'AccessDenied'],
      ['Message', 'Access Denied'],
    ])
  })
})

describe('toServiceError', () => {
  it('words the error as botocore does, with an empty message left empty', () => {
    const error = toServiceError(
      sdkError('InvalidGrantException', 'UnknownError', { error: 'invalid_grant' }),
      'CreateToken',
    )
    expect(error).toBeInstanceOf(ServiceError)
    expect((error as ServiceError).message).toBe(
      'An error occurred (InvalidGrantException) when calling the CreateToken operation: ',
    )
    expect((error as ServiceError).details).toEqual({
      Message: '',
      Code: 'InvalidGrantException',
      error: 'invalid_grant',
    })
  })

  it('names the retries when the SDK gave up on an error it retries, as botocore does', () => {
    const failure = sdkError('InternalFailure', 'We encountered an internal error. Please try again.')
    Object.assign(failure, { $metadata: { httpStatusCode: 500, attempts: 3 } })
    expect((toServiceError(failure, 'GetCallerIdentity') as ServiceError).message).toBe(
      'An error occurred (InternalFailure) when calling the GetCallerIdentity operation (reached max retries: 2): We encountered an internal error. Please try again.',
    )
    const denied = sdkError('AccessDenied', 'Access Denied')
    Object.assign(denied, { $metadata: { httpStatusCode: 403, attempts: 1 } })
    expect((toServiceError(denied, 'ListBuckets') as ServiceError).message).toBe(
      'An error occurred (AccessDenied) when calling the ListBuckets operation: Access Denied',
    )
  })

  it('passes other errors through', () => {
    const error = new Error('socket hang up')
    expect(toServiceError(error, 'ListAccounts')).toBe(error)
  })
})

// What AWS CLI v2 2.36.12 printed against a plain HTTP server on 127.0.0.1 (AWS_MAX_ATTEMPTS unset).
describe('toServiceError for an answer that is not an AWS error (a proxy, a web server)', () => {
  /** The SDK's error for a body it could not parse, with the answer the handler kept. */
  function unparsable(status: number, body: string): Error {
    const response = { statusCode: status, headers: {}, body: new Uint8Array() }
    rememberErrorBody(response, body)
    return Object.assign(new SyntaxError('Unexpected token'), {
      $response: response,
      $metadata: { httpStatusCode: status, attempts: 3 },
    })
  }
  const message = (error: unknown) => (error as ServiceError).message
  /** The ServiceError's message and its fields in order. */
  const printed = (error: Error, operation: string) => {
    const converted = toServiceError(error, operation) as ServiceError
    return { message: converted.message, details: Object.entries(converted.details) }
  }

  it('names a 5xx with an HTML or empty body by its status and reason phrase', () => {
    expect(message(toServiceError(unparsable(502, '<html><body>502</body></html>'), 'ListAccounts'))).toBe(
      'An error occurred (502) when calling the ListAccounts operation (reached max retries: 2): Bad Gateway',
    )
    const unknown = sdkError('Unknown', 'Unknown', { $metadata: { httpStatusCode: 503, attempts: 3 } })
    expect(printed(unknown, 'GetCallerIdentity')).toEqual({
      message:
        'An error occurred (503) when calling the GetCallerIdentity operation (reached max retries: 2): Service Unavailable',
      details: [
        ['Code', '503'],
        ['Message', 'Service Unavailable'],
      ],
    })
  })

  it("gives a JSON service's plain-text body as the message, Message before Code", () => {
    expect(printed(unparsable(500, 'not json {'), 'ListAccounts')).toEqual({
      message: 'An error occurred (500) when calling the ListAccounts operation (reached max retries: 2): not json {',
      details: [
        ['Message', 'not json {'],
        ['Code', '500'],
      ],
    })
  })

  it('leaves the message of a 4xx without a body empty', () => {
    const unknown = sdkError('UnknownError', 'UnknownError', { $metadata: { httpStatusCode: 413, attempts: 1 } })
    expect(message(toServiceError(unknown, 'ListAccounts'))).toBe(
      'An error occurred (413) when calling the ListAccounts operation: ',
    )
  })

  it("passes an XML service's unparsable plain body through (botocore reports a parse error)", () => {
    const error = unparsable(500, 'Internal Server Error')
    expect(toServiceError(error, 'GetCallerIdentity')).toBe(error)
  })
})
