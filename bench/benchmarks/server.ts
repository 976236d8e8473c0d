/**
 * Benchmark 5: server throughput. Requests per second and p50/p99 latency at a fixed number of
 * connections, measured with wrk: GetCallerIdentity (SigV4-verified) on `idc server`, on
 * `moto_server` and on a bare `node:http` server (the ceiling); GetRoleCredentials and refresh
 * CreateToken on `idc server` (moto implements neither). The targets, signing and measurement are
 * the harness in bench/lib/throughput.ts, which `bench/server-throughput.ts` runs on its own too.
 * wrk is the generator because autocannon does not reconnect after `Connection: close`, which
 * moto's werkzeug server sends on every response (autocannon then reports ~5 req/s for moto where
 * wrk, and any real client, gets a few hundred).
 *
 * @module
 */
import { pick, type BenchContext } from '../lib/context.js'
import { ratio, table, type GoalResult, type Section } from '../lib/report.js'
import {
  callerIdentityOperation,
  checkOperation,
  EXAMPLE_CREDENTIALS,
  measureOperations,
  startThroughputTargets,
  summariseRuns,
  type LoadOperation,
  type LoadOptions,
  type OperationSummary,
} from '../lib/throughput.js'
import type { ToolName } from '../lib/tools.js'

/** Tools benchmark 5 needs. */
export function serverThroughputTools(): ToolName[] {
  return ['motoServer', 'wrk']
}

interface Row extends OperationSummary {
  id: string
  operation: string
  server: string
}

/** The five operations: GetCallerIdentity on the three servers, GetRoleCredentials and CreateToken on idc. */
async function operationsFor(targets: Awaited<ReturnType<typeof startThroughputTargets>>): Promise<LoadOperation[]> {
  const { idc, moto, bare, token } = targets
  const operations = [
    await callerIdentityOperation('idc', '`idc server`', idc, targets.roleCredentials),
    ...(moto ? [await callerIdentityOperation('moto', '`moto_server`', moto, EXAMPLE_CREDENTIALS)] : []),
    await callerIdentityOperation('bare', 'bare `node:http`', bare, EXAMPLE_CREDENTIALS),
    {
      id: 'idc-grc',
      operation: 'SSO GetRoleCredentials',
      server: '`idc server`',
      pid: idc.pid,
      url: targets.roleCredentialsUrl,
      method: 'GET',
      headers: { 'x-amz-sso_bearer_token': token.accessToken },
    },
    {
      id: 'idc-refresh',
      operation: 'OIDC CreateToken (refresh_token)',
      server: '`idc server`',
      pid: idc.pid,
      url: `${idc.url}/token`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // Rotation is not strict (as with AWS): the same refresh token stays usable, so it can be replayed.
      body: JSON.stringify({
        grantType: 'refresh_token',
        clientId: token.clientId,
        clientSecret: token.clientSecret,
        refreshToken: token.refreshToken,
      }),
    },
  ]
  const expected: Record<string, RegExp> = {
    idc: /AWSReservedSSO_AdministratorAccess_/,
    moto: /<GetCallerIdentityResult>/,
    bare: /<GetCallerIdentityResult>/,
    'idc-grc': /roleCredentials/,
    'idc-refresh': /accessToken/,
  }
  for (const op of operations) await checkOperation(op, expected[op.id] as RegExp)
  return operations
}

async function runPrimary(context: BenchContext, options: LoadOptions): Promise<Row[]> {
  const targets = await startThroughputTargets({ idcBin: context.idcBin, motoServer: context.tools.motoServer })
  try {
    const operations = await operationsFor(targets)
    const runs = await measureOperations(operations, options, context.log)
    return operations.flatMap((op) => {
      const summary = summariseRuns(runs, op.id)
      return summary ? [{ id: op.id, operation: op.operation, server: op.server, ...summary }] : []
    })
  } finally {
    await targets.stop()
  }
}

const f0 = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? '–' : Math.round(v).toLocaleString('en')
const f1 = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1))

function renderRows(rows: readonly Row[]): string {
  const moto = rows.find((r) => r.id === 'moto')
  const bare = rows.find((r) => r.id === 'bare')
  return table(
    [
      'Operation',
      'Server',
      'req/s',
      'best req/s',
      'p50',
      'p99',
      'non-2xx / errors',
      'Server CPU per request',
      '× moto',
      '% of bare',
    ],
    rows.map((r) => [
      r.operation,
      r.server,
      f0(r.requestsPerSecond),
      f0(r.bestRequestsPerSecond),
      `${f1(r.latencyP50Ms)} ms`,
      `${f1(r.latencyP99Ms)} ms`,
      r.failed === 0 ? '0' : `${r.failed} of ${r.total}`,
      r.serverCpuMicrosPerRequest === undefined ? '–' : `${Math.round(r.serverCpuMicrosPerRequest)} µs`,
      // moto implements only GetCallerIdentity of these: compare like with like.
      moto && r.id === 'idc' ? ratio(r.requestsPerSecond / moto.requestsPerSecond) : '–',
      bare && r.id !== 'bare' ? `${((r.requestsPerSecond / bare.requestsPerSecond) * 100).toFixed(0)}%` : '–',
    ]),
  )
}

