/**
 * The real CLI environment: the process's streams, the terminal prompter, the browser, child
 * processes, the AWS SDK clients and the HTTP handler they share with the start-URL probe, the node:http callback listener
 * and timers. Created once, in `main.ts`. Everything costly loads on first use (the warm credential
 * path is bundled with this file and uses none of it).
 *
 * @module
 */
import { fstatSync, writeSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { HttpHandlerOptionsInput } from '../core/aws/http-handler.js'
import { createLazyAwsClientFactory, createLazyHttpHandler } from '../core/aws/lazy-clients.js'
import { createNodeEnv } from '../core/node-env.js'
import type { ChildHandle, CliEnv, OutStream, SpawnResult } from './cli-env.js'
import type { Prompter } from './io/prompter.js'

// child_process (with net, dgram and streams) and the stdin stream load only when used: the warm
// credential path (`configure export-credentials` with cached credentials) needs neither.
let require: NodeRequire | undefined

/**
 * Standard output as plain synchronous writes to file descriptor 1 when it is a pipe, a file or a
 * socket: creating `process.stdout` loads Node's stream modules, a measurable part of the warm
 * credential path, whose output is one small write to the pipe `credential_process` reads. Node
 * writes to pipes and files synchronously on POSIX too, so nothing changes in ordering. A terminal
 * (or /dev/null, another character device), Windows, and a non-blocking pipe that would block
 * (EAGAIN) get `process.stdout` itself.
 */
function stdoutStream(): OutStream {
  let kind: import('node:fs').Stats | undefined
  try {
    kind = process.platform === 'win32' ? undefined : fstatSync(1)
  } catch {
    kind = undefined
  }
  if (!kind || kind.isCharacterDevice()) return process.stdout
  let stream: NodeJS.WriteStream | undefined
  return {
    write(chunk: string): boolean {
      if (stream) return stream.write(chunk)
      let rest = Buffer.from(chunk, 'utf8')
      try {
        while (rest.length > 0) rest = rest.subarray(writeSync(1, rest))
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        // The reader has gone (`idc … | head -1`): nothing more can be delivered, and that is not
        // an error worth a stack trace.
        if (code === 'EPIPE') return false
        if (code !== 'EAGAIN') throw error
        stream = process.stdout
        return stream.write(rest)
      }
      return true
    },
  }
}

/** Creates the {@link CliEnv} of the running process. */
export function createNodeCliEnv(): CliEnv {
  const base = createNodeEnv()
  let prompter: Promise<Prompter> | undefined
  let stdout: OutStream | undefined
  let httpOptions: HttpHandlerOptionsInput = {}
  // One handler for the SDK clients, the start-URL probe and the console's GET (CA bundle, proxies).
  const http = createLazyHttpHandler(base, () => httpOptions)
  // Redirects not followed, with the AWS CLI's default 10-second timeout.
  const plainRequest = async (url: string, method: 'GET' | 'HEAD', readBody: boolean) =>
    (await http()).request(url, { method, timeoutMs: 10_000, readBody })
  const env: CliEnv = {
    ...base,
    get stdin() {
      return process.stdin
    },
    // Creating a stream object costs start-up time; stderr is usually never written.
    get stdout() {
      return (stdout ??= stdoutStream())
    },
    get stderr() {
      return process.stderr
    },
    canPrompt: () => Boolean(process.stdin.isTTY && process.stdout.isTTY),
    prompter: () => (prompter ??= import('./io/terminal-prompter.js').then((m) => m.createTerminalPrompter(env))),
    openUrl: async (url) => (await import('./io/open-url.js')).openUrlWithSystemBrowser(url, base.vars, base.platform),
    spawn: (command, args, options): ChildHandle => {
      require ??= createRequire(import.meta.url)
      const { spawn: nodeSpawn } = require('node:child_process') as typeof import('node:child_process')
      const child = nodeSpawn(command, args, {
        env: options.env as NodeJS.ProcessEnv,
        stdio: options.stdio === 'inherit' ? 'inherit' : ['pipe', 'pipe', 'pipe'],
      })
      let stdout = ''
      let stderr = ''
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      if (options.stdio === 'pipe') {
        // A child that exits without reading its input must not crash idc with EPIPE.
        child.stdin?.on('error', () => {})
        child.stdin?.end(options.input ?? '')
      }
      const done = new Promise<SpawnResult>((resolve, reject) => {
        child.on('error', reject)
        child.on('close', (exitCode, signal) => resolve({ exitCode, signal, stdout, stderr }))
      })
      return { kill: (signal) => void child.kill(signal), done }
    },
    onSignal: (signal, handler) => {
      process.on(signal, handler)
      return () => void process.off(signal, handler)
    },
    selfCommand: [process.execPath, process.argv[1] ?? 'idc'],
    configureHttp: (options) => {
      httpOptions = options
    },
    clients: createLazyAwsClientFactory(http),
    probeHttp: async (url, method) => {
      const response = await plainRequest(url, method, false)
      return { status: response.status, location: response.headers.location }
    },
    getText: async (url) => {
      const response = await plainRequest(url, 'GET', true)
      return { status: response.status, body: response.body }
    },
    startCallbackListener: async (options) =>
      (await import('./io/callback-server.js')).startCallbackListener({ port: options?.port }),
    startLoopbackServer: async (options) => (await import('./io/loopback-server.js')).startLoopbackServer(options),
    repeat: (ms, tick) => {
      const timer = setInterval(tick, ms)
      // A spinner must never keep idc running.
      timer.unref?.()
      return () => clearInterval(timer)
    },
    loadServer: () => import('../server/main.js'),
    runtime: { nodeVersion: process.version, arch: process.arch },
  }
  return env
}
