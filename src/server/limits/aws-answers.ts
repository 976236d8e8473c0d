/**
 * How each AWS protocol spells a {@link LimitDecision}'s failure, as the real services do:
 * awsJson admin APIs `ThrottlingException` (Organizations `TooManyRequestsException`), STS (awsQuery)
 * `Throttling`, S3 `SlowDown` (503); the internal errors and expired-credential codes each protocol
 * uses. Every code here is one the AWS SDKs classify as throttling, transient or expired.
 *
 * @module
 */
import { AwsError, type AwsProtocol } from '../aws/errors.js'
import type { LimitDecision } from './limits.js'

/** The error to answer for a failed decision, by protocol (and service, for the awsJson APIs). */
export function awsLimitError(failure: NonNullable<LimitDecision['failure']>, protocol: AwsProtocol, service?: string) {
  if (failure === 'throttled') {
    if (protocol === 'restXml') return new AwsError('SlowDown', 'Please reduce your request rate.', 503)
    if (protocol === 'query') return new AwsError('Throttling', 'Rate exceeded', 400)
    if (service === 'organizations')
      return new AwsError(
        'TooManyRequestsException',
        'AWS Organizations can\u2019t complete your request because another request is already in progress. Try again later.',
        400,
      )
    return new AwsError('ThrottlingException', 'Rate exceeded', 400)
  }
  if (failure === 'expired') {
    if (protocol === 'restXml') return new AwsError('ExpiredToken', 'The provided token has expired.', 400)
    if (protocol === 'query')
      return new AwsError('ExpiredToken', 'The security token included in the request is expired', 403)
    return new AwsError('ExpiredTokenException', 'The security token included in the request is expired', 400)
  }
  if (protocol === 'json')
    return new AwsError('InternalServerException', 'An internal error occurred (injected fault)', 500)
  return new AwsError(
    protocol === 'restXml' ? 'InternalError' : 'InternalFailure',
    'We encountered an internal error. Please try again.',
    500,
  )
}

/** An HTTP `Date` header value for `now` moved by the decision's skew; undefined when there is none. */
export function skewedDate(decision: LimitDecision, now: number): string | undefined {
  return decision.skewMs === 0 ? undefined : new Date(now + decision.skewMs).toUTCString()
}
