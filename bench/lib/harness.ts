/**
 * The interleaving harness: every round runs each contender once (A B C, then B C A, then C A B,
 * …), so slow drift on a shared machine (other builds, thermal or frequency changes) lands on all
 * contenders alike, and no contender always runs right after the same neighbour.
 *
 * @module
 */
import { describeFailure, runProcess, type ProcessSpec, type RunResult } from './process.js'
import { summarize, type Summary } from './stats.js'

/** One program being compared. */
export interface Contender {
  id: string
  label: string
  spec: ProcessSpec
  /** Runs before every run, untimed (e.g. deletes a cache file for a cold start). */
  prepare?: () => void | Promise<void>
  /** Returns why a run's result is wrong (wrong output, non-zero exit), or undefined. */
  validate?: (result: RunResult) => string | undefined
  /** The figure to record for a run (default: wall time in ms). */
  metric?: (result: RunResult) => number
}

/** How many runs, and how long at most. */
export interface InterleaveOptions {
  warmups: number
  runs: number
  /** Stops starting new rounds after this long (the report shows the smaller n). */
  budgetMs: number
  /** Per-run limit. */
  timeoutMs?: number
  log?: (line: string) => void
}

/** The recorded figures of one contender. */
export interface Measurement {
  id: string
  label: string
  /** One entry per timed round; undefined where that run failed. */
  rounds: Array<number | undefined>
  /** Why the contender was dropped or some runs failed. */
  failure?: string
  failedRuns: number
  summary?: Summary
}

/** Default validation: exit code 0 and credentials in the output. */
export function expectCredentials(result: RunResult): string | undefined {
  if (result.code !== 0) return describeFailure(result)
  if (!result.stdout.includes('AccessKeyId') && !result.stdout.includes('AWS_ACCESS_KEY_ID')) {
    return `no credentials in the output: ${result.stdout.slice(0, 120)}`
  }
  return undefined
}

/** Default validation: exit code 0. */
export function expectSuccess(result: RunResult): string | undefined {
  return result.code === 0 ? undefined : describeFailure(result)
}

async function runOnce(contender: Contender, timeoutMs: number): Promise<{ value?: number; error?: string }> {
  await contender.prepare?.()
  const result = await runProcess(contender.spec, timeoutMs)
  const error = (contender.validate ?? expectSuccess)(result)
  if (error) return { error }
  return { value: contender.metric ? contender.metric(result) : result.wallMs }
}

/**
 * Runs warm-ups, then timed rounds, interleaved. A contender whose first warm-up fails is dropped
 * (and reported), so one broken program does not cost the whole budget.
 */
export async function measureInterleaved(
  contenders: readonly Contender[],
  options: InterleaveOptions,
): Promise<Measurement[]> {
  const timeoutMs = options.timeoutMs ?? 60_000
  const log = options.log ?? (() => {})
  const results = new Map<string, Measurement>(
    contenders.map((c) => [c.id, { id: c.id, label: c.label, rounds: [], failedRuns: 0 }]),
  )
  const active = new Set(contenders.map((c) => c.id))
  const rotate = <T>(list: readonly T[], by: number): T[] => list.map((_, i) => list[(i + by) % list.length] as T)

  const started = Date.now()
  for (let w = 0; w < Math.max(1, options.warmups); w++) {
    for (const contender of rotate(contenders, w)) {
      if (!active.has(contender.id)) continue
      const outcome = await runOnce(contender, timeoutMs)
      if (outcome.error) {
        active.delete(contender.id)
        const m = results.get(contender.id) as Measurement
        m.failure = outcome.error
        log(`  ${contender.label}: dropped, ${outcome.error}`)
      }
    }
  }

  const live = contenders.filter((c) => active.has(c.id))
  for (let round = 0; round < options.runs && live.length > 0; round++) {
    if (round > 0 && Date.now() - started > options.budgetMs) {
      log(`  time budget reached after ${round} rounds`)
      break
    }
    for (const contender of rotate(live, round)) {
      const m = results.get(contender.id) as Measurement
      const outcome = await runOnce(contender, timeoutMs)
      if (outcome.error) {
        m.failedRuns++
        m.failure ??= outcome.error
      }
      m.rounds.push(outcome.value)
    }
  }

  for (const m of results.values()) {
    const values = m.rounds.filter((v): v is number => v !== undefined)
    if (values.length > 0) m.summary = summarize(values)
  }
  return [...results.values()]
}
