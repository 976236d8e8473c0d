/**
 * The `--smtp` URL (and the org file's `mail.smtp`): `smtp[s]://[user[:password]@]host[:port]`
 * with `?from=` and `?skip_verify=`, checked before the server starts, and the redaction that keeps
 * the password out of logs. Separate from the transport so that checking a URL loads no nodemailer.
 *
 * @module
 */

/** An `--smtp` URL that cannot be used; the message never holds the password. */
export class SmtpUrlError extends Error {
  override readonly name = 'SmtpUrlError'
}

/** Where and how to deliver, read from an `smtp://` or `smtps://` URL. */
export interface SmtpSettings {
  host: string
  port: number
  /** `smtps://`: TLS from the first byte. `smtp://` upgrades with STARTTLS when the server offers it. */
  secure: boolean
  user?: string | undefined
  password?: string | undefined
  /** The From address (`?from=`). */
  from: string
  /** `?skip_verify=true`: accept a certificate no CA signed (a mail catcher's own). */
  skipVerify: boolean
  /** The URL without the password, for logs and the banner. */
  display: string
}

/** The sender when the URL names none: a `.localhost` address, as this server is not AWS. */
export const DEFAULT_MAIL_FROM = 'AWS IAM Identity Center <no-reply@idc-server.localhost>'

const QUERY_KEYS = ['from', 'skip_verify']

/** Reads an SMTP URL: `smtp[s]://[user[:password]@]host[:port][?from=ADDRESS&skip_verify=true]`. */
export function parseSmtpUrl(text: string): SmtpSettings {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new SmtpUrlError('the SMTP URL must look like smtp://HOST:PORT or smtps://USER:PASSWORD@HOST:PORT')
  }
  const redacted = new URL(url.href)
  if (redacted.password) redacted.password = '***'
  const display = redacted.href.replace(/\/$/, '')
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new SmtpUrlError(`the SMTP URL must start with smtp:// or smtps://, not ${url.protocol}//: ${display}`)
  if (!url.hostname) throw new SmtpUrlError(`the SMTP URL names no host: ${display}`)
  if (url.pathname !== '' && url.pathname !== '/') throw new SmtpUrlError(`the SMTP URL takes no path: ${display}`)
  for (const key of url.searchParams.keys())
    if (!QUERY_KEYS.includes(key))
      throw new SmtpUrlError(`the SMTP URL has an unknown parameter '${key}' (known: ${QUERY_KEYS.join(', ')})`)
  const skip = url.searchParams.get('skip_verify')
  if (skip !== null && skip !== 'true' && skip !== 'false')
    throw new SmtpUrlError(`skip_verify in the SMTP URL must be true or false, not '${skip}'`)
  const secure = url.protocol === 'smtps:'
  const user = url.username ? decodeURIComponent(url.username) : undefined
  const password = url.password ? decodeURIComponent(url.password) : undefined
  if (password !== undefined && user === undefined)
    throw new SmtpUrlError(`the SMTP URL has a password but no user name: ${display}`)
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 25,
    secure,
    user,
    password,
    from: url.searchParams.get('from') || DEFAULT_MAIL_FROM,
    skipVerify: skip === 'true',
    display,
  }
}

/** Replaces every secret in `text` (the SMTP password, the mail's link token) with `***`. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('***')
  return out
}
