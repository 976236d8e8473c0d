/**
 * Server throughput on its own, outside `npm run bench`: STS GetCallerIdentity with SigV4
 * verification on the built `idc server` (run `npm run build` first), `moto_server` when installed
 * and a bare `node:http` server, measured by the harness benchmark 5 uses (bench/lib/throughput.ts).
 * Writes JSON to stdout; progress goes to stderr.
 *
 * @module
 */
import { existsSync } from 'node:fs'
import os from 'node:os'
import { join, resolve } from 'node:path'
import { REPO_ROOT } from './lib/paths.js'
import {
  callerIdentityOperation,
  EXAMPLE_CREDENTIALS,
  checkOperation,
  measureOperations,
  startThroughputTargets,
  summariseRuns,
  type LoadOptions,
  type OperationSummary,
  type ThroughputRun,
} from './lib/throughput.js'
import { findTool } from './lib/tools.js'

const USAGE = `Usage: node --import tsx bench/server-throughput.ts [options]

  --duration S      seconds per measured run (default 10)
  --rounds N        rounds, each running every target once, interleaved (default 2)
  --connections N   concurrent connections (default 16)
  --warmup S        unmeasured seconds per target first (default 3)
  --generator G     wrk or autocannon (default wrk when installed)
  --help            this text
`

/** The whole result. */
export interface ThroughputReport {
  benchmark: 'server-throughput'
  operation: 'sts:GetCallerIdentity (SigV4-signed, verified by idc)'
  startedAt: string
  machine: { cpus: number; cpuModel: string; node: string; platform: string; loadAverage: number[] }
  options: Omit<LoadOptions, 'wrk'> & { generator: 'wrk' | 'autocannon' }
  runs: ThroughputRun[]
  summary: Record<string, OperationSummary>
  ratios: { idcOverMoto: number | null; idcOverBare: number | null }
}

function parseArgs(argv: readonly string[]): LoadOptions | undefined {
  const options: LoadOptions = {
    durationSeconds: 10,
    rounds: 2,
    connections: 16,
    warmupSeconds: 3,
    wrk: findTool('wrk'),
  }
  for (let i = 0; i < argv.length; i++) {
    const value = Number(argv[i + 1])
    if (argv[i] === '--help') return undefined
    if (argv[i] === '--duration') options.durationSeconds = value
    else if (argv[i] === '--rounds') options.rounds = value
    else if (argv[i] === '--connections') options.connections = value
    else if (argv[i] === '--warmup') options.warmupSeconds = value
    else if (argv[i] === '--generator') options.wrk = argv[i + 1] === 'wrk' ? findTool('wrk') : undefined
    else throw new Error(`unknown option ${argv[i]}\n\n${USAGE}`)
    i++
  }
  return options
}

function ratioOf(a: OperationSummary | undefined, b: OperationSummary | undefined, digits: number): number | null {
  if (!a || !b) return null
  const f = 10 ** digits
  return Math.round((a.requestsPerSecond / b.requestsPerSecond) * f) / f
}

/** Starts the targets, measures GetCallerIdentity on each and returns the report. */
export async function runServerThroughputBenchmark(options: LoadOptions): Promise<ThroughputReport> {
  const startedAt = new Date().toISOString()
  const idcBin = join(REPO_ROOT, 'bin', 'idc.cjs')
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first')
  const motoServer = findTool('moto_server')
  if (!motoServer) process.stderr.write('moto_server is not available: its column stays empty\n')
  const targets = await startThroughputTargets({ idcBin, motoServer })
  try {
    const { idc, moto, bare } = targets
    const operations = [
      await callerIdentityOperation('idc', 'idc server', idc, targets.roleCredentials),
      ...(moto ? [await callerIdentityOperation('moto', 'moto_server', moto, EXAMPLE_CREDENTIALS)] : []),
      await callerIdentityOperation('bare', 'bare node:http', bare, EXAMPLE_CREDENTIALS),
    ]
    for (const op of operations)
      await checkOperation(op, op.id === 'idc' ? /AWSReservedSSO_AdministratorAccess_/ : /<GetCallerIdentityResult>/)
    const runs = await measureOperations(operations, options, (line) => process.stderr.write(`${line}\n`))
    const summary: Record<string, OperationSummary> = {}
    for (const op of operations) {
      const s = summariseRuns(runs, op.id)
      if (s) summary[op.id] = s
    }
    const { wrk, ...rest } = options
    return {
      benchmark: 'server-throughput',
      operation: 'sts:GetCallerIdentity (SigV4-signed, verified by idc)',
      startedAt,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        loadAverage: os.loadavg(),
      },
      options: { ...rest, generator: wrk ? 'wrk' : 'autocannon' },
      runs,
      summary,
      ratios: {
        idcOverMoto: ratioOf(summary.idc, summary.moto, 1),
        idcOverBare: ratioOf(summary.idc, summary.bare, 3),
      },
    }
  } finally {
    await targets.stop()
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const options = parseArgs(process.argv.slice(2))
  if (!options) process.stdout.write(USAGE)
  else process.stdout.write(`${JSON.stringify(await runServerThroughputBenchmark(options), null, 2)}\n`)
}
