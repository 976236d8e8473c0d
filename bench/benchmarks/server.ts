/**
 * Benchmark 5: server throughput. Requests per second and p50/p99 latency at a fixed number of
 * connections, measured with wrk: GetCallerIdentity (SigV4-verified) on `idc server`, on
 * `moto_server` and on a bare `node:http` server (the ceiling); GetRoleCredentials and refresh
 * CreateToken on `idc server` (moto implements neither). bench/server-throughput.ts (the AWS-API
 * side's GetCallerIdentity benchmark, with autocannon) is run too and its figures are shown beside.
 * wrk is the primary generator because autocannon does not reconnect after `Connection: close`,
 * which moto's werkzeug server sends on every response (autocannon then reports ~5 req/s for moto
 * where wrk, and any real client, gets a few hundred).
 *
 * @module
 */
import { DEMO } from '../lib/aws-home.js'
import { pick, type BenchContext } from '../lib/context.js'
import { startIdcServer, type RunningServer } from '../lib/idc-server.js'
import { cpuMicros, startBare, startMoto, type LoadTarget } from '../lib/load-targets.js'
import { ratio, table, type GoalResult, type Section } from '../lib/report.js'
import { signRequest, type SigningCredentials } from '../lib/sigv4.js'
import { obtainToken } from '../lib/sign-in.js'
import { median } from '../lib/stats.js'
import type { ToolName } from '../lib/tools.js'
import type { ThroughputRun } from '../server-throughput.js'
import { runWrk } from '../lib/wrk.js'

/** Load options (the throughput module's own option names). */
interface LoadOptions {
  durationSeconds: number
  rounds: number
  connections: number
}

/** One timed load run (the shape bench/server-throughput.ts reports). */
type LoadRun = ThroughputRun

/** The part of bench/server-throughput.ts used here. */
interface ThroughputModule {
  runServerThroughputBenchmark(options: LoadOptions): Promise<{ runs: LoadRun[] }>
}

/** Tools benchmark 5 needs. */
export function serverThroughputTools(): ToolName[] {
  return ['motoServer', 'wrk']
}

interface Operation {
  id: string
  operation: string
  server: string
  pid: number
  url: string
  method: string
  headers: Record<string, string>
  body?: string
}

const STS_BODY = 'Action=GetCallerIdentity&Version=2011-06-15'
const STS_TYPE = 'application/x-www-form-urlencoded; charset=utf-8'

function stsOperation(
  id: string,
  server: string,
  target: { url: string; pid: number },
  credentials: SigningCredentials,
): Operation {
  const headers = signRequest(
    {
      method: 'POST',
      url: `${target.url}/`,
      headers: { 'content-type': STS_TYPE },
      body: STS_BODY,
      service: 'sts',
      region: DEMO.region,
    },
    credentials,
  )
  return {
    id,
    operation: id === 'bare' ? 'fixed body (ceiling)' : 'STS GetCallerIdentity',
    server,
    pid: target.pid,
    url: `${target.url}/`,
    method: 'POST',
    headers,
    body: STS_BODY,
  }
}

async function check(op: Operation, expect: RegExp): Promise<void> {
  const res = await fetch(op.url, { method: op.method, headers: op.headers, body: op.body })
  const text = await res.text()
  if (res.status !== 200 || !expect.test(text))
    throw new Error(`${op.server} ${op.operation} answered ${res.status}: ${text.slice(0, 200)}`)
}

async function measureWithWrk(
  context: BenchContext,
  options: LoadOptions,
  operations: readonly Operation[],
): Promise<LoadRun[]> {
  const runs: LoadRun[] = []
  for (let round = 1; round <= options.rounds; round++) {
    const order = operations.map((_, i) => operations[(i + round - 1) % operations.length] as Operation)
    for (const op of order) {
      const before = cpuMicros(op.pid)
      const r = await runWrk({
        wrk: context.tools.wrk as string,
        url: op.url,
        method: op.method,
        headers: op.headers,
        body: op.body,
        connections: options.connections,
        durationSeconds: options.durationSeconds,
      })
      const after = cpuMicros(op.pid)
      context.log(
        `  round ${round}: ${op.server} ${op.operation}: ${r.requestsPerSecond.toFixed(0)} req/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms${r.errors ? `, ${r.errors} errors` : ''}`,
      )
      runs.push({
        target: op.id,
        round,
        requestsPerSecond: r.requestsPerSecond,
        latencyP50Ms: r.p50Ms,
        latencyP99Ms: r.p99Ms,
        non2xx: r.errors,
        errors: 0,
        total: r.requests,
        serverCpuMicrosPerRequest:
          before !== undefined && after !== undefined && r.requests > 0
            ? Math.round((after - before) / r.requests)
            : null,
      })
    }
  }
  return runs
}

