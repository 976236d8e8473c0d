/**
 * The real environment: the only place in the core library that reaches Node's globals.
 *
 * @module
 */
import * as fsp from 'node:fs/promises'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { setTimeout as delay } from 'node:timers/promises'
import type { Env } from './env.js'

// node:crypto loads only when randomness is needed: loading it is a measurable part of the warm
// credential path's start-up, which never needs it.
let require: NodeRequire | undefined
function crypto(): typeof import('node:crypto') {
  require ??= createRequire(import.meta.url)
  return require('node:crypto') as typeof import('node:crypto')
}

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
    randomBytes: (size) => crypto().randomBytes(size),
    randomUUID: () => crypto().randomUUID(),
  }
}
