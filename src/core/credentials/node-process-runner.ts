/**
 * The Node.js {@link ProcessRunner} for library users who resolve `credential_process` profiles
 * outside the CLI (the CLI runs processes through its own environment).
 *
 * @module
 */
import { execFile } from 'node:child_process'
import type { ProcessRunner } from './types.js'

/** Runs programs with `child_process.execFile` (no shell), capturing stdout and stderr. */
export function createNodeProcessRunner(): ProcessRunner {
  return (command, args, options) =>
    new Promise((resolve, reject) => {
      execFile(
        command,
        [...args],
        { env: options.env as NodeJS.ProcessEnv, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error && typeof error.code === 'string') return reject(error)
          resolve({ exitCode: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
        },
      )
    })
}
