/**
 * GetRoleCredentials' core: short-term `ASIA…` credentials for a user's permission set in an
 * account, recorded with their principal so STS and S3 can verify SigV4 signatures made with them.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import { randomToken, randomUpperAlnum } from '../ids.js'
import type { CredentialPrincipal, PermissionSet, User } from '../store/store.js'
import { parseIsoDuration } from './org.js'

/** Credentials as the portal returns them (`expiration` in epoch milliseconds). */
export interface RoleCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: number
}

/** Issues and records role credentials for `user` with `permissionSet` in `accountId`. */
export function issueRoleCredentials(
  deps: ServerDeps,
  user: User,
  accountId: string,
  permissionSet: PermissionSet,
): RoleCredentials {
  const seconds = parseIsoDuration(permissionSet.sessionDuration) ?? 3600
  return issueSessionCredentials(deps, seconds, {
    type: 'sso_role',
    accountId,
    permissionSetId: permissionSet.id,
    userId: user.id,
    sessionName: user.userName,
  })
}

/** Issues and records `ASIA…` session credentials for `principal`, valid for `seconds`. */
export function issueSessionCredentials(
  deps: ServerDeps,
  seconds: number,
  principal: CredentialPrincipal,
): RoleCredentials {
  const now = deps.clock()
  const creds: RoleCredentials = {
    accessKeyId: `ASIA${randomUpperAlnum(deps.ids, 16)}`,
    secretAccessKey: deps.ids.bytes(30).toString('base64').slice(0, 40),
    sessionToken: `IQoJb3JpZ2luX2VjE${randomToken(deps.ids, 96)}`,
    expiration: now + seconds * 1000,
  }
  deps.store.recordIssuedCredentials({
    accessKeyId: creds.accessKeyId,
    secretAccessKey: creds.secretAccessKey,
    sessionToken: creds.sessionToken,
    expiresAt: creds.expiration,
    principal,
    createdAt: now,
  })
  return creds
}

/** The permission set named `roleName` that `user` may use in `accountId`, if any. */
export function findUserRole(
  deps: ServerDeps,
  userId: string,
  accountId: string,
  roleName: string,
): PermissionSet | undefined {
  return deps.store.listPermissionSetsOfUser(userId, accountId).find((p) => p.name === roleName)
}
