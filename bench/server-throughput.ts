/**
 * Server throughput: STS GetCallerIdentity with SigV4 verification, the built `idc server` vs
 * `moto_server` vs a bare `node:http` server answering a fixed body, at fixed concurrency with the
 * same load generator for all three (wrk when installed, else autocannon; see
 * {@link ThroughputOptions.generator}) and the same pre-signed request (signed once
 * per target, since the signature covers `Host:port`; valid for the 15-minute skew window, longer
 * than the run). Targets run interleaved, each for a bounded duration per round. Writes JSON to
 * stdout; progress goes to stderr.
 *
 * Run: `node --import tsx bench/server-throughput.ts [--duration 10] [--rounds 2] [--connections 16]
 * [--warmup 3] [--generator wrk|autocannon]`
 *
 * @module
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import { join, resolve } from 'node:path'
// autocannon ships no types; bench/server-throughput-autocannon.d.ts declares what is used.
import autocannon from 'autocannon'
import { SignatureV4 } from '@smithy/signature-v4'
import type { ServerDeps } from '../src/server/deps.js'
import { issueRoleCredentials } from '../src/server/domain/role-credentials.js'
import { createRandomIds } from '../src/server/ids.js'
import { openStore } from '../src/server/store/store.js'
import { NodeSha256 } from '../test/helpers/server/test-clients.js'
import { cpuMicros } from './lib/load-targets.js'

const REPO_ROOT = resolve(import.meta.dirname, '..')
const BODY = 'Action=GetCallerIdentity&Version=2011-06-15'

/** Options of the benchmark. */
export interface ThroughputOptions {
  durationSeconds: number
  rounds: number
  connections: number
  /** Unmeasured load per target before the rounds, so V8 has compiled the hot path of each. */
  warmupSeconds: number
  /**
   * The load generator, the same for every target: `wrk` (native, its own process, reconnects when
   * a server closes the connection, as moto's werkzeug does after every response) when installed,
   * else `autocannon` (in this process; it stalls on `Connection: close`, so moto's figure is then
   * a lower bound).
   */
  generator: 'wrk' | 'autocannon'
}

/** One measured run. */
export interface ThroughputRun {
  target: string
  round: number
  requestsPerSecond: number
  latencyP50Ms: number
  latencyP99Ms: number
  non2xx: number
  errors: number
  total: number
  /** Server CPU time (user + system) per answered request, from /proc: robust to a busy machine. */
  serverCpuMicrosPerRequest: number | null
}

/** A target's best run (highest req/s) and the median over rounds. */
export interface TargetSummary {
  requestsPerSecond: number
  medianRequestsPerSecond: number
  latencyP50Ms: number
  latencyP99Ms: number
  /** Median over rounds of the server's CPU µs per request. */
  serverCpuMicrosPerRequest: number | null
  /** 1e6 / CPU µs per request: requests one core could answer if the server had it to itself. */
  requestsPerCpuSecond: number | null
}

/** The whole result. */
export interface ThroughputReport {
  benchmark: 'server-throughput'
  operation: 'sts:GetCallerIdentity (SigV4-signed, verified by idc)'
  startedAt: string
  machine: { cpus: number; cpuModel: string; node: string; platform: string; loadAverage: number[] }
  options: ThroughputOptions
  runs: ThroughputRun[]
  summary: Record<string, TargetSummary>
  ratios: {
    idcOverMoto: number | null
    idcOverBare: number | null
    cpuIdcOverMoto: number | null
    cpuIdcOverBare: number | null
  }
  goals: { atLeast25xMoto: boolean | null; atLeast30PercentOfBare: boolean | null }
}

interface Target {
  name: string
  url: string
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  child: ChildProcess
  /** A directory to remove afterwards. */
  cleanup?: string
}

function log(line: string): void {
  process.stderr.write(`${line}\n`)
}

