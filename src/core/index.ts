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
