/**
 * Test helper: the awsJson admin APIs (sso-admin, identitystore, organizations) called as the
 * administrator through `app.request()`, signed with SigV4 like any client. Only tests import it.
 *
 * @module
 */
import type { Hono } from 'hono'
import type { Store } from '../../../src/server/store/store.js'
import { callJson, type TestCredentials } from './test-clients.js'

const SERVICES = {
  ssoAdmin: { prefix: 'SWBExternalService', signingName: 'sso' },
  identityStore: { prefix: 'AWSIdentityStore', signingName: 'identitystore' },
  organizations: { prefix: 'AWSOrganizationsV20161128', signingName: 'organizations' },
  scim: { prefix: 'IdcScim', signingName: 'sso' },
} as const

/** One admin API call's answer. */
export interface AdminAnswer {
  status: number
  json: any
}

/** A caller of one admin API: `(operation, body, credentials?)`. */
export type AdminCall = (operation: string, body: unknown, credentials?: TestCredentials) => Promise<AdminAnswer>

/** Callers of the admin APIs (and idc's SCIM token API) with the administrator's key (or the credentials given). */
export function adminApis(app: Hono, store: Store): Record<keyof typeof SERVICES, AdminCall> {
  const make =
    (service: keyof typeof SERVICES): AdminCall =>
    async (operation, body, credentials) => {
      const { prefix, signingName } = SERVICES[service]
      const res = await callJson({
        app,
        credentials: credentials ?? (store.getAdminCredentials() as TestCredentials),
        target: `${prefix}.${operation}`,
        signingName,
        body,
      })
      return { status: res.status, json: res.json }
    }
  return {
    ssoAdmin: make('ssoAdmin'),
    identityStore: make('identityStore'),
    organizations: make('organizations'),
    scim: make('scim'),
  }
}
