/**
 * The consent form both OAuth flows show (device code and authorization code): which application
 * asks, for which scopes, and Allow or Deny.
 *
 * @module
 */
import type { PageProps } from './layout.js'

/** Allow or deny a client. */
export function ConsentForm(
  props: PageProps & { action: string; clientName: string; scopes: string[]; hidden: Record<string, string> },
) {
  const { t } = props
  return (
    <form method="post" action={props.action}>
      <p>{t.consentBody(props.clientName)}</p>
      {props.scopes.length > 0 ? (
        <>
          <p class="muted">{t.consentScopes}</p>
          <ul>
            {props.scopes.map((s) => (
              <li>
                <code>{s}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <input type="hidden" name="csrf" value={props.csrf} />
      {Object.entries(props.hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" name="decision" value="allow">
        {t.allowAccess}
      </button>
      <button type="submit" name="decision" value="deny" class="secondary">
        {t.denyAccess}
      </button>
    </form>
  )
}
