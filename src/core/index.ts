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
