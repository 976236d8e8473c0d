/**
 * `idc configure mfa-login`: the AWS CLI v2's (since 2.30.3) way for an IAM user with an MFA
 * device to get session credentials. It calls STS GetSessionToken with the profile's long-term
 * keys, the device's serial number and a one-time code, and writes the temporary keys to a
 * profile of the credentials file. Questions in the CLI's order and wording: the keys (only when
 * the profile has none), the serial (unless `--serial-number` or the profile's `mfa_serial`), the
 * code, and the profile to update (unless `--update-profile`; default `ACCOUNT-DEVICE`).
 *
 * @module
 */
import { resolveEndpointUrl } from '../../../core/config/endpoints.js'
import { getCredentialsFilePath } from '../../../core/config/file-paths.js'
import { profileSectionName, updateSharedConfigFile } from '../../../core/config/config-writer.js'
import { configString } from '../../../core/config/config-value.js'
import { loadSharedConfigWithOrigins } from '../../../core/config/load-shared-config.js'
import { resolveProfileName, resolveRegion } from '../../../core/config/profile.js'
import { toServiceError } from '../../../core/aws/service-errors.js'
import { formatPythonIsoformat } from '../../../core/credentials/time-format.js'
import { ConfigError, IdcError, ServiceError, UsageError } from '../../../core/errors.js'
import { NO_REGION_MESSAGE } from '../../../core/credentials/messages.js'
import { checkProfileExists } from '../../cli-credentials.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'
import type { GlobalOptions } from '../../globals.js'

/** Options of `idc configure mfa-login`. */
export interface ConfigureMfaLoginOptions {
  globals: GlobalOptions
  updateProfile?: string | undefined
  serialNumber?: string | undefined
  durationSeconds?: number | undefined
}

/** The profile name the CLI offers: `ACCOUNT-DEVICE` from `arn:aws:iam::ACCOUNT:mfa/DEVICE`. */
export function defaultMfaProfileName(serial: string): string {
  const match = /^arn:[^:]+:iam::(\d+):mfa\/(.+)$/.exec(serial)
  if (match) return `${match[1]}-${match[2]!.split('/').at(-1)}`
  return `session-${serial.split('/').at(-1)}`
}

