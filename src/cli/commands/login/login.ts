/**
 * `idc login`: signs in to AWS with console credentials (AWS Sign-In, like `aws login`) and gives
 * the profile a `login_session`, whose short-term credentials every AWS tool then uses and
 * refreshes from `~/.aws/login/cache`. Same-device flow with a loopback callback by default,
 * `--remote` for the cross-device flow with a pasted code; text, prompts and exit codes are the
 * AWS CLI's (`aws-login.md` §1).
 *
 * @module
 */
import { profileSectionName, updateSharedConfigFile } from '../../../core/config/config-writer.js'
import { resolveEndpointUrl } from '../../../core/config/endpoints.js'
import { getConfigFilePath } from '../../../core/config/file-paths.js'
import { loadSharedConfigWithOrigins } from '../../../core/config/load-shared-config.js'
import { resolveProfileName, resolveRegion } from '../../../core/config/profile.js'
import { CancelledError, ConfigError, IdcError } from '../../../core/errors.js'
import { writeFileAtomic } from '../../../core/files/atomic-write.js'
import { withFileLock } from '../../../core/files/lock.js'
import { formatLoginToken, loginCachePath } from '../../../core/login/cache.js'
import { runLoginFlow } from '../../../core/login/login.js'
import { assertProfileAcceptsLogin } from '../../../core/login/profile-check.js'
import { NO_REGION_MESSAGE } from '../../../core/credentials/messages.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'

/** Options of `idc login`. */
export interface LoginOptions {
  profile?: string | undefined
  region?: string | undefined
  /** `--endpoint-url`: the Sign-In endpoint (only its origin builds the browser URLs). */
  endpointUrl?: string | undefined
  remote: boolean
}

const REGION_PREAMBLE =
  'No AWS region has been configured. The AWS region is the geographic location of your AWS resources.\n\n' +
  'If you have used AWS before and already have resources in your account, specify which region they were created in. ' +
  'If you have not created resources in your account before, you can pick the region closest to you: ' +
  'https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html.\n\n' +
  'You are able to change the region in the CLI at any time with the command "idc configure set region NEW_REGION".\n'

/** Signs in and points the profile at the new login session. */
export async function runLogin(options: LoginOptions, env: CliEnv): Promise<void> {
  const { clients } = env
  const config = await loadSharedConfigWithOrigins(env)
  const profileName = resolveProfileName(env, options.profile)
  const profile = config.profiles[profileName]
  let region = resolveRegion(env, profile, options.region)
  let promptedRegion = false
  if (!region) {
    if (!env.canPrompt()) throw new ConfigError(NO_REGION_MESSAGE)
    env.stdout.write(REGION_PREAMBLE)
    region = await (await env.prompter()).input('AWS Region', { current: 'us-east-1' })
    promptedRegion = true
  }
  assertProfileAcceptsLogin(profileName, profile)
  const sessionName = typeof profile?.sso_session === 'string' ? profile.sso_session : undefined
  if (sessionName !== undefined && !config.ssoSessions[sessionName]) {
    throw new IdcError(
      'general',
      `The profile "${profileName}" is configured to use the SSO token provider but the "${sessionName}" sso_session configuration does not exist.`,
    )
  }
  const endpoint = resolveEndpointUrl(env, config, {
    serviceId: 'Signin',
    profileName,
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
  })

  const controller = new AbortController()
  const removeSignal = env.onSignal('SIGINT', () => controller.abort(new CancelledError()))
  const listener = options.remote ? undefined : await env.startCallbackListener()
  let result
  try {
    result = await runLoginFlow(env, {
      clients,
      region,
      endpoint,
      listener,
      signal: controller.signal,
      async onAuthorizeUrl(url) {
        if (options.remote) {
          env.stdout.write(`Browser will not be automatically opened.\nPlease visit the following URL:\n\n${url}\n`)
          return
        }
        env.stdout.write(
          'Attempting to open your default browser. If the browser does not open, open the following URL.\n' +
            "If you are unable to open the URL on this device, run this command again with the '--remote' option.\n" +
            `\n${url}\n\n`,
        )
        await env.openUrl(url)
      },
      readCode: async () =>
        (await env.prompter()).input('\nEnter the authorization code displayed in your browser', { bare: true }),
    })
  } catch (error) {
    if (controller.signal.aborted) throw new CancelledError()
    throw error
  } finally {
    removeSignal()
    await listener?.close()
  }

  const previous = typeof profile?.login_session === 'string' ? profile.login_session : undefined
  if (previous !== undefined && previous !== result.loginSession) {
    const prompter = await env.prompter()
    for (;;) {
      const answer = (
        await prompter.input(
          `\nProfile ${profileName} is already configured to use session ${previous}. Do you want to overwrite it to use ${result.loginSession} instead? (y/n)`,
          { bare: true },
        )
      ).toLowerCase()
      if (answer === 'n' || answer === 'no') return
      if (answer === 'y' || answer === 'yes') break
    }
  }

  const cachePath = loginCachePath(env, result.loginSession)
  await withFileLock(env, cachePath, () => writeFileAtomic(env, cachePath, formatLoginToken(result.token)))
  const set: Record<string, string> = { login_session: result.loginSession }
  if (promptedRegion) set.region = region
  await updateSharedConfigFile(env, {
    file: getConfigFilePath(env),
    section: profileSectionName(profileName, 'config'),
    set,
  })
  env.stdout.write(`\nUpdated profile ${profileName} to use ${result.loginSession} credentials.\n`)
  if (profileName !== 'default') {
    env.stdout.write(
      `Use "--profile ${profileName}" to use the new credentials, such as "idc sts get-caller-identity --profile ${profileName}"\n`,
    )
  }
}

export const command = defineCommand<LoginOptions>({
  name: 'login',
  summary: 'Sign in with your AWS console credentials and get short-term credentials for a profile.',
  description:
    'Signs in through AWS Sign-In with the credentials you use for the AWS Management Console (an IAM user, with its MFA ' +
    'device when it has one), like `aws login`. The profile (default: "default") gets `login_session = <your ARN>`, and ' +
    'short-term credentials with a refresh token are cached in ~/.aws/login/cache, where idc, the AWS CLI v2 and the AWS ' +
    'SDKs use and refresh them. The browser opens on this machine and returns to a loopback address; with --remote the ' +
    'URL is printed and you paste the code the browser shows. Profiles that already have other credentials are refused.',
  examples: ['idc login', 'idc login --profile console --region eu-west-1', 'idc login --remote'],
  options: {
    remote: {
      type: 'boolean',
      description: 'Sign in on another device: print the URL and read the code the browser shows.',
    },
  },
  parse: (args, { globals }) => ({
    profile: globals.profile,
    region: globals.region,
    endpointUrl: globals.endpointUrl,
    remote: args.values.remote === true,
  }),
  run: runLogin,
})
