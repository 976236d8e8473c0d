import { spawn, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Env } from '../env.js'
import { FileError, FileLockedError } from '../errors.js'
import { createNodeEnv } from '../node-env.js'
import { LIVE_OWNER_MAX_MS, parseOwner, withFileLock } from './lock.js'

const HOLDER = resolve(import.meta.dirname, 'testdata', 'lock-holder.ts')

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idc-lock-'))
  file = join(dir, 'config')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
  return Number(child.stdout)
}

function env(overrides: Partial<Env> = {}): Env {
  return { ...createNodeEnv(), ...overrides }
}

async function writeRecord(record: object | string): Promise<void> {
  await writeFile(`${file}.lock`, typeof record === 'string' ? record : JSON.stringify(record))
}

const ran = () => withFileLock(env(), file, async () => 'ran', { waitMs: 0 })

describe('withFileLock', () => {
  it('writes its owner (pid, host, time, nonce) while held and removes the lock after', async () => {
    const seen = await withFileLock(env(), file, async () => readFile(`${file}.lock`, 'utf8'))
    expect(parseOwner(seen)).toMatchObject({ pid: process.pid, hostname: env().hostname() })
    await expect(stat(`${file}.lock`)).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('takes over at once a lock whose owner on this host is dead', async () => {
    const pid = deadPid()
    await writeRecord({ pid, hostname: env().hostname(), acquiredAt: new Date().toISOString(), nonce: 'dead' })
    // waitMs 0 and a fresh lock file: only the dead pid can explain the takeover.
    await expect(ran()).resolves.toBe('ran')
  })

  it('waits for a live owner on this host and names the lock and its owner when it gives up', async () => {
    await writeRecord({ pid: process.pid, hostname: env().hostname(), acquiredAt: 'then', nonce: 'live' })
    const error = await withFileLock(env(), file, async () => 'ran', { waitMs: 50 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FileLockedError)
    expect(error).toMatchObject({ code: 'ELOCKED', file: `${file}.lock` })
    expect((error as Error).message).toContain(`${file}.lock`)
    expect((error as Error).message).toContain(`process ${process.pid}`)
  })

  it.each([
    ['an owner on another host', { pid: process.pid, hostname: 'elsewhere', acquiredAt: 'x', nonce: 'n' }],
    ['an empty record (owner killed between create and write)', ''],
    ['a record that is not JSON', 'garbage'],
  ])('takes over a lock of %s only once it is staleMs old', async (_name, record) => {
    await writeRecord(record)
    await expect(ran()).rejects.toBeInstanceOf(FileLockedError)
    const later = env({ now: () => Date.now() + 15_001 })
    await expect(withFileLock(later, file, async () => 'ran', { waitMs: 0 })).resolves.toBe('ran')
  })

  it('takes over the directory lock an older idc (proper-lockfile) left, once stale', async () => {
    await mkdir(`${file}.lock`)
    await expect(ran()).rejects.toBeInstanceOf(FileLockedError)
    const later = env({ now: () => Date.now() + 15_001 })
    await expect(withFileLock(later, file, async () => 'ran', { waitMs: 0 })).resolves.toBe('ran')
  })

  it('presumes a reused pid when a live owner on this host held the lock for LIVE_OWNER_MAX_MS', async () => {
    await writeRecord({ pid: process.pid, hostname: env().hostname(), acquiredAt: 'x', nonce: 'old' })
    const later = env({ now: () => Date.now() + LIVE_OWNER_MAX_MS + 1 })
    await expect(withFileLock(later, file, async () => 'ran', { waitMs: 0 })).resolves.toBe('ran')
  })

  it('leaves a lock that was taken over while it ran (it is someone else’s now)', async () => {
    const other = { pid: process.pid, hostname: 'h', acquiredAt: 'x', nonce: 'theirs' }
    await withFileLock(env(), file, async () => writeRecord(other))
    expect(JSON.parse(await readFile(`${file}.lock`, 'utf8'))).toEqual(other)
  })

  it('lets one holder at a time run among many concurrent callers', async () => {
    let inside = 0
    let most = 0
    await Promise.all(
      Array.from({ length: 12 }, () =>
        withFileLock(env(), file, async () => {
          most = Math.max(most, ++inside)
          await new Promise((r) => setTimeout(r, 2))
          inside--
        }),
      ),
    )
    expect(most).toBe(1)
  })

  it('names the lock file when its directory cannot be created', async () => {
    await writeFile(join(dir, 'not-a-dir'), '')
    const error = await withFileLock(env(), join(dir, 'not-a-dir', 'config'), async () => 'ran').catch((e) => e)
    expect(error).toBeInstanceOf(FileError)
    expect((error as Error).message).toContain(join(dir, 'not-a-dir', 'config.lock'))
  })

  it('takes over the lock of a holder killed with SIGKILL, long before staleMs', { timeout: 30_000 }, async () => {
    const holder = spawn(process.execPath, ['--import', 'tsx', HOLDER, file], { stdio: ['ignore', 'pipe', 'inherit'] })
    await new Promise<void>((done, fail) => {
      holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && done())
      holder.on('exit', (code) => fail(new Error(`holder exited ${code}`)))
    })
    await expect(ran()).rejects.toBeInstanceOf(FileLockedError)
    holder.kill('SIGKILL')
    await new Promise((done) => holder.once('exit', done))
    // A stale time far beyond the wait: only the dead-owner check can let this through.
    const result = withFileLock(env(), file, async () => 'ran', { waitMs: 5_000, staleMs: 600_000 })
    await expect(result).resolves.toBe('ran')
  })
})
