/**
 * The real CLI environment: the process's streams, the terminal prompter, the browser and child
 * processes. Created once, in `main.ts`.
 *
 * @module
 */
import { createRequire } from 'node:module'
import { createNodeEnv } from '../core/node-env.js'
import type { ChildHandle, CliEnv, SpawnResult } from './cli-env.js'
import type { Prompter } from './io/prompter.js'

// child_process (with net, dgram and streams) and the stdin stream load only when used: the warm
// credential path (`configure export-credentials` with cached credentials) needs neither.
let require: NodeRequire | undefined

/** Creates the {@link CliEnv} of the running process. */
export function createNodeCliEnv(): CliEnv {
  const base = createNodeEnv()
  let prompter: Promise<Prompter> | undefined
  const env: CliEnv = {
    ...base,
    get stdin() {
      return process.stdin
    },
    // Creating a stream object costs start-up time; stderr is usually never written.
    get stdout() {
      return process.stdout
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
  }
  return env
}
