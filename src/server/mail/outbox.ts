/**
 * Sending mail: every mail is kept in the outbox (the store's `mail_outbox`, shown on `/outbox`
 * and listed as JSON by `GET /_idc/outbox`), and handed to the SMTP transport when `idc server
 * --smtp URL` configured one. Delivery failures are logged, never thrown: the mail is in the
 * outbox either way, as an invitation must not fail because a mail catcher is down.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import { randomHex } from '../ids.js'
import { escapeLogText } from '../request-log.js'
import type { OutboxMail } from '../store/store.js'

/** A mail to send. */
export type MailMessage = Omit<OutboxMail, 'id' | 'createdAt'>

/** Delivers mail to a real server (nodemailer over SMTP in `idc server --smtp`). */
export interface MailTransport {
  /** Delivers one mail; rejects when the SMTP server refuses it. */
  deliver(mail: OutboxMail): Promise<void>
}

/** Keeps `message` in the outbox and delivers it when a transport is configured. */
export function sendMail(
  deps: Pick<ServerDeps, 'store' | 'clock' | 'ids' | 'logger' | 'mail'>,
  message: MailMessage,
): OutboxMail {
  const mail: OutboxMail = { ...message, id: `m-${randomHex(deps.ids, 16)}`, createdAt: deps.clock() }
  deps.store.addMail(mail)
  if (deps.mail) {
    deps.mail.deliver(mail).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error)
      deps.logger.warn(
        `Could not deliver mail ${mail.id} to ${escapeLogText(mail.recipient)}: ${escapeLogText(reason)}`,
      )
    })
  }
  return mail
}
