/**
 * Opens a URL in the user's browser the way Python's `webbrowser` does for the AWS CLI: `BROWSER`
 * first (a `:`-separated list of commands, `%s` replaced by the URL), then the platform's opener.
 * Over SSH without a display there is no browser to open, so it reports false and the caller
 * prints the URL instead.
 *
 * @module
 */
import { spawn } from 'node:child_process'
import type { EnvVars } from '../../core/env.js'

/** True when this looks like a remote session with no way to show a browser. */
export function isHeadlessSession(vars: EnvVars, platform: NodeJS.Platform): boolean {
  if (vars.BROWSER) return false
  if (platform === 'darwin' || platform === 'win32') return Boolean(vars.SSH_CONNECTION || vars.SSH_TTY)
  return !vars.DISPLAY && !vars.WAYLAND_DISPLAY
}

/** Starts a browser for `url`; resolves false when none could be started. */
export async function openUrlWithSystemBrowser(
  url: string,
  vars: EnvVars,
  platform: NodeJS.Platform,
): Promise<boolean> {
  const candidates: string[][] = []
  for (const entry of (vars.BROWSER ?? '').split(':').filter(Boolean)) {
    const parts = entry.split(/\s+/).filter(Boolean)
    candidates.push(parts.some((p) => p.includes('%s')) ? parts.map((p) => p.replace('%s', url)) : [...parts, url])
  }
  if (candidates.length === 0) {
    if (isHeadlessSession(vars, platform)) return false
    if (platform === 'darwin') candidates.push(['open', url])
    else if (platform === 'win32') candidates.push(['cmd', '/c', 'start', '""', url])
    else candidates.push(['xdg-open', url])
  }
  for (const [command, ...args] of candidates) {
    if (!command) continue
    const started = await new Promise<boolean>((resolve) => {
      const child = spawn(command, args, { stdio: 'ignore', detached: true, env: vars as NodeJS.ProcessEnv })
      child.once('error', () => resolve(false))
      child.once('spawn', () => {
        child.unref()
        resolve(true)
      })
    })
    if (started) return true
  }
  return false
}
