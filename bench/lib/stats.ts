/**
 * Summary statistics for benchmark samples: medians and ranges, never means alone, because
 * whole-process timings on a shared machine have long right tails.
 *
 * @module
 */

/** A sample summarised. */
export interface Summary {
  n: number
  median: number
  min: number
  max: number
  p25: number
  p75: number
}

/** The q-quantile (0..1) of sorted values, linearly interpolated. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  const a = sorted[lo] as number
  const b = sorted[hi] as number
  return a + (b - a) * (pos - lo)
}

/** Median, quartiles and range of the values. */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b)
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
  }
}

/** The median of the values. */
export function median(values: readonly number[]): number {
  return summarize(values).median
}

/**
 * Per-round ratios a[i] / b[i] of two interleaved samples (same round = same machine state), so
 * their spread shows how stable a ratio is, not only the ratio of the medians.
 */
export function pairedRatios(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.min(a.length, b.length)
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push((a[i] as number) / (b[i] as number))
  return out
}
