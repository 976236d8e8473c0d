/**
 * Invitations: a user created by an administrator (identitystore CreateUser, or an org file user
 * without a password) gets a link to set a password and enrol MFA. There is no mail, so the link is
 * printed to the server log, on purpose: it is the one secret the log shows.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import { randomToken } from '../ids.js'
import { hashSecret } from './secrets.js'

/** Invitations are valid for seven days. */
export const INVITATION_MS = 7 * 24 * 3600_000

/** Creates an invitation for `userId`, logs its link and returns it. */
export function createInvitation(
  deps: Pick<ServerDeps, 'store' | 'clock' | 'ids' | 'logger' | 'baseUrl'>,
  userId: string,
): { url: string; expiresAt: number } {
  const user = deps.store.getUser(userId)
  if (!user) throw new Error(`Cannot invite an unknown user: "${userId}"`)
  const token = randomToken(deps.ids, 32)
  const now = deps.clock()
  const expiresAt = now + INVITATION_MS
  deps.store.createInvitation({ tokenHash: hashSecret(token), userId, createdAt: now, expiresAt, usedAt: null })
  const url = `${deps.baseUrl()}/invitation?token=${token}`
  deps.logger.info(`Invitation for ${user.userName}: ${url}`)
  return { url, expiresAt }
}
