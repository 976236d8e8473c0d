/**
 * SCIM access tokens: created by the administrator (an admin API call now, the console's Settings
 * page later) and shown once; the store keeps their SHA-256 hashes. At most two at a time and one
 * year of validity, as Identity Center allows.
 *
 * @module
 */
import { hashSecret } from '../domain/secrets.js'
import type { ServerDeps } from '../deps.js'
import { randomToken, randomUuid } from '../ids.js'

/** How long a SCIM token is valid. */
export const SCIM_TOKEN_MS = 365 * 24 * 3600_000
/** How many tokens may exist at once. */
export const MAX_SCIM_TOKENS = 2

/** A token as created: the secret, shown once, and its record's id and expiry. */
export interface NewScimToken {
  id: string
  token: string
  expiresAt: number
}

/** Creates a SCIM token; undefined when {@link MAX_SCIM_TOKENS} already exist. */
export function createScimAccessToken(deps: Pick<ServerDeps, 'store' | 'clock' | 'ids'>): NewScimToken | undefined {
  const now = deps.clock()
  return deps.store.transaction(() => {
    if (deps.store.listScimTokens().length >= MAX_SCIM_TOKENS) return undefined
    const token = randomToken(deps.ids, 48)
    const id = randomUuid(deps.ids)
    const expiresAt = now + SCIM_TOKEN_MS
    deps.store.createScimToken({ id, tokenHash: hashSecret(token), createdAt: now, expiresAt, lastUsedAt: null })
    return { id, token, expiresAt }
  })
}

/** True when `authorization` carries a valid SCIM bearer token (and marks it used). */
export function checkScimToken(deps: Pick<ServerDeps, 'store' | 'clock'>, authorization: string | undefined): boolean {
  const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '')
  if (!m) return false
  return deps.store.useScimToken(hashSecret(m[1] as string), deps.clock()) !== undefined
}
