/**
 * `idc sso login`: signs in to IAM Identity Center and caches the access token where the AWS CLI
 * and the SDKs find it. Authorization code with PKCE for sso-session profiles, device code for
 * legacy profiles and `--use-device-code`; the terminal text is the AWS CLI's, byte for byte.
 *
 * @module
 */
import { loadSharedConfig } from '../../../core/config/load-shared-config.js'
import { resolveEndpointUrl } from '../../../core/config/endpoints.js'
import { resolveProfileName } from '../../../core/config/profile.js'
import { CancelledError, IdcError } from '../../../core/errors.js'
import type { DeviceCodePrompt } from '../../../core/sso/device-flow.js'
import { loginToSso, type SsoLoginResult } from '../../../core/sso/login.js'
import type { SsoLoginFlow } from '../../../core/sso/registration.js'
import { resolveSsoLoginSession } from '../../../core/sso/sso-config.js'
import { resolveStartUrl } from '../../../core/sso/start-url.js'
import { profileSectionName, updateSharedConfigFile } from '../../../core/config/config-writer.js'
import { getConfigFilePath } from '../../../core/config/file-paths.js'
import type { SsoSessionConfig } from '../../../core/sso/token-provider.js'
import type { CliEnv } from '../../cli-env.js'
import { defineCommand } from '../../command.js'
import { isHeadlessSession, isSshSession } from '../../io/open-url.js'
import { startSpinner, type Spinner } from '../../io/spinner.js'
import {
  createPastePrompt,
  parseRedirectPort,
  pasteBackInstructions,
  redirectPortOf,
  sessionSignInSettings,
} from './remote-sign-in.js'

/** Options of `idc sso login`. */
export interface SsoLoginCommandOptions {
  profile?: string | undefined
  ssoSession?: string | undefined
  useDeviceCode: boolean
  noBrowser: boolean
  /** `--redirect-port`: a fixed port for the callback listener. */
  redirectPort?: number | undefined
}

/** Signs in for a profile or sso-session and prints the CLI's success line. */
export async function runSsoLogin(options: SsoLoginCommandOptions, env: CliEnv): Promise<void> {
  const config = await loadSharedConfig({ env })
  const profileName = resolveProfileName(env, options.profile)
  const configured = resolveSsoLoginSession(config, { profileName, ssoSession: options.ssoSession })
  const resolved = await resolveStartUrl(configured.startUrl, configured.region, env.probeHttp)
  const session = { ...configured, region: resolved.region ?? configured.region }
  const oidcEndpoint = resolveEndpointUrl(env, config, { serviceId: 'SSO OIDC', profileName })
  const settings = sessionSignInSettings(
    session.sessionName,
    session.sessionName === undefined ? undefined : config.ssoSessions[session.sessionName],
  )
  await signInInteractively(env, session, {
    oidcEndpoint,
    useDeviceCode: options.useDeviceCode || settings.useDeviceCode,
    noBrowser: options.noBrowser,
    resolvedStartUrl: resolved.url,
    redirectPort: options.redirectPort ?? settings.redirectPort,
  })
  if (session.region !== configured.region) {
    // The vanity URL named another region: remember it where the region came from.
    const section = session.sessionName
      ? `sso-session ${session.sessionName}`
      : profileSectionName(profileName, 'config')
    await updateSharedConfigFile(env, { file: getConfigFilePath(env), section, set: { sso_region: session.region } })
    env.stdout.write(`SSO region updated to ${session.region}\n`)
  }
  env.stdout.write(`Successfully logged into Start URL: ${session.startUrl}\n`)
}

/** Options for {@link signInInteractively}. */
export interface InteractiveSignInOptions {
  oidcEndpoint?: string | undefined
  useDeviceCode: boolean
  noBrowser: boolean
  /** The resolved (vanity) start URL, when it differs from the configured one. */
  resolvedStartUrl?: string | undefined
  /** A fixed callback port (`--redirect-port`, `sso_redirect_port`); default an ephemeral one. */
  redirectPort?: number | undefined
}

