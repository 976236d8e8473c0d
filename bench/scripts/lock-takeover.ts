/**
 * Measures how long a waiter takes to get a file lock whose holder was killed with SIGKILL:
 * `node --import tsx bench/scripts/lock-takeover.ts [RUNS]`. Each run starts a real holder
 * process (src/core/files/testdata/lock-holder.ts), kills it with SIGKILL once it holds the lock,
 * reaps it, then times `withFileLock` in this process from the call to the start of its body.
 *
 * @module
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createNodeEnv } from '../../src/core/node-env.js'
import { withFileLock } from '../../src/core/files/lock.js'

const HOLDER = resolve(import.meta.dirname, '..', '..', 'src', 'core', 'files', 'testdata', 'lock-holder.ts')
const runs = Number(process.argv[2] ?? 10)
const env = createNodeEnv()
const timings: number[] = []
const dir = await mkdtemp(join(tmpdir(), 'idc-lock-bench-'))
try {
  for (let run = 0; run < runs; run++) {
    const file = join(dir, `config-${run}`)
    const holder = spawn(process.execPath, ['--import', 'tsx', HOLDER, file], { stdio: ['ignore', 'pipe', 'inherit'] })
    await new Promise<void>((done) => holder.stdout.on('data', (chunk: Buffer) => chunk.includes('locked') && done()))
    holder.kill('SIGKILL')
    await new Promise((done) => holder.once('exit', done))
    const start = performance.now()
    await withFileLock(env, file, async () => timings.push(performance.now() - start))
  }
} finally {
  await rm(dir, { recursive: true, force: true })
}
timings.sort((a, b) => a - b)
const median = timings[Math.floor(timings.length / 2)]!
console.log(
  `lock takeover after SIGKILL: ${runs} runs, median ${median.toFixed(2)} ms, ` +
    `min ${timings[0]!.toFixed(2)} ms, max ${timings.at(-1)!.toFixed(2)} ms`,
)
