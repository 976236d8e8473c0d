// The data directory on a real file system: the database and its WAL and SHM files are 0600, a new
// directory is 0700, and an existing directory open to others is kept as it is, with a warning.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDataDir } from './data-dir.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'idc-data-dir-'))
  dirs.push(dir)
  return dir
}

const modeOf = (path: string) => statSync(path).mode & 0o777

/** Opens the store, writes so that SQLite creates the WAL and SHM files, and reports the modes. */
function openAndWrite(dataDir: string) {
  const warnings: string[] = []
  const store = openDataDir(dataDir, (line) => warnings.push(line))
  store.setMeta('probe', 'x')
  const db = join(dataDir, 'idc.sqlite')
  const modes = { dir: modeOf(dataDir), db: modeOf(db), wal: modeOf(`${db}-wal`), shm: modeOf(`${db}-shm`) }
  store.close()
  return { warnings, modes }
}

/** Runs `fn` with a umask that lets everybody read new files, when this process may set one. */
function withPermissiveUmask<T>(fn: () => T): T {
  let previous: number | undefined
  try {
    previous = process.umask(0o000)
  } catch {
    // Worker threads cannot change the umask; the default umask still shows the files' modes.
  }
  try {
    return fn()
  } finally {
    if (previous !== undefined) process.umask(previous)
  }
}

describe('the data directory', () => {
  it('creates a missing directory 0700 and the database, WAL and SHM files 0600, whatever the umask', () => {
    const dataDir = join(scratch(), 'nested', 'data')
    const { warnings, modes } = withPermissiveUmask(() => openAndWrite(dataDir))
    expect(modes).toEqual({ dir: 0o700, db: 0o600, wal: 0o600, shm: 0o600 })
    expect(warnings).toEqual([])
  })

  it('keeps an existing directory open to others as it is, warns, and still makes the files 0600', () => {
    const dataDir = join(scratch(), 'shared')
    mkdirSync(dataDir)
    chmodSync(dataDir, 0o755)
    // A database an earlier idc created with the default umask.
    writeFileSync(join(dataDir, 'idc.sqlite'), '')
    chmodSync(join(dataDir, 'idc.sqlite'), 0o644)
    const { warnings, modes } = withPermissiveUmask(() => openAndWrite(dataDir))
    expect(modes).toEqual({ dir: 0o755, db: 0o600, wal: 0o600, shm: 0o600 })
    expect(warnings).toEqual([
      `The data directory ${dataDir} is accessible to other users (mode 0755); the database files in it are 0600. Run 'chmod 700 ${dataDir}' to keep their names private too.`,
    ])
  })

  it('opens a private existing directory without a warning, keeping what is stored', () => {
    const dataDir = join(scratch(), 'private')
    mkdirSync(dataDir, { mode: 0o700 })
    openAndWrite(dataDir)
    const warnings: string[] = []
    const store = openDataDir(dataDir, (line) => warnings.push(line))
    expect(store.getMeta('probe')).toBe('x')
    store.close()
    expect(warnings).toEqual([])
  })
})