/** Runs the sign-in flow with the AWS CLI's terminal text (shared with `idc configure sso`). */
export async function signInInteractively(
  env: CliEnv,
  session: SsoSessionConfig,
  options: InteractiveSignInOptions,
): Promise<SsoLoginResult> {
  // Over SSH or without a display there is no browser to open: print the URL instead. A browser on
  // another machine cannot reach this machine's loopback listener, so a person at a terminal
  // pastes the address it ends on (paste-back); without a terminal to paste into, such sessions
  // use the device code unless --no-browser asked for the printed authorize URL.
  const headless = isHeadlessSession(env.vars, env.platform)
  const printOnly = options.noBrowser || headless
  const pasteBack = printOnly && env.canPrompt()
  // Legacy profiles always use the device flow, as in the CLI.
  let flow: SsoLoginFlow = options.useDeviceCode || session.sessionName === undefined ? 'device-code' : 'auth-code'
  if (flow === 'auth-code' && headless && !options.noBrowser && !pasteBack) {
    flow = 'device-code'
    env.stderr.write(
      'No browser can be opened in this session (remote or no display): using the device code, so you can sign in on another device.\n',
    )
  }
  const out = env.stdout
  let spinner: Spinner | undefined
  const waitForUser = () => {
    spinner = startSpinner(env, 'Waiting for sign-in to complete… (Ctrl-C to cancel)')
  }
  const controller = new AbortController()
  const removeSignal = env.onSignal('SIGINT', () => controller.abort(new CancelledError()))
  try {
    return await loginToSso(env, session, {
      clients: env.clients,
      oidcEndpoint: options.oidcEndpoint,
      flow,
      resolvedStartUrl: options.resolvedStartUrl,
      signal: controller.signal,
      pasteCallback: pasteBack ? createPastePrompt(env) : undefined,
      startListener: async () => {
        try {
          return await env.startCallbackListener({ port: options.redirectPort })
        } catch (error) {
          throw new IdcError(
            'general',
            `Unable to initialize the OAuth 2.0 authorization callback handler: ${(error as Error).message} \n You may use --use-device-code to fall back to the device code flow which does not require the callback handler.`,
            { cause: error },
          )
        }
      },
      async onAuthorizeUrl(url) {
        if (printOnly) {
          out.write(`Browser will not be automatically opened.\nPlease visit the following URL:\n\n${url}\n`)
          if (pasteBack) {
            env.stderr.write(pasteBackInstructions(env, redirectPortOf(url), isSshSession(env.vars)))
            return // no spinner: it would draw over the paste prompt
          }
        } else {
          out.write(
            'Attempting to open your default browser. If the browser does not open, open the following URL.\n' +
              "If you are unable to open the URL on this device, run this command again with the '--use-device-code' option.\n" +
              `\n${url}\n\n`,
          )
          await env.openUrl(url)
        }
        waitForUser()
      },
      async onDeviceCode(prompt: DeviceCodePrompt) {
        if (printOnly) {
          out.write(
            `Browser will not be automatically opened.\nPlease visit the following URL:\n\n${prompt.verificationUri}\n` +
              `\nThen enter the code:\n\n${prompt.userCode}\n`,
          )
          // The code is printed above on its own; the second URL is only offered when there is one.
          if (prompt.verificationUriComplete !== prompt.verificationUri) {
            out.write(
              `\nAlternatively, you may visit the following URL which will autofill the code upon loading:\n${prompt.verificationUriComplete}\n`,
            )
          }
          await printQrCode(env, prompt.verificationUriComplete)
        } else {
          out.write(
            'Attempting to open your default browser.\n' +
              'If the browser does not open or you wish to use a different device to authorize this request, open the following URL:\n' +
              `\n${prompt.verificationUri}\n\nThen enter the code:\n\n${prompt.userCode}\n`,
          )
          await env.openUrl(prompt.verificationUriComplete)
        }
        waitForUser()
      },
      onWaitingForOtherLogin() {
        env.stderr.write(
          `Another idc process is already signing in to ${session.sessionName ?? session.startUrl}; waiting for it to finish…\n`,
        )
      },
    })
  } catch (error) {
    if (controller.signal.aborted) throw new CancelledError()
    throw error
  } finally {
    spinner?.stop()
    removeSignal()
  }
}

/** On a terminal, also shows the autofill URL as a QR code (stderr) to scan with a phone. */
async function printQrCode(env: CliEnv, url: string): Promise<void> {
  if (!env.stderr.isTTY || !url) return
  try {
    const { default: QRCode } = await import('qrcode')
    const code = await QRCode.toString(url, { type: 'terminal', small: true })
    env.stderr.write(`\nOr scan this code to open it on your phone:\n${code}\n`)
  } catch {}
}

export const command = defineCommand<SsoLoginCommandOptions>({
  name: 'sso login',
  summary: 'Sign in to IAM Identity Center and cache an access token.',
  description:
    'Retrieves and caches an IAM Identity Center access token for the profile (or --sso-session) so that SSO profiles can ' +
    'get AWS credentials. Profiles that use an [sso-session] sign in with the authorization-code flow (PKCE) in a browser; ' +
    'legacy profiles and --use-device-code use the device-code flow. The token is written to ~/.aws/sso/cache, where the ' +
    'AWS CLI and the AWS SDKs use it too. Over SSH or without a display nothing is opened: the authorize URL is printed, ' +
    'you sign in on any device, and paste back the address the browser ends on (http://127.0.0.1:PORT/oauth/callback?…); ' +
    'over SSH idc also prints the `ssh -L` line that forwards the callback port instead. --redirect-port (or ' +
    'sso_redirect_port in the [sso-session]) fixes the callback port; sso_use_device_code = true makes the device code ' +
    "that session's default. On WSL the Windows browser opens. When several processes sign in to the same session at " +
    'once, only one opens a browser or prints a code; the others wait for it and reuse its token.',
  examples: [
    'idc sso login --profile dev',
    'idc sso login --sso-session my-sso',
    'idc sso login --profile dev --use-device-code --no-browser',
    'idc sso login --profile dev --redirect-port 8400',
  ],
  options: {
    'sso-session': {
      type: 'string',
      description: "An explicit [sso-session] to sign in to, instead of the profile's.",
      placeholder: '<name>',
    },
    'no-browser': { type: 'boolean', description: 'Print the URL instead of opening a browser.' },
    'use-device-code': { type: 'boolean', description: 'Use the device-code flow (sign in on another device).' },
    'redirect-port': {
      type: 'string',
      description:
        'Listen for the browser on this port of 127.0.0.1 (for a fixed `ssh -L` forward); default any free port.',
      placeholder: '<port>',
    },
  },
  parse: (args, { globals }) => ({
    profile: globals.profile,
    ssoSession: args.values['sso-session'] as string | undefined,
    useDeviceCode: args.values['use-device-code'] === true,
    noBrowser: args.values['no-browser'] === true,
    redirectPort:
      args.values['redirect-port'] === undefined
        ? undefined
        : parseRedirectPort(args.values['redirect-port'] as string, '--redirect-port'),
  }),
  run: runSsoLogin,
})
