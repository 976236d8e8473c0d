/**
 * idc's library: AWS shared config parsing and editing, the SSO token cache and credential
 * providers. This file only re-exports the public API.
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
export { resolveProfileName, resolveRegion, PROFILE_ENV_VARS, REGION_ENV_VARS } from './config/profile.js'
export { resolveEndpointUrl, serviceIdToKey, type ResolveEndpointUrlOptions } from './config/endpoints.js'
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
export { fromEnv } from './credentials/from-env.js'
export { fromStaticProfile } from './credentials/from-static-profile.js'
export { fromSso } from './credentials/from-sso.js'
export { fromAssumeRole } from './credentials/from-assume-role.js'
export { fromProcess } from './credentials/from-process.js'
export { chain, memoize } from './credentials/provider.js'
export { createNodeProcessRunner } from './credentials/node-process-runner.js'
export { ssoRoleCacheKey, assumeRoleCacheKey } from './credentials/cache-keys.js'
export { formatExportedCredentials, EXPORT_FORMATS, type ExportFormat } from './credentials/export-formats.js'
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
export { loginToSso, type SsoLoginOptions, type SsoLoginResult } from './sso/login.js'
export { runDeviceCodeFlow, type DeviceCodePrompt, type DeviceCodeFlowOptions } from './sso/device-flow.js'
export {
  runAuthCodeFlow,
  buildAuthorizeUrl,
  type AuthCodeCallback,
  type CallbackListener,
  type AuthCodeFlowOptions,
} from './sso/auth-code-flow.js'
export { getClientRegistration, type SsoLoginFlow, type ClientRegistration } from './sso/registration.js'
export { createCodeVerifier, createCodeChallenge, isValidCodeVerifier } from './sso/pkce.js'
export { logoutAllSsoSessions, type SsoLogoutOptions, type SsoLogoutResult } from './sso/logout.js'
export { listSsoAccounts, listSsoAccountRoles, logoutSsoToken, type SsoAccount, type SsoRole } from './sso/portal.js'
export { resolveSsoLoginSession, resolveSsoTokenSession, parseRegistrationScopes } from './sso/sso-config.js'
export { resolveStartUrl, isAwsOwnedHost, type StartUrlProbe, type ResolvedStartUrl } from './sso/start-url.js'
