/**
 * Dependencies for server tests: an in-memory store, a clock the test moves, seeded ids and a
 * logger that keeps its lines. Not used by the running server.
 *
 * @module
 */
import type { Logger, ServerDeps, ServerOptions } from '../../../src/server/deps.js'
import { createSeededIds } from '../../../src/server/ids.js'
import { createMetrics } from '../../../src/server/metrics.js'
import { openStore } from '../../../src/server/store/store.js'
import { applyOrg, ensureAdminCredentials, type OrgSpec } from '../../../src/server/domain/org.js'
import { DEMO_ORG } from '../../../src/server/domain/demo-org.js'
import { createPasswordHasher, type PasswordHasher, type ScryptCost } from '../../../src/server/domain/secrets.js'
import type { Ids } from '../../../src/server/ids.js'

/**
 * scrypt at the smallest cost: tests check what the server does with passwords, not scrypt's
 * strength, and the server's cost (~50 ms a hash) would dominate the unit layer. Hashes record
 * their cost, so the code under test verifies them exactly as it verifies real ones.
 */
export const TEST_SCRYPT_COST: ScryptCost = { N: 16, r: 1, p: 1 }

/** A password hasher at {@link TEST_SCRYPT_COST}. */
export function createTestPasswordHasher(ids: Ids): PasswordHasher {
  return createPasswordHasher({ ids, cost: TEST_SCRYPT_COST })
}

/** Test deps plus handles to move the clock and read the log. */
export interface TestDeps extends ServerDeps {
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void
  /** Every log line so far, prefixed with its level. */
  lines: string[]
}

/** Options for {@link createTestDeps}. */
export interface TestDepsOptions {
  /** Start time (ms); default 2026-11-22T00:00:00Z. */
  now?: number
  /** Organisation to apply; default the demo organisation; `null` for an empty store. */
  org?: OrgSpec | null
  options?: Partial<ServerOptions>
  baseUrl?: string
  /** Database file; default `':memory:'` (tests of on-disk effects pass a temporary file). */
  path?: string
}

/** Builds deps over `':memory:'` (or `path`), with the demo organisation applied unless told otherwise. */
export function createTestDeps(options: TestDepsOptions = {}): TestDeps {
  let now = options.now ?? Date.parse('2026-11-22T00:00:00Z')
  const lines: string[] = []
  const logger: Logger = {
    info: (l) => lines.push(`info ${l}`),
    warn: (l) => lines.push(`warn ${l}`),
    request: (l) => lines.push(`request ${l}`),
  }
  const metrics = createMetrics()
  const ids = createSeededIds(42)
  const deps: TestDeps = {
    store: openStore({ path: options.path ?? ':memory:' }),
    clock: () => now,
    ids,
    passwords: createTestPasswordHasher(ids),
    logger,
    options: { strictRefreshRotation: false, ...options.options },
    baseUrl: () => options.baseUrl ?? 'http://localhost',
    metrics,
    recordRequest: (op, outcome, labels) => metrics.recordRequest(op, outcome, labels),
    advance: (ms) => {
      now += ms
    },
    lines,
  }
  if (options.org !== null) applyOrg(deps, options.org ?? DEMO_ORG)
  ensureAdminCredentials(deps)
  return deps
}
