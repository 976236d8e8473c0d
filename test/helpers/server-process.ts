/**
 * Starts a real `idc server` process (the BUILT CLI, `node bin/idc.cjs server`) on 127.0.0.1 with a
 * free port, waits for its ready file, and stops it by PID. End-to-end tests use it to run the
 * server exactly as users do.
 *
 * @example
 * const server = await startServerProcess({ demo: true })
 * // server.endpoint === 'http://127.0.0.1:40123'
 * await server.stop()
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ServerInfo } from '../../src/server/banner.js'
import { IDC_BIN } from './tools.js'

/** What `--ready-file` reports. */
export type ServerReady = ServerInfo

/** A running `idc server`. */
export interface ServerProcess extends ServerReady {
  /** Everything the server wrote to stdout so far (the banner). */
  stdout(): string
  /** Everything the server wrote to stderr so far (request log, invitation links). */
  stderr(): string
  /** SIGTERM, then SIGKILL after 5 s; resolves with the exit code (or signal name). */
  stop(): Promise<number | string | null>
  /** SIGKILL at once (crash tests); resolves when the process is gone. */
  kill(): Promise<void>
}

/** Options for {@link startServerProcess}. */
export interface StartServerProcessOptions {
  /** Pass `--demo` (default true). */
  demo?: boolean
  /** `--data DIR`; default a fresh directory removed on stop unless given here. */
  dataDir?: string
  /** Extra arguments, e.g. `['--org', file, '--strict-refresh-rotation']`. */
  args?: string[]
  /** Extra environment variables for the server process. */
  env?: Record<string, string>
  /** How long to wait for readiness (default 20 s). */
  timeoutMs?: number
}

/** Starts `idc server` and resolves once it listens (its `/_idc/health` answers). */
export async function startServerProcess(options: StartServerProcessOptions = {}): Promise<ServerProcess> {
  const scratch = mkdtempSync(join(tmpdir(), 'idc-server-proc-'))
  const readyFile = join(scratch, 'ready.json')
  const dataDir = options.dataDir ?? join(scratch, 'data')
  const args = [IDC_BIN, 'server', '--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--ready-file', readyFile]
  if (options.demo ?? true) args.push('--demo')
  args.push(...(options.args ?? []))
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d))
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d))
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  )
  let gone = false
  void exited.then(() => (gone = true))

  const deadline = Date.now() + (options.timeoutMs ?? 20_000)
  while (!existsSync(readyFile)) {
    if (gone) throw new Error(`idc server exited before it was ready\n--- stdout\n${out}\n--- stderr\n${err}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`idc server was not ready within ${options.timeoutMs ?? 20_000} ms\n--- stderr\n${err}`)
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  const ready = JSON.parse(readFileSync(readyFile, 'utf8')) as ServerReady
  const health = await fetch(`${ready.endpoint}/_idc/health`)
  if (health.status !== 200) throw new Error(`idc server health check answered ${health.status}`)

  const cleanup = () => rmSync(scratch, { recursive: true, force: true })
  return {
    ...ready,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (!gone) {
        process.kill(ready.pid, 'SIGTERM')
        const timer = setTimeout(() => !gone && process.kill(ready.pid, 'SIGKILL'), 5000)
        const code = await exited
        clearTimeout(timer)
        cleanup()
        return code
      }
      cleanup()
      return exited
    },
    async kill() {
      if (!gone) process.kill(ready.pid, 'SIGKILL')
      await exited
    },
  }
}
