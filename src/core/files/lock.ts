/**
 * Cross-process locks around read-modify-write cycles on shared files (config edits, token
 * refresh, role-credential fetches, sign-in).
 *
 * Hand-written on purpose. idc used `proper-lockfile` before: it has had no release since 2021,
 * reaches `node:fs` through graceful-fs behind the injected {@link Env} (~29 ms to import on the
 * cold path), and only knows "stale after N seconds", so a `kill -9`ed holder blocked every other
 * process for 15 s. We found no maintained lock library that works through an injected file
 * system and checks whether the owner is still alive; the protocol below is small.
 *
 * The lock is the file `<path>.lock`, created with `O_CREAT|O_EXCL` (atomic on local file
 * systems) and holding its owner: pid, host name, when it was taken, and a random nonce. A
 * waiter takes a lock over:
 * - at once when the owner is on this host and its pid is gone (crashed, killed);
 * - after `staleMs` (by the lock file's mtime) when the owner is on another host (a shared home)
 *   or the record cannot be read (an empty file from an owner killed between create and write,
 *   or the directory an older idc with proper-lockfile left);
 * - after {@link LIVE_OWNER_MAX_MS} when the owner's pid is alive, since after that long the pid
 *   more likely belongs to an unrelated process that reused it than to a sign-in still running.
 * Breaking a lock is itself serialised by `<path>.lock.break`, and the breaker removes the lock
 * only if it still holds the record it judged abandoned, so two waiters cannot both break it and
 * remove each other's fresh locks. Release removes the lock only if it still holds our nonce.
 *
 * @module
 */
import { dirname } from 'node:path'
import type { Env } from '../env.js'
import { FileLockedError, fileErrorFrom } from '../errors.js'

/** Options for {@link withFileLock}. */
export interface FileLockOptions {
  /** How long to keep trying before giving up, in ms (default 30 s; 0 tries once). */
  waitMs?: number
  /** Age in ms after which a lock whose owner cannot be checked is abandoned (default 15 s). */
  staleMs?: number
}

/** A live owner on this host keeps its lock at most this long (a sign-in waits up to 10 minutes). */
export const LIVE_OWNER_MAX_MS = 30 * 60_000

const DEFAULT_WAIT_MS = 30_000
const DEFAULT_STALE_MS = 15_000

/** Who holds a lock, as written in the lock file. */
export interface LockOwner {
  pid: number
  hostname: string
  /** When the lock was taken (ISO 8601). */
  acquiredAt: string
  nonce: string
}

/** What a waiter saw at the lock path. */
interface Holder {
  /** The raw content ('' for an empty file or a directory). */
  text: string
  owner: LockOwner | undefined
  mtimeMs: number
}

/** Runs `fn` while holding the lock for `path` (the file itself need not exist). */
export async function withFileLock<T>(
  env: Env,
  path: string,
  fn: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const lockPath = `${path}.lock`
  try {
    await env.fs.mkdir(dirname(path), { recursive: true, mode: 0o700 })
  } catch (error) {
    throw fileErrorFrom(error, lockPath, 'lock')
  }
  const owner: LockOwner = {
    pid: env.pid,
    hostname: env.hostname(),
    acquiredAt: new Date(env.now()).toISOString(),
    nonce: Buffer.from(env.randomBytes(8)).toString('hex'),
  }
  await acquire(env, lockPath, owner, options)
  try {
    return await fn()
  } finally {
    await release(env, lockPath, owner)
  }
}

async function acquire(env: Env, lockPath: string, owner: LockOwner, options: FileLockOptions): Promise<void> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS
  const deadline = env.now() + (options.waitMs ?? DEFAULT_WAIT_MS)
  let delay = 10
  for (;;) {
    if (await tryCreate(env, lockPath, owner)) return
    const holder = await readHolder(env, lockPath)
    if (holder === undefined) continue // released in between: try again at once
    if (isAbandoned(env, holder, staleMs) && (await breakLock(env, lockPath, holder, staleMs))) continue
    if (env.now() >= deadline) throw new FileLockedError(lockPath, describeHolder(holder))
    // Jittered back-off: many processes start together in the single-flight case.
    await env.sleep(delay + Math.floor(env.randomBytes(1)[0]! / 16))
    delay = Math.min(delay * 2, 200)
  }
}

