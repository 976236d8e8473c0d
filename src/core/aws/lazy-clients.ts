/**
 * An {@link AwsClientFactory} whose module (and through it each AWS SDK package) loads on the
 * first network call, so code that may never call AWS — the warm credential path above all —
 * pays nothing for having a factory at hand.
 *
 * @module
 */
import type { AwsClientFactory } from './clients.js'

/** The real SDK client factory, loaded on first use. */
export function createLazyAwsClientFactory(): AwsClientFactory {
  let factory: Promise<AwsClientFactory> | undefined
  const load = () => (factory ??= import('./clients.js').then((m) => m.createAwsClientFactory()))
  return {
    ssoOidc: async (target) => (await load()).ssoOidc(target),
    sso: async (target) => (await load()).sso(target),
    sts: async (target, credentials) => (await load()).sts(target, credentials),
    s3: async (target, credentials) => (await load()).s3(target, credentials),
    signin: async (target, dpop) => (await load()).signin(target, dpop),
  }
}