function goalsOf(rows: readonly Row[]): GoalResult[] {
  const get = (id: string) => rows.find((r) => r.id === id)
  const idc = get('idc')
  const moto = get('moto')
  const bare = get('bare')
  const overMoto = idc && moto ? idc.requestsPerSecond / moto.requestsPerSecond : undefined
  const ofBare = idc && bare ? idc.requestsPerSecond / bare.requestsPerSecond : undefined
  const cpuIdc = idc?.serverCpuMicrosPerRequest
  const cpuMoto = moto?.serverCpuMicrosPerRequest
  const cpuOverMoto = cpuIdc && cpuMoto ? cpuMoto / cpuIdc : undefined
  return [
    {
      goal: 'Server: GetCallerIdentity ≥ 25× moto_server',
      met: overMoto === undefined ? undefined : overMoto >= 25,
      detail:
        overMoto === undefined
          ? 'not measured'
          : `${ratio(overMoto)} (${f0(idc?.requestsPerSecond)} vs ${f0(moto?.requestsPerSecond)} req/s with wrk${cpuOverMoto ? `; ${ratio(cpuOverMoto)} less server CPU per request` : ''})`,
    },
    {
      goal: 'Server: GetCallerIdentity ≥ 30% of a bare node:http server',
      met: ofBare === undefined ? undefined : ofBare >= 0.3,
      detail:
        ofBare === undefined
          ? 'not measured'
          : `${(ofBare * 100).toFixed(0)}% (${f0(idc?.requestsPerSecond)} vs ${f0(bare?.requestsPerSecond)} req/s with wrk)`,
    },
  ]
}

function headlineOf(rows: readonly Row[], connections: number): string {
  const rps = (id: string) => f0(rows.find((r) => r.id === id)?.requestsPerSecond)
  const idc = rows.find((r) => r.id === 'idc')
  const moto = rows.find((r) => r.id === 'moto')
  const bare = rows.find((r) => r.id === 'bare')
  if (!idc) return 'server: not measured'
  const overMoto = moto ? idc.requestsPerSecond / moto.requestsPerSecond : undefined
  const ofBare = bare ? `${((idc.requestsPerSecond / bare.requestsPerSecond) * 100).toFixed(0)}%` : '–'
  return (
    `server (wrk, ${connections} connections): GetCallerIdentity idc ${rps('idc')} req/s = ${ratio(overMoto)} moto (${rps('moto')}), ` +
    `${ofBare} of bare node:http (${rps('bare')}); ` +
    `GetRoleCredentials ${rps('idc-grc')} req/s; refresh CreateToken ${rps('idc-refresh')} req/s`
  )
}

/** Runs benchmark 5. */
export async function runServerThroughput(context: BenchContext): Promise<Section> {
  // 5 timed runs per round plus ~15 s of set-up: fit them in the budget.
  const rounds = pick(context, 2, 1)
  const fitted = Math.floor((context.budgetMs - 15_000) / 1000 / (rounds * 5))
  const options: LoadOptions = {
    durationSeconds: Math.max(3, Math.min(pick(context, 10, 3), fitted)),
    rounds,
    connections: 16,
    warmupSeconds: 0,
    wrk: context.tools.wrk,
  }
  const problems: string[] = []
  let rows: Row[] = []
  try {
    rows = await runPrimary(context, options)
  } catch (error) {
    problems.push(`wrk runs: ${(error as Error).message.split('\n')[0]}`)
  }
  const body = [
    `wrk (one thread) at ${options.connections} connections, no pipelining, ${options.durationSeconds} s per run, ${options.rounds} round(s) with all five`,
    'targets interleaved (order rotating). req/s and latencies are medians over rounds; "best" is the best round.',
    'GetCallerIdentity is one request signed once per target (SigV4, signing name `sts`) and replayed, valid for the 15-minute',
    'skew window: idc verifies the signature (over the hash of the body) and looks the key up on every request; moto does not',
    "check signatures. GetRoleCredentials and CreateToken use a token from the server's device flow; each of those requests",
    'issues and stores new credentials or tokens in SQLite. All idc rows hit the built `idc server --demo`. "Server CPU" is the',
    "server process's CPU time per answered request (from /proc), which depends much less on the rest of the machine than",
    'req/s does. The load generator shares the 2 cores with the server, so every req/s figure here is a lower bound.',
    '',
    renderRows(rows),
    '',
    problems.length ? `\nNot measured in this run:\n\n${problems.map((p) => `- ${p}`).join('\n')}\n` : '',
  ].join('\n')
  return {
    id: 5,
    title: 'Server throughput',
    body,
    goals: goalsOf(rows),
    headlines: [headlineOf(rows, options.connections)],
    raw: { wrk: rows },
  }
}
