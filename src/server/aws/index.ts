/**
 * The SigV4-signed AWS APIs (STS, S3, sso-admin, identitystore, organizations), served at `POST /`
 * and `GET /` (wire-protocol §9). Placeholder until the AWS-API part lands.
 *
 * @module
 */
import { Hono } from 'hono'
import type { ServerDeps } from '../deps.js'

/** The AWS APIs' sub-app; mounted last by `createApp`. */
export function createAwsApi(_deps: ServerDeps): Hono {
  return new Hono()
}
