/**
 * `npm run bench`: runs idc's benchmarks on this machine and writes docs/benchmarks.md.
 * See `npm run bench -- --help` and the "How to read this" section of the report.
 *
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { runColdCredentials } from './benchmarks/cold-credentials.js'
import { runLargeConfig } from './benchmarks/large-config.js'
import { runLoginHerd } from './benchmarks/login-herd.js'
import { runPeakMemory } from './benchmarks/peak-memory.js'
import { runPopulate } from './benchmarks/populate.js'
import { runServerThroughput, serverThroughputTools } from './benchmarks/server.js'
import { runSingleFlight } from './benchmarks/single-flight.js'
import { runStatus } from './benchmarks/status.js'
import { runWarmCredentials } from './benchmarks/warm-credentials.js'
import { parseBenchArgs, USAGE } from './lib/args.js'
import type { BenchContext } from './lib/context.js'
import { removeSnapshot, snapshotIdc } from './lib/idc-build.js'
import { startIdcServer, type RunningServer } from './lib/idc-server.js'
import { collectMachineFacts } from './lib/machine.js'
import { REPO_ROOT, REPORT_PATH, SCRATCH_DIR } from './lib/paths.js'
import { runProcess } from './lib/process.js'
import { renderReport, type ReportInput } from './lib/render.js'
import type { Section } from './lib/report.js'
import { obtainToken } from './lib/sign-in.js'
import { requireTools, type ToolName } from './lib/tools.js'

type Runner = (context: BenchContext) => Promise<Section>

const RUNNERS: Record<number, Runner> = {
  1: runWarmCredentials,
  2: runColdCredentials,
  3: runSingleFlight,
  4: runLargeConfig,
  5: runServerThroughput,
  6: runPeakMemory,
  7: runStatus,
  8: runLoginHerd,
  9: runPopulate,
}
// Single flight rotates tokens on the server and fills its store; run it after the timings that
// share the server, and the throughput benchmark (which starts its own servers) last.
const ORDER = [1, 7, 2, 4, 6, 3, 8, 9, 5]
// Nominal time budgets (ms), full and --quick. When the machine is slow, each benchmark gets its
// share of what is left before the deadline instead, so the whole run stays under 15 minutes.
const NOMINAL_MS: Record<number, [number, number]> = {
  1: [120_000, 30_000],
  2: [90_000, 30_000],
  3: [180_000, 120_000],
  4: [120_000, 40_000],
  5: [170_000, 40_000],
  6: [45_000, 20_000],
  7: [60_000, 20_000],
  8: [60_000, 40_000],
  9: [90_000, 90_000],
}
const DEADLINE_MS = 13 * 60_000
const FINDINGS_PATH = join(REPO_ROOT, 'bench', 'findings.md')

function log(line: string): void {
  process.stderr.write(`${line}\n`)
}

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2))
  if (options.help) {
    process.stdout.write(USAGE)
    return
  }
  if (options.rerender) {
    rerender(options.rerender, options.out)
    return
  }
  const startedAt = new Date()
  const needed: ToolName[] = []
  // Benchmarks 5 and 9 (own servers) and 7 (idc status, files only) need neither the AWS CLI nor the shared server.
  const needsShared = options.only.some((id) => id !== 5 && id !== 7 && id !== 9)
  if (needsShared) needed.push('awsV2')
  if (options.only.includes(6)) needed.push('gnuTime')
  if (options.only.includes(5)) needed.push(...serverThroughputTools())
  const tools = requireTools(needed)

  const snapshot = snapshotIdc({ build: options.build })
  const version = await runProcess({
    command: process.execPath,
    args: [snapshot.bin, '--version'],
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir() },
  })
  if (version.code !== 0)
    throw new Error(`the built idc does not start: ${version.stderr.trim() || version.stdout.trim()}`)

  const facts = collectMachineFacts(tools)
  const context: BenchContext = {
    quick: options.quick,
    tools,
    idcBin: snapshot.bin,
    scriptsDir: join(REPO_ROOT, 'bench', 'scripts'),
    budgetMs: 0,
    log,
  }
  let server: RunningServer | undefined
  const stop = async () => {
    await server?.stop()
    server = undefined
    removeSnapshot(snapshot)
  }
  process.once('SIGINT', () => {
    void stop().finally(() => process.exit(130))
  })

  const sections: Section[] = []
  try {
    if (needsShared) {
      try {
        log('bench: starting idc server --demo and signing in as alice (device flow)')
        server = await startIdcServer({ idcBin: snapshot.bin })
        context.server = server
        context.token = await obtainToken(server.url)
      } catch (error) {
        context.serverProblem = (error as Error).message.split('\n')[0]
        log(
          `bench: no server or token, benchmarks that need them are reported as not measured: ${context.serverProblem}`,
        )
        if (!context.token) {
          await server?.stop()
          server = undefined
          context.server = undefined
        }
      }
    }
    const planned = ORDER.filter((n) => options.only.includes(n))
    const nominal = (id: number) => (NOMINAL_MS[id] as [number, number])[options.quick ? 1 : 0]
    for (const [index, id] of planned.entries()) {
      const runner = RUNNERS[id] as Runner
      const t0 = Date.now()
      const later = planned.slice(index + 1).reduce((sum, n) => sum + nominal(n), 0)
      const left = startedAt.getTime() + DEADLINE_MS - t0
      context.budgetMs = Math.max(10_000, Math.min(nominal(id), (left * nominal(id)) / (nominal(id) + later)))
      log(`bench: ${id} … (budget ${(context.budgetMs / 1000).toFixed(0)} s)`)
      const section = await runner(context)
      sections.push(section)
      log(`bench: ${id} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
      for (const h of section.headlines) log(`  ${h}`)
    }
  } finally {
    await stop()
  }

  const partial = options.quick || options.only.length < 9
  const input: ReportInput = {
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    quick: options.quick,
    facts,
    loadAtEnd: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', '),
    sections,
    skipped: [1, 2, 3, 4, 5, 6, 7, 8, 9].filter((n) => !options.only.includes(n)),
  }
  mkdirSync(SCRATCH_DIR, { recursive: true })
  const rawPath = join(SCRATCH_DIR, `results-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(rawPath, `${JSON.stringify(input, null, 2)}\n`)
  writeReport(input, resolve(options.out ?? (partial ? join(SCRATCH_DIR, 'benchmarks.md') : REPORT_PATH)))
  log(
    `bench: raw figures in ${relative(process.cwd(), rawPath)} (\`npm run bench -- --rerender ${relative(REPO_ROOT, rawPath)}\` renders them again)`,
  )
  for (const s of sections) for (const h of s.headlines) process.stdout.write(`${h}\n`)
  for (const g of sections.flatMap((s) => s.goals)) {
    process.stdout.write(
      `${g.met === undefined ? 'NOT MEASURED' : g.met ? 'MET   ' : 'MISSED'}  ${g.goal}: ${g.detail}\n`,
    )
  }
}

/** Writes the report, with the hand-written findings (bench/findings.md) when there are any. */
function writeReport(input: ReportInput, out: string): void {
  const findings = existsSync(FINDINGS_PATH) ? readFileSync(FINDINGS_PATH, 'utf8') : undefined
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, renderReport({ ...input, findings }))
  log(`\nbench: report written to ${relative(process.cwd(), out)}`)
}

/** Renders a saved run again (e.g. after editing bench/findings.md), without measuring anything. */
function rerender(file: string, out: string | undefined): void {
  const saved = JSON.parse(readFileSync(resolve(REPO_ROOT, file), 'utf8')) as ReportInput & { startedAt: string }
  const input: ReportInput = { ...saved, startedAt: new Date(saved.startedAt) }
  const partial = input.quick || input.skipped.length > 0
  writeReport(input, resolve(out ?? (partial ? join(SCRATCH_DIR, 'benchmarks.md') : REPORT_PATH)))
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
