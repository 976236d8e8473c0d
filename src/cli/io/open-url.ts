/**
 * Opens a URL in the user's browser the way Python's `webbrowser` does for the AWS CLI: `BROWSER`
 * first (a `:`-separated list of commands, `%s` replaced by the URL), then the platform's opener.
 * Over SSH without a display there is no browser to open, so it reports false and the caller
 * prints the URL instead. On WSL the Windows browser opens.
 *
 * @module
 */
import { spawn } from 'node:child_process'
import type { EnvVars } from '../../core/env.js'

/** True inside Windows Subsystem for Linux, where the browser is the Windows one. */
export function isWsl(vars: EnvVars, platform: NodeJS.Platform): boolean {
  return platform === 'linux' && Boolean(vars.WSL_DISTRO_NAME || vars.WSL_INTEROP)
}

/** True over SSH (the variables sshd sets). */
export function isSshSession(vars: EnvVars): boolean {
  return Boolean(vars.SSH_CONNECTION || vars.SSH_TTY || vars.SSH_CLIENT)
}

/** True when this looks like a remote session with no way to show a browser. */
export function isHeadlessSession(vars: EnvVars, platform: NodeJS.Platform): boolean {
  if (vars.BROWSER) return false
  if (platform === 'darwin' || platform === 'win32') return isSshSession(vars)
  // WSL opens the Windows browser, which needs no X display (unless this is an SSH login to WSL).
  if (isWsl(vars, platform)) return isSshSession(vars)
  return !vars.DISPLAY && !vars.WAYLAND_DISPLAY
}

/**
 * The commands to try, in order: each `BROWSER` entry, else the platform's opener. On WSL that is
 * `wslview` (wslu), then PowerShell's `Start-Process` and `cmd.exe /c start` through interop: the
 * Windows browser, which reaches WSL's 127.0.0.1 listener through WSL's localhost forwarding.
 */
export function browserCommands(url: string, vars: EnvVars, platform: NodeJS.Platform): string[][] {
  const candidates: string[][] = []
  for (const entry of (vars.BROWSER ?? '').split(':').filter(Boolean)) {
    const parts = entry.split(/\s+/).filter(Boolean)
    candidates.push(parts.some((p) => p.includes('%s')) ? parts.map((p) => p.replace('%s', url)) : [...parts, url])
  }
  if (candidates.length > 0) return candidates
  if (platform === 'darwin') return [['open', url]]
  if (platform === 'win32') return [['cmd', '/c', 'start', '""', url]]
  if (isWsl(vars, platform)) {
    return [
      ['wslview', url],
      // PowerShell takes the URL as one single-quoted string; cmd.exe needs its & escaped.
      ['powershell.exe', '-NoProfile', '-NonInteractive', '-Command', `Start-Process '${url.replace(/'/g, "''")}'`],
      ['cmd.exe', '/c', 'start', '""', url.replace(/[&^|<>]/g, '^$&')],
    ]
  }
  return [['xdg-open', url]]
}

/** Starts a browser for `url`; resolves false when none could be started. */
export async function openUrlWithSystemBrowser(
  url: string,
  vars: EnvVars,
  platform: NodeJS.Platform,
): Promise<boolean> {
  if (!vars.BROWSER && isHeadlessSession(vars, platform)) return false
  const candidates = browserCommands(url, vars, platform)
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
