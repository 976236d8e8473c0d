// Writers killed with SIGKILL in the middle of their work: several real processes update one
// file through the writer (lock, temp file, fsync, rename) and some are killed at random points.
// The file must always parse, hold every update a writer finished (it printed its index after the
// update was on disk), and the next write must leave no temp or lock file behind.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createNodeEnv } from '../node-env.js'
import { updateSharedConfigFile } from './config-writer.js'
import { parseSharedConfigFile } from './parse-config-file.js'

const WORKERS = 6
const WRITES = 30
const SCRIPT = resolve(import.meta.dirname, 'testdata', 'killable-writer.ts')
const HEADER = '# shared by all writers\n[default]\nregion = us-east-1\n'

interface Writer {
  child: ChildProcess
  done: number[]
  exited: Promise<void>
}

function startWriter(file: string, worker: number, killAfter: number | undefined): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, file, String(worker), String(WRITES)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const done: number[] = []
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (line !== '') done.push(Number(line))
    // Killed while it goes on writing: inside the lock, the temp file or the rename.
    // A few milliseconds later, so that the kill lands at different points of the next write.
    if (killAfter !== undefined && done.length === killAfter) setTimeout(() => child.kill('SIGKILL'), killAfter % 7)
  })
  const exited = new Promise<void>((ok, fail) =>
    child.on('exit', (code, signal) =>
      code === 0 || signal === 'SIGKILL' ? ok() : fail(new Error(`writer ${worker} exited ${code}: ${stderr}`)),
    ),
  )
  return { child, done, exited }
}

describe('updateSharedConfigFile with writers killed by SIGKILL', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'idc-kill-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it(
    `keeps the file parseable with every finished update (${WORKERS} writers, half killed)`,
    { timeout: 180_000 },
    async () => {
      const file = join(dir, 'config')
      await writeFile(file, HEADER)
      const writers = Array.from({ length: WORKERS }, (_, worker) =>
        startWriter(file, worker, worker % 2 === 0 ? 3 + worker * 2 : undefined),
      )
      await Promise.all(writers.map((w) => w.exited))

      const text = await readFile(file, 'utf8')
      expect(text.startsWith(HEADER)).toBe(true)
      const { profiles } = parseSharedConfigFile(text, { kind: 'config', file })
      const missing: string[] = []
      writers.forEach((writer, worker) => {
        if (worker % 2 === 1) expect(writer.done).toHaveLength(WRITES)
        for (const i of writer.done) {
          const section = i % 3 === 0 ? profiles.default : profiles[`worker${worker}`]
          if (section?.[`w${worker}_k${i}`] !== `${i}-${'x'.repeat(2000)}`) missing.push(`w${worker}_k${i}`)
        }
      })
      expect(missing).toEqual([])

      // The next writer takes over a dead writer's lock and sweeps its temp files.
      await updateSharedConfigFile(createNodeEnv(), { file, section: 'default', set: { output: 'json' } })
      expect(await readdir(dir)).toEqual(['config'])
      expect(parseSharedConfigFile(await readFile(file, 'utf8'), { kind: 'config' }).profiles.default?.output).toBe(
        'json',
      )
    },
  )
})
