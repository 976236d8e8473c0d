/**
 * The real CLI environment: the process's streams, the terminal prompter, the browser and child
 * processes. Created once, in `main.ts`.
 *
 * @module
 */
import { spawn as nodeSpawn } from 'node:child_process'
import { createNodeEnv } from '../core/node-env.js'
import type { ChildHandle, CliEnv, SpawnResult } from './cli-env.js'
import { openUrlWithSystemBrowser } from './io/open-url.js'
import type { Prompter } from './io/prompter.js'

/** Creates the {@link CliEnv} of the running process. */
export function createNodeCliEnv(): CliEnv {
  const base = createNodeEnv()
  let prompter: Promise<Prompter> | undefined
  const env: CliEnv = {
    ...base,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    canPrompt: () => Boolean(process.stdin.isTTY && process.stdout.isTTY),
    prompter: () => (prompter ??= import('./io/terminal-prompter.js').then((m) => m.createTerminalPrompter(env))),
    openUrl: (url) => openUrlWithSystemBrowser(url, base.vars, base.platform),
    spawn: (command, args, options): ChildHandle => {
      const child = nodeSpawn(command, args, {
        env: options.env as NodeJS.ProcessEnv,
        stdio: options.stdio === 'inherit' ? 'inherit' : ['pipe', 'pipe', 'pipe'],
      })
      let stdout = ''
      let stderr = ''
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      if (options.stdio === 'pipe') child.stdin?.end(options.input ?? '')
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
