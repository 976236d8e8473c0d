/**
 * SCIM discovery (RFC 7643 §5–7, RFC 7644 §4): ServiceProviderConfig, ResourceTypes and Schemas,
 * saying what this endpoint supports — PATCH, filtering up to 100 results, bearer tokens; no bulk,
 * sort, ETags or password changes, as with Identity Center.
 *
 * @module
 */
import { GROUP_SCHEMA } from './groups.js'
import { ENTERPRISE_USER } from './patch.js'
import { USER_SCHEMA } from './users.js'

/** The ServiceProviderConfig resource. */
export function serviceProviderConfig(): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: 'https://docs.aws.amazon.com/singlesignon/latest/developerguide/what-is-scim.html',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 100 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication with an access token created by the administrator',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: '/scim/v2/ServiceProviderConfig' },
  }
}

/** The ResourceTypes. */
export function resourceTypes(): Record<string, unknown>[] {
  const listed = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType'
  return [
    {
      schemas: [listed],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_USER, required: false }],
      meta: { resourceType: 'ResourceType', location: '/scim/v2/ResourceTypes/User' },
    },
    {
      schemas: [listed],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      schema: GROUP_SCHEMA,
      meta: { resourceType: 'ResourceType', location: '/scim/v2/ResourceTypes/Group' },
    },
  ]
}

function attribute(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    type: 'string',
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...extra,
  }
}

function multi(name: string, subs: string[]): Record<string, unknown> {
  return attribute(name, {
    type: 'complex',
    multiValued: true,
    subAttributes: [...subs.map((s) => attribute(s)), attribute('primary', { type: 'boolean' })],
  })
}

/** The Schemas this endpoint serves. */
export function schemas(): Record<string, unknown>[] {
  const schema = 'urn:ietf:params:scim:schemas:core:2.0:Schema'
  const user = {
    schemas: [schema],
    id: USER_SCHEMA,
    name: 'User',
    attributes: [
      attribute('userName', { required: true, uniqueness: 'server' }),
      attribute('name', {
        type: 'complex',
        subAttributes: ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'].map(
          (s) => attribute(s),
        ),
      }),
      ...['displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone'].map(
        (s) => attribute(s),
      ),
      attribute('active', { type: 'boolean' }),
      multi('emails', ['value', 'type']),
      multi('phoneNumbers', ['value', 'type']),
      multi('addresses', ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type']),
    ],
    meta: { resourceType: 'Schema', location: `/scim/v2/Schemas/${USER_SCHEMA}` },
  }
  const group = {
    schemas: [schema],
    id: GROUP_SCHEMA,
    name: 'Group',
    attributes: [
      attribute('displayName', { required: true, uniqueness: 'server' }),
      attribute('members', {
        type: 'complex',
        multiValued: true,
        returned: 'never',
        subAttributes: [attribute('value', { mutability: 'immutable' })],
      }),
    ],
    meta: { resourceType: 'Schema', location: `/scim/v2/Schemas/${GROUP_SCHEMA}` },
  }
  const enterprise = {
    schemas: [schema],
    id: ENTERPRISE_USER,
    name: 'EnterpriseUser',
    attributes: [
      ...['employeeNumber', 'costCenter', 'organization', 'division', 'department'].map((s) => attribute(s)),
      attribute('manager', { type: 'complex', subAttributes: [attribute('value')] }),
    ],
    meta: { resourceType: 'Schema', location: `/scim/v2/Schemas/${ENTERPRISE_USER}` },
  }
  return [user, group, enterprise]
}
