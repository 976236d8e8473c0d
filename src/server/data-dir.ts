/**
 * The data directory (`idc server --data DIR`): where the database lives, and who may read it.
 *
 * @module
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { openStore, type Store } from './store/store.js'

/** The database file in a data directory; SQLite adds `-wal` and `-shm` beside it. */
const DATABASE_FILE = 'idc.sqlite'

/**
 * Opens the store in `dataDir`, creating the directory 0700 when missing. The database and its
 * WAL and SHM files are 0600 whatever the umask: the file is created 0600 before SQLite opens it
 * (SQLite gives the WAL and SHM files the database file's mode) and existing ones are tightened.
 * An existing directory is left as it is (it may be shared on purpose), with a warning on stderr
 * when group or others have any access to it.
 */
export function openDataDir(dataDir: string, warn: (line: string) => void): Store {
  if (existsSync(dataDir)) {
    const mode = statSync(dataDir).mode & 0o777
    if ((mode & 0o077) !== 0)
      warn(
        `The data directory ${dataDir} is accessible to other users (mode ${mode.toString(8).padStart(4, '0')}); the database files in it are 0600. Run 'chmod 700 ${dataDir}' to keep their names private too.`,
      )
  } else {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  }
  const path = join(dataDir, DATABASE_FILE)
  closeSync(openSync(path, 'a', 0o600))
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
  }
  return openStore({ path })
}
