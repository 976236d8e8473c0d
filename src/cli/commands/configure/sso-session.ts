/**
 * `idc configure sso-session`: writes one `[sso-session NAME]` section, asking the AWS CLI's
 * questions (`aws-cli-behaviour.md` §2.5); no sign-in. Every answer can be given as a flag.
 *
 * @module
 */
import { updateSharedConfigFile } from '../../../core/config/config-writer.js'
import { getConfigFilePath } from '../../../core/config/file-paths.js'
import { loadSharedConfig } from '../../../core/config/load-shared-config.js'
import { sectionText } from '../../../core/config/config-value.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'
import {
  DEFAULT_REGISTRATION_SCOPES,
  needsTerminalError,
  SSO_REGIONS,
  validateRequired,
  validateScopes,
  validateStartUrl,
} from '../shared/sso-answers.js'

/** Options of `idc configure sso-session`. */
export interface ConfigureSsoSessionOptions {
  ssoSession?: string | undefined
  ssoStartUrl?: string | undefined
  ssoRegion?: string | undefined
  ssoRegistrationScopes?: string | undefined
}

/** Asks for (or takes from flags) the session's settings and writes the section. */
export async function runConfigureSsoSession(options: ConfigureSsoSessionOptions, env: CliEnv): Promise<void> {
  const config = await loadSharedConfig({ env })
  const interactive = env.canPrompt()
  if (!interactive) {
    const missing: string[] = []
    if (!options.ssoSession) missing.push('--sso-session')
    const known = options.ssoSession ? config.ssoSessions[options.ssoSession] : undefined
    if (!options.ssoStartUrl && !sectionText(known, 'sso_start_url')) missing.push('--sso-start-url')
    if (!options.ssoRegion && !sectionText(known, 'sso_region')) missing.push('--sso-region')
    if (missing.length > 0) {
      throw needsTerminalError('configure sso-session', missing)
    }
  }
  const prompter = interactive ? await env.prompter() : undefined
  const name =
    options.ssoSession ??
    (await prompter!.input('SSO session name', {
      bare: true,
      validate: validateRequired,
      completions: Object.keys(config.ssoSessions),
    }))
  const existing = config.ssoSessions[name]
  const startUrl =
    options.ssoStartUrl ??
    (prompter
      ? await prompter.input('SSO start URL', {
          current: sectionText(existing, 'sso_start_url'),
          validate: validateStartUrl,
        })
      : sectionText(existing, 'sso_start_url')!)
  const region =
    options.ssoRegion ??
    (prompter
      ? await prompter.input('SSO region', {
          current: sectionText(existing, 'sso_region'),
          validate: validateRequired,
          completions: SSO_REGIONS,
        })
      : sectionText(existing, 'sso_region')!)
  const scopes =
    options.ssoRegistrationScopes ??
    (prompter
      ? await prompter.input('SSO registration scopes', {
          current: sectionText(existing, 'sso_registration_scopes') ?? DEFAULT_REGISTRATION_SCOPES,
          validate: validateScopes,
        })
      : (sectionText(existing, 'sso_registration_scopes') ?? DEFAULT_REGISTRATION_SCOPES))
  const set: Record<string, string> = { sso_start_url: startUrl, sso_region: region }
  if (scopes) set.sso_registration_scopes = scopes
  await updateSharedConfigFile(env, { file: getConfigFilePath(env), section: `sso-session ${name}`, set })
  env.stdout.write(
    `\nCompleted configuring SSO session: ${name}\nRun the following to login and refresh access token for this session:\n\nidc sso login --sso-session ${name}\n`,
  )
}

export const command = defineCommand<ConfigureSsoSessionOptions>({
  name: 'configure sso-session',
  summary: 'Configure an [sso-session] section.',
  description:
    'Asks for an SSO session name, start URL, region and registration scopes and writes the [sso-session] section of ' +
    '~/.aws/config, as `aws configure sso-session` does. It does not sign in: run `idc sso login --sso-session NAME` next. ' +
    'Answers can be given as flags (--sso-session, --sso-start-url, --sso-region, --sso-registration-scopes); without a ' +
    'terminal the command needs them and fails at once naming any that are missing.',
  examples: [
    'idc configure sso-session',
    'idc configure sso-session --sso-session my-sso --sso-start-url https://d-1234567890.awsapps.com/start --sso-region us-east-1',
  ],
  options: {
    'sso-session': { type: 'string', description: 'The session name.', placeholder: '<name>' },
    'sso-start-url': { type: 'string', description: 'The AWS access portal URL.', placeholder: '<url>' },
    'sso-region': { type: 'string', description: 'The region of IAM Identity Center.', placeholder: '<region>' },
    'sso-registration-scopes': {
      type: 'string',
      description: 'Comma-separated scopes (default sso:account:access).',
      placeholder: '<scopes>',
    },
  },
  parse: (args) => ({
    ssoSession: args.values['sso-session'] as string | undefined,
    ssoStartUrl: args.values['sso-start-url'] as string | undefined,
    ssoRegion: args.values['sso-region'] as string | undefined,
    ssoRegistrationScopes: args.values['sso-registration-scopes'] as string | undefined,
  }),
  run: runConfigureSsoSession,
})
