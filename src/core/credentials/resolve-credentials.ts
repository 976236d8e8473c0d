/**
 * The AWS CLI's credential resolution for one profile (`create_credential_resolver`,
 * `aws-cli-behaviour.md` §6.1 and §11): environment variables (skipped when a profile is given
 * explicitly), then the profile's plan — assume-role, web identity, SSO, static keys,
 * credential_process. Creating the provider reads the config and plans (configuration errors
 * surface here); calling it fetches (service and token errors surface there).
 *
 * @module
 */
import type { AwsClientFactory, ClientTarget } from '../aws/clients.js'
import { createLazyAwsClientFactory, createLazyHttpHandler } from '../aws/lazy-clients.js'
import { resolveEndpointUrl } from '../config/endpoints.js'
import { loadSharedConfigWithOrigins } from '../config/load-shared-config.js'
import type { SharedConfig } from '../config/parse-config-file.js'
import { resolveProfileName, resolveRegion } from '../config/profile.js'
import type { Env } from '../env.js'
import { CredentialsError } from '../errors.js'
import { fromAssumeRole } from './from-assume-role.js'
import { fromEnv, hasEnvCredentials } from './from-env.js'
import { fromLogin } from './from-login.js'
import { fromProcess } from './from-process.js'
import { fromSso } from './from-sso.js'
import { credentialRetrievalMessage, NO_CREDENTIALS_MESSAGE } from './messages.js'
import { planProfileCredentials, type CredentialPlan, type CredentialSource } from './profile-plan.js'
import type { AwsCredentials, CredentialProvider, MfaCodeProvider, ProcessRunner } from './types.js'

/** Options for {@link resolveCredentials} and {@link createCredentialProvider}. */
export interface ResolveCredentialsOptions {
  /** An explicitly chosen profile (`--profile`); it also turns off environment credentials. */
  profile?: string | undefined
  /** The region of the client the credentials are for (`--region`); STS calls use it. */
  region?: string | undefined
  /** AWS clients (default: the real SDK clients, loaded lazily). */
  clients?: AwsClientFactory | undefined
  /** Asks for MFA codes; without it, profiles with `mfa_serial` fail on a cache miss. */
  mfaCode?: MfaCodeProvider | undefined
  /** Runs `credential_process` programs; without it, such profiles fail. */
  runProcess?: ProcessRunner | undefined
  /** Extra variables for `credential_process` programs (the CLI's recursion guard). */
  processVars?: Record<string, string> | undefined
  /** Already loaded shared config (default: read the files). */
  config?: SharedConfig | undefined
}

/** A ready provider plus what it was planned from. */
export interface PlannedProvider {
  /** The profile in effect. */
  profileName: string
  /** Where the credentials come from: `env`, or the plan's base source and roles. */
  plan: CredentialPlan | 'env'
  provider: CredentialProvider
}

/** Resolves credentials the way the AWS CLI does. */
export async function resolveCredentials(env: Env, options: ResolveCredentialsOptions = {}): Promise<AwsCredentials> {
  const { provider } = await createCredentialProvider(env, options)
  return provider()
}

/**
 * Reads the config and plans the provider (throws configuration errors, and `NoCredentials`
 * when nothing is configured); the returned provider does the fetching.
 */
export async function createCredentialProvider(
  env: Env,
  options: ResolveCredentialsOptions = {},
): Promise<PlannedProvider> {
  const profileName = resolveProfileName(env, options.profile)
  if (!options.profile && hasEnvCredentials(env.vars)) {
    const credentials = await fromEnv({ vars: env.vars })()
    return { profileName, plan: 'env', provider: async () => credentials }
  }
  // Origins tell static keys of the credentials file (before login) from the config file's (after).
  const config = options.config ?? (await loadSharedConfigWithOrigins(env))
  const explicit = Boolean(options.profile) || profileName !== 'default'
  if (!config.profiles[profileName] && !explicit) throw new CredentialsError(NO_CREDENTIALS_MESSAGE, { kind: 'config' })
  const plan = planProfileCredentials(config, profileName)
  if (!plan) throw new CredentialsError(NO_CREDENTIALS_MESSAGE, { kind: 'config' })
  const context: BuildContext = {
    env,
    options,
    config,
    profileName,
    // The library's own clients honour AWS_CA_BUNDLE, the profile's ca_bundle and the proxy
    // variables, as botocore's credential providers do.
    clients:
      options.clients ??
      createLazyAwsClientFactory(createLazyHttpHandler(env, () => ({ profile: profileName, config }))),
  }
  let provider = buildPlanProvider(context, plan)
  if (plan.roles.length === 0 && (plan.source.kind === 'static' || plan.source.kind === 'process')) {
    // botocore loads these eagerly, so their errors are configuration-time errors.
    const credentials = await provider()
    provider = async () => credentials
  }
  if (plan.roles.length === 0 && plan.source.kind === 'login') {
    // botocore's login provider reads the cache file when it loads (a missing or incomplete file
    // is a configuration-time error); the refresh comes later. The cache module (node:crypto)
    // loads only here, off the warm path of other profiles (test/e2e/credentials-warm-path.test.ts).
    const { readLoginToken } = await import('../login/cache.js')
    await readLoginToken(env, plan.source.loginSession)
  }
  return { profileName, plan, provider }
}

