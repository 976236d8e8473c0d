/**
 * The environment every piece of idc works through: files, environment variables, the host and
 * process, the clock, timers and randomness. Nothing outside `node-env.ts` touches `node:fs`,
 * `process.env` or `Date.now()` directly, so every function can be tested with a temporary home and
 * a fixed clock. The network is not part of it: AWS calls go through SDK clients made by an
 * injected factory (`src/core/aws/clients.ts`).
 *
 * @module
 */
import type * as fsp from 'node:fs/promises'

/** The file operations idc needs; `node:fs/promises` satisfies it. */
export type FileSystem = Pick<
  typeof fsp,
  'readFile' | 'writeFile' | 'mkdir' | 'stat' | 'lstat' | 'chmod' | 'rename' | 'unlink' | 'readdir' | 'open' | 'rm'
>

/** Environment variables, read-only from idc's point of view. */
export type EnvVars = Readonly<Record<string, string | undefined>>

/** The side effects idc's core library uses. */
export interface Env {
  /** File system access. */
  readonly fs: FileSystem
  /** Environment variables (a snapshot or a live view of `process.env`). */
  readonly vars: EnvVars
  /** The operating system's idea of the home directory, used when HOME and friends are unset. */
  osHomeDir(): string
  /** `process.platform`. */
  readonly platform: NodeJS.Platform
  /** This process's id (lock owners, temp file names). */
  readonly pid: number
  /** This machine's host name (lock owners: a pid means something only on its own host). */
  hostname(): string
  /** True when a process with this id exists on this host (lock and temp-file owners). */
  isProcessAlive(pid: number): boolean
  /** Milliseconds since the epoch. */
  now(): number
  /** Waits `ms` milliseconds; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  /** Cryptographically secure random bytes. */
  randomBytes(size: number): Uint8Array
  /** A random RFC 4122 version 4 UUID. */
  randomUUID(): string
}
