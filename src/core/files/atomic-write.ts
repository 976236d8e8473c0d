/**
 * Writes a file so that readers see either the old or the new content, never a torn one: write a
 * temporary file beside it, fsync it, rename it over the target, then fsync the directory. An
 * existing file keeps its mode; a new file is created 0600 in a directory created 0700, since
 * everything under ~/.aws may hold secrets.
 *
 * @module
 */
import { dirname, basename, join } from 'node:path'
import type { Env } from '../env.js'
import { fileErrorFrom } from '../errors.js'

/** Options for {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /** Mode for a file that does not exist yet (default 0o600). */
  mode?: number
  /** Mode for directories that have to be created (default 0o700). */
  dirMode?: number
}

/** Atomically replaces `path` with `content`; failures are {@link FileError}s naming the file. */
export async function writeFileAtomic(
  env: Env,
  path: string,
  content: string,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const dir = dirname(path)
  try {
    await env.fs.mkdir(dir, { recursive: true, mode: options.dirMode ?? 0o700 })
  } catch (error) {
    throw fileErrorFrom(error, path, 'write')
  }
  await removeAbandonedTempFiles(env, path)
  let mode = options.mode ?? 0o600
  try {
    const stats = await env.fs.stat(path)
    mode = stats.mode & 0o7777
    if (stats.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fileErrorFrom(error, path, 'write')
  }
  const suffix = Buffer.from(env.randomBytes(6)).toString('hex')
  const temp = join(dir, `.${basename(path)}.${env.pid}.${suffix}.tmp`)
  try {
    const handle = await env.fs.open(temp, 'wx', mode)
    try {
      await handle.writeFile(content, 'utf8')
      // open() applies the umask; set the intended mode explicitly.
      await handle.chmod(mode)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await env.fs.rename(temp, path)
  } catch (error) {
    await env.fs.rm(temp, { force: true }).catch(() => {})
    throw fileErrorFrom(error, path, 'write')
  }
  await syncDirectory(env, dir)
}

/** A temp file nobody writes to after this long was left by a writer that died (or froze). */
export const TEMP_FILE_STALE_MS = 10 * 60_000

/**
 * Removes the temp files of earlier writes to `path` whose writer was killed between creating
 * and renaming them. Only names of exactly the shape this module creates are touched
 * (`.<name>.<pid>.<12 hex digits>.tmp`), and only when the pid in the name is not a live process
 * on this host, or when the file has not changed for {@link TEMP_FILE_STALE_MS} (a writer on
 * another host sharing the directory, or a reused pid). Best effort: a failure here never stops
 * the write itself.
 */
export async function removeAbandonedTempFiles(env: Env, path: string): Promise<string[]> {
  const dir = dirname(path)
  const prefix = `.${basename(path)}.`
  const removed: string[] = []
  let names: string[]
  try {
    names = await env.fs.readdir(dir)
  } catch {
    return removed
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    const match = TEMP_SUFFIX.exec(name.slice(prefix.length))
    if (match === null) continue
    const pid = Number(match[1])
    const temp = join(dir, name)
    try {
      const stats = await env.fs.lstat(temp)
      if (!stats.isFile()) continue
      const stale = env.now() - stats.mtimeMs >= TEMP_FILE_STALE_MS
      if (!stale && (pid === env.pid || env.isProcessAlive(pid))) continue
      await env.fs.rm(temp, { force: true })
      removed.push(temp)
    } catch {}
  }
  return removed
}

const TEMP_SUFFIX = /^([1-9][0-9]{0,9})\.[0-9a-f]{12}\.tmp$/

async function syncDirectory(env: Env, dir: string): Promise<void> {
  // Directory fsync makes the rename durable; not every platform allows opening a directory.
  if (env.platform === 'win32') return
  try {
    const handle = await env.fs.open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {}
}
