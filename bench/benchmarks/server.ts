/**
 * Benchmark 5: server throughput. Placeholder until bench/server-throughput.ts lands.
 *
 * @module
 */
import type { BenchContext } from '../lib/context.js'
import type { Section } from '../lib/report.js'
import type { ToolName } from '../lib/tools.js'

/** Tools benchmark 5 needs. */
export function serverThroughputTools(): ToolName[] {
  return ['motoServer', 'wrk']
}

/** Runs benchmark 5. */
export async function runServerThroughput(_context: BenchContext): Promise<Section> {
  return { id: 5, title: 'Server throughput', body: 'Not measured yet.\n', goals: [], headlines: ['server: not measured'], raw: null }
}
