/**
 * Finds the real programs the end-to-end tests drive: AWS CLI v2 (extracted by
 * scripts/install-awscli-v2.mjs), AWS CLI v1 (on PATH, or in .cache/awscli-v1), Debian's Chromium,
 * tmux — all set up by `npm test`'s pretest, scripts/setup-test-tools.mjs. In CI (CI=true) a
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

/** AWS CLI v2's `aws` binary (extracted by `npm test`'s pretest, scripts/setup-test-tools.mjs). */
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
  return lookup(found, 'AWS CLI v2 is missing: run `node scripts/install-awscli-v2.mjs` (npm test does)')
}

/** The Python virtual environment where scripts/setup-test-tools.mjs installs AWS CLI v1 when PATH has none. */
const AWS_V1_VENV = join(REPO_ROOT, '.cache', 'awscli-v1')

/** AWS CLI v1: the `aws` on PATH when it is v1 (a Python install, not the v2 binary), else the one in .cache. */
export function findAwsV1(): ToolLookup {
  const install =
    'AWS CLI v1 is missing: `npm test` installs it (scripts/setup-test-tools.mjs), or `pipx install awscli`'
  const candidates = [which('aws'), join(AWS_V1_VENV, 'bin', 'aws')].filter((p): p is string => !!p && existsSync(p))
  const versions: string[] = []
  for (const path of candidates) {
    let version: string
    try {
      version = execFileSync(path, ['--version'], { encoding: 'utf8' })
    } catch {
      continue
    }
    if (version.startsWith('aws-cli/1.')) return lookup(path, install)
    versions.push(`${path}: ${version.trim()}`)
  }
  return lookup(undefined, versions.length ? `${install} (found ${versions.join('; ')})` : install)
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
  const venvPython = join(AWS_V1_VENV, 'bin', 'python3')
  const path = existsSync(venvPython) ? venvPython : which('python3')
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
