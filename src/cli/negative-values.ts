/**
 * Option values that look like negative numbers (`--max-items -1`). Python's argparse, which the
 * AWS CLI uses, takes `-1` or `-.5` as a value because no option of the CLI looks like a negative
 * number; node's `parseArgs` refuses it as ambiguous. Joining such a pair into `--name=-1` before
 * parsing gives the CLI's reading.
 *
 * @module
 */
import type { OptionSpec } from './command.js'

/** argparse's test for a negative number. */
const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/

/** Returns `tokens` with each `--name VALUE` of a string option joined when VALUE is a negative number. */
export function joinNegativeValues(tokens: readonly string[], specs: Readonly<Record<string, OptionSpec>>): string[] {
  const out: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string
    const next = tokens[i + 1]
    const spec = token.startsWith('--') ? specs[token.slice(2)] : undefined
    if (spec?.type === 'string' && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`${token}=${next}`)
      i++
    } else {
      out.push(token)
    }
    if (token === '--') {
      out.push(...tokens.slice(i + 1))
      break
    }
  }
  return out
}
