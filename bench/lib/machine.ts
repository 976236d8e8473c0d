/**
 * Facts about the machine and every program measured, so a reader can tell whether a figure is
 * comparable with their own.
 *
 * @module
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { join } from 'node:path'
import { REPO_ROOT } from './paths.js'
import { findTool, type Tools } from './tools.js'

/** A labelled fact. */
export interface Fact {
  name: string
  value: string
}

/** The machine and the versions of every program measured. */
export interface MachineFacts {
  machine: Fact[]
  versions: Fact[]
}

function run(command: string, args: readonly string[]): string | undefined {
  try {
    // Some tools (wrk -v) print their version and exit non-zero; keep the output either way.
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 }).trim()
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string }
    const text = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim()
    return text || undefined
  }
}

function firstLine(text: string | undefined): string {
  return text?.split('\n')[0]?.trim() || 'not found'
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'))
    if (line) return line.split(':')[1]?.trim() ?? 'unknown'
  } catch {}
  return os.cpus()[0]?.model ?? 'unknown'
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1]
    if (pretty) return `${pretty}, ${os.type()} ${os.release()}`
  } catch {}
  return `${os.type()} ${os.release()}`
}

function virtualisation(): string | undefined {
  const parts: string[] = []
  const container = run('systemd-detect-virt', ['--container'])
  if (container && container !== 'none' && !container.includes(' ')) parts.push(`${container} container`)
  const vendor = /^Hypervisor vendor:\s*(.+)$/m.exec(run('lscpu', []) ?? '')?.[1]?.trim()
  if (vendor) parts.push(`${vendor} virtual machine`)
  else {
    try {
      if (/^flags\s*:.*\bhypervisor\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'))) parts.push('virtual machine')
    } catch {}
  }
  return parts.length ? parts.join(' on a ') : undefined
}

const JS_PACKAGES = [
  '@aws-sdk/credential-providers',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/token-providers',
  '@aws-sdk/client-sso',
  '@aws-sdk/nested-clients',
  '@smithy/node-http-handler',
  '@smithy/core',
  'autocannon',
]

function packageVersion(name: string): string {
  // Resolve from credential-providers' own location, as the JS SDK script does at run time.
  const roots = [REPO_ROOT, join(REPO_ROOT, 'node_modules', '@aws-sdk', 'credential-providers')]
  for (const root of roots) {
    const file = join(root, 'node_modules', name, 'package.json')
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
  }
  try {
    const require = createRequire(join(REPO_ROOT, 'package.json'))
    return (require(`${name}/package.json`) as { version: string }).version
  } catch {
    return 'not installed'
  }
}

function idcVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
  const commit = run('git', ['-C', REPO_ROOT, 'rev-parse', '--short=12', 'HEAD']) ?? 'unknown commit'
  const dirty = (run('git', ['-C', REPO_ROOT, 'status', '--porcelain', '--', 'src', 'bin', 'scripts']) ?? '')
    .split('\n')
    .filter(Boolean).length
  return `${pkg.version} (commit ${commit}${dirty ? `, plus ${dirty} uncommitted file(s) under src/, bin/, scripts/` : ''}; dist/ built from the working tree)`
}

function motoVersion(motoServer: string | undefined): string {
  if (!motoServer) return 'not found'
  // moto_server is a Python entry script: ask its own interpreter.
  let python = 'python3'
  try {
    const real = run('sh', ['-c', `command -v pyenv >/dev/null && pyenv which moto_server || command -v moto_server`])
    const shebang = real ? readFileSync(real.split('\n')[0] as string, 'utf8').split('\n')[0] : undefined
    if (shebang?.startsWith('#!')) python = shebang.slice(2).trim().split(' ')[0] as string
  } catch {}
  return firstLine(
    run(python, ['-c', 'import moto, sys; print(moto.__version__, "(Python", sys.version.split()[0] + ")")']),
  )
}

/** Collects the facts (run once per benchmark run). */
export function collectMachineFacts(tools: Tools): MachineFacts {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')
  const machine: Fact[] = [
    { name: 'CPU', value: cpuModel() },
    { name: 'Logical CPUs', value: String(os.availableParallelism()) },
    { name: 'Memory', value: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB` },
    { name: 'OS', value: osName() },
    { name: 'Virtualised', value: virtualisation() ?? 'no' },
    { name: 'Node.js', value: process.version },
    { name: 'Load average at start (1, 5, 15 min)', value: load },
  ]
  const awsV1 = findTool('aws')
  const motoServer = tools.motoServer ?? findTool('moto_server')
  const wrk = tools.wrk ?? findTool('wrk')
  const gnuTime = tools.gnuTime ?? (existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined)
  const versions: Fact[] = [
    { name: 'idc', value: idcVersion() },
    { name: 'AWS CLI v2', value: tools.awsV2 ? firstLine(run(tools.awsV2, ['--version'])) : 'not found' },
    {
      name: 'AWS CLI v1 (for reference; not timed)',
      value: awsV1 ? firstLine(run(awsV1, ['--version'])) : 'not found',
    },
    { name: 'moto', value: motoVersion(motoServer) },
    ...JS_PACKAGES.map((name) => ({ name, value: packageVersion(name) })),
    { name: 'wrk', value: wrk ? firstLine(run(wrk, ['-v'])) : 'not found' },
    { name: 'GNU time', value: gnuTime ? firstLine(run(gnuTime, ['--version'])) : 'not found' },
  ]
  return { machine, versions }
}
