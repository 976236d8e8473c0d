/**
 * Invitations: a user created by an administrator (the console, identitystore CreateUser, or an
 * org file user without a password) gets a link to set a password and enrol MFA. The link is
 * mailed (kept in the outbox, delivered over SMTP with `--smtp`) when the user has an e-mail
 * address, and printed to the server log too: the one secret the log shows, so a server without
 * a mail catcher stays usable. A password reset is the same single-use link for an active user.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import { randomToken } from '../ids.js'
import { invitationMail, passwordResetMail } from '../mail/messages.js'
import { sendMail } from '../mail/outbox.js'
import { hashSecret } from './secrets.js'

/** Invitations are valid for seven days. */
export const INVITATION_MS = 7 * 24 * 3600_000

/** What creating an invitation needs. */
export type InvitationDeps = Pick<ServerDeps, 'store' | 'clock' | 'ids' | 'logger' | 'baseUrl' | 'mail'>

/** Creates an invitation (or, for an active user, a password-reset link) for `userId`, mails and logs it. */
export function createInvitation(
  deps: InvitationDeps,
  userId: string,
  kind: 'invitation' | 'password-reset' = 'invitation',
): { url: string; expiresAt: number } {
  const user = deps.store.getUser(userId)
  if (!user) throw new Error(`Cannot invite an unknown user: "${userId}"`)
  const token = randomToken(deps.ids, 32)
  const now = deps.clock()
  const expiresAt = now + INVITATION_MS
  deps.store.createInvitation({ tokenHash: hashSecret(token), userId, createdAt: now, expiresAt, usedAt: null })
  const url = `${deps.baseUrl()}/invitation?token=${token}`
  const label = kind === 'invitation' ? 'Invitation' : 'Password reset'
  deps.logger.info(`${label} for ${user.userName}: ${url}`)
  const startUrl = deps.store.getInstance()?.startUrl ?? `${deps.baseUrl()}/start`
  if (user.email) {
    const withEmail = { ...user, email: user.email }
    const make = kind === 'invitation' ? invitationMail : passwordResetMail
    sendMail(deps, make(withEmail, url, { startUrl, expiresAt }))
  }
  return { url, expiresAt }
}
