/**
 * Signing in from anywhere: the sso-session settings that choose the flow and the callback port
 * (`sso_use_device_code`, `sso_redirect_port`), the paste-back prompt for a browser on another
 * machine, and the `ssh -L` line that forwards the callback port instead.
 *
 * Paste-back: when idc cannot open a browser (SSH, no display), it prints the authorize URL; the
 * person signs in on any machine, where the browser ends on `http://127.0.0.1:PORT/oauth/callback?…`,
 * a page that machine cannot reach. Pasting that address completes the sign-in: the code and
 * state are read from it and checked exactly as the listener's would be. The listener keeps
 * waiting meanwhile, so a forwarded port (or a browser on this machine) works too.
 *
 * @module
 */
import type { ConfigSection } from '../../../core/config/parse-config-file.js'
import { ConfigError, UsageError } from '../../../core/errors.js'
import { parsePastedCallback, type AuthCodeCallback } from '../../../core/sso/auth-code-flow.js'
import type { CliEnv } from '../../cli-env.js'

/** Parses a callback port (`--redirect-port`, `sso_redirect_port`): 1–65535. */
export function parseRedirectPort(text: string, where: string): number {
  const port = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    const message = `${where} must be a port number from 1 to 65535, not "${text}"`
    throw where.startsWith('--') ? new UsageError(`argument ${message}`) : new ConfigError(message)
  }
  return port
}

/** An sso-session's own sign-in settings. */
export interface SessionSignInSettings {
  /** `sso_use_device_code = true`: the device flow is this session's default. */
  useDeviceCode: boolean
  /** `sso_redirect_port`: the fixed callback port. */
  redirectPort?: number | undefined
}

/** Reads `sso_use_device_code` and `sso_redirect_port` from an `[sso-session]` section. */
export function sessionSignInSettings(
  name: string | undefined,
  section: ConfigSection | undefined,
): SessionSignInSettings {
  const flag = section?.sso_use_device_code
  const port = section?.sso_redirect_port
  return {
    useDeviceCode: typeof flag === 'string' && flag.trim().toLowerCase() === 'true',
    redirectPort:
      typeof port === 'string' && port.trim() !== ''
        ? parseRedirectPort(port, `sso_redirect_port in [sso-session ${name ?? ''}]`)
        : undefined,
  }
}

/** The port of an authorize URL's `redirect_uri`. */
export function redirectPortOf(authorizeUrl: string): number | undefined {
  const redirect = new URL(authorizeUrl).searchParams.get('redirect_uri')
  const port = redirect === null ? Number.NaN : Number(new URL(redirect).port)
  return Number.isInteger(port) && port > 0 ? port : undefined
}

/** The `ssh -L` line that forwards the callback port from the person's machine to this one. */
export function sshForwardLine(env: CliEnv, port: number): string {
  const user = env.vars.USER ?? env.vars.LOGNAME
  return `ssh -L ${port}:127.0.0.1:${port} ${user ? `${user}@` : ''}${env.hostname()}`
}

/** What to tell a person who signs in on another machine. */
export function pasteBackInstructions(env: CliEnv, port: number | undefined, overSsh: boolean): string {
  let text =
    '\nSigning in on another device? When the browser ends on a page that cannot be reached ' +
    `(http://127.0.0.1${port ? `:${port}` : ''}/oauth/callback?…), copy that page's address from the address bar and paste it below.\n`
  if (overSsh && port) {
    text += `Or forward the port before you sign in, and the browser completes the sign-in by itself:\n  ${sshForwardLine(env, port)}\n`
  }
  return text
}

/** Asks for the pasted callback address until it is one (the caller aborts it when the listener wins). */
export function createPastePrompt(
  env: CliEnv,
): (redirectUri: string, signal: AbortSignal) => Promise<AuthCodeCallback> {
  return async (redirectUri, signal) => {
    const prompter = await env.prompter()
    for (;;) {
      const text = await prompter.input('Paste the address of the page the browser ended on', { bare: true, signal })
      const callback = parsePastedCallback(text, redirectUri)
      if (callback) return callback
      env.stderr.write(
        `That is not an address starting with ${redirectUri}?; copy it from the address bar and try again.\n`,
      )
    }
  }
}