export async function runConfigureMfaLogin(options: ConfigureMfaLoginOptions, env: CliEnv): Promise<void> {
  const config = await loadSharedConfigWithOrigins(env)
  checkProfileExists(env, config, options.globals.profile)
  const source = resolveProfileName(env, options.globals.profile)
  const section = config.profiles[source] ?? {}
  const prompter = await env.prompter()
  const ask = (text: string, fallback?: string) =>
    prompter.input(
      text,
      fallback === undefined ? { bare: true, default: '' } : { current: fallback, default: fallback },
    )

  let accessKeyId = configString(section.aws_access_key_id)
  let secretAccessKey = configString(section.aws_secret_access_key)
  // The CLI prints these refusals itself and exits 1; its two paths word the missing serial apart.
  const asked = accessKeyId === undefined || secretAccessKey === undefined
  const required = async (text: string) => {
    const answer = await ask(text)
    if (answer === '' || answer === 'None') throw new IdcError('failed', `${text} is required`)
    return answer
  }
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    env.stdout.write('Please provide your AWS credentials:\n')
    accessKeyId = await required('AWS Access Key ID')
    secretAccessKey = await required('AWS Secret Access Key')
  }
  let serial = options.serialNumber ?? configString(section.mfa_serial)
  if (serial === undefined && asked) serial = await required('MFA serial number or ARN')
  if (serial === undefined) serial = await ask('MFA serial number or ARN')
  if (serial === '') throw new IdcError('failed', 'MFA serial number or MFA device ARN is required')
  const tokenCode = await ask('MFA token code')
  if (tokenCode === '' || (asked && tokenCode === 'None')) throw new IdcError('failed', 'MFA token code is required')
  const target = options.updateProfile ?? (await ask('Profile to update', defaultMfaProfileName(serial)))

  const region = resolveRegion(env, section, options.globals.region)
  if (!region) throw new ConfigError(NO_REGION_MESSAGE)
  // botocore checks the parameters after the client is made, so a missing region comes first.
  if (tokenCode.length !== 6) {
    const bound = tokenCode.length < 6 ? 'min' : 'max'
    throw new IdcError(
      'usage',
      `An error occurred (ParamValidation): Parameter validation failed:\nInvalid length for parameter TokenCode, value: ${tokenCode.length}, valid ${bound} length: 6`,
    )
  }
  const endpoint = resolveEndpointUrl(env, config, {
    serviceId: 'STS',
    profileName: source,
    endpointUrl: options.globals.endpointUrl,
  })
  const client = await env.clients.sts({ region, endpoint }, { accessKeyId, secretAccessKey })
  let credentials
  try {
    const { GetSessionTokenCommand } = await import('@aws-sdk/client-sts')
    const out = await client.send(
      new GetSessionTokenCommand({
        SerialNumber: serial,
        TokenCode: tokenCode,
        ...(options.durationSeconds === undefined ? {} : { DurationSeconds: options.durationSeconds }),
      }),
    )
    credentials = out.Credentials
  } catch (error) {
    const mapped = toServiceError(error, 'GetSessionToken')
    // Only service errors are the command's own one-line failure; network errors go on as they are.
    if (!(mapped instanceof ServiceError)) throw mapped
    throw new IdcError('failed', `An error occurred: ${mapped.message}`, { cause: error })
  } finally {
    client.destroy()
  }
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
    throw new IdcError('general', 'An error occurred: GetSessionToken returned no credentials')
  }
  await updateSharedConfigFile(env, {
    file: getCredentialsFilePath(env),
    section: profileSectionName(target, 'credentials'),
    kind: 'credentials',
    set: {
      aws_access_key_id: credentials.AccessKeyId,
      aws_secret_access_key: credentials.SecretAccessKey,
      aws_session_token: credentials.SessionToken,
    },
  })
  env.stdout.write(`Temporary credentials written to profile '${target}'\n`)
  if (credentials.Expiration) {
    env.stdout.write(`Credentials will expire at ${formatPythonIsoformat(credentials.Expiration)}\n`)
  }
  env.stdout.write(`To use these credentials, specify --profile ${target} when running AWS CLI commands\n`)
}

export const command = defineCommand<ConfigureMfaLoginOptions>({
  name: 'configure mfa-login',
  summary: 'Get MFA session credentials for an IAM user and write them to a profile.',
  description: [
    'Calls STS GetSessionToken with the long-term keys of the profile (--profile, AWS_PROFILE or default), the MFA',
    "device's serial number (--serial-number, else the profile's mfa_serial, else asked) and a one-time code, and",
    'writes the temporary keys and session token to a profile of the credentials file (--update-profile, else asked,',
    'offering ACCOUNT-DEVICE), like `aws configure mfa-login`. Asks for the keys when the profile has none.',
  ].join('\n'),
  examples: [
    'idc configure mfa-login',
    'idc configure mfa-login --profile ci --update-profile ci-mfa --duration-seconds 3600',
  ],
  options: {
    'update-profile': {
      type: 'string',
      description: 'The profile to write the credentials to.',
      placeholder: '<name>',
    },
    'serial-number': { type: 'string', description: 'The MFA device serial number or ARN.', placeholder: '<arn>' },
    'duration-seconds': {
      type: 'string',
      description: 'How long the credentials last, 900 to 129600 seconds (STS default 43200).',
      placeholder: '<seconds>',
    },
  },
  parse: (args, { globals }) => {
    const duration = args.values['duration-seconds'] as string | undefined
    if (duration !== undefined && !/^\d+$/.test(duration))
      throw new UsageError(`invalid int value for --duration-seconds: '${duration}'`)
    return {
      globals,
      updateProfile: args.values['update-profile'] as string | undefined,
      serialNumber: args.values['serial-number'] as string | undefined,
      durationSeconds: duration === undefined ? undefined : Number(duration),
    }
  },
  run: runConfigureMfaLogin,
})
