/**
 * The peers of benchmark 5 as child processes: `moto_server` and a bare `node:http` server, each
 * on a free loopback port, stopped by their own process id.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { REPO_ROOT } from './paths.js'

/** A server under load. */
export interface LoadTarget {
  url: string
  pid: number
  stop(): Promise<void>
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => resolve(port))
    })
  })
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    await Promise.race([exited, sleep(5000)])
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
}

/** Starts `moto_server` (werkzeug, threaded) and waits until it answers. */
export async function startMoto(motoServer: string): Promise<LoadTarget> {
  const port = await freePort()
  const child = spawn(motoServer, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' })
  const url = `http://127.0.0.1:${port}`
  const stop = stopper(child)
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) break
    try {
      await fetch(`${url}/moto-api/`)
      return { url, pid: child.pid as number, stop }
    } catch {
      await sleep(200)
    }
  }
  await stop()
  throw new Error('moto_server did not start within 30 s')
}

/** Starts bench/scripts/bare-server.mjs. */
export async function startBare(): Promise<LoadTarget> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bench', 'scripts', 'bare-server.mjs')], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const port = await new Promise<string>((resolve, reject) => {
    let buffer = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      if (buffer.includes('\n')) resolve(buffer.trim())
    })
    child.on('exit', (code) => reject(new Error(`bare server exited with ${code}`)))
  })
  child.stdout?.resume()
  return { url: `http://127.0.0.1:${port}`, pid: child.pid as number, stop: stopper(child) }
}

/** utime + stime of a process in microseconds (Linux /proc), or undefined. */
export function cpuMicros(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime are fields 14 and 15 of stat, in clock ticks (1/100 s on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000
  } catch {
    return undefined
  }
}
