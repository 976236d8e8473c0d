// Test helpers for the seeded fuzz tests of this folder: how many runs and from which seed
// (IDC_FUZZ_RUNS, IDC_FUZZ_SEED), picking from a list, and a loop that names the seed of a failed
// run and the command that replays it.
import { createRandom } from './vectors.js'

/** A seeded source of numbers in [0, 1). */
export type Random = () => number

/** One item of `items`, chosen by `random`. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

/** The runs of one fuzz test: their number, and whether IDC_FUZZ_SEED asked for a single replay. */
export interface FuzzPlan {
  runs: number
  replay: boolean
}

/** The runs to make: IDC_FUZZ_RUNS or `defaultRuns`; one run when IDC_FUZZ_SEED replays a failure. */
export function fuzzPlan(defaultRuns: number): FuzzPlan {
  return { runs: Number(process.env.IDC_FUZZ_RUNS ?? defaultRuns), replay: process.env.IDC_FUZZ_SEED !== undefined }
}

/**
 * Calls `runOnce` with a fresh seeded random source per run and counts the outcomes it returns; a
 * run that throws fails with its seed and the command that replays it (`file` is the test file).
 */
export function runFuzz<T extends string>(
  plan: FuzzPlan,
  file: string,
  runOnce: (random: Random) => T,
): Partial<Record<T, number>> {
  const first = Number(process.env.IDC_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
  const counts: Partial<Record<T, number>> = {}
  for (let run = 0; run < (plan.replay ? 1 : plan.runs); run++) {
    const seed = (first + run) >>> 0
    try {
      const outcome = runOnce(createRandom(seed))
      counts[outcome] = (counts[outcome] ?? 0) + 1
    } catch (error) {
      const replay = `IDC_FUZZ_SEED=${seed} npx vitest run ${file}`
      throw new Error(`fuzz run failed with seed ${seed}; replay it with: ${replay}\n${String(error)}`, {
        cause: error,
      })
    }
  }
  return counts
}
