import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseSharedConfigFile } from './parse-config-file.js'

const WORKERS = 8
const WRITES = 12
const SCRIPT = resolve(import.meta.dirname, 'testdata', 'concurrent-writer.ts')

function runWorker(file: string, worker: number): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, file, String(worker), String(WRITES)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', fail)
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`worker ${worker} exited ${code}: ${stderr}`))))
  })
}

describe('updateSharedConfigFile across processes', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'idc-concurrent-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it(`loses no update when ${WORKERS} processes write the same file at once`, { timeout: 120_000 }, async () => {
    const file = join(dir, 'config')
    await writeFile(file, '# shared by all workers\n[default]\nregion = us-east-1\n')
    await Promise.all(Array.from({ length: WORKERS }, (_, worker) => runWorker(file, worker)))
    const text = await readFile(file, 'utf8')
    const { profiles } = parseSharedConfigFile(text, { kind: 'config', file })
    expect(text.startsWith('# shared by all workers\n[default]\nregion = us-east-1\n')).toBe(true)
    const missing: string[] = []
    for (let worker = 0; worker < WORKERS; worker++) {
      for (let i = 0; i < WRITES; i++) {
        const section = i % 2 === 0 ? profiles.default : profiles[`worker${worker}`]
        if (section?.[`w${worker}_k${i}`] !== String(i)) missing.push(`w${worker}_k${i}`)
      }
    }
    expect(missing).toEqual([])
  })
})