interface Row {
  id: string
  operation: string
  server: string
  rps: number
  best: number
  p50: number
  p99: number
  bad: number
  total: number
  cpu: number | undefined
}

function summarise(runs: readonly LoadRun[], id: string, operation: string, server: string): Row | undefined {
  const mine = runs.filter((r) => r.target === id)
  if (mine.length === 0) return undefined
  const cpu = mine.map((r) => r.serverCpuMicrosPerRequest).filter((v): v is number => v !== null && v > 0)
  return {
    id,
    operation,
    server,
    rps: median(mine.map((r) => r.requestsPerSecond)),
    best: Math.max(...mine.map((r) => r.requestsPerSecond)),
    p50: median(mine.map((r) => r.latencyP50Ms)),
    p99: median(mine.map((r) => r.latencyP99Ms)),
    bad: mine.reduce((a, r) => a + r.non2xx + r.errors, 0),
    total: mine.reduce((a, r) => a + r.total, 0),
    cpu: cpu.length ? median(cpu) : undefined,
  }
}

const f0 = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? '–' : Math.round(v).toLocaleString('en')
const f1 = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1))

function renderRows(rows: readonly Row[], compareWithMoto: boolean): string {
  const moto = compareWithMoto ? rows.find((r) => r.id === 'moto') : undefined
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
      f0(r.rps),
      f0(r.best),
      `${f1(r.p50)} ms`,
      `${f1(r.p99)} ms`,
      r.bad === 0 ? '0' : `${r.bad} of ${r.total}`,
      r.cpu === undefined ? '–' : `${Math.round(r.cpu)} µs`,
      // moto implements only GetCallerIdentity of these: compare like with like.
      moto && r.id === 'idc' ? ratio(r.rps / moto.rps) : '–',
      bare && r.id !== 'bare' ? `${((r.rps / bare.rps) * 100).toFixed(0)}%` : '–',
    ]),
  )
}

