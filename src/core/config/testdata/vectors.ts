// Test helpers: read the conformance vectors vendored under test/vectors/ and build environments
// with a chosen set of variables.
import type { Env } from '../../env.js'
import { createNodeEnv } from '../../node-env.js'
import { readVector } from '../../../../test/helpers/vectors.js'

export { readVector }

type Split = 'public' | 'holdout'

/** The public/holdout label of a case, per `splits.json`. */
export function splitOf(set: string, caseId: string | number): Split {
  const splits = readVector<{ splits: Record<string, Record<string, Split>> }>('splits.json').splits
  return splits[set]?.[String(caseId)] ?? 'public'
}

/** A real Node environment whose variables (and optionally platform) are replaced. */
export function envWith(vars: Record<string, string | undefined>, overrides: Partial<Env> = {}): Env {
  return { ...createNodeEnv(), vars, osHomeDir: () => '/os-home', ...overrides }
}

/** A small seeded generator (mulberry32) so generated test inputs are the same on every run. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
