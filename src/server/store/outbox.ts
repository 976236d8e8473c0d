/**
 * The mail outbox: every mail the server "sent" (invitations, password resets), kept so a person
 * can read it on the outbox page and tests can read it from `GET /_idc/outbox`.
 *
 * @module
 */
import { checkLimits } from './limits.js'
import type { Sql } from './sqlite.js'

/** A mail the server sent. */
export interface OutboxMail {
  id: string
  /** `invitation` or `password-reset`. */
  kind: string
  recipient: string
  subject: string
  /** Plain text. */
  body: string
  /** The link the mail is about ("Accept invitation", "Reset password"). */
  link: string | null
  /** The directory user it was sent for. */
  userId: string | null
  createdAt: number
  /** SMTP delivery (`idc server --smtp`); absent when no SMTP server is configured. */
  delivery?: MailDelivery | undefined
}

/** Whether a mail reached the SMTP server. */
export interface MailDelivery {
  status: 'pending' | 'delivered' | 'failed'
  /** Why it failed, without credentials. */
  error?: string | undefined
}

/** Reads and writes of the outbox. */
export interface OutboxStore {
  /** Keeps a sent mail. */
  addMail(mail: OutboxMail): void
  /** Every mail, newest first. */
  listMail(): OutboxMail[]
  /** One mail. */
  getMail(id: string): OutboxMail | undefined
  /** Records how the SMTP delivery of a kept mail went. */
  setMailDelivery(id: string, delivery: MailDelivery): void
}

interface MailRow {
  id: string
  kind: string
  recipient: string
  subject: string
  body: string
  link: string | null
  user_id: string | null
  created_at: number
  delivery: MailDelivery['status'] | null
  delivery_error: string | null
}

function toMail(r: MailRow): OutboxMail {
  return {
    id: r.id,
    kind: r.kind,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
    link: r.link,
    userId: r.user_id,
    createdAt: r.created_at,
    ...(r.delivery
      ? { delivery: { status: r.delivery, ...(r.delivery_error ? { error: r.delivery_error } : {}) } }
      : {}),
  }
}

/** A delivery error is an SMTP server's reply or a socket error: kept short. */
const MAX_DELIVERY_ERROR = 1000

/** The outbox module over one database. */
export function createOutboxStore(sql: Sql): OutboxStore {
  return {
    addMail(m) {
      checkLimits({ email: m.recipient, mailSubject: m.subject, mailBody: m.body })
      sql.run(
        'INSERT INTO mail_outbox (id, kind, recipient, subject, body, link, user_id, created_at, delivery, delivery_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        m.id,
        m.kind,
        m.recipient,
        m.subject,
        m.body,
        m.link,
        m.userId,
        m.createdAt,
        m.delivery?.status ?? null,
        m.delivery?.error ?? null,
      )
    },
    listMail: () => sql.all<MailRow>('SELECT * FROM mail_outbox ORDER BY created_at DESC, rowid DESC').map(toMail),
    getMail(id) {
      const r = sql.one<MailRow>('SELECT * FROM mail_outbox WHERE id = ?', id)
      return r ? toMail(r) : undefined
    },
    setMailDelivery(id, delivery) {
      const error = delivery.error?.slice(0, MAX_DELIVERY_ERROR) ?? null
      sql.run('UPDATE mail_outbox SET delivery = ?, delivery_error = ? WHERE id = ?', delivery.status, error, id)
    },
  }
}
