import { spawn, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Env } from '../env.js'
import { FileError, FileLockedError } from '../errors.js'
import { createNodeEnv } from '../node-env.js'
import { createFakeClock, type FakeClock } from '../../../test/helpers/fake-clock.js'
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

/**
 * The real file system and process table on a virtual clock: waits take no real time, and
 * concurrent waiters wake in order of their wake-up times. The clock starts at the real time
 * because the lock compares it with lock files' real mtimes.
 */
function env(overrides: Partial<Env> = {}, clock: FakeClock = createFakeClock(Date.now())): Env {
  return { ...createNodeEnv(), now: clock.now, sleep: clock.sleep, ...overrides }
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
    const clock = createFakeClock(Date.now())
    const start = clock.now()
    const error = await withFileLock(env({}, clock), file, async () => 'ran').catch((e: unknown) => e)
    // It gave up only once the default 30-second wait had passed (in virtual time).
    expect(clock.now() - start).toBeGreaterThanOrEqual(30_000)
    expect(clock.now() - start).toBeLessThan(30_000 + 500)
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
    const clock = createFakeClock(Date.now())
    let inside = 0
    let most = 0
    let runs = 0
    await Promise.all(
      Array.from({ length: 12 }, () =>
        withFileLock(env({}, clock), file, async () => {
          most = Math.max(most, ++inside)
          await clock.sleep(2)
          inside--
          runs++
        }),
      ),
    )
    expect(most).toBe(1)
    expect(runs).toBe(12)
  })

  it('keeps concurrent waiters waiting while a holder works, and times out only past the deadline', async () => {
    const clock = createFakeClock(Date.now())
    const order: string[] = []
    let holding!: () => void
    const held = new Promise<void>((resolve) => (holding = resolve))
    const holder = withFileLock(env({}, clock), file, async () => {
      order.push('holder')
      holding()
      await clock.sleep(20_000) // a long refresh, well inside the waiters' 30 seconds
    })
    await held
    const start = clock.now()
    const waiters = Array.from({ length: 4 }, (_, i) =>
      withFileLock(env({}, clock), file, async () => {
        order.push(`waiter ${i}`)
        await clock.sleep(1_000)
        return clock.now() - start
      }),
    )
    const impatient = withFileLock(env({}, clock), file, async () => 'ran', { waitMs: 10_000 }).catch((e) => e)
    await holder
    const waited = await Promise.all(waiters)
    expect(order[0]).toBe('holder')
    expect(order.slice(1).sort()).toEqual(['waiter 0', 'waiter 1', 'waiter 2', 'waiter 3'])
    // Each waiter got the lock after the holder's 20 seconds, one after another.
    for (const ms of waited) expect(ms).toBeGreaterThanOrEqual(20_000)
    expect(Math.max(...waited)).toBeGreaterThanOrEqual(23_000)
    await expect(impatient).resolves.toBeInstanceOf(FileLockedError)
  })

  it('names the lock file when its directory cannot be created', async () => {
    await writeFile(join(dir, 'not-a-dir'), '')
    const error = await withFileLock(env(), join(dir, 'not-a-dir', 'config'), async () => 'ran').catch((e) => e)
    expect(error).toBeInstanceOf(FileError)
    expect((error as Error).message).toContain(join(dir, 'not-a-dir', 'config.lock'))
  })

  // A real process holds the lock and is really killed, so this one runs on the real clock.
  it('takes over the lock of a holder killed with SIGKILL, long before staleMs', { timeout: 30_000 }, async () => {
    const holder = spawn(process.execPath, ['--import', 'tsx', HOLDER, file], { stdio: ['ignore', 'pipe', 'inherit'] })
    await new Promise<void>((done, fail) => {
      holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && done())
      holder.on('exit', (code) => fail(new Error(`holder exited ${code}`)))
    })
    const realClock = env({ now: () => Date.now(), sleep: createNodeEnv().sleep })
    await expect(withFileLock(realClock, file, async () => 'ran', { waitMs: 0 })).rejects.toBeInstanceOf(
      FileLockedError,
    )
    holder.kill('SIGKILL')
    await new Promise((done) => holder.once('exit', done))
    // A stale time far beyond the wait: only the dead-owner check can let this through.
    const result = withFileLock(realClock, file, async () => 'ran', { waitMs: 5_000, staleMs: 600_000 })
    await expect(result).resolves.toBe('ran')
  })
})
