/**
 * An {@link AwsClientFactory} whose module (and through it each AWS SDK package) loads on the
 * first network call, so code that may never call AWS — the warm credential path above all —
 * pays nothing for having a factory at hand. The same goes for the HTTP handler every call shares
 * (`http-handler.ts`): its settings (the CA bundle, which may need the config file) are resolved
 * on first use.
 *
 * @module
 */
import type { Env } from '../env.js'
import type { AwsClientFactory } from './clients.js'
import type { HttpHandlerOptionsInput, IdcHttpHandler } from './http-handler.js'

/** The shared HTTP handler, created on first use from the settings `input()` gives then. */
export function createLazyHttpHandler(env: Env, input: () => HttpHandlerOptionsInput): () => Promise<IdcHttpHandler> {
  let handler: Promise<IdcHttpHandler> | undefined
  return () => (handler ??= import('./http-handler.js').then((m) => m.createHttpHandler(env, input())))
}

/** The real SDK client factory, loaded on first use; every client sends through `http()`'s handler. */
export function createLazyAwsClientFactory(http: () => Promise<IdcHttpHandler>): AwsClientFactory {
  let factory: Promise<AwsClientFactory> | undefined
  const load = () =>
    (factory ??= Promise.all([import('./clients.js'), http()]).then(([m, handler]) =>
      m.createAwsClientFactory(handler),
    ))
  return {
    ssoOidc: async (target) => (await load()).ssoOidc(target),
    sso: async (target) => (await load()).sso(target),
    sts: async (target, credentials) => (await load()).sts(target, credentials),
    s3: async (target, credentials) => (await load()).s3(target, credentials),
    signin: async (target, dpop) => (await load()).signin(target, dpop),
  }
}
