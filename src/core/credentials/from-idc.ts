/**
 * The AWS SDK for JavaScript v3 entry point: a credential provider with the AWS CLI's resolution
 * order and caches, for `new S3Client({ credentials: fromIdc({ profile: 'dev' }) })`.
 *
 * @module
 */
import type { Env } from '../env.js'
import { createNodeEnv } from '../node-env.js'
import { createNodeProcessRunner } from './node-process-runner.js'
import { memoize } from './provider.js'
import { resolveCredentials, type ResolveCredentialsOptions } from './resolve-credentials.js'
import type { CredentialProvider } from './types.js'

/** Options for {@link fromIdc}. */
export interface FromIdcInit extends ResolveCredentialsOptions {
  /** The environment (default: the running Node.js process). */
  env?: Env
}

/**
 * Resolves credentials like the AWS CLI (env, assume-role, SSO, credential_process, static keys),
 * sharing `~/.aws/cli/cache` with it; the result is kept in memory until 5 minutes before expiry.
 */
export function fromIdc(init: FromIdcInit = {}): CredentialProvider {
  const { env = createNodeEnv(), ...options } = init
  return memoize(() => resolveCredentials(env, { runProcess: createNodeProcessRunner(), ...options }), { env })
}
