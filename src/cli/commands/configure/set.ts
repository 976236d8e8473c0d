/**
 * `idc configure set <varname> <value>`: writes one value, with the AWS CLI v2's name rules
 * (`awscli/customizations/configure/set.py`): `region` (the current profile), `default.region`,
 * `profile.NAME.region`, sub-properties (`s3.max_concurrent_requests`, `profile.NAME.s3.x`).
 * Access keys and the session token go to the credentials file, everything else to the config
 * file. Like the CLI, any other dotted prefix names a key of the current profile, so
 * `sso-session.NAME.key` is not a section address: use `idc configure sso-session` for those.
 *
 * @module
 */
import { getConfigFilePath, getCredentialsFilePath } from '../../../core/config/file-paths.js'
import { profileSectionName, updateSharedConfigFile } from '../../../core/config/config-writer.js'
import { loadSharedConfigWithOrigins } from '../../../core/config/load-shared-config.js'
import { IdcError, UsageError } from '../../../core/errors.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'
import { CREDENTIALS_FILE_KEYS, sessionProfile, warnIfOpenToOthers } from './configure-values.js'

/** Options of `idc configure set`. */
export interface ConfigureSetOptions {
  varname: string
  value: string
  profile?: string | undefined
}

/** Where a `configure set` lands: profile, key and value (a record for a sub-property). */
export interface SetTarget {
  profile: string
  key: string
  value: string | Record<string, string>
}

/** Works out the profile, key and value for a variable name. */
export function parseSetTarget(varname: string, value: string, profile: string | undefined): SetTarget {
  if (!varname.includes('.')) return { profile: profile ?? 'default', key: varname, value }
  const parts = varname.split('.')
  if (parts[0] === 'default' || parts[0] === 'profile') {
    const name = parts[0] === 'default' ? 'default' : (parts[1] ?? '')
    const remaining = parts.slice(parts[0] === 'default' ? 1 : 2)
    const key = remaining[0]
    if (key === undefined || key === '')
      throw new UsageError(`varname (${varname}) must name a key, as in profile.NAME.region`)
    return { profile: name, key, value: remaining.length === 2 ? { [remaining[1] as string]: value } : value }
  }
  return {
    profile: profile ?? 'default',
    key: parts[0] as string,
    value: parts.length === 2 ? { [parts[1] as string]: value } : value,
  }
}

/** Writes the value to the credentials or config file. */
export async function runConfigureSet(options: ConfigureSetOptions, env: CliEnv): Promise<void> {
  rejectLineBreaks(options.varname, options.value)
  const target = parseSetTarget(options.varname, options.value, sessionProfile(env, options.profile))
  const toCredentials = CREDENTIALS_FILE_KEYS.includes(target.key)
  const kind = toCredentials ? 'credentials' : 'config'
  // Like the AWS CLI, refuse to write while either shared file is unreadable (not UTF-8, or not
  // parsable): the user's first sign of a broken file must not be a later failure elsewhere.
  await loadSharedConfigWithOrigins(env)
  const file = toCredentials ? getCredentialsFilePath(env) : getConfigFilePath(env)
  await updateSharedConfigFile(env, {
    file,
    section: profileSectionName(target.profile, kind),
    kind,
    set: { [target.key]: target.value },
  })
  if (toCredentials) await warnIfOpenToOthers(env, file)
}

/**
 * The AWS CLI v2's refusal (since 2.34.21) of a line break in the name or the value, which would
 * otherwise write extra lines, even whole sections, into the file. The value's message names the
 * key as the CLI does: the first part after any `default.` or `profile.NAME.` prefix.
 */
function rejectLineBreaks(varname: string, value: string): void {
  const breaks = /[\r\n]/
  if (breaks.test(varname)) {
    throw new IdcError(
      'general',
      `Invalid key: newline characters and carriage returns are not allowed: ${pythonStringRepr(varname)}`,
    )
  }
  if (!breaks.test(value)) return
  const { key } = parseSetTarget(varname, '', undefined)
  throw new IdcError(
    'general',
    `Invalid value for key ${key}: newline characters and carriage returns are not allowed.`,
  )
}

/** Python's `repr()` of a string, as the CLI's message quotes the key (hand-written: no library does it). */
function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  const escaped = [...text]
    .map((ch) => {
      if (ch === '\\') return '\\\\'
      if (ch === quote) return `\\${ch}`
      if (ch === '\n') return '\\n'
      if (ch === '\r') return '\\r'
      if (ch === '\t') return '\\t'
      const code = ch.codePointAt(0) ?? 0
      if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`
      return ch
    })
    .join('')
  return `${quote}${escaped}${quote}`
}

export const command = defineCommand<ConfigureSetOptions>({
  name: 'configure set',
  summary: 'Set a configuration value in the config or credentials file.',
  description: [
    'Writes one configuration value, like `aws configure set`, changing only that line of the file.',
    'aws_access_key_id, aws_secret_access_key and aws_session_token go to the shared credentials file;',
    'every other key goes to the shared config file. A name without dots is set on the current profile',
    '(--profile, else AWS_PROFILE, else default); default.KEY, profile.NAME.KEY and KEY.SUBKEY select',
    'the profile and sub-properties.',
  ].join('\n'),
  examples: [
    'idc configure set region us-west-2',
    'idc configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE --profile dev',
    'idc configure set profile.dev.output yaml',
    'idc configure set default.s3.max_concurrent_requests 20',
  ],
  positionals: [
    { name: 'varname', description: 'The name of the config value to set.', required: true },
    { name: 'value', description: 'The value to set.', required: true },
  ],
  parse: (args, { globals }) => {
    const [varname, value] = args.positionals
    if (varname === undefined || value === undefined)
      throw new UsageError('the following arguments are required: varname, value')
    return { varname, value, profile: globals.profile }
  },
  run: runConfigureSet,
})
