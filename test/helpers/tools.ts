/**
 * Finds the real programs the end-to-end tests drive: AWS CLI v2 (extracted by
 * scripts/install-awscli-v2.mjs), AWS CLI v1 on PATH, Debian's Chromium, tmux. In CI (CI=true) a
 * missing tool fails the test loudly; elsewhere the test can choose to skip with the reason.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** The repository root. */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..')

/** The built `idc` entry script. */
export const IDC_BIN = join(REPO_ROOT, 'bin', 'idc.cjs')

function which(name: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined
  }
}

/** Result of looking for a tool. */
export interface ToolLookup {
  path: string | undefined
  /** Why it is missing and how to install it. */
  missing: string | undefined
}

function lookup(path: string | undefined, howToInstall: string): ToolLookup {
  return path ? { path, missing: undefined } : { path: undefined, missing: howToInstall }
}

/** AWS CLI v2's `aws` binary. */
export function findAwsV2(): ToolLookup {
  const base = join(REPO_ROOT, '.cache', 'awscli-v2', 'awscli', 'v2')
  let found: string | undefined
  if (existsSync(base)) {
    for (const version of readdirSync(base).sort().reverse()) {
      const bin = join(base, version, 'dist', 'aws')
      if (existsSync(bin)) {
        found = bin
        break
      }
    }
  }
  return lookup(found, 'AWS CLI v2 is missing: run `node scripts/install-awscli-v2.mjs`')
}

/** AWS CLI v1's `aws` on PATH (a Python install, not the v2 binary). */
export function findAwsV1(): ToolLookup {
  const path = which('aws')
  if (!path) return lookup(undefined, 'AWS CLI v1 is missing: `pip install awscli`')
  const version = execFileSync(path, ['--version'], { encoding: 'utf8' })
  return lookup(version.startsWith('aws-cli/1.') ? path : undefined, `the aws on PATH is not v1: ${version.trim()}`)
}

/** Debian's Chromium. */
export function findChromium(): ToolLookup {
  const path = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))
  return lookup(path, 'Chromium is missing: `apt-get install chromium`')
}

/** tmux. */
export function findTmux(): ToolLookup {
  return lookup(which('tmux'), 'tmux is missing: `apt-get install tmux`')
}

/** Python with botocore (for the botocore interop test). */
export function findPython(): ToolLookup {
  const path = which('python3')
  if (!path) return lookup(undefined, 'python3 is missing')
  try {
    execFileSync(path, ['-c', 'import botocore'], { stdio: 'ignore' })
    return lookup(path, undefined as unknown as string)
  } catch {
    return lookup(undefined, 'botocore is missing: `pip install botocore`')
  }
}

/**
 * Returns the tool's path, or throws in CI (a missing tool must fail the run, never silently
 * skip). Outside CI it returns undefined so the caller can `skip` with `tool.missing`.
 */
export function requireTool(tool: ToolLookup): string | undefined {
  if (tool.path) return tool.path
  if (process.env.CI) throw new Error(`required tool missing in CI: ${tool.missing}`)
  return undefined
}
