import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Env } from '../env.js'
import { FileError } from '../errors.js'
import { createNodeEnv } from '../node-env.js'
import { TEMP_FILE_STALE_MS, writeFileAtomic } from './atomic-write.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idc-atomic-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout)
}

function env(overrides: Partial<Env> = {}): Env {
  return { ...createNodeEnv(), ...overrides }
}

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file of its own', async () => {
    const file = join(dir, 'config')
    await writeFile(file, 'old')
    await writeFileAtomic(env(), file, 'new')
    expect(await readFile(file, 'utf8')).toBe('new')
    expect(await readdir(dir)).toEqual(['config'])
  })

  it('removes temp files that killed writers left for the same file, and nothing else', async () => {
    const file = join(dir, 'config')
    const dead = deadPid()
    const live = process.ppid
    const names = {
      deadOwner: `.config.${dead}.0123456789ab.tmp`,
      liveOwner: `.config.${live}.0123456789ab.tmp`,
      ourOwnPid: `.config.${process.pid}.0123456789ab.tmp`,
      otherFile: `.credentials.${dead}.0123456789ab.tmp`,
      notOurs1: `.config.${dead}.tmp`,
      notOurs2: `.config.${dead}.0123456789ab.tmp.bak`,
      notOurs3: `config.${dead}.0123456789ab.tmp`,
      notOurs4: `.config.${dead}.0123456789AB.tmp`,
    }
    for (const name of Object.values(names)) await writeFile(join(dir, name), 'partial')
    await mkdir(join(dir, `.config.${dead}.ba9876543210.tmp`)) // a directory is never ours

    await writeFileAtomic(env(), file, 'new')
    const left = await readdir(dir)
    expect(left).not.toContain(names.deadOwner)
    expect(left.sort()).toEqual(
      [
        'config',
        `.config.${dead}.ba9876543210.tmp`,
        names.liveOwner,
        names.ourOwnPid,
        names.otherFile,
        names.notOurs1,
        names.notOurs2,
        names.notOurs3,
        names.notOurs4,
      ].sort(),
    )
  })

  it('removes a temp file of a live pid once it has not changed for TEMP_FILE_STALE_MS (a reused pid)', async () => {
    const file = join(dir, 'config')
    const temp = `.config.${process.ppid}.0123456789ab.tmp`
    await writeFile(join(dir, temp), 'partial')
    await writeFileAtomic(env({ now: () => Date.now() + TEMP_FILE_STALE_MS - 60_000 }), file, 'a')
    expect(await readdir(dir)).toContain(temp)
    await writeFileAtomic(env({ now: () => Date.now() + TEMP_FILE_STALE_MS + 1_000 }), file, 'b')
    expect(await readdir(dir)).toEqual(['config'])
  })

  it('names the file when it cannot be written (a directory in its place)', async () => {
    const file = join(dir, 'config')
    await mkdir(file)
    const error = await writeFileAtomic(env(), file, 'x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FileError)
    expect((error as Error).message).toBe(`Unable to write file ${file}: it is a directory`)
    expect(await readdir(dir)).toEqual(['config'])
  })
})