async function runPrimary(context: BenchContext, options: LoadOptions): Promise<Row[]> {
  const stops: Array<() => Promise<void>> = []
  try {
    const server: RunningServer = await startIdcServer({ idcBin: context.idcBin })
    stops.push(() => server.stop())
    const moto: LoadTarget = await startMoto(context.tools.motoServer as string)
    stops.push(() => moto.stop())
    const bare: LoadTarget = await startBare()
    stops.push(() => bare.stop())

    const token = await obtainToken(server.url)
    const grcUrl = `${server.url}/federation/credentials?role_name=${DEMO.roleName}&account_id=${DEMO.accountId}`
    const grc = await fetch(grcUrl, { headers: { 'x-amz-sso_bearer_token': token.accessToken } })
    const role = (await grc.json()) as { roleCredentials: SigningCredentials }
    const example: SigningCredentials = {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    }
    const operations: Operation[] = [
      stsOperation('idc', '`idc server`', { url: server.url, pid: server.pid }, role.roleCredentials),
      stsOperation('moto', '`moto_server`', moto, example),
      stsOperation('bare', 'bare `node:http`', bare, example),
      {
        id: 'idc-grc',
        operation: 'SSO GetRoleCredentials',
        server: '`idc server`',
        pid: server.pid,
        url: grcUrl,
        method: 'GET',
        headers: { 'x-amz-sso_bearer_token': token.accessToken },
      },
      {
        id: 'idc-refresh',
        operation: 'OIDC CreateToken (refresh_token)',
        server: '`idc server`',
        pid: server.pid,
        url: `${server.url}/token`,
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
    await check(operations[0] as Operation, /AWSReservedSSO_AdministratorAccess_/)
    await check(operations[1] as Operation, /<GetCallerIdentityResult>/)
    await check(operations[2] as Operation, /<GetCallerIdentityResult>/)
    await check(operations[3] as Operation, /roleCredentials/)
    await check(operations[4] as Operation, /accessToken/)
    const runs = await measureWithWrk(context, options, operations)
    return operations
      .map((op) => summarise(runs, op.id, op.operation, op.server))
      .filter((r): r is Row => r !== undefined)
  } finally {
    for (const stop of stops.reverse()) await stop()
  }
}

async function runFolded(options: LoadOptions): Promise<Row[]> {
  // A variable specifier: the module belongs to the AWS-API side and is loaded only when present.
  const specifier = '../server-throughput.js'
  const module = (await import(specifier)) as ThroughputModule
  const runs = (await module.runServerThroughputBenchmark(options)).runs
  return [
    summarise(runs, 'idc', 'STS GetCallerIdentity', '`idc server` (its own instance)'),
    summarise(runs, 'moto', 'STS GetCallerIdentity', '`moto_server`'),
    summarise(runs, 'bare', 'fixed body (ceiling)', 'bare `node:http`'),
  ].filter((r): r is Row => r !== undefined)
}

/** Runs benchmark 5. */
export async function runServerThroughput(context: BenchContext): Promise<Section> {
  // 8 timed runs per round (5 with wrk, 3 in bench/server-throughput.ts) plus ~15 s of set-up: fit them in the budget.
  const rounds = pick(context, 2, 1)
  const fitted = Math.floor((context.budgetMs - 15_000) / 1000 / (rounds * 8))
  const options: LoadOptions = {
    durationSeconds: Math.max(3, Math.min(pick(context, 10, 3), fitted)),
    rounds,
    connections: 16,
  }
  const problems: string[] = []
  let rows: Row[] = []
  let folded: Row[] = []
  try {
    rows = await runPrimary(context, options)
  } catch (error) {
    problems.push(`wrk runs: ${(error as Error).message.split('\n')[0]}`)
  }
  try {
    folded = await runFolded(options)
  } catch (error) {
    problems.push(`bench/server-throughput.ts: ${(error as Error).message.split('\n')[0]}`)
  }
  const get = (id: string) => rows.find((r) => r.id === id)
  const idc = get('idc')
  const moto = get('moto')
  const bare = get('bare')
  const overMoto = idc && moto ? idc.rps / moto.rps : undefined
  const ofBare = idc && bare ? idc.rps / bare.rps : undefined
  const cpuOverMoto = idc?.cpu && moto?.cpu ? moto.cpu / idc.cpu : undefined
  const goals: GoalResult[] = [
    {
      goal: 'Server: GetCallerIdentity ≥ 25× moto_server',
      met: overMoto === undefined ? undefined : overMoto >= 25,
      detail:
        overMoto === undefined
          ? 'not measured'
          : `${ratio(overMoto)} (${f0(idc?.rps)} vs ${f0(moto?.rps)} req/s with wrk${cpuOverMoto ? `; ${ratio(cpuOverMoto)} less server CPU per request` : ''})`,
    },
    {
      goal: 'Server: GetCallerIdentity ≥ 30% of a bare node:http server',
      met: ofBare === undefined ? undefined : ofBare >= 0.3,
      detail:
        ofBare === undefined
          ? 'not measured'
          : `${(ofBare * 100).toFixed(0)}% (${f0(idc?.rps)} vs ${f0(bare?.rps)} req/s with wrk)`,
    },
  ]
  const body = [
    `wrk (one thread) at ${options.connections} connections, no pipelining, ${options.durationSeconds} s per run, ${options.rounds} round(s) with all five`,
    'targets interleaved (order rotating). req/s and latencies are medians over rounds; "best" is the best round.',
    'GetCallerIdentity is one request signed once per target (SigV4, signing name `sts`) and replayed, valid for the 15-minute',
    'skew window: idc verifies the signature and looks the key up on every request; moto does not check signatures.',
    "GetRoleCredentials and CreateToken use a token from the server's device flow; each of those requests issues and stores new",
    'credentials or tokens in SQLite. All idc rows hit the built `idc server --demo`. "Server CPU" is the server process\'s CPU',
    'time per answered request (from /proc), which depends much less on the rest of the machine than req/s does. The load',
    'generator shares the 2 cores with the server, so every req/s figure here is a lower bound.',
    '',
    renderRows(rows, true),
    '',
    folded.length
      ? [
          `The same GetCallerIdentity comparison as measured by \`bench/server-throughput.ts\` (its own built \`idc server --demo\`,`,
          'moto and bare servers; autocannon in the benchmark process). autocannon does not reconnect after `Connection: close`, which moto sends on every',
          'response, so its moto figure counts little more than one request per connection; no ratio against it is shown:',
          '',
          renderRows(folded, false),
        ].join('\n')
      : '',
    problems.length ? `\nNot measured in this run:\n\n${problems.map((p) => `- ${p}`).join('\n')}\n` : '',
  ].join('\n')
  const headline = idc
    ? `server (wrk, ${options.connections} connections): GetCallerIdentity idc ${f0(idc.rps)} req/s = ${ratio(overMoto)} moto (${f0(moto?.rps)}), ` +
      `${ofBare === undefined ? '–' : `${(ofBare * 100).toFixed(0)}%`} of bare node:http (${f0(bare?.rps)}); ` +
      `GetRoleCredentials ${f0(get('idc-grc')?.rps)} req/s; refresh CreateToken ${f0(get('idc-refresh')?.rps)} req/s`
    : 'server: not measured'
  return {
    id: 5,
    title: 'Server throughput',
    body,
    goals,
    headlines: [headline],
    raw: { wrk: rows, serverThroughputTs: folded },
  }
}