function parseArgs(argv: readonly string[]): ThroughputOptions {
  const options: ThroughputOptions = {
    durationSeconds: 10,
    rounds: 2,
    connections: 16,
    warmupSeconds: 3,
    generator: findWrk() ? 'wrk' : 'autocannon',
  }
  for (let i = 0; i < argv.length; i++) {
    const value = Number(argv[i + 1])
    if (argv[i] === '--duration') options.durationSeconds = value
    else if (argv[i] === '--rounds') options.rounds = value
    else if (argv[i] === '--connections') options.connections = value
    else if (argv[i] === '--warmup') options.warmupSeconds = value
    else if (argv[i] === '--generator') options.generator = argv[i + 1] === 'wrk' ? 'wrk' : 'autocannon'
    else continue
    i++
  }
  return options
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => res(port))
    })
    srv.on('error', rej)
  })
}

function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((res, rej) => {
    let buffer = ''
    const timer = setTimeout(() => rej(new Error(`${what} did not start in 30 s`)), 30_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const nl = buffer.indexOf('\n')
      if (nl >= 0) {
        clearTimeout(timer)
        res(buffer.slice(0, nl))
      }
    })
    child.on('exit', (code) => rej(new Error(`${what} exited with ${code}`)))
  })
}

/**
 * The built `idc server --demo` (run `npm run build` first), with its request log in a file as an
 * operator would keep it, and Identity Center role credentials for alice issued into its database
 * (what GetRoleCredentials records after a sign-in): the role-session path of a real user.
 */
async function startIdc(): Promise<Target> {
  const bin = join(REPO_ROOT, 'bin', 'idc.cjs')
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first')
  const dataDir = mkdtempSync(join(os.tmpdir(), 'idc-bench-server-'))
  const readyFile = join(dataDir, 'ready.json')
  const child = spawn(
    process.execPath,
    [
      bin,
      'server',
      '--demo',
      '--port',
      '0',
      '--data',
      dataDir,
      '--ready-file',
      readyFile,
      '--log-file',
      join(dataDir, 'requests.log'),
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  for (let i = 0; i < 300 && !existsSync(readyFile); i++) {
    if (child.exitCode !== null) throw new Error(`idc server exited with ${child.exitCode}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  const ready = JSON.parse(readFileSync(readyFile, 'utf8')) as { endpoint: string }
  const store = openStore({ path: join(dataDir, 'idc.sqlite') })
  try {
    const user = store.findUserByName('alice')
    const ps = store.findPermissionSetByName('AdministratorAccess')
    if (!user || !ps) throw new Error('the demo organisation is missing alice or AdministratorAccess')
    const c = issueRoleCredentials(
      { store, clock: () => Date.now(), ids: createRandomIds() } as unknown as ServerDeps,
      user,
      '123456789011',
      ps,
    )
    return {
      name: 'idc',
      url: ready.endpoint,
      credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken },
      child,
      cleanup: dataDir,
    }
  } finally {
    store.close()
  }
}

async function startBare(): Promise<Target> {
  // The practical ceiling: node:http answering a GetCallerIdentity-sized fixed body, nothing else.
  const script = `
const body = ${JSON.stringify(`<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:sts::123456789011:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice</Arn><UserId>AROAEXAMPLEEXAMPLE123:alice</UserId><Account>123456789011</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>6c7b0000-0000-4000-8000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>`)};
const server = require('node:http').createServer((req, res) => {
  req.resume()
  req.on('end', () => res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body) }).end(body))
})
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port })))`
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const info = JSON.parse(await firstLine(child, 'bare node:http')) as { url: string }
  return {
    name: 'bare',
    url: info.url,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    child,
  }
}

async function startMoto(): Promise<Target | undefined> {
  const port = await freePort()
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'ignore'] })
  const failed = new Promise<undefined>((res) => child.on('error', () => res(undefined)))
  const url = `http://127.0.0.1:${port}`
  const ready = (async () => {
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(`${url}/moto-api/`)
        return url
      } catch {
        await new Promise((r) => setTimeout(r, 200))
      }
    }
    return undefined
  })()
  const found = await Promise.race([ready, failed])
  if (!found) {
    child.kill()
    return undefined
  }
  return {
    name: 'moto',
    url,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    child,
  }
}

/** Signs the GetCallerIdentity request once for `target` with the SDK's own signer. */
async function presign(target: Target): Promise<Record<string, string>> {
  const url = new URL(target.url)
  const signer = new SignatureV4({
    credentials: target.credentials,
    region: 'ap-northeast-1',
    service: 'sts',
    sha256: NodeSha256 as never,
  })
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: '/',
    query: {},
    headers: {
      host: url.host,
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'content-length': String(Buffer.byteLength(BODY)),
    },
    body: BODY,
  })
  return signed.headers as Record<string, string>
}

