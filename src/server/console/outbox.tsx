/**
 * The console's mail outbox: `/admin/outbox` lists every mail the server sent (newest first) and
 * `/admin/outbox/<id>` shows one, with its link as a button ("Accept invitation", "Reset
 * password"). Console administrators only: each link sets the password of an account, and AWS
 * gives it to nobody but the user's mailbox (docs/server.md, "Mail"). `/outbox` redirects here.
 *
 * @module
 */
import { Hono } from 'hono'
import type { ServerDeps } from '../deps.js'
import { LocalTime } from '../pages/layout.js'
import type { PageEnv } from '../pages/page-context.js'
import type { Lang } from '../pages/i18n.js'
import type { OutboxMail } from '../store/store.js'
import { renderConsole } from './console-app.js'

const TEXT = {
  en: {
    title: 'Mail outbox',
    empty: 'No mail has been sent.',
    to: 'To',
    subject: 'Subject',
    sent: 'Sent',
    back: 'Back to the outbox',
    delivery: 'SMTP delivery',
    status: { pending: 'Sending', delivered: 'Delivered', failed: 'Failed' },
    linkLabel: (kind: string) => (kind === 'invitation' ? 'Accept invitation' : 'Reset password'),
  },
  ja: {
    title: 'メール送信箱',
    empty: '送信されたメールはありません。',
    to: '宛先',
    subject: '件名',
    sent: '送信日時',
    back: '送信箱に戻る',
    delivery: 'SMTP 配信',
    status: { pending: '送信中', delivered: '配信済み', failed: '失敗' },
    linkLabel: (kind: string) =>
      kind === 'invitation' ? 'Accept invitation (招待を承諾)' : 'Reset password (パスワードをリセット)',
  },
}

/** The SMTP delivery of one mail (`--smtp`), with the reason of a failure. */
function Delivery({ mail, lang }: { mail: OutboxMail; lang: Lang }) {
  if (!mail.delivery) return null
  const { status, error } = mail.delivery
  return (
    <span data-delivery={status} title={error}>
      {TEXT[lang].status[status]}
      {error ? `: ${error}` : ''}
    </span>
  )
}

function MailList({ mails, lang }: { mails: OutboxMail[]; lang: Lang }) {
  const t = TEXT[lang]
  if (mails.length === 0) return <p>{t.empty}</p>
  const smtp = mails.some((m) => m.delivery)
  return (
    <table style="width:100%;border-collapse:collapse">
      <thead>
        <tr>
          <th style="text-align:left">{t.to}</th>
          <th style="text-align:left">{t.subject}</th>
          <th style="text-align:left">{t.sent}</th>
          {smtp ? <th style="text-align:left">{t.delivery}</th> : null}
        </tr>
      </thead>
      <tbody>
        {mails.map((m) => (
          <tr data-mail={m.id}>
            <td>{m.recipient}</td>
            <td>
              <a href={`/admin/outbox/${m.id}`}>{m.subject}</a>
            </td>
            <td>
              <LocalTime ms={m.createdAt} lang={lang} />
            </td>
            {smtp ? (
              <td>
                <Delivery mail={m} lang={lang} />
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The outbox pages, mounted at `/admin/outbox` inside the console (which signs the administrator in). */
export function createOutboxPages(deps: ServerDeps) {
  const app = new Hono<PageEnv>()
  app.get('/', (c) => {
    const lang = c.get('lang')
    return renderConsole(c, TEXT[lang].title, <MailList mails={deps.store.listMail()} lang={lang} />)
  })
  app.get('/:id', (c) => {
    const lang = c.get('lang')
    const t = TEXT[lang]
    const mail = deps.store.getMail(c.req.param('id'))
    if (!mail) return renderConsole(c, t.title, <p>{c.get('t').notFoundBody}</p>, { status: 404 })
    return renderConsole(
      c,
      mail.subject,
      <article data-testid="mail">
        <dl class="kv">
          <dt>{t.to}</dt>
          <dd data-testid="mail-to">{mail.recipient}</dd>
          <dt>{t.sent}</dt>
          <dd>
            <LocalTime ms={mail.createdAt} lang={lang} />
          </dd>
          {mail.delivery ? (
            <>
              <dt>{t.delivery}</dt>
              <dd data-testid="mail-delivery">
                <Delivery mail={mail} lang={lang} />
              </dd>
            </>
          ) : null}
        </dl>
        <pre data-testid="mail-body">{mail.body}</pre>
        {mail.link ? (
          <p>
            <a href={mail.link} class="button" data-testid="mail-link">
              {t.linkLabel(mail.kind)}
            </a>
          </p>
        ) : null}
        <p>
          <a href="/admin/outbox">{t.back}</a>
        </p>
      </article>,
    )
  })
  return app
}
