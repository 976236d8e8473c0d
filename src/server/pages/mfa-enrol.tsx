/**
 * Registering an authenticator app outside the invitation: at sign-in when the instance requires
 * MFA and the user has no device (`/signin/enrol`), and from the access portal (`/start/mfa`,
 * where a signed-in user also removes it). The new secret travels in the form (the page shows it
 * anyway) and becomes the user's device only once a current code from it is entered.
 *
 * @module
 */
import QRCode from 'qrcode'
import { raw } from 'hono/html'
import type { ServerDeps } from '../deps.js'
import { createTotpSecret, totpUri, verifyTotp } from '../domain/secrets.js'
import type { User } from '../store/store.js'
import { ErrorBox, MfaCodeField, type PageProps } from './layout.js'

/** The QR code, the secret and the code field, posting to `action` with `hidden` fields. */
export function MfaEnrolForm(
  props: PageProps & {
    action: string
    secret: string
    qrSvg: string
    hidden?: Record<string, string>
    error?: string | undefined
  },
) {
  const { t } = props
  return (
    <form method="post" action={props.action}>
      <ErrorBox message={props.error} />
      <p>{t.mfaScan}</p>
      <div class="qr">{raw(props.qrSvg)}</div>
      <dl class="kv">
        <dt>{t.secretKey}</dt>
        <dd data-testid="totp-secret">{props.secret}</dd>
      </dl>
      <input type="hidden" name="csrf" value={props.csrf} />
      <input type="hidden" name="secret" value={props.secret} />
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <MfaCodeField t={t} />
      <button type="submit">{t.registerMfa}</button>
    </form>
  )
}

/** A new secret (or the posted one, on a retry) and its QR code as SVG. */
export async function enrolmentFor(
  deps: ServerDeps,
  user: User,
  issuer: string,
  posted?: string,
): Promise<{ secret: string; qrSvg: string }> {
  const secret = posted && /^[A-Z2-7]{16,64}$/.test(posted) ? posted : createTotpSecret(deps.ids)
  const qrSvg = await QRCode.toString(totpUri(secret, user.userName, issuer), { type: 'svg', margin: 1 })
  return { secret, qrSvg }
}

/** Registers `secret` as the user's device when `code` is its current code; false otherwise. */
export function confirmEnrolment(deps: ServerDeps, user: User, secret: string, code: string): boolean {
  if (!/^[A-Z2-7]{16,64}$/.test(secret)) return false
  const step = verifyTotp(secret, code.trim(), deps.clock())
  if (step === undefined) return false
  deps.store.setUserTotp(user.id, secret)
  return deps.store.consumeUserTotpStep(user.id, step)
}
