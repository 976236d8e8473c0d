/**
 * Benchmark 3: single flight. N processes start together with a token inside the refresh window
 * (5 minutes left) and no cached role credentials. Measured: wall time from the first spawn until
 * the last process has exited with credentials, and how many refresh CreateToken and
 * GetRoleCredentials calls the server saw (deltas of `/_idc/metrics`).
 *
 * @module
 */
import { performance } from 'node:perf_hooks'
import { createAwsHome, processEnv, removeAwsHome, writeToken } from '../lib/aws-home.js'
import { awsV2Contender, endpointEnv, idcContender } from '../lib/contenders.js'
import { pick, type BenchContext } from '../lib/context.js'
import { expectCredentials, type Contender } from '../lib/harness.js'
import { diffCounts, readRequestCounts, type RequestCounts } from '../lib/idc-server.js'
import { runProcess } from '../lib/process.js'
import { ms, range, table, type GoalResult, type Section } from '../lib/report.js'
import { summarize } from '../lib/stats.js'

/** One burst of N processes. */
export interface BurstResult {
  tool: string
  n: number
  wallMs: number
  ok: number
  failures: string[]
  counts: RequestCounts
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function burst(context: BenchContext, tool: 'idc' | 'aws-v2', n: number): Promise<BurstResult> {
  const server = context.server as NonNullable<BenchContext['server']>
  const home = createAwsHome()
  try {
    // Inside every client's refresh window (botocore 15 min, idc the same), far from expiry.
    writeToken(home, context.token as NonNullable<BenchContext['token']>, Date.now() + 5 * 60_000)
    const env = processEnv(home, endpointEnv(context))
    const contender: Contender = tool === 'idc' ? idcContender(context, { env }) : awsV2Contender(context, { env })
    const before = await readRequestCounts(server.url)
    const start = performance.now()
    const results = await Promise.all(Array.from({ length: n }, () => runProcess(contender.spec, 180_000)))
    const wallMs = performance.now() - start
    // Counters are updated as responses go out; give the last one a moment.
    await sleep(50)
    const after = await readRequestCounts(server.url)
    const failures = results.map(expectCredentials).filter((e): e is string => e !== undefined)
    return { tool, n, wallMs, ok: n - failures.length, failures, counts: diffCounts(before, after) }
  } finally {
    removeAwsHome(home)
  }
}

function countCell(values: readonly number[]): string {
  const s = summarize(values)
  return s.min === s.max ? String(s.min) : `${s.median} (${s.min}–${s.max})`
}

/** Runs benchmark 3. */
export async function runSingleFlight(context: BenchContext): Promise<Section> {
  const title = 'Single flight (N processes at once, token inside the refresh window)'
  if (!context.server || !context.token?.refreshToken) {
    return {
      id: 3,
      title,
      body: `Not measured: it needs the idc server and a token with a refresh token from it (${context.serverProblem ?? 'no refresh token'}).\n`,
      goals: [],
      headlines: ['single flight: not measured'],
      raw: null,
    }
  }
  const sizes = [8, 32, 64]
  const repetitions = pick(context, 3, 1)
  const tools = ['idc', 'aws-v2'] as const
  const bursts: BurstResult[] = []
  const started = Date.now()
  const budgetMs = context.budgetMs
  let done = 0
  for (let rep = 0; rep < repetitions; rep++) {
    // Always finish one full repetition; start another only while within the time budget.
    if (rep > 0 && Date.now() - started > budgetMs) {
      context.log(`  time budget reached after ${rep} repetition(s)`)
      break
    }
    done = rep + 1
    for (const n of sizes) {
      // Alternate which tool goes first, so neither always meets a freshly warmed server.
      const order = (rep + sizes.indexOf(n)) % 2 === 0 ? tools : [...tools].reverse()
      for (const tool of order) {
        const result = await burst(context, tool, n)
        context.log(
          `  ${tool} N=${n}: ${ms(result.wallMs)}, ${result.ok}/${n} ok, refresh CreateToken ${result.counts.refreshCreateToken}, GetRoleCredentials ${result.counts.getRoleCredentials}`,
        )
        bursts.push(result)
      }
    }
  }
  const label = { idc: 'idc', 'aws-v2': 'AWS CLI v2' } as const
  const rows: string[][] = []
  const goals: GoalResult[] = []
  const headlines: string[] = []
  for (const n of sizes) {
    for (const tool of tools) {
      const mine = bursts.filter((b) => b.tool === tool && b.n === n)
      const wall = summarize(mine.map((b) => b.wallMs))
      rows.push([
        `${label[tool]}, N = ${n}`,
        ms(wall.median),
        range(wall),
        `${mine.reduce((a, b) => a + b.ok, 0)}/${n * mine.length}`,
        countCell(mine.map((b) => b.counts.refreshCreateToken)),
        countCell(mine.map((b) => b.counts.getRoleCredentials)),
      ])
    }
    const idcBursts = bursts.filter((b) => b.tool === 'idc' && b.n === n)
    const idcOk = idcBursts.every((b) => b.ok === n)
    const exact = idcBursts.every((b) => b.counts.refreshCreateToken === 1 && b.counts.getRoleCredentials === 1)
    goals.push({
      goal: `Single flight, N = ${n}: idc makes 1 refresh CreateToken and 1 GetRoleCredentials`,
      met: idcOk && exact,
      detail:
        `idc ${countCell(idcBursts.map((b) => b.counts.refreshCreateToken))} / ${countCell(idcBursts.map((b) => b.counts.getRoleCredentials))}, ` +
        `AWS CLI v2 ${countCell(bursts.filter((b) => b.tool === 'aws-v2' && b.n === n).map((b) => b.counts.refreshCreateToken))} / ` +
        `${countCell(bursts.filter((b) => b.tool === 'aws-v2' && b.n === n).map((b) => b.counts.getRoleCredentials))}` +
        (idcOk ? '' : ' (some idc processes failed)'),
    })
    const wallOf = (tool: string) =>
      summarize(bursts.filter((b) => b.tool === tool && b.n === n).map((b) => b.wallMs)).median
    headlines.push(
      `single flight N=${n}: idc ${ms(wallOf('idc'))}, AWS CLI v2 ${ms(wallOf('aws-v2'))}; calls (refresh/GetRoleCredentials) ${goals[goals.length - 1]?.detail}`,
    )
  }
  const failures = bursts.flatMap((b) =>
    b.failures.slice(0, 2).map((f) => `- ${label[b.tool as 'idc' | 'aws-v2']}, N = ${b.n}: \`${f}\``),
  )
  const body = [
    `For each burst: a fresh HOME with the token cache only (its \`expiresAt\` moved to now + 5 minutes, refresh token and`,
    `client registration kept), then N processes spawned at once; wall time runs from the first spawn to the last exit.`,
    `Server-side counts are deltas of \`idc_requests_total\` from \`GET /_idc/metrics\` around the burst.`,
    `${done} repetition(s) per cell, tools alternating first; counts show the median and, when they varied, the range.`,
    'A process that has not finished after 180 s is killed and counted as failed.',
    '',
    table(
      [
        'Tool, processes',
        'Wall time (median)',
        'Min – max',
        'Processes with credentials',
        'Refresh CreateToken calls',
        'GetRoleCredentials calls',
      ],
      rows,
    ),
    failures.length ? `\nFailures in this run:\n\n${[...new Set(failures)].slice(0, 10).join('\n')}\n` : '',
  ].join('\n')
  return { id: 3, title, body, goals, headlines, raw: bursts }
}
