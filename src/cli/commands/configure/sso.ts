/**
 * `idc configure sso`: the AWS CLI's SSO wizard, prompt for prompt (`aws-cli-behaviour.md` §2.1–
 * §2.2): session name, start URL, region, scopes, sign-in, account and role (menus with arrow
 * keys and type-to-filter, or auto-selected when there is only one), default region, output
 * format and profile name; then the profile and the [sso-session] are written through the shared
 * config writer in the CLI's key order. Every answer can also be given as a flag, and without a
 * terminal the command fails at once naming the flags it still needs.
 *
 * @module
 */
import { loadSharedConfig } from '../../../core/config/load-shared-config.js'
import type { SharedConfig } from '../../../core/config/parse-config-file.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'
import { needsTerminalError } from '../shared/sso-answers.js'
import {
  askProfileSettings,
  chooseAccountAndRole,
  chooseSession,
  createSsoWizard,
  printProfileUsage,
  signInForWizard,
  writeSsoProfile,
} from './sso-steps.js'

/** Options of `idc configure sso`: every answer may come from a flag. */
export interface ConfigureSsoOptions {
  /** `--profile` or AWS_PROFILE: the profile to write (no name prompt then). */
  profile?: string | undefined
  ssoSession?: string | undefined
  ssoStartUrl?: string | undefined
  ssoRegion?: string | undefined
  ssoRegistrationScopes?: string | undefined
  accountId?: string | undefined
  roleName?: string | undefined
  /** `--region`: the profile's default client region. */
  region?: string | undefined
  outputFormat?: string | undefined
  profileName?: string | undefined
  useDeviceCode: boolean
  noBrowser: boolean
  /** Write a legacy profile (no sso-session) without asking for a session name. */
  legacy?: boolean
}

/** The flags still needed to run without a terminal. */
export function missingFlags(options: ConfigureSsoOptions, config: SharedConfig): string[] {
  const missing: string[] = []
  if (!options.ssoSession && !options.legacy) missing.push('--sso-session')
  const existing = options.ssoSession ? config.ssoSessions[options.ssoSession] : undefined
  if (!existing) {
    if (!options.ssoStartUrl) missing.push('--sso-start-url')
    if (!options.ssoRegion) missing.push('--sso-region')
  }
  // Account, role and profile name are not needed up front: with one account and one role they are
  // chosen automatically (as the wizard does) and the profile name defaults to <role>-<account>;
  // when a choice remains, the step itself names the flag to pass.
  return missing
}

/** Runs the wizard, step by step (the steps live in `sso-steps.ts`). */
export async function runConfigureSso(options: ConfigureSsoOptions, env: CliEnv): Promise<void> {
  const config = await loadSharedConfig({ env })
  if (!env.canPrompt()) {
    const missing = missingFlags(options, config)
    if (missing.length > 0) throw needsTerminalError('configure sso', missing)
  }
  const wizard = await createSsoWizard(env, options, config)
  const chosen = await chooseSession(wizard)
  const accessToken = await signInForWizard(wizard, chosen)
  const role = await chooseAccountAndRole(wizard, chosen.session, accessToken)
  const settings = await askProfileSettings(wizard, role)
  await writeSsoProfile(env, chosen, role, settings)
  printProfileUsage(env, role, settings.profileName)
}

export const command = defineCommand<ConfigureSsoOptions>({
  name: 'configure sso',
  summary: 'Configure a profile that uses IAM Identity Center (SSO) credentials.',
  description:
    'Asks for an SSO session name, start URL, region and registration scopes, signs you in (browser by default), lets you ' +
    'pick an account and a role, then asks for the default region, output format and profile name, and writes the ' +
    '[profile] and [sso-session] sections of ~/.aws/config, as `aws configure sso` does. Every answer can be given as a ' +
    'flag (--sso-session, --sso-start-url, --sso-region, --sso-registration-scopes, --account-id, --role-name, --region, ' +
    '--output-format, --profile-name or --profile); without a terminal, the command needs those flags and fails at once ' +
    'naming any that are missing.',
  examples: [
    'idc configure sso',
    'idc configure sso --profile dev --use-device-code',
    'idc configure sso --sso-session my-sso --sso-start-url https://d-1234567890.awsapps.com/start --sso-region us-east-1 \\\n' +
      '    --account-id 111111111111 --role-name ReadOnly --region us-west-2 --profile-name dev',
  ],
  options: {
    'no-browser': { type: 'boolean', description: 'Print the sign-in URL instead of opening a browser.' },
    'use-device-code': { type: 'boolean', description: 'Sign in with the device-code flow.' },
    'sso-session': {
      type: 'string',
      description: 'The SSO session name (an existing [sso-session] is reused).',
      placeholder: '<name>',
    },
    'sso-start-url': {
      type: 'string',
      description: 'The AWS access portal URL of a new session.',
      placeholder: '<url>',
    },
    'sso-region': {
      type: 'string',
      description: 'The region of IAM Identity Center for a new session.',
      placeholder: '<region>',
    },
    'sso-registration-scopes': {
      type: 'string',
      description: 'Comma-separated scopes (default sso:account:access).',
      placeholder: '<scopes>',
    },
    'account-id': {
      type: 'string',
      description: 'The AWS account to use (skips the account menu).',
      placeholder: '<id>',
    },
    'role-name': {
      type: 'string',
      description: 'The role (permission set) to use (skips the role menu).',
      placeholder: '<name>',
    },
    'output-format': { type: 'string', description: "The profile's default output format.", placeholder: '<format>' },
    'profile-name': {
      type: 'string',
      description: 'The name of the profile to write (default <role>-<account>).',
      placeholder: '<name>',
    },
    legacy: { type: 'boolean', description: 'Write a legacy profile without an [sso-session] (not recommended).' },
  },
  parse: (args, { globals }) => ({
    profile: globals.profile,
    ssoSession: args.values['sso-session'] as string | undefined,
    ssoStartUrl: args.values['sso-start-url'] as string | undefined,
    ssoRegion: args.values['sso-region'] as string | undefined,
    ssoRegistrationScopes: args.values['sso-registration-scopes'] as string | undefined,
    accountId: args.values['account-id'] as string | undefined,
    roleName: args.values['role-name'] as string | undefined,
    region: globals.region,
    outputFormat: args.values['output-format'] as string | undefined,
    profileName: args.values['profile-name'] as string | undefined,
    useDeviceCode: args.values['use-device-code'] === true,
    noBrowser: args.values['no-browser'] === true,
    legacy: args.values.legacy === true,
  }),
  run: runConfigureSso,
})
