/**
 * Markdown pieces for docs/benchmarks.md: tables, number formats, goal lines.
 *
 * @module
 */
import type { Measurement } from './harness.js'
import type { Summary } from './stats.js'

/** One of idc's speed goals and whether this run met it. */
export interface GoalResult {
  goal: string
  /** undefined when it could not be measured. */
  met: boolean | undefined
  detail: string
}

/** What one benchmark contributes to the report. */
export interface Section {
  id: number
  title: string
  /** Markdown body (tables and notes), without the heading. */
  body: string
  goals: GoalResult[]
  /** One-line headline figures for the summary and the console. */
  headlines: string[]
  /** Raw figures, saved as JSON beside the report. */
  raw: unknown
}

/** A markdown table. */
export function table(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  align: 'numbers' | 'text' = 'numbers',
): string {
  const esc = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ')
  const rule = headers.map((_, i) => (i === 0 || align === 'text' ? '---' : '---:'))
  const lines = [`| ${headers.map(esc).join(' | ')} |`, `| ${rule.join(' | ')} |`]
  for (const row of rows) lines.push(`| ${row.map(esc).join(' | ')} |`)
  return lines.join('\n')
}

/** Milliseconds with sensible precision. */
export function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–'
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`
  if (value >= 100) return `${value.toFixed(0)} ms`
  return `${value.toFixed(1)} ms`
}

/** A ratio like `1.08×`. */
export function ratio(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–'
  return value >= 10 ? `${value.toFixed(1)}×` : `${value.toFixed(2)}×`
}

/** `min–max`. */
export function range(summary: Summary | undefined, format: (v: number) => string = ms): string {
  return summary ? `${format(summary.min)} – ${format(summary.max)}` : '–'
}

/** KiB as MiB. */
export function mib(kib: number | undefined): string {
  return kib === undefined || !Number.isFinite(kib) ? '–' : `${(kib / 1024).toFixed(1)} MiB`
}

/** The median of a measurement, or undefined when it failed. */
export function med(m: Measurement | undefined): number | undefined {
  return m?.summary?.median
}

/** A short note on contenders that failed or were dropped. */
export function failureNotes(measurements: readonly Measurement[]): string {
  const notes = measurements
    .filter((m) => m.failure)
    .map((m) => `- **${m.label}**: ${m.summary ? `${m.failedRuns} run(s) failed` : 'not measured'} — \`${m.failure}\``)
  return notes.length ? `\nFailures in this run:\n\n${notes.join('\n')}\n` : ''
}

/** A goal line for the summary table. */
export function goalRow(goal: GoalResult): string[] {
  const status = goal.met === undefined ? 'not measured' : goal.met ? 'met' : 'missed'
  return [goal.goal, status, goal.detail]
}