async function check(target: Target, headers: Record<string, string>): Promise<void> {
  const res = await fetch(target.url, {
    method: 'POST',
    headers: Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'host' && k !== 'content-length')),
    body: BODY,
  })
  const text = await res.text()
  if (res.status !== 200 || !text.includes('<GetCallerIdentityResult>'))
    throw new Error(`${target.name} answered ${res.status}: ${text.slice(0, 300)}`)
  if (target.name === 'idc' && !text.includes('assumed-role/AWSReservedSSO_AdministratorAccess_'))
    throw new Error(`idc answered an unexpected identity: ${text}`)
}

function findWrk(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined
  }
}

function luaString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

interface LoadResult {
  requests: { average: number; total: number }
  latency: { p50: number; p99: number }
  non2xx: number
  errors: number
}

/** One wrk run with a Lua script that sets the request and prints its summary as JSON. */
async function runWrk(url: string, headers: Record<string, string>, options: ThroughputOptions): Promise<LoadResult> {
  const dir = mkdtempSync(join(os.tmpdir(), 'idc-bench-wrk-'))
  const script = join(dir, 'request.lua')
  const lines = ['wrk.method = "POST"', `wrk.body = ${luaString(BODY)}`]
  for (const [k, v] of Object.entries(headers)) lines.push(`wrk.headers[${luaString(k)}] = ${luaString(v)}`)
  lines.push(
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    '  io.write(string.format("WRKJSON {\\"requests\\":%d,\\"duration\\":%d,\\"status\\":%d,\\"socket\\":%d,\\"p50\\":%d,\\"p99\\":%d}\\n",',
    '    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99)))',
    'end',
  )
  writeFileSync(script, `${lines.join('\n')}\n`)
  try {
    const threads = String(Math.min(2, options.connections))
    const out = await new Promise<string>((res, rej) =>
      execFile(
        'wrk',
        ['-t', threads, '-c', String(options.connections), '-d', `${options.durationSeconds}s`, '-s', script, url],
        { timeout: (options.durationSeconds + 30) * 1000 },
        (error, stdout) => (error ? rej(error) : res(stdout)),
      ),
    )
    const json = /WRKJSON (\{.*\})/.exec(out)?.[1]
    if (!json) throw new Error(`wrk printed no summary:\n${out}`)
    const r = JSON.parse(json) as {
      requests: number
      duration: number
      status: number
      socket: number
      p50: number
      p99: number
    }
    return {
      requests: { average: r.requests / (r.duration / 1e6), total: r.requests },
      latency: { p50: r.p50 / 1000, p99: r.p99 / 1000 },
      non2xx: r.status,
      errors: r.socket,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function measure(
  target: Target,
  headers: Record<string, string>,
  options: ThroughputOptions,
  round: number,
): Promise<ThroughputRun> {
  // Both generators write Host (same value: the URL's host:port) and Content-Length themselves.
  const sent = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'host' && k !== 'content-length'))
  const cpuBefore = cpuMicros(target.child.pid)
  const result: LoadResult =
    options.generator === 'wrk'
      ? await runWrk(target.url, sent, options)
      : await autocannon({
          url: target.url,
          method: 'POST',
          headers: sent,
          body: BODY,
          connections: options.connections,
          pipelining: 1,
          duration: options.durationSeconds,
        })
  return {
    target: target.name,
    round,
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
    serverCpuMicrosPerRequest:
      cpuBefore !== undefined && result.requests.total > 0
        ? Math.round(((cpuMicros(target.child.pid) ?? cpuBefore) - cpuBefore) / result.requests.total)
        : null,
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

/**
 * Runs the benchmark and returns the report. Called as a module (bench/benchmarks/server.ts folds it
 * in), missing options default to no warm-up and autocannon, as that caller's text describes; the
 * command line defaults to a 3 s warm-up and wrk when installed.
 */
export async function runServerThroughputBenchmark(
  input: Partial<ThroughputOptions> & Pick<ThroughputOptions, 'durationSeconds' | 'rounds' | 'connections'>,
): Promise<ThroughputReport> {
  const options: ThroughputOptions = { warmupSeconds: 0, generator: 'autocannon', ...input }
  const startedAt = new Date().toISOString()
  const targets: Target[] = []
  try {
    targets.push(await startIdc())
    const motoTarget = await startMoto()
    if (motoTarget) targets.push(motoTarget)
    else log('moto_server is not available: its column stays empty')
    targets.push(await startBare())
    const headers = new Map<string, Record<string, string>>()
    for (const t of targets) {
      headers.set(t.name, await presign(t))
      await check(t, headers.get(t.name) as Record<string, string>)
    }
    if (options.warmupSeconds > 0) {
      for (const t of targets) {
        log(`warm-up: ${t.name} for ${options.warmupSeconds} s`)
        await measure(
          t,
          headers.get(t.name) as Record<string, string>,
          { ...options, durationSeconds: options.warmupSeconds },
          0,
        )
      }
    }
    const runs: ThroughputRun[] = []
    for (let round = 1; round <= options.rounds; round++) {
      // Interleaved, and the order rotates per round so no target always runs first or last.
      const order = targets.map((_, i) => targets[(i + round - 1) % targets.length] as Target)
      for (const t of order) {
        log(
          `round ${round}: ${t.name} for ${options.durationSeconds} s at ${options.connections} connections (${options.generator})`,
        )
        const run = await measure(t, headers.get(t.name) as Record<string, string>, options, round)
        if (run.non2xx > 0 || run.errors > 0) log(`  ${t.name}: ${run.non2xx} non-2xx, ${run.errors} errors`)
        log(
          `  ${t.name}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.latencyP50Ms} ms, p99 ${run.latencyP99Ms} ms, server CPU ${run.serverCpuMicrosPerRequest ?? '?'} µs/req`,
        )
        runs.push(run)
      }
    }
    const summary: Record<string, TargetSummary> = {}
    for (const t of targets) {
      const mine = runs.filter((r) => r.target === t.name)
      const best = mine.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a))
      const cpu = mine.map((r) => r.serverCpuMicrosPerRequest).filter((v): v is number => v !== null && v > 0)
      const cpuMedian = cpu.length ? median(cpu) : null
      summary[t.name] = {
        requestsPerSecond: Math.round(best.requestsPerSecond),
        medianRequestsPerSecond: Math.round(median(mine.map((r) => r.requestsPerSecond))),
        latencyP50Ms: best.latencyP50Ms,
        latencyP99Ms: best.latencyP99Ms,
        serverCpuMicrosPerRequest: cpuMedian,
        requestsPerCpuSecond: cpuMedian ? Math.round(1e6 / cpuMedian) : null,
      }
    }
    const idc = summary.idc?.requestsPerSecond
    const moto = summary.moto?.requestsPerSecond
    const bare = summary.bare?.requestsPerSecond
    const idcOverMoto = idc && moto ? Math.round((idc / moto) * 10) / 10 : null
    const idcOverBare = idc && bare ? Math.round((idc / bare) * 1000) / 1000 : null
    const cpuIdc = summary.idc?.requestsPerCpuSecond
    const cpuMoto = summary.moto?.requestsPerCpuSecond
    const cpuBare = summary.bare?.requestsPerCpuSecond
    const cpuIdcOverMoto = cpuIdc && cpuMoto ? Math.round((cpuIdc / cpuMoto) * 10) / 10 : null
    const cpuIdcOverBare = cpuIdc && cpuBare ? Math.round((cpuIdc / cpuBare) * 1000) / 1000 : null
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
      options,
      runs,
      summary,
      ratios: { idcOverMoto, idcOverBare, cpuIdcOverMoto, cpuIdcOverBare },
      goals: {
        atLeast25xMoto: idcOverMoto === null ? null : idcOverMoto >= 25,
        atLeast30PercentOfBare: idcOverBare === null ? null : idcOverBare >= 0.3,
      },
    }
  } finally {
    for (const t of targets) {
      const exited = new Promise((r) => (t.child.exitCode !== null ? r(null) : t.child.once('exit', r)))
      t.child.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      if (t.cleanup) rmSync(t.cleanup, { recursive: true, force: true })
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const report = await runServerThroughputBenchmark(parseArgs(process.argv.slice(2)))
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
}
