/**
 * What every benchmark gets: options, tools, the idc copy to run, the shared server and token.
 *
 * @module
 */
import type { CachedToken } from './aws-home.js'
import type { RunningServer } from './idc-server.js'
import type { Tools } from './tools.js'

/** Shared state of one `npm run bench`. */
export interface BenchContext {
  quick: boolean
  tools: Tools
  /** `node <idcBin> …` runs idc. */
  idcBin: string
  /** bench/scripts: the JS SDK peer script and the empty ES module. */
  scriptsDir: string
  /** The demo server, when it could be started. */
  server?: RunningServer
  /** Why there is no server (reported where a benchmark needed it). */
  serverProblem?: string
  /** A real token from the server's device flow (with refresh token and registration). */
  token?: CachedToken
  /** How long the current benchmark may take (set by run.ts from the run's overall deadline). */
  budgetMs: number
  log(line: string): void
}

/** Picks the quick or the full value. */
export function pick<T>(context: BenchContext, full: T, quick: T): T {
  return context.quick ? quick : full
}
