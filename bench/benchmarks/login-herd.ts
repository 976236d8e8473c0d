/**
 * Benchmark 8: the login-session herd. N processes need credentials of one `aws login` session at
 * once while its access token is inside the refresh window (1 minute left). Measured: wall time
 * from the first spawn to the last exit, processes that got credentials, and the refresh calls
 * (CreateOAuth2Token, grant refresh_token) the server saw. idc refreshes once under the cache
 * file's lock; the AWS CLI v2 refreshes in every process (and rewrites the file in place).
 *
 * @module
 */
import { rmSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { processEnv } from '../lib/aws-home.js'
import { endpointEnv } from '../lib/contenders.js'
import type { BenchContext } from '../lib/context.js'
import { expectCredentials } from '../lib/harness.js'
import { parsePrometheus } from '../lib/idc-server.js'
import { LOGIN_PROFILE, obtainLoginSession, writeLoginHome, type LoginSession } from '../lib/login-session.js'
import { runProcess } from '../lib/process.js'
import { ms, table, type Section } from '../lib/report.js'

interface HerdResult {
  tool: 'idc' | 'aws-v2'
  n: number
  wallMs: number
  ok: number
  refreshCalls: number
  failures: string[]
}

async function refreshCalls(serverUrl: string): Promise<number> {
  const text = await (await fetch(`${serverUrl}/_idc/metrics`)).text()
  return parsePrometheus(text)
    .filter((s) => s.labels.operation === 'CreateOAuth2Token' && s.labels.grant === 'refresh_token')
    .reduce((sum, s) => sum + s.value, 0)
}

async function herd(context: BenchContext, session: LoginSession, tool: HerdResult['tool'], n: number) {
  const server = context.server as NonNullable<BenchContext['server']>
  const home = writeLoginHome(session, Date.now() + 60_000)
  try {
    const env = processEnv({ home } as never, endpointEnv(context))
    const spec =
      tool === 'idc'
        ? {
            command: process.execPath,
            args: [context.idcBin, 'configure', 'export-credentials', '--profile', LOGIN_PROFILE],
            env,
          }
        : {
            command: context.tools.awsV2 as string,
            args: ['configure', 'export-credentials', '--profile', LOGIN_PROFILE],
            env,
          }
    const before = await refreshCalls(server.url)
    const start = performance.now()
    const results = await Promise.all(Array.from({ length: n }, () => runProcess(spec, 180_000)))
    const wallMs = performance.now() - start
    await new Promise((r) => setTimeout(r, 50))
    const failures = results.map(expectCredentials).filter((e): e is string => e !== undefined)
    const calls = (await refreshCalls(server.url)) - before
    return { tool, n, wallMs, ok: n - failures.length, refreshCalls: calls, failures } satisfies HerdResult
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}

/** Runs benchmark 8. */
export async function runLoginHerd(context: BenchContext): Promise<Section> {
  const title = 'Login-session herd (N processes at once, `aws login` token inside the refresh window)'
  if (!context.server) {
    return {
      id: 8,
      title,
      body: `Not measured: it needs the idc server (${context.serverProblem ?? 'not started'}).\n`,
      goals: [],
      headlines: ['login herd: not measured'],
      raw: null,
    }
  }
  const session = await obtainLoginSession(context.idcBin, context.server.url)
  const sizes = [8, 32]
  const results: HerdResult[] = []
  for (const n of sizes) {
    for (const tool of ['idc', 'aws-v2'] as const) {
      const result = await herd(context, session, tool, n)
      context.log(`  ${tool} N=${n}: ${ms(result.wallMs)}, ${result.ok}/${n} ok, refresh calls ${result.refreshCalls}`)
      results.push(result)
    }
  }
  const label = { idc: 'idc', 'aws-v2': 'AWS CLI v2' } as const
  const rows = results.map((r) => [
    `${label[r.tool]}, N = ${r.n}`,
    ms(r.wallMs),
    `${r.ok}/${r.n}`,
    String(r.refreshCalls),
  ])
  const goals = sizes.map((n) => {
    const mine = results.find((r) => r.tool === 'idc' && r.n === n) as HerdResult
    const theirs = results.find((r) => r.tool === 'aws-v2' && r.n === n) as HerdResult
    return {
      goal: `Login herd, N = ${n}: idc makes 1 CreateOAuth2Token and every process gets credentials`,
      met: mine.refreshCalls === 1 && mine.ok === n,
      detail: `idc ${mine.refreshCalls} call(s), ${mine.ok}/${n} ok; AWS CLI v2 ${theirs.refreshCalls} call(s), ${theirs.ok}/${n} ok`,
    }
  })
  const failures = results.flatMap((r) => r.failures.slice(0, 2).map((f) => `- ${label[r.tool]}, N = ${r.n}: \`${f}\``))
  const body = [
    'One sign-in as legacy-ci (`idc login --remote`, console password and MFA, driven over HTTP); for each burst a fresh',
    "HOME with that session's cache file, `expiresAt` moved to now + 1 minute, then N `configure export-credentials`",
    'processes spawned at once. Refresh calls are deltas of `idc_requests_total{operation="CreateOAuth2Token",grant="refresh_token"}`.',
    'One burst per cell (the server accepts a refresh token again, as AWS documents, so bursts can share the session).',
    '',
    table(['Tool, processes', 'Wall time', 'Processes with credentials', 'CreateOAuth2Token (refresh) calls'], rows),
    failures.length ? `\nFailures in this run:\n\n${[...new Set(failures)].slice(0, 10).join('\n')}\n` : '',
  ].join('\n')
  const headlines = goals.map((g) => `login herd: ${g.detail}`)
  return { id: 8, title, body, goals, headlines, raw: results }
}
