/**
 * Runs one child process and times it from just before `spawn` to its `exit` event, with
 * `performance.now()`. The same code path times every contender, so its own cost (a few
 * milliseconds of fork/exec from Node) is part of every figure, the floor included.
 *
 * @module
 */
import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'

/** What to run. */
export interface ProcessSpec {
  command: string
  args: readonly string[]
  /** The complete environment (nothing is inherited). */
  env: Record<string, string>
  cwd?: string
}

/** How one run ended. */
export interface RunResult {
  wallMs: number
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  timedOut: boolean
}

/** Runs the process to completion (killing it after timeoutMs) and returns its timing and output. */
export function runProcess(spec: ProcessSpec, timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(spec.command, spec.args, { env: spec.env, cwd: spec.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let exited: { wallMs: number; code: number | null; signal: NodeJS.Signals | null } | undefined
    let timedOut = false
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    // Time at `exit` (the process is gone); resolve at `close` (all output read).
    child.on('exit', (code, signal) => {
      exited = { wallMs: performance.now() - start, code, signal }
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const end = exited ?? { wallMs: performance.now() - start, code, signal }
      resolve({ ...end, stdout, stderr, timedOut })
    })
  })
}

/** A one-line description of a failed run, for the report. */
export function describeFailure(result: RunResult): string {
  const how = result.timedOut ? 'timed out' : result.signal ? `killed by ${result.signal}` : `exit ${result.code}`
  const text = (result.stderr.trim() || result.stdout.trim()).split('\n').filter(Boolean).slice(-2).join(' / ')
  return `${how}${text ? `: ${text.slice(0, 240)}` : ''}`
}
