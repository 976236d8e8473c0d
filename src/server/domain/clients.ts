/**
 * Adopting OIDC clients this server never registered (see `ServerOptions.adoptUnknownClients`):
 * the client id is recorded as if just registered for the CLI's loopback callback; its secret is
 * bound on the first call that presents one.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import type { OidcClient } from '../store/store.js'
import { hashSecret } from './secrets.js'

const REGISTRATION_SECONDS = 90 * 24 * 3600

/** Records an unknown client id as registered; `clientSecret` binds its secret at once when given. */
export function adoptClient(
  deps: ServerDeps,
  clientId: string,
  clientSecret: string | undefined,
): OidcClient | undefined {
  if (!/^[\w-]{8,128}$/.test(clientId)) return undefined
  const issuedAt = Math.floor(deps.clock() / 1000)
  const client: OidcClient = {
    clientId,
    clientSecretHash: clientSecret ? hashSecret(clientSecret) : '',
    clientName: 'AWS CLI (registered before a restart)',
    clientType: 'public',
    scopes: ['sso:account:access'],
    redirectUris: ['http://127.0.0.1/oauth/callback', 'http://localhost/oauth/callback'],
    grantTypes: [],
    issuerUrl: null,
    issuedAt,
    expiresAt: issuedAt + REGISTRATION_SECONDS,
  }
  deps.store.registerClient(client)
  deps.logger.warn(
    'Accepted an OIDC client registered before a restart (the data directory is temporary; use --data DIR to keep state)',
  )
  return client
}
