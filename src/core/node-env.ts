/**
 * The real environment: the only place in the core library that reaches Node's globals.
 *
 * @module
 */
import {
  lstatSync,
  promises,
  readFileSync,
  statSync,
  type ObjectEncodingOptions,
  type PathLike,
  type StatOptions,
} from 'node:fs'
import { createRequire } from 'node:module'
import type { Env, FileSystem } from './env.js'

// Start-up time matters on the warm credential path (`credential_process` runs idc for every AWS
// call a tool makes), so Node modules that are not part of Node's own start-up load only when
// first used: node:crypto (randomness), node:fs/promises (its module graph costs more than the
// reads the warm path makes), node:os and node:timers/promises.
let require: NodeRequire | undefined
function load<T>(id: string): T {
  require ??= createRequire(import.meta.url)
  return require(id) as T
}
/** Runs a synchronous `node:fs` call as a promise (same errors as `node:fs/promises`). */
function settled<T>(call: () => T): Promise<T> {
  try {
    return Promise.resolve(call())
  } catch (error) {
    return Promise.reject(error as Error)
  }
}

/**
 * `node:fs/promises`, except that the calls the warm path makes (reading the config, credentials
 * and cache files, and their modes) run synchronously: for a few small files the thread pool only
 * adds a round trip for each of open, stat, read and close. Everything else goes through the
 * promise API, loaded on first use.
 */
export const nodeFileSystem: FileSystem = {
  // `promises` is read inside each call: in the CommonJS warm build it stays a property access
  // (a getter that loads node:fs/promises), so the warm path never loads it.
  readFile: ((
    path: PathLike | import('node:fs/promises').FileHandle,
    options?: BufferEncoding | ObjectEncodingOptions | null,
  ) =>
    typeof path === 'object' && !(path instanceof URL) && !Buffer.isBuffer(path)
      ? promises.readFile(path, options) // a FileHandle
      : settled(() => readFileSync(path, options))) as FileSystem['readFile'],
  stat: ((path: PathLike, options?: StatOptions) => settled(() => statSync(path, options))) as FileSystem['stat'],
  lstat: ((path: PathLike, options?: StatOptions) => settled(() => lstatSync(path, options))) as FileSystem['lstat'],
  writeFile: (...args) => promises.writeFile(...args),
  mkdir: ((...args: Parameters<FileSystem['mkdir']>) => promises.mkdir(...args)) as FileSystem['mkdir'],
  chmod: (...args) => promises.chmod(...args),
  rename: (...args) => promises.rename(...args),
  unlink: (...args) => promises.unlink(...args),
  readdir: ((...args: Parameters<FileSystem['readdir']>) => promises.readdir(...args)) as FileSystem['readdir'],
  open: (...args) => promises.open(...args),
  rm: (...args) => promises.rm(...args),
}

/**
 * Signal 0 checks that a process exists without touching it: ESRCH means there is none; EPERM
 * means it exists but belongs to another user, which still makes it a live lock owner.
 */
function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Creates an {@link Env} backed by the running Node.js process. */
export function createNodeEnv(): Env {
  return {
    fs: nodeFileSystem,
    vars: process.env,
    osHomeDir: () => load<typeof import('node:os')>('node:os').homedir(),
    platform: process.platform,
    pid: process.pid,
    hostname: () => load<typeof import('node:os')>('node:os').hostname(),
    isProcessAlive,
    now: () => Date.now(),
    sleep: (ms, signal) =>
      load<typeof import('node:timers/promises')>('node:timers/promises').setTimeout(
        ms,
        undefined,
        signal ? { signal } : undefined,
      ),
    randomBytes: (size) => load<typeof import('node:crypto')>('node:crypto').randomBytes(size),
    randomUUID: () => load<typeof import('node:crypto')>('node:crypto').randomUUID(),
  }
}
