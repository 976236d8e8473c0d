/**
 * Command-line options of `npm run bench`.
 *
 * @module
 */

/** Parsed options. */
export interface BenchOptions {
  /** Benchmarks to run (1–9). */
  only: number[]
  /** Few runs per contender: for developing the harness, not for publishing. */
  quick: boolean
  /** Build dist/ first when it is missing or older than src/. */
  build: boolean
  /** Where to write the report; undefined = docs/benchmarks.md for full runs, scratch otherwise. */
  out?: string
  /** Render a saved results file again instead of measuring. */
  rerender?: string
  help: boolean
}

/** Usage text. */
export const USAGE = `Usage: npm run bench -- [options]

Runs idc's benchmarks and writes docs/benchmarks.md.

Options:
  --only 1,3     run only these benchmarks (1 warm, 2 cold, 3 single flight, 4 large config,
                 5 server throughput, 6 peak memory, 7 idc status, 8 login-session herd,
                 9 sso populate over 1,000 throttled accounts)
  --quick        a few runs each (minutes less; figures are not publishable)
  --no-build     use dist/ as it is instead of rebuilding it when src/ is newer
  --out FILE     write the report here (default: docs/benchmarks.md for a full run,
                 .cache/bench/benchmarks.md for --quick or --only runs)
  --rerender F   render the saved results file F (.cache/bench/results-*.json) again, with the
                 current bench/findings.md, without measuring
  -h, --help     this text
`

/** Parses argv (without node and the script). */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { only: [1, 2, 3, 4, 5, 6, 7, 8, 9], quick: false, build: true, help: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const [flag, inline] = arg.includes('=') ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg, undefined]
    const value = () => {
      const v = inline ?? argv[++i]
      if (v === undefined) throw new Error(`${flag} needs a value`)
      return v
    }
    switch (flag) {
      case '--only': {
        const ids = value()
          .split(',')
          .map((s) => Number(s.trim()))
        if (ids.some((n) => !Number.isInteger(n) || n < 1 || n > 9))
          throw new Error('--only takes benchmark numbers 1–9, e.g. --only 1,3')
        options.only = [...new Set(ids)].sort()
        break
      }
      case '--quick':
        options.quick = true
        break
      case '--no-build':
        options.build = false
        break
      case '--out':
        options.out = value()
        break
      case '--rerender':
        options.rerender = value()
        break
      case '-h':
      case '--help':
        options.help = true
        break
      default:
        throw new Error(`unknown option ${arg}\n\n${USAGE}`)
    }
  }
  return options
}
