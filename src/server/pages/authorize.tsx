/**
 * `/authorize` for the authorization-code (PKCE) flow, at the root as the CLI builds it from the
 * endpoint's origin (wire-protocol §4): check the client and its loopback redirect URI, sign in,
 * ask for consent, then send the browser back with a one-time code.
 *
 * @module
 */
import type { ServerDeps } from '../deps.js'
import { randomToken } from '../ids.js'
import { adoptClient } from '../domain/clients.js'
import { isLoopbackRedirectUri, matchesRegisteredRedirectUri } from '../domain/redirect-uri.js'
import { hashSecret } from '../domain/secrets.js'
import type { OidcClient } from '../store/store.js'
import { grantableScopes, narrowScopes } from '../oidc/scopes.js'
import type { Messages } from './i18n.js'
import { ConsentForm } from './consent-form.js'
import { createPageApp, redirectToSignIn, renderPage, showMessage, type PageContext } from './page-context.js'
import { isInstanceStartUrl } from '../domain/start-url.js'

/** Authorization codes live five minutes. */
const CODE_MS = 5 * 60_000

type AuthorizeCheck =
  | { kind: 'page'; text: string }
  | { kind: 'redirect'; to: string }
  | {
      kind: 'ok'
      client: OidcClient
      redirectUri: string
      state: string | undefined
      challenge: string
      scopes: string[]
    }

/** `uri` with `params` added to its query (the OAuth error and code responses). */
function redirectWith(uri: string, params: Record<string, string | undefined>): string {
  const u = new URL(uri)
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v)
  return u.toString()
}

/** The authorize page. */
export function createAuthorizePage(deps: ServerDeps) {
  const app = createPageApp(deps)

  function checkAuthorize(q: URLSearchParams, t: Messages): AuthorizeCheck {
    const clientId = q.get('client_id') ?? ''
    const redirectUri = q.get('redirect_uri') ?? ''
    let client = clientId ? deps.store.getClient(clientId) : undefined
    if (!client && clientId && deps.options.adoptUnknownClients) client = adoptClient(deps, clientId, undefined)
    if (!client || client.expiresAt * 1000 <= deps.clock()) return { kind: 'page', text: t.badClient }
    // Never redirect to an address that was not registered: show the error instead (RFC 6749 §4.1.2.1).
    if (!isLoopbackRedirectUri(redirectUri) || !matchesRegisteredRedirectUri(redirectUri, client.redirectUris))
      return { kind: 'page', text: t.badRedirect }
    const state = q.get('state') ?? undefined
    const fail = (error: string, description: string): AuthorizeCheck => ({
      kind: 'redirect',
      to: redirectWith(redirectUri, { error, error_description: description, state }),
    })
    if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code')
    // The client registered for the portal it names (RegisterClient's issuerUrl, the CLI's
    // sso_start_url): a portal that is not this instance's is refused, as AWS does.
    if (client.issuerUrl !== null && !isInstanceStartUrl(deps.store.getInstance()?.startUrl, client.issuerUrl))
      return fail('invalid_request', 'Invalid start URL')
    const challenge = q.get('code_challenge') ?? ''
    if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge))
      return fail('invalid_request', 'PKCE with code_challenge_method S256 is required')
    // The CLI sends `scopes` (plural, space-separated; wire-protocol §4); RFC 6749 says `scope`.
    const requested = (q.get('scopes') ?? q.get('scope') ?? '').split(/[\s,]+/).filter(Boolean)
    const scopes = narrowScopes(requested, grantableScopes(client.scopes))
    if (!scopes) return fail('invalid_scope', 'The requested scope is invalid or exceeds the registered scopes')
    return { kind: 'ok', client, redirectUri, state, challenge, scopes }
  }

  function consent(c: PageContext, query: URLSearchParams, client: OidcClient, scopes: string[]) {
    const t = c.get('t')
    return renderPage(
      c,
      t.consentTitle(client.clientName),
      <ConsentForm
        t={t}
        lang={c.get('lang')}
        csrf={c.get('web').csrfToken}
        action="/authorize"
        clientName={client.clientName}
        scopes={scopes}
        hidden={{ request: query.toString() }}
      />,
    )
  }

  app.get('/', (c) => {
    const t = c.get('t')
    const query = new URL(c.req.url).searchParams
    const check = checkAuthorize(query, t)
    if (check.kind === 'page') return showMessage(c, t.errorTitle, check.text, 400)
    if (check.kind === 'redirect') return c.redirect(check.to, 302)
    if (!c.get('user')) return redirectToSignIn(c)
    return consent(c, query, check.client, check.scopes)
  })

  app.post('/', (c) => {
    const t = c.get('t')
    const user = c.get('user')
    const f = c.get('form')
    const query = new URLSearchParams(f.request ?? '')
    if (!user) return c.redirect(`/authorize?${query.toString()}`, 302)
    const check = checkAuthorize(query, t)
    if (check.kind === 'page') return showMessage(c, t.errorTitle, check.text, 400)
    if (check.kind === 'redirect') return c.redirect(check.to, 302)
    const { redirectUri, state } = check
    if (f.decision !== 'allow') {
      const to = redirectWith(redirectUri, {
        error: 'access_denied',
        error_description: 'The user denied the request',
        state,
      })
      return c.redirect(to, 302)
    }
    const code = randomToken(deps.ids, 32)
    const now = deps.clock()
    deps.store.createAuthorizationCode({
      codeHash: hashSecret(code),
      clientId: check.client.clientId,
      userId: user.id,
      redirectUri,
      codeChallenge: check.challenge,
      scopes: check.scopes,
      used: false,
      createdAt: now,
      expiresAt: now + CODE_MS,
    })
    return c.redirect(redirectWith(redirectUri, { code, state }), 302)
  })

  return app
}
