/**
 * Delivering the outbox's mail to a real SMTP server (`idc server --smtp URL`, or `mail.smtp` in
 * the org file), e.g. a Mailpit that a team already runs. nodemailer speaks SMTP; this module
 * builds the message and keeps the password and the link's token out of every text it returns.
 * Loaded only when an SMTP server is configured.
 *
 * @module
 */
import { createTransport } from 'nodemailer'
import type { OutboxMail } from '../store/store.js'
import type { MailTransport } from './outbox.js'
import { redactSecrets, type SmtpSettings } from './smtp-url.js'

/** The invitation or reset token in a mail's link, which no error text may repeat. */
function linkToken(mail: OutboxMail): string | undefined {
  if (!mail.link) return undefined
  try {
    return new URL(mail.link).searchParams.get('token') ?? undefined
  } catch {
    return undefined
  }
}

/** An SMTP transport that also says where it delivers and can wait for mail in flight. */
export interface SmtpTransport extends MailTransport {
  /** The URL without the password. */
  readonly display: string
  /** Checks that the server answers and accepts the credentials; rejects with a redacted reason. */
  verify(): Promise<void>
  /** Waits for the deliveries under way (and their `settled` calls), then closes the connections. */
  close(): Promise<void>
}

/** Seconds to wait for a connection and the greeting: a catcher that is down should fail fast. */
const CONNECT_TIMEOUT_MS = 10_000

/** Builds the transport; nothing connects until the first mail or `verify()`. */
export function createSmtpTransport(settings: SmtpSettings): SmtpTransport {
  const transporter = createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user !== undefined ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    ...(settings.skipVerify ? { tls: { rejectUnauthorized: false } } : {}),
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: 30_000,
  })
  const inFlight = new Set<Promise<unknown>>()
  const reason = (error: unknown, extra: readonly (string | undefined)[] = []): Error => {
    const message = error instanceof Error ? error.message : String(error)
    return new Error(redactSecrets(message, [settings.password, ...extra]))
  }
  return {
    display: settings.display,
    deliver(mail, settled) {
      const task = transporter
        .sendMail({
          from: settings.from,
          to: mail.recipient,
          subject: mail.subject,
          text: mail.body,
          headers: { 'X-Idc-Mail-Id': mail.id, 'X-Idc-Mail-Kind': mail.kind },
        })
        .then(
          () => settled({ status: 'delivered' }),
          (error: unknown) => settled({ status: 'failed', error: reason(error, [linkToken(mail)]).message }),
        )
        .finally(() => inFlight.delete(task))
      inFlight.add(task)
    },
    async verify() {
      try {
        await transporter.verify()
      } catch (error) {
        throw reason(error)
      }
    },
    async close() {
      await Promise.allSettled([...inFlight])
      transporter.close()
    },
  }
}
