/**
 * Starts `idc server --demo --port 0` from the benchmark's copy of idc, finds its port, and reads
 * its Prometheus counters. The server's output goes to files, not pipes, so its request log can
 * never block it (or cost the benchmark process CPU) under load.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A running server. */
export interface RunningServer {
  url: string
  port: number
  pid: number
  /** Stops it (SIGTERM, then SIGKILL after 5 s) and removes its data directory. */
  stop(): Promise<void>
  /** The server's output so far (for error messages). */
  output(): string
}

/** Options for {@link startIdcServer}. */
export interface StartServerOptions {
  idcBin: string
  extraArgs?: readonly string[]
  timeoutMs?: number
  /**
   * Keep the server's default AWS-like throttling. Off unless asked: the load benchmarks measure the
   * server's throughput, not its rate limits, so they pass `--no-throttle` explicitly.
   */
  throttle?: boolean
  /** Leave out `--demo` (a benchmark that brings its own organisation). */
  noDemo?: boolean
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

/** Starts the demo server on a free loopback port and waits until `/_idc/health` answers 200. */
export async function startIdcServer(options: StartServerOptions): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'idc-bench-server-'))
  const logPath = join(dir, 'server.log')
  const log = openSync(logPath, 'a')
  const child = spawn(
    process.execPath,
    [
      options.idcBin,
      'server',
      ...(options.noDemo ? [] : ['--demo']),
      ...(options.throttle ? [] : ['--no-throttle']),
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--data',
      join(dir, 'data'),
      ...(options.extraArgs ?? []),
    ],
    { stdio: ['ignore', log, log], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' } },
  )
  closeSync(log)
  const output = () => {
    try {
      return readFileSync(logPath, 'utf8')
    } catch {
      return ''
    }
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      if (!(await waitForExit(child, 5000))) child.kill('SIGKILL')
      await waitForExit(child, 2000)
    }
    rmSync(dir, { recursive: true, force: true })
  }
  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break
    const port = /https?:\/\/127\.0\.0\.1:(\d+)/.exec(output())?.[1]
    if (port) {
      const url = `http://127.0.0.1:${port}`
      try {
        const res = await fetch(`${url}/_idc/health`)
        if (res.ok) return { url, port: Number(port), pid: child.pid as number, stop, output }
      } catch {}
    }
    await sleep(100)
  }
  const text = output().trim()
  const exited = child.exitCode !== null || child.signalCode !== null
  await stop()
  const why = exited
    ? `exited (${child.exitCode ?? child.signalCode}) before it was ready`
    : 'did not answer /_idc/health in time'
  throw new Error(`idc server ${why}: ${text.split('\n').slice(0, 3).join(' / ').slice(0, 300) || 'no output'}`)
}

/** One sample of a Prometheus counter. */
export interface MetricSample {
  name: string
  labels: Record<string, string>
  value: number
}

/** Parses the Prometheus text exposition format (counters and gauges; no histograms needed). */
export function parsePrometheus(text: string): MetricSample[] {
  const samples: MetricSample[] = []
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line)
    if (!m) continue
    const labels: Record<string, string> = {}
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[l[1] as string] = (l[2] as string).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c))
    }
    samples.push({ name: m[1] as string, labels, value: Number(m[3]) })
  }
  return samples
}

/** Server-side request counts of interest. */
export interface RequestCounts {
  refreshCreateToken: number
  getRoleCredentials: number
  /** Requests of those two operations whose outcome was not a success. */
  failed: number
}

/** Reads `/_idc/metrics` and sums the refresh CreateToken and GetRoleCredentials counters. */
export async function readRequestCounts(serverUrl: string): Promise<RequestCounts> {
  const res = await fetch(`${serverUrl}/_idc/metrics`)
  if (!res.ok) throw new Error(`GET /_idc/metrics answered ${res.status}`)
  const counts: RequestCounts = { refreshCreateToken: 0, getRoleCredentials: 0, failed: 0 }
  for (const s of parsePrometheus(await res.text())) {
    if (s.name !== 'idc_requests_total') continue
    const ok = !s.labels.outcome || /^(ok|success|2\d\d)$/i.test(s.labels.outcome)
    if (s.labels.operation === 'CreateToken' && s.labels.grant_type === 'refresh_token') {
      counts.refreshCreateToken += s.value
      if (!ok) counts.failed += s.value
    } else if (s.labels.operation === 'GetRoleCredentials') {
      counts.getRoleCredentials += s.value
      if (!ok) counts.failed += s.value
    }
  }
  return counts
}

/** after − before, field by field. */
export function diffCounts(before: RequestCounts, after: RequestCounts): RequestCounts {
  return {
    refreshCreateToken: after.refreshCreateToken - before.refreshCreateToken,
    getRoleCredentials: after.getRoleCredentials - before.getRoleCredentials,
    failed: after.failed - before.failed,
  }
}
