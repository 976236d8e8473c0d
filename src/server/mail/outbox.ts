/**
 * Sending mail: every mail is kept in the outbox (the store's `mail_outbox`, shown in the console at
 * `/admin/outbox` and listed as JSON by `GET /_idc/outbox`), and handed to the SMTP transport when `idc server
 * --smtp URL` configured one. Delivery failures are logged, never thrown: the mail is in the
 * outbox either way, as an invitation must not fail because a mail catcher is down.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import { randomHex } from '../ids.js'
import { escapeLogText } from '../request-log.js'
import type { MailDelivery, OutboxMail } from '../store/store.js'

/** A mail to send. */
export type MailMessage = Omit<OutboxMail, 'id' | 'createdAt'>

/** Delivers mail to a real server (nodemailer over SMTP in `idc server --smtp`). */
export interface MailTransport {
  /**
   * Starts delivering one mail and calls `settled` once with the outcome; a failure's `error`
   * holds neither the SMTP password nor the link's token.
   */
  deliver(mail: OutboxMail, settled: (outcome: MailDelivery) => void): void
}

/** Keeps `message` in the outbox and delivers it when a transport is configured. */
export function sendMail(
  deps: Pick<ServerDeps, 'store' | 'clock' | 'ids' | 'logger' | 'mail'>,
  message: MailMessage,
): OutboxMail {
  const mail: OutboxMail = {
    ...message,
    id: `m-${randomHex(deps.ids, 16)}`,
    createdAt: deps.clock(),
    ...(deps.mail ? { delivery: { status: 'pending' as const } } : {}),
  }
  deps.store.addMail(mail)
  deps.mail?.deliver(mail, (outcome) => {
    deps.store.setMailDelivery(mail.id, outcome)
    if (outcome.status === 'failed')
      deps.logger.warn(
        `Could not deliver mail ${mail.id} (${mail.kind}) to ${escapeLogText(mail.recipient)} over SMTP: ${escapeLogText(outcome.error ?? 'unknown error')}. It stays in the outbox.`,
      )
  })
  return mail
}
