/**
 * Usage errors as the AWS CLI prints them: its argparse wording for an invalid choice, with the
 * "Maybe you meant" suggestions it picks with Python's `difflib.get_close_matches` (cutoff 0.8).
 * How they are printed is decided in `exit-codes.ts`.
 *
 * @module
 */
import { UsageError } from '../core/errors.js'

/**
 * The similarity `difflib.SequenceMatcher(None, a, b).ratio()` reports: twice the characters in
 * matching blocks over the total length. Hand-written because the suggestions must be the ones
 * the AWS CLI makes, and no maintained npm package reproduces difflib's block matching; the
 * strings are command names, far below the 200 characters where difflib's "autojunk" starts.
 */
export function sequenceRatio(a: string, b: string): number {
  const where = new Map<string, number[]>()
  for (let j = 0; j < b.length; j++) {
    const list = where.get(b[j] as string) ?? []
    list.push(j)
    where.set(b[j] as string, list)
  }
  let matched = 0
  const queue: Array<[number, number, number, number]> = [[0, a.length, 0, b.length]]
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop() as [number, number, number, number]
    let besti = alo
    let bestj = blo
    let size = 0
    let lengths = new Map<number, number>()
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>()
      for (const j of where.get(a[i] as string) ?? []) {
        if (j < blo) continue
        if (j >= bhi) break
        const k = (lengths.get(j - 1) ?? 0) + 1
        next.set(j, k)
        if (k > size) {
          besti = i - k + 1
          bestj = j - k + 1
          size = k
        }
      }
      lengths = next
    }
    if (size === 0) continue
    matched += size
    if (alo < besti && blo < bestj) queue.push([alo, besti, blo, bestj])
    if (besti + size < ahi && bestj + size < bhi) queue.push([besti + size, ahi, bestj + size, bhi])
  }
  const total = a.length + b.length
  return total === 0 ? 1 : (2 * matched) / total
}

/** `difflib.get_close_matches(word, choices, n=3, cutoff=0.8)`: best first, ties by name, descending. */
export function closeMatches(word: string, choices: readonly string[], cutoff = 0.8): string[] {
  return choices
    .map((choice) => ({ choice, score: sequenceRatio(choice, word) }))
    .filter((m) => m.score >= cutoff)
    .sort((x, y) => y.score - x.score || (x.choice < y.choice ? 1 : x.choice > y.choice ? -1 : 0))
    .slice(0, 3)
    .map((m) => m.choice)
}

/** `argument <name>: Found invalid choice '<word>'`, with the CLI's suggestions when any are close. */
export function invalidChoiceError(name: string, word: string, choices: readonly string[]): UsageError {
  const close = closeMatches(word, choices)
  const maybe = close.length > 0 ? `\nMaybe you meant:\n\n${close.map((c) => `  * ${c}`).join('\n')}` : ''
  return new UsageError(`argument ${name}: Found invalid choice '${word}'\n${maybe}`)
}
