/**
 * The server-throughput harness, shared by benchmark 5 (`bench/benchmarks/server.ts`) and the
 * stand-alone `bench/server-throughput.ts`: it starts the targets (the built `idc server --demo`
 * with role credentials from a real device-flow sign-in, `moto_server` when installed, a bare
 * node:http server as the ceiling), signs one GetCallerIdentity per target with the SDK's signer,
 * and measures operations at a fixed number of connections in interleaved rounds, with the server
 * process's CPU time per answered request from /proc.
 *
 * The load generator is wrk when installed: native, in its own process, and it reconnects after
 * `Connection: close`, which moto's werkzeug sends on every response. autocannon, the fallback, runs
 * in this process and stalls on `Connection: close`, so a moto figure measured with it is a lower
 * bound.
 *
 * @module
 */
// autocannon ships no types; bench/server-throughput-autocannon.d.ts declares what is used.
import autocannon from 'autocannon'
import { DEMO, type CachedToken } from './aws-home.js'
import { startIdcServer, type RunningServer } from './idc-server.js'
import { cpuMicros, startBare, startMoto, type LoadTarget } from './load-targets.js'
import { obtainToken } from './sign-in.js'
import { signRequest, type SigningCredentials } from './sigv4.js'
import { median } from './stats.js'
import { runWrk } from './wrk.js'

/** One request replayed under load. */
export interface LoadOperation {
  /** Key of the runs and summaries (`idc`, `moto`, `bare`, …). */
  id: string
  operation: string
  server: string
  /** The server process, for its CPU time. */
  pid: number
  url: string
  method: string
  headers: Record<string, string>
  body?: string
}

/** How to load. */
export interface LoadOptions {
  durationSeconds: number
  rounds: number
  connections: number
  /** Unmeasured load per operation before the rounds, so V8 has compiled each hot path. */
  warmupSeconds: number
  /** wrk's path; autocannon when undefined. */
  wrk: string | undefined
}

/** One measured run. */
export interface ThroughputRun {
  target: string
  round: number
  requestsPerSecond: number
  latencyP50Ms: number
  latencyP99Ms: number
  /** Responses that were not 2xx/3xx, plus socket errors. */
  failed: number
  total: number
  /** Server CPU time (user + system) per answered request: robust to a busy machine. */
  serverCpuMicrosPerRequest: number | null
}

/** One operation over all rounds: medians, and the best round's req/s. */
export interface OperationSummary {
  requestsPerSecond: number
  bestRequestsPerSecond: number
  latencyP50Ms: number
  latencyP99Ms: number
  failed: number
  total: number
  serverCpuMicrosPerRequest: number | undefined
}

/** The running targets. */
export interface ThroughputTargets {
  idc: RunningServer
  /** Undefined when `moto_server` is not installed. */
  moto: LoadTarget | undefined
  bare: LoadTarget
  /** alice's AdministratorAccess credentials from GetRoleCredentials, as a signed-in user has them. */
  roleCredentials: SigningCredentials
  /** The sign-in's token (with its refresh token and client registration). */
  token: CachedToken
  /** The GetRoleCredentials URL the credentials came from. */
  roleCredentialsUrl: string
  stop(): Promise<void>
}

/** The credentials of the servers that do not check them (moto, bare). */
export const EXAMPLE_CREDENTIALS: SigningCredentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
}

