/**
 * AWS Sign-In's token endpoint, `POST /v1/token` (CreateOAuth2Token, rest-json, unsigned): the
 * DPoP proof is checked first, then the grant (`grants.ts`). Errors carry their exception name in
 * `x-amzn-ErrorType` and the modelled `error` and `message` members, which is what botocore and the
 * JS SDK need to map `TOKEN_EXPIRED`, `AUTHCODE_EXPIRED` and the rest (`aws-login.md` §6.2).
 *
 * @module
 */
import { Hono, type Context } from 'hono'
import type { ServerDeps } from '../deps.js'
import { DpopError, verifyDpopProof } from './dpop.js'
import {
  createIdTokenKey,
  invalidRequest,
  redeemAuthorizationCode,
  redeemRefreshToken,
  SigninError,
  type GrantContext,
} from './grants.js'

/** The token endpoint as a sub-app. */
export function createSigninTokenApi(deps: ServerDeps): Hono {
  const app = new Hono()
  const idTokenKey = createIdTokenKey(deps)
  app.post('/v1/token', async (c) => {
    let grant = 'unknown'
    try {
      const url = new URL(c.req.url)
      const dpop = verifyDpopProof(c.req.header('dpop'), { method: 'POST', url: c.req.url, now: deps.clock() })
      const body = await readBody(c)
      grant = typeof body.grantType === 'string' ? body.grantType : 'unknown'
      // The same proof may come back on a retry of one call; another proof with its jti may not.
      if (deps.store.recordDpopProof(dpop.jti, dpop.proofHash, dpop.expiresAt) === 'replay') {
        throw invalidRequest('The DPoP proof has already been used')
      }
      const ctx: GrantContext = { deps, jkt: dpop.jkt, issuer: url.origin, idTokenKey }
      const result =
        grant === 'authorization_code'
          ? redeemAuthorizationCode(ctx, body)
          : grant === 'refresh_token'
            ? redeemRefreshToken(ctx, body)
            : undefined
      if (!result) throw invalidRequest('Unsupported grant type')
      deps.recordRequest('CreateOAuth2Token', 'success', { grant })
      return c.json(result, 200)
    } catch (error) {
      const refusal =
        error instanceof SigninError ? error : error instanceof DpopError ? invalidRequest(error.message) : undefined
      if (!refusal) throw error
      deps.recordRequest('CreateOAuth2Token', refusal.type, { grant })
      return signinError(c, refusal)
    }
  })
  return app
}

function signinError(c: Context, error: SigninError): Response {
  return c.json({ error: error.error, message: error.message }, error.status, { 'x-amzn-ErrorType': error.type })
}

// rest-json sends the `tokenInput` structure as the JSON body; the model also allows a form.
async function readBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? ''
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(await c.req.text()))
  }
  try {
    const value: unknown = JSON.parse(await c.req.text())
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {}
  throw invalidRequest('The request body is not valid JSON')
}
