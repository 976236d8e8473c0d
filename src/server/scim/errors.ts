/**
 * SCIM errors (RFC 7644 §3.12): `{schemas: [Error], status, scimType?, detail}` with the status as
 * a string, in `application/scim+json`.
 *
 * @module
 */

/** The SCIM media type every answer carries. */
export const SCIM_CONTENT_TYPE = 'application/scim+json'

/** A SCIM error to answer with. */
export class ScimError extends Error {
  override readonly name = 'ScimError'
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 500 | 501,
    detail: string,
    /** RFC 7644's `scimType` (`invalidFilter`, `uniqueness`, `invalidValue`, …). */
    readonly scimType?: string,
  ) {
    super(detail)
  }
}

/** The error body. */
export function scimErrorBody(error: ScimError): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: String(error.status),
    ...(error.scimType ? { scimType: error.scimType } : {}),
    detail: error.message,
  }
}