/** Creates the lock file with our record; false when it already exists. */
async function tryCreate(env: Env, lockPath: string, owner: LockOwner): Promise<boolean> {
  let handle
  try {
    handle = await env.fs.open(lockPath, 'wx', 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw fileErrorFrom(error, lockPath, 'lock')
  }
  let failure: unknown
  try {
    await handle.writeFile(`${JSON.stringify(owner)}\n`, 'utf8')
  } catch (error) {
    failure = error
  }
  await handle.close().catch(() => {})
  if (failure === undefined) return true
  await env.fs.rm(lockPath, { force: true }).catch(() => {})
  throw fileErrorFrom(failure, lockPath, 'lock')
}

/** What is at the lock path now, or undefined when nothing is. */
async function readHolder(env: Env, lockPath: string): Promise<Holder | undefined> {
  let mtimeMs: number
  let isDirectory: boolean
  try {
    const stats = await env.fs.lstat(lockPath)
    mtimeMs = stats.mtimeMs
    isDirectory = stats.isDirectory()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw fileErrorFrom(error, lockPath, 'lock')
  }
  if (isDirectory) return { text: '', owner: undefined, mtimeMs }
  let text: string
  try {
    text = await env.fs.readFile(lockPath, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw fileErrorFrom(error, lockPath, 'lock')
  }
  return { text, owner: parseOwner(text), mtimeMs }
}

/** Parses a lock record; undefined for anything that is not one. */
export function parseOwner(text: string): LockOwner | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { pid, hostname, acquiredAt, nonce } = value as Record<string, unknown>
  if (!Number.isSafeInteger(pid) || (pid as number) <= 0) return undefined
  if (typeof hostname !== 'string' || typeof acquiredAt !== 'string' || typeof nonce !== 'string') return undefined
  return { pid: pid as number, hostname, acquiredAt, nonce }
}

function isAbandoned(env: Env, holder: Holder, staleMs: number): boolean {
  const age = env.now() - holder.mtimeMs
  const { owner } = holder
  if (owner === undefined || owner.hostname !== env.hostname()) return age >= staleMs
  if (!env.isProcessAlive(owner.pid)) return true
  return age >= Math.max(staleMs, LIVE_OWNER_MAX_MS)
}

/**
 * Removes an abandoned lock, holding `<lock>.break` so that only one waiter at a time does it;
 * returns false when another waiter is breaking it (the caller backs off and looks again).
 */
async function breakLock(env: Env, lockPath: string, seen: Holder, staleMs: number): Promise<boolean> {
  const breakPath = `${lockPath}.break`
  const breaker: LockOwner = {
    pid: env.pid,
    hostname: env.hostname(),
    acquiredAt: new Date(env.now()).toISOString(),
    nonce: Buffer.from(env.randomBytes(8)).toString('hex'),
  }
  if (!(await tryCreate(env, breakPath, breaker))) {
    // A breaker killed inside the few calls below would block every waiter: same rules apply.
    const other = await readHolder(env, breakPath)
    if (other !== undefined && isAbandoned(env, other, staleMs)) await removeIfUnchanged(env, breakPath, other)
    return false
  }
  try {
    const now = await readHolder(env, lockPath)
    if (now !== undefined && isSameHolder(now, seen) && isAbandoned(env, now, staleMs)) {
      await env.fs.rm(lockPath, { recursive: now.owner === undefined, force: true }).catch((error: unknown) => {
        throw fileErrorFrom(error, lockPath, 'lock')
      })
    }
  } finally {
    await env.fs.rm(breakPath, { force: true })
  }
  return true
}

async function removeIfUnchanged(env: Env, path: string, seen: Holder): Promise<void> {
  const now = await readHolder(env, path)
  if (now !== undefined && isSameHolder(now, seen)) await env.fs.rm(path, { force: true })
}

/** The same lock: the same record (nonces are random), or an unreadable one not touched since. */
function isSameHolder(a: Holder, b: Holder): boolean {
  if (a.owner !== undefined || b.owner !== undefined) return a.owner?.nonce === b.owner?.nonce
  return a.text === b.text && a.mtimeMs === b.mtimeMs
}

/** Removes the lock if it is still ours (a lock taken over after a long pause is someone else's now). */
async function release(env: Env, lockPath: string, owner: LockOwner): Promise<void> {
  try {
    const holder = await readHolder(env, lockPath)
    if (holder?.owner?.nonce === owner.nonce) await env.fs.rm(lockPath, { force: true })
  } catch {
    // Releasing must not hide the result of `fn`; an unreleased lock is taken over when we exit.
  }
}

function describeHolder(holder: Holder): string {
  const { owner } = holder
  if (owner === undefined) return 'an unknown process'
  return `process ${owner.pid} on ${owner.hostname} since ${owner.acquiredAt}`
}
