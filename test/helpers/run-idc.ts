/** Runs the built `idc` (bin/idc.cjs) as a child process and collects its output. */
import { spawn } from 'node:child_process'
import { IDC_BIN } from './tools.js'

/** The outcome of one run. */
export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `idc args…` with exactly `env` as its environment. */
export function runIdc(args: readonly string[], env: Record<string, string>): Promise<Run> {
  return runProgram(process.execPath, [IDC_BIN, ...args], env)
}

/** Runs any program (the AWS CLI, say) the same way. */
export function runProgram(file: string, args: readonly string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}
