/**
 * The Prometheus counters served at `GET /_idc/metrics`. One instance per server, created in the
 * composition root (never module-level), so tests get fresh counters.
 *
 * @module
 */

/** Counts requests by operation, outcome and extra labels. */
export interface Metrics {
  /** Adds one to `idc_requests_total{operation,outcome,...labels}`. */
  recordRequest(operation: string, outcome: string, labels?: Record<string, string>): void
  /** The Prometheus text exposition. */
  render(): string
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')
}

/** Creates an empty set of counters. */
export function createMetrics(): Metrics {
  const counts = new Map<string, number>()
  // Label strings of the plain operation/outcome pairs, built once: every AWS call records one.
  const plainKeys = new Map<string, string>()
  const labelKey = (all: Record<string, string>): string =>
    Object.keys(all)
      .sort()
      .map((k) => `${k}="${escapeLabel(all[k] as string)}"`)
      .join(',')
  return {
    recordRequest(operation, outcome, labels) {
      let key: string
      if (labels === undefined || Object.keys(labels).length === 0) {
        const id = `${operation}\n${outcome}`
        key = plainKeys.get(id) ?? labelKey({ operation, outcome })
        if (plainKeys.size < 10_000) plainKeys.set(id, key)
      } else {
        key = labelKey({ operation, outcome, ...labels })
      }
      counts.set(key, (counts.get(key) ?? 0) + 1)
    },
    render() {
      const lines = [
        '# HELP idc_requests_total API requests handled, by AWS operation name and outcome.',
        '# TYPE idc_requests_total counter',
      ]
      for (const [key, value] of [...counts].sort()) lines.push(`idc_requests_total{${key}} ${value}`)
      return `${lines.join('\n')}\n`
    },
  }
}
