/**
 * Drives `wrk` (HTTP load at a fixed number of connections) and parses its report: requests per
 * second, p50/p99 latency, and every response that was not a 2xx, so a fast stream of errors is
 * never mistaken for throughput.
 *
 * @module
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** One load run. */
export interface WrkOptions {
  wrk: string
  url: string
  method?: string
  headers?: Record<string, string>
  body?: string
  connections: number
  threads?: number
  durationSeconds: number
}

/** What wrk reported. */
export interface WrkResult {
  requestsPerSecond: number
  requests: number
  p50Ms: number
  p99Ms: number
  /** Non-2xx/3xx responses plus socket errors. */
  errors: number
  raw: string
}

function luaString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`
}

function toMs(value: string, unit: string): number {
  const v = Number(value)
  switch (unit) {
    case 'us':
      return v / 1000
    case 'ms':
      return v
    case 's':
      return v * 1000
    case 'm':
      return v * 60_000
    default:
      return Number.NaN
  }
}

/** Parses wrk's text report (run with --latency). */
export function parseWrk(raw: string): WrkResult {
  const percentile = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(raw)
    return m ? toMs(m[1] as string, m[2] as string) : Number.NaN
  }
  const requests = Number(/(\d+) requests in/.exec(raw)?.[1] ?? Number.NaN)
  const non2xx = Number(/Non-2xx or 3xx responses:\s*(\d+)/.exec(raw)?.[1] ?? 0)
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(raw)
  const socketErrors = socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0
  return {
    requestsPerSecond: Number(/Requests\/sec:\s*([\d.]+)/.exec(raw)?.[1] ?? Number.NaN),
    requests,
    p50Ms: percentile('50'),
    p99Ms: percentile('99'),
    errors: non2xx + socketErrors,
    raw,
  }
}

/** Runs wrk once and returns its parsed report. */
export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'idc-bench-wrk-'))
  try {
    const script = join(dir, 'request.lua')
    const lines = [`wrk.method = ${luaString(options.method ?? 'GET')}`]
    for (const [name, value] of Object.entries(options.headers ?? {}))
      lines.push(`wrk.headers[${luaString(name)}] = ${luaString(value)}`)
    if (options.body !== undefined) lines.push(`wrk.body = ${luaString(options.body)}`)
    writeFileSync(script, `${lines.join('\n')}\n`)
    const args = [
      `-t${options.threads ?? 1}`,
      `-c${options.connections}`,
      `-d${options.durationSeconds}s`,
      '--timeout',
      '10s',
      '--latency',
      '-s',
      script,
      options.url,
    ]
    const raw = await new Promise<string>((resolve, reject) => {
      execFile(options.wrk, args, { timeout: (options.durationSeconds + 30) * 1000 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`wrk failed: ${stderr || error.message}`))
        else resolve(stdout)
      })
    })
    return parseWrk(raw)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
