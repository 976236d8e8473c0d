/**
 * `idc configure`: the access-key setup of `aws configure`. Asks for the access key id, secret
 * access key, region and output format, showing current values as the AWS CLI does (keys masked to
 * their last four characters, `None` when unset); Enter keeps a value. Keys go to the credentials
 * file, region and output to the config file, for `--profile`, AWS_PROFILE or `default`.
 *
 * @module
 */
import { getConfigFilePath, getCredentialsFilePath } from '../../../core/config/file-paths.js'
import { loadSharedConfigWithOrigins } from '../../../core/config/load-shared-config.js'
import { profileSectionName, updateSharedConfigFile } from '../../../core/config/config-writer.js'
import { resolveProfileName } from '../../../core/config/profile.js'
import { IdcError } from '../../../core/errors.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'
import { CREDENTIALS_FILE_KEYS, maskValue, warnIfOpenToOthers } from './configure-values.js'
import { configString } from '../../../core/config/config-value.js'

/** Options of `idc configure`. */
export interface ConfigureOptions {
  /** `--profile`; AWS_PROFILE or `default` when absent. */
  profile?: string | undefined
}

/** The questions, in the AWS CLI's order and wording; the session token only for some keys. */
const QUESTIONS = [
  { key: 'aws_access_key_id', text: 'AWS Access Key ID', masked: true },
  { key: 'aws_secret_access_key', text: 'AWS Secret Access Key', masked: true },
  { key: 'aws_session_token', text: 'AWS Session Token', masked: true },
  { key: 'region', text: 'Default region name', masked: false },
  { key: 'output', text: 'Default output format', masked: false },
] as const

/** The message when there is no terminal to prompt on. */
export const NOT_INTERACTIVE_MESSAGE =
  'idc configure asks questions and needs an interactive terminal. To configure without prompts, run for example:\n' +
  '  idc configure set aws_access_key_id AKIA... [--profile NAME]\n' +
  '  idc configure set aws_secret_access_key ... [--profile NAME]\n' +
  '  idc configure set region us-east-1 [--profile NAME]\n' +
  '  idc configure set output json [--profile NAME]'

/**
 * Printed before the questions when the profile does not exist yet, where the AWS CLI v2 prints its
 * tip about `aws login`; idc points to the IAM Identity Center setup instead.
 */
export const NEW_PROFILE_TIP =
  "\nTip: You can use short-term credentials from IAM Identity Center instead of access keys by running the command 'idc configure sso'.\n\n"

/** Asks the four questions and writes the changed values. */
export async function runConfigure(options: ConfigureOptions, env: CliEnv): Promise<void> {
  // Fail before reading anything: a prompt on a pipe would wait forever.
  if (!env.canPrompt()) throw new IdcError('usage', NOT_INTERACTIVE_MESSAGE)
  const profile = resolveProfileName(env, options.profile)
  const config = await loadSharedConfigWithOrigins(env)
  const exists = Object.hasOwn(config.profiles, profile)
  const section = exists ? (config.profiles[profile] ?? {}) : {}
  if (!exists) env.stdout.write(NEW_PROFILE_TIP)
  const prompter = await env.prompter()
  const changes: Record<string, string> = {}
  const unset: string[] = []
  for (const question of QUESTIONS) {
    if (question.key === 'aws_session_token') {
      const ask = sessionTokenQuestion(section, changes.aws_access_key_id)
      if (ask === 'drop') unset.push(question.key)
      if (ask !== 'ask') continue
    }
    const current = configString(section[question.key])
    const shown = question.masked ? maskValue(current) : (current ?? 'None')
    const answer = await prompter.input(question.text, { current: shown, default: '' })
    if (answer !== '' && answer !== current) changes[question.key] = answer
  }
  const credentials: Record<string, string> = {}
  const configValues: Record<string, string> = {}
  for (const [key, value] of Object.entries(changes)) {
    if (CREDENTIALS_FILE_KEYS.includes(key)) credentials[key] = value
    else configValues[key] = value
  }
  if (Object.keys(credentials).length > 0 || unset.length > 0) {
    const file = getCredentialsFilePath(env)
    await updateSharedConfigFile(env, {
      file,
      section: profileSectionName(profile, 'credentials'),
      kind: 'credentials',
      set: credentials,
      unset,
    })
    await warnIfOpenToOthers(env, file)
  }
  // Where the AWS CLI adds an empty `[default]` to the config file when only keys changed, idc
  // leaves the file alone: the empty section means nothing to any reader.
  if (Object.keys(configValues).length > 0) {
    await updateSharedConfigFile(env, {
      file: getConfigFilePath(env),
      section: profileSectionName(profile, 'config'),
      kind: 'config',
      set: configValues,
    })
  }
}

/**
 * Whether to ask for the session token, as the AWS CLI v2 does since 2.30.3: always for a
 * temporary key (`ASIA…`), new or kept; for a kept key also when the profile already has a token.
 * A new long-term key drops the old token, which would not belong to it.
 */
function sessionTokenQuestion(section: Record<string, unknown>, newKeyId: string | undefined): 'ask' | 'skip' | 'drop' {
  const keyId = newKeyId ?? configString(section.aws_access_key_id)
  if (keyId?.startsWith('ASIA')) return 'ask'
  const hasToken = configString(section.aws_session_token) !== undefined
  if (newKeyId === undefined) return hasToken ? 'ask' : 'skip'
  return hasToken ? 'drop' : 'skip'
}

export const command = defineCommand<ConfigureOptions>({
  name: 'configure',
  summary: 'Configure AWS access keys, region and output format for a profile.',
  description: [
    'Asks for an AWS access key id, secret access key, default region and output format, like `aws configure`.',
    'Current values are shown in brackets (access keys masked to their last four characters); press Enter to keep one.',
    'For a temporary access key (ASIA...) it also asks for the session token; a new long-term key drops the old token.',
    'Keys are written to the shared credentials file and region/output to the shared config file, for --profile,',
    'else AWS_PROFILE, else the default profile. For IAM Identity Center, use `idc configure sso` instead.',
    'Without a terminal, use `idc configure set` to write values.',
  ].join('\n'),
  examples: [
    '$ idc configure',
    'AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE',
    'AWS Secret Access Key [None]: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'Default region name [None]: us-west-2',
    'Default output format [None]: json',
    '',
    '$ idc configure --profile dev',
  ],
  parse: (_args, { globals }) => ({ profile: globals.profile }),
  run: runConfigure,
})
