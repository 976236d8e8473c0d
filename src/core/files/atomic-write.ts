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

/** Options for {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /** Mode for a file that does not exist yet (default 0o600). */
  mode?: number
  /** Mode for directories that have to be created (default 0o700). */
  dirMode?: number
}

/** Atomically replaces `path` with `content`. */
export async function writeFileAtomic(
  env: Env,
  path: string,
  content: string,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const dir = dirname(path)
  await env.fs.mkdir(dir, { recursive: true, mode: options.dirMode ?? 0o700 })
  let mode = options.mode ?? 0o600
  try {
    mode = (await env.fs.stat(path)).mode & 0o7777
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const suffix = Buffer.from(env.randomBytes(6)).toString('hex')
  const temp = join(dir, `.${basename(path)}.${env.pid}.${suffix}.tmp`)
  const handle = await env.fs.open(temp, 'wx', mode)
  try {
    await handle.writeFile(content, 'utf8')
    // open() applies the umask; set the intended mode explicitly.
    await handle.chmod(mode)
    await handle.sync()
  } catch (error) {
    await handle.close().catch(() => {})
    await env.fs.rm(temp, { force: true })
    throw error
  }
  await handle.close()
  try {
    await env.fs.rename(temp, path)
  } catch (error) {
    await env.fs.rm(temp, { force: true })
    throw error
  }
  await syncDirectory(env, dir)
}

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
