/**
 * The mails the server sends, worded after AWS IAM Identity Center's own (in English, as AWS
 * sends them): the invitation with its "Accept invitation" link, and the password reset.
 *
 * @module
 */
import type { User } from '../store/store.js'
import type { MailMessage } from './outbox.js'

/** What every mail names: the portal the user signs in to. */
export interface MailContext {
  startUrl: string
  /** When the link stops working (ms). */
  expiresAt: number
}

function greeting(user: User): string {
  return `Hello ${user.displayName ?? user.givenName ?? user.userName},`
}

/** The invitation to a new user: accept it to set a password and register an MFA device. */
export function invitationMail(user: User & { email: string }, link: string, ctx: MailContext): MailMessage {
  return {
    kind: 'invitation',
    recipient: user.email,
    subject: 'Invitation to join AWS IAM Identity Center',
    body: [
      greeting(user),
      '',
      'Your AWS administrator has invited you to join AWS IAM Identity Center.',
      'Accept the invitation to set your password and get access to your AWS accounts and applications.',
      '',
      `Accept invitation: ${link}`,
      '',
      `Your username: ${user.userName}`,
      `Your AWS access portal URL: ${ctx.startUrl}`,
      '',
      `This invitation expires on ${new Date(ctx.expiresAt).toISOString()}.`,
    ].join('\n'),
    link,
    userId: user.id,
  }
}

/** The password reset an administrator sent. */
export function passwordResetMail(user: User & { email: string }, link: string, ctx: MailContext): MailMessage {
  return {
    kind: 'password-reset',
    recipient: user.email,
    subject: 'Reset your AWS IAM Identity Center password',
    body: [
      greeting(user),
      '',
      'Your AWS administrator has asked you to reset the password you use to sign in to the AWS access portal.',
      '',
      `Reset password: ${link}`,
      '',
      `Your username: ${user.userName}`,
      `Your AWS access portal URL: ${ctx.startUrl}`,
      '',
      `This link expires on ${new Date(ctx.expiresAt).toISOString()}.`,
    ].join('\n'),
    link,
    userId: user.id,
  }
}