interface BuildContext {
  env: Env
  options: ResolveCredentialsOptions
  config: SharedConfig
  profileName: string
  clients: AwsClientFactory
}

function buildPlanProvider(context: BuildContext, plan: CredentialPlan): CredentialProvider {
  let provider = buildSourceProvider(context, plan.source, plan.roles.length === 0)
  for (const role of plan.roles) {
    provider = fromAssumeRole({
      env: context.env,
      role,
      source: once(provider),
      clients: context.clients,
      stsTarget: () => stsTarget(context),
      mfaCode: context.options.mfaCode,
    })
  }
  return provider
}

function buildSourceProvider(context: BuildContext, source: CredentialSource, topLevel: boolean): CredentialProvider {
  const { env, options } = context
  switch (source.kind) {
    case 'static':
      return async () => source.credentials
    case 'sso':
      return fromSso({
        env,
        sso: source.sso,
        clients: context.clients,
        fileCache: topLevel,
        endpoints: () => ({ sso: endpointFor(context, 'SSO'), oidc: endpointFor(context, 'SSO OIDC') }),
      })
    case 'login':
      return fromLogin({
        env,
        profileName: source.profileName,
        loginSession: source.loginSession,
        clients: context.clients,
        region: () => resolveRegion(env, context.config.profiles[context.profileName], options.region),
        endpoint: () => endpointFor(context, 'Signin'),
      })
    case 'process': {
      const runProcess = options.runProcess
      if (!runProcess)
        return async () => Promise.reject(new CredentialsError('credential_process needs a process runner'))
      return fromProcess({
        command: source.command,
        accountId: source.accountId,
        runProcess,
        vars: { ...env.vars, ...options.processVars },
      })
    }
    case 'credential-source':
      if (source.source !== 'Environment') {
        return async () =>
          Promise.reject(
            new CredentialsError(
              `idc cannot use credential_source = ${source.source} (profile "${source.profileName}") yet`,
            ),
          )
      }
      return async () => {
        if (!hasEnvCredentials(env.vars)) {
          throw new CredentialsError(
            credentialRetrievalMessage(
              'Environment',
              `No credentials found in credential_source referenced in profile ${source.profileName}`,
            ),
          )
        }
        return fromEnv({ vars: env.vars })()
      }
    case 'web-identity':
      return async () =>
        Promise.reject(
          new CredentialsError(`idc cannot use web identity credentials (profile "${source.profileName}") yet`),
        )
  }
}

function stsTarget(context: BuildContext): ClientTarget {
  const region =
    resolveRegion(context.env, context.config.profiles[context.profileName], context.options.region) ?? 'us-east-1'
  return { region, endpoint: endpointFor(context, 'STS') }
}

function endpointFor(context: BuildContext, serviceId: 'SSO' | 'SSO OIDC' | 'STS' | 'Signin'): string | undefined {
  return resolveEndpointUrl(context.env, context.config, { serviceId, profileName: context.profileName })
}

// Each source is used at most once per resolution; a retry after an error calls it again.
function once(provider: CredentialProvider): CredentialProvider {
  let pending: Promise<AwsCredentials> | undefined
  return () =>
    (pending ??= provider().catch((error: unknown) => {
      pending = undefined
      throw error
    }))
}