/** Starts idc (and signs in), moto when `motoServer` is given, and the bare server. */
export async function startThroughputTargets(options: {
  idcBin: string
  motoServer: string | undefined
}): Promise<ThroughputTargets> {
  const stops: Array<() => Promise<void>> = []
  const stop = async () => {
    for (const s of stops.reverse()) await s()
  }
  try {
    const idc = await startIdcServer({ idcBin: options.idcBin })
    stops.push(() => idc.stop())
    const moto = options.motoServer ? await startMoto(options.motoServer) : undefined
    if (moto) stops.push(() => moto.stop())
    const bare = await startBare()
    stops.push(() => bare.stop())
    const token = await obtainToken(idc.url)
    const roleCredentialsUrl = `${idc.url}/federation/credentials?role_name=${DEMO.roleName}&account_id=${DEMO.accountId}`
    const res = await fetch(roleCredentialsUrl, { headers: { 'x-amz-sso_bearer_token': token.accessToken } })
    const { roleCredentials } = (await res.json()) as { roleCredentials: SigningCredentials }
    return { idc, moto, bare, roleCredentials, token, roleCredentialsUrl, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

const STS_BODY = 'Action=GetCallerIdentity&Version=2011-06-15'

/** STS GetCallerIdentity for `target`, signed once (the signature covers its `Host:port`). */
export async function callerIdentityOperation(
  id: string,
  server: string,
  target: { url: string; pid: number },
  credentials: SigningCredentials,
): Promise<LoadOperation> {
  const url = `${target.url}/`
  const headers = await signRequest(
    {
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: STS_BODY,
      service: 'sts',
      region: DEMO.region,
    },
    credentials,
  )
  const operation = id === 'bare' ? 'fixed body (ceiling)' : 'STS GetCallerIdentity'
  return { id, operation, server, pid: target.pid, url, method: 'POST', headers, body: STS_BODY }
}

/** Sends `op` once and throws unless it answers 200 with a body matching `expect`. */
export async function checkOperation(op: LoadOperation, expect: RegExp): Promise<void> {
  const res = await fetch(op.url, { method: op.method, headers: op.headers, body: op.body })
  const text = await res.text()
  if (res.status !== 200 || !expect.test(text))
    throw new Error(`${op.server} ${op.operation} answered ${res.status}: ${text.slice(0, 200)}`)
}

interface LoadResult {
  requestsPerSecond: number
  requests: number
  p50Ms: number
  p99Ms: number
  failed: number
}

async function load(op: LoadOperation, options: LoadOptions, durationSeconds: number): Promise<LoadResult> {
  const common = { url: op.url, method: op.method, headers: op.headers, body: op.body }
  if (options.wrk) {
    const r = await runWrk({ ...common, wrk: options.wrk, connections: options.connections, durationSeconds })
    return {
      requestsPerSecond: r.requestsPerSecond,
      requests: r.requests,
      p50Ms: r.p50Ms,
      p99Ms: r.p99Ms,
      failed: r.errors,
    }
  }
  const r = await autocannon({ ...common, connections: options.connections, pipelining: 1, duration: durationSeconds })
  return {
    requestsPerSecond: r.requests.average,
    requests: r.requests.total,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    failed: r.non2xx + r.errors,
  }
}

/** Warms every operation up, then runs the rounds, interleaved, the order rotating per round. */
export async function measureOperations(
  operations: readonly LoadOperation[],
  options: LoadOptions,
  log: (line: string) => void,
): Promise<ThroughputRun[]> {
  if (options.warmupSeconds > 0) {
    for (const op of operations) await load(op, options, options.warmupSeconds)
  }
  const runs: ThroughputRun[] = []
  for (let round = 1; round <= options.rounds; round++) {
    const order = operations.map((_, i) => operations[(i + round - 1) % operations.length] as LoadOperation)
    for (const op of order) {
      const before = cpuMicros(op.pid)
      const r = await load(op, options, options.durationSeconds)
      const after = cpuMicros(op.pid)
      log(
        `  round ${round}: ${op.server} ${op.operation}: ${r.requestsPerSecond.toFixed(0)} req/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms${r.failed ? `, ${r.failed} failed` : ''}`,
      )
      runs.push({
        target: op.id,
        round,
        requestsPerSecond: r.requestsPerSecond,
        latencyP50Ms: r.p50Ms,
        latencyP99Ms: r.p99Ms,
        failed: r.failed,
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

/** The summary of one operation's runs, or undefined when it has none. */
export function summariseRuns(runs: readonly ThroughputRun[], id: string): OperationSummary | undefined {
  const mine = runs.filter((r) => r.target === id)
  if (mine.length === 0) return undefined
  const cpu = mine.map((r) => r.serverCpuMicrosPerRequest).filter((v): v is number => v !== null && v > 0)
  return {
    requestsPerSecond: median(mine.map((r) => r.requestsPerSecond)),
    bestRequestsPerSecond: Math.max(...mine.map((r) => r.requestsPerSecond)),
    latencyP50Ms: median(mine.map((r) => r.latencyP50Ms)),
    latencyP99Ms: median(mine.map((r) => r.latencyP99Ms)),
    failed: mine.reduce((a, r) => a + r.failed, 0),
    total: mine.reduce((a, r) => a + r.total, 0),
    serverCpuMicrosPerRequest: cpu.length ? median(cpu) : undefined,
  }
}
