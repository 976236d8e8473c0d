/**
 * Cross-process locks around read-modify-write cycles on shared files (config edits, token
 * refresh, role-credential fetches). Uses `proper-lockfile`, which locks by creating
 * `<path>.lock` as a directory (atomic on every local file system), refreshes its mtime while
 * held and treats locks older than `stale` as abandoned by a crashed process.
 *
 * @module
 */
import { dirname } from 'node:path'
import type { Env } from '../env.js'

/** Options for {@link withFileLock}. */
export interface FileLockOptions {
  /** How long to keep trying before giving up, in ms (default 30 s). */
  waitMs?: number
  /** Age in ms after which a lock is considered abandoned (default 15 s, minimum 5 s). */
  staleMs?: number
}

/** Runs `fn` while holding the lock for `path` (the file itself need not exist). */
export async function withFileLock<T>(
  env: Env,
  path: string,
  fn: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const { default: lockfile } = await import('proper-lockfile')
  await env.fs.mkdir(dirname(path), { recursive: true, mode: 0o700 })
  const waitMs = options.waitMs ?? 30_000
  const staleMs = Math.max(options.staleMs ?? 15_000, 5_000)
  const deadline = env.now() + waitMs
  let delay = 10
  for (;;) {
    try {
      // A lock taken over after a long pause (a laptop asleep during a sign-in) must not crash the
      // holder from a timer, which proper-lockfile's default onCompromised does; writes stay atomic.
      const release = await lockfile.lock(path, {
        realpath: false,
        stale: staleMs,
        retries: 0,
        onCompromised: () => {},
      })
      try {
        return await fn()
      } finally {
        await release().catch(() => {})
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || env.now() >= deadline) throw error
      // Jittered back-off: many processes start together in the single-flight case.
      await env.sleep(delay + Math.floor(env.randomBytes(1)[0]! / 16))
      delay = Math.min(delay * 2, 200)
    }
  }
}
