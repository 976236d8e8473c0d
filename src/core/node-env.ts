/**
 * The real environment: the only place in the core library that reaches Node's globals.
 *
 * @module
 */
import * as fsp from 'node:fs/promises'
import { homedir } from 'node:os'
import { randomBytes, randomUUID } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import type { Env } from './env.js'

/** Creates an {@link Env} backed by the running Node.js process. */
export function createNodeEnv(): Env {
  return {
    fs: fsp,
    vars: process.env,
    osHomeDir: homedir,
    platform: process.platform,
    pid: process.pid,
    now: () => Date.now(),
    sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : undefined),
    randomBytes: (size) => randomBytes(size),
    randomUUID: () => randomUUID(),
  }
}
