/**
 * idc's library: AWS shared config parsing and editing, the SSO token cache and credential
 * providers. This file only re-exports. The first part is the public API, documented in
 * README.md, docs/library.md and docs/credentials.md; the exports after "Internal" are the
 * building blocks the CLI is made of, marked `@internal`: no stability promise, left out of the
 * published type declarations (`stripInternal`).
 *
 * @module
 */
export type { Env, EnvVars, FileSystem } from './env.js'
export { createNodeEnv } from './node-env.js'
export {
  IdcError,
  UsageError,
  ConfigError,
  ConfigParseError,
  CredentialsError,
  ServiceError,
  CancelledError,
  isIdcError,
  type ErrorKind,
} from './errors.js'
export {
  getHomeDir,
  expandHome,
  getConfigFilePath,
  getCredentialsFilePath,
  getSsoCacheDir,
  getCliCacheDir,
} from './config/file-paths.js'
export {
  parseSharedConfigFile,
  flattenConfigValue,
  isIdentifier,
  type ConfigFileKind,
  type ConfigSection,
  type ConfigValue,
  type ParseSharedConfigFileOptions,
  type SharedConfig,
} from './config/parse-config-file.js'
export {
  loadSharedConfig,
  loadSharedConfigWithOrigins,
  mergeSharedConfig,
  readSharedConfigFile,
  type ConfigOrigin,
  type LoadSharedConfigOptions,
  type SharedConfigWithOrigins,
} from './config/load-shared-config.js'
export { resolveProfileName, resolveRegion } from './config/profile.js'
export { resolveEndpointUrl, type ResolveEndpointUrlOptions } from './config/endpoints.js'
export {
  updateSharedConfigFile,
  editSharedConfigText,
  profileSectionName,
  type SectionUpdate,
} from './config/config-writer.js'
export {
  BOTOCORE_DIVERGENCES,
  detectBotocoreDivergences,
  detectBotocoreDivergencesInSharedFiles,
  type SharedFileDivergences,
  type BotocoreDivergence,
  type BotocoreDivergenceFinding,
  type BotocoreDivergenceId,
  type DetectBotocoreDivergencesOptions,
} from './config/divergences.js'
export { fromIdc, type FromIdcInit } from './credentials/from-idc.js'
export {
  resolveCredentials,
  createCredentialProvider,
  type ResolveCredentialsOptions,
  type PlannedProvider,
} from './credentials/resolve-credentials.js'
export {
  planProfileCredentials,
  type CredentialPlan,
  type CredentialSource,
  type RoleStep,
  type SsoProfileConfig,
} from './credentials/profile-plan.js'
export { createNodeProcessRunner } from './credentials/node-process-runner.js'
export type {
  AwsCredentials,
  CredentialProvider,
  MfaCodeProvider,
  ProcessRunner,
  ProcessResult,
} from './credentials/types.js'
export {
  resolveSsoAccessToken,
  SSO_TOKEN_REFRESH_WINDOW_MS,
  type SsoSessionConfig,
  type SsoTokenOptions,
  type SsoAccessToken,
} from './sso/token-provider.js'
export {
  ssoTokenCacheKey,
  ssoTokenCachePath,
  readSsoToken,
  writeSsoToken,
  formatSsoTokenFile,
  clientRegistrationCacheKey,
  readClientRegistration,
  writeClientRegistration,
  formatCacheTime,
  parseCacheTime,
  type SsoTokenFile,
  type ClientRegistrationFile,
  type ClientRegistrationKeyArgs,
} from './sso/cache.js'

// Internal: building blocks of the CLI and the server, not part of the documented API.
/** @internal */
export { PROFILE_ENV_VARS, REGION_ENV_VARS } from './config/profile.js'
/** @internal */
export { serviceIdToKey } from './config/endpoints.js'
/** @internal */
export { fromEnv } from './credentials/from-env.js'
/** @internal */
export { fromStaticProfile } from './credentials/from-static-profile.js'
/** @internal */
export { fromSso } from './credentials/from-sso.js'
/** @internal */
export { fromAssumeRole } from './credentials/from-assume-role.js'
/** @internal */
export { fromProcess } from './credentials/from-process.js'
/** @internal */
export { chain, memoize } from './credentials/provider.js'
/** @internal The build computes its warm-path code cache with it (scripts/build.mjs). */
export { ssoRoleCacheKey, assumeRoleCacheKey } from './credentials/cache-keys.js'
/** @internal */
export { formatExportedCredentials, EXPORT_FORMATS, type ExportFormat } from './credentials/export-formats.js'
/** @internal */
export { loginToSso, type SsoLoginOptions, type SsoLoginResult } from './sso/login.js'
/** @internal */
export { runDeviceCodeFlow, type DeviceCodePrompt, type DeviceCodeFlowOptions } from './sso/device-flow.js'
/** @internal */
export {
  runAuthCodeFlow,
  buildAuthorizeUrl,
  type AuthCodeCallback,
  type CallbackListener,
  type AuthCodeFlowOptions,
} from './sso/auth-code-flow.js'
/** @internal */
export { getClientRegistration, type SsoLoginFlow, type ClientRegistration } from './sso/registration.js'
/** @internal */
export { createCodeVerifier, createCodeChallenge, isValidCodeVerifier } from './sso/pkce.js'
/** @internal */
export { logoutAllSsoSessions, type SsoLogoutOptions, type SsoLogoutResult } from './sso/logout.js'
/** @internal */
export { listSsoAccounts, listSsoAccountRoles, logoutSsoToken, type SsoAccount, type SsoRole } from './sso/portal.js'
/** @internal */
export { resolveSsoLoginSession, resolveSsoTokenSession, parseRegistrationScopes } from './sso/sso-config.js'
/** @internal */
export { resolveStartUrl, isAwsOwnedHost, type StartUrlProbe, type ResolvedStartUrl } from './sso/start-url.js'
