/**
 * The real environment: the only place in the core library that reaches Node's globals.
 *
 * @module
 */
import * as fs from 'node:fs'
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
let promises: typeof import('node:fs/promises') | undefined
const fsp = (): typeof import('node:fs/promises') => (promises ??= fs.promises)

/** Runs a callback-style `node:fs` function as a promise (same errors as `node:fs/promises`). */
function viaCallback<T>(start: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))))
}

/**
 * `node:fs/promises`, with the calls the warm path makes (reading config and cache files) done
 * through the callback API that Node has already loaded, and everything else through the promise
 * API on first use.
 */
export const nodeFileSystem: FileSystem = {
  readFile: ((path: fs.PathLike | import('node:fs/promises').FileHandle, options?: BufferEncoding | fs.ObjectEncodingOptions | null) =>
    typeof path === 'object' && !(path instanceof URL) && !Buffer.isBuffer(path)
      ? fsp().readFile(path, options) // a FileHandle
      : viaCallback((done) => fs.readFile(path, options ?? null, done as never))) as FileSystem['readFile'],
  stat: ((path: fs.PathLike, options?: fs.StatOptions) => viaCallback((done) => fs.stat(path, options ?? {}, done as never))) as FileSystem['stat'],
  lstat: ((path: fs.PathLike, options?: fs.StatOptions) => viaCallback((done) => fs.lstat(path, options ?? {}, done as never))) as FileSystem['lstat'],
  writeFile: (...args) => fsp().writeFile(...args),
  mkdir: ((...args: Parameters<FileSystem['mkdir']>) => fsp().mkdir(...args)) as FileSystem['mkdir'],
  chmod: (...args) => fsp().chmod(...args),
  rename: (...args) => fsp().rename(...args),
  unlink: (...args) => fsp().unlink(...args),
  readdir: ((...args: Parameters<FileSystem['readdir']>) => fsp().readdir(...args)) as FileSystem['readdir'],
  open: (...args) => fsp().open(...args),
  rm: (...args) => fsp().rm(...args),
}

/** Creates an {@link Env} backed by the running Node.js process. */
export function createNodeEnv(): Env {
  return {
    fs: nodeFileSystem,
    vars: process.env,
    osHomeDir: () => load<typeof import('node:os')>('node:os').homedir(),
    platform: process.platform,
    pid: process.pid,
    now: () => Date.now(),
    sleep: (ms, signal) => load<typeof import('node:timers/promises')>('node:timers/promises').setTimeout(ms, undefined, signal ? { signal } : undefined),
    randomBytes: (size) => load<typeof import('node:crypto')>('node:crypto').randomBytes(size),
    randomUUID: () => load<typeof import('node:crypto')>('node:crypto').randomUUID(),
  }
}
