/**
 * The SCIM tenant: AWS serves an instance's SCIM endpoint at
 * `https://scim.<region>.amazonaws.com/<tenant id>/scim/v2/`, and answers 401 when the tenant id
 * is not the instance's. This server keeps one tenant id per data directory (made on first use) and
 * serves `<endpoint>/<tenant id>/scim/v2/`; `<endpoint>/scim/v2/` stays as its own short form.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import { randomHex } from '../ids.js'

const META_KEY = 'scim_tenant_id'

/** The instance's SCIM tenant id (a UUID-shaped random id), made and kept on first use. */
export function scimTenantId(deps: Pick<ServerDeps, 'store' | 'ids'>): string {
  const kept = deps.store.getMeta(META_KEY)
  if (kept) return kept
  const hex = randomHex(deps.ids, 32)
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
  deps.store.setMeta(META_KEY, id)
  return id
}

/** The SCIM endpoint an identity provider is given, as the console and CreateScimAccessToken show it. */
export function scimEndpoint(deps: Pick<ServerDeps, 'store' | 'ids' | 'baseUrl'>): string {
  return `${deps.baseUrl()}/${scimTenantId(deps)}/scim/v2/`
}
