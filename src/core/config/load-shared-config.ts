/**
 * Loads `~/.aws/config` and `~/.aws/credentials` and merges them the way the SDKs do: profiles
 * from both files, the credentials file winning key by key; sso-session and services sections
 * come from the config file only. A missing file reads as empty.
 *
 * @module
 */
import type { Env } from '../env.js'
import { createNodeEnv } from '../node-env.js'
import { expandHome, getConfigFilePath, getCredentialsFilePath } from './file-paths.js'
import {
  createEmptySharedConfig,
  createRecord,
  type ConfigFileKind,
  type ConfigSection,
  type ConfigValue,
  type SharedConfig,
} from './parse-config-file.js'
import { lazyDictionary, parseSharedConfigLazily } from './lazy-config.js'
import { readSharedFileText } from './read-shared-file.js'

export type { ConfigSection, ConfigValue, SharedConfig }

/** Options for {@link loadSharedConfig}. */
export interface LoadSharedConfigOptions {
  /** The config file to read (default: AWS_CONFIG_FILE or `~/.aws/config`). */
  configFile?: string
  /** The credentials file to read (default: AWS_SHARED_CREDENTIALS_FILE or `~/.aws/credentials`). */
  credentialsFile?: string
  /** The environment to read through (default: the real Node.js process). */
  env?: Env
}

/** Which file supplied a profile key. */
export type ConfigOrigin = 'config-file' | 'credentials-file'

/** {@link SharedConfig} plus the files read and where each profile key came from. */
export interface SharedConfigWithOrigins extends SharedConfig {
  /** The config file path that was read (it may not exist). */
  configFile: string
  /** The credentials file path that was read (it may not exist). */
  credentialsFile: string
  /** Profile name, then key, to the file that supplied the value. */
  origins: Record<string, Record<string, ConfigOrigin>>
}

/** Loads and merges the shared config and credentials files. Throws ConfigParseError on malformed files. */
export async function loadSharedConfig(options: LoadSharedConfigOptions = {}): Promise<SharedConfig> {
  const { profiles, ssoSessions, services } = await loadSharedConfigWithOrigins(options.env ?? createNodeEnv(), options)
  return { profiles, ssoSessions, services }
}

/** Like {@link loadSharedConfig}, also reporting the paths read and which file supplied each profile key. */
export async function loadSharedConfigWithOrigins(
  env: Env,
  options: { configFile?: string; credentialsFile?: string } = {},
): Promise<SharedConfigWithOrigins> {
  const configFile = options.configFile === undefined ? getConfigFilePath(env) : expandHome(env, options.configFile)
  const credentialsFile =
    options.credentialsFile === undefined ? getCredentialsFilePath(env) : expandHome(env, options.credentialsFile)
  const [config, credentials] = await Promise.all([
    readAndParse(env, configFile, 'config'),
    readAndParse(env, credentialsFile, 'credentials'),
  ])
  // Lazy, like the files' views: a profile is merged (and its origins listed) when first looked up.
  const inEither = (name: string) => name in config.profiles || name in credentials.profiles
  const listNames = () => new Set([...Object.keys(config.profiles), ...Object.keys(credentials.profiles)])
  const profiles = lazyDictionary((name) => {
    if (!inEither(name)) return undefined
    const merged = createRecord<ConfigValue>()
    if (name in config.profiles) Object.assign(merged, config.profiles[name])
    if (name in credentials.profiles) Object.assign(merged, credentials.profiles[name])
    return merged
  }, listNames)
  const origins = lazyDictionary((name) => {
    if (!inEither(name)) return undefined
    const keys = createRecord<ConfigOrigin>()
    if (name in config.profiles) for (const key in config.profiles[name]) keys[key] = 'config-file'
    if (name in credentials.profiles) for (const key in credentials.profiles[name]) keys[key] = 'credentials-file'
    return keys
  }, listNames)
  return {
    profiles,
    ssoSessions: config.ssoSessions,
    services: config.services,
    configFile,
    credentialsFile,
    origins,
  }
}

/** Merges a parsed credentials file over a parsed config file, key by key within each profile. */
export function mergeSharedConfig(config: SharedConfig, credentials: SharedConfig): SharedConfig {
  const result = createEmptySharedConfig()
  for (const source of [config.profiles, credentials.profiles]) {
    for (const name in source) Object.assign((result.profiles[name] ??= createRecord()), source[name])
  }
  Object.assign(result.ssoSessions, config.ssoSessions)
  Object.assign(result.services, config.services)
  return result
}

/** Reads one shared file; a file that does not exist is empty. */
export async function readSharedConfigFile(env: Env, file: string, kind: ConfigFileKind): Promise<SharedConfig> {
  return readAndParse(env, file, kind)
}

async function readAndParse(env: Env, file: string, kind: ConfigFileKind): Promise<SharedConfig> {
  const text = await readSharedFileText(env, file, kind)
  return text === undefined ? createEmptySharedConfig() : parseSharedConfigLazily(text, { kind, file })
}
