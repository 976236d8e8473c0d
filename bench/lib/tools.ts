/**
 * Finds the programs the benchmarks compare or drive, and fails with one clear message naming
 * every missing one and how to get it.
 *
 * @module
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from './paths.js'

/** The programs a benchmark may need. */
export type ToolName = 'awsV2' | 'gnuTime' | 'motoServer' | 'wrk'

/** Paths of the tools found. */
export type Tools = Partial<Record<ToolName, string>>

function which(name: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined
  }
}

/** AWS CLI v2: extracted on first use by scripts/install-awscli-v2.mjs (from an npm devDependency). */
function findAwsV2(): string | undefined {
  try {
    const out = execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'install-awscli-v2.mjs')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const path = out.trim().split('\n').pop()
    return path && existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

const HOW_TO_GET: Record<ToolName, string> = {
  awsV2: 'AWS CLI v2 (run `npm ci`, then `node scripts/install-awscli-v2.mjs`; needs `unzip`)',
  gnuTime: 'GNU time at /usr/bin/time (`apt-get install time`)',
  motoServer: 'moto_server (`pip install "moto[server]"`)',
  wrk: 'wrk (`apt-get install wrk`)',
}

function find(name: ToolName): string | undefined {
  switch (name) {
    case 'awsV2':
      return findAwsV2()
    case 'gnuTime':
      return existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined
    case 'motoServer':
      return which('moto_server')
    case 'wrk':
      return which('wrk')
  }
}

/** Finds every named tool or throws one error listing all that are missing. */
export function requireTools(names: readonly ToolName[]): Tools {
  const found: Tools = {}
  const missing: string[] = []
  for (const name of new Set(names)) {
    const path = find(name)
    if (path) found[name] = path
    else missing.push(`  - ${HOW_TO_GET[name]}`)
  }
  if (missing.length > 0) {
    throw new Error(`npm run bench needs these programs, which were not found:\n${missing.join('\n')}`)
  }
  return found
}

/** The path of a tool, if it is on this machine (for reporting versions of optional peers). */
export function findTool(name: string): string | undefined {
  return which(name)
}
