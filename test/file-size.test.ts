// No source file past ~400 lines (CONTRIBUTING: split by domain). A long file is a sign that two
// concerns share it; the few that may stay long for now are listed below, each with its reason, and
// an entry must go once its file is back under the limit.
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSourceFiles } from './helpers/source-tree.js'

const SRC = resolve(import.meta.dirname, '..', 'src')

/** The most lines a non-test source file under src/ may have. */
const MAX_LINES = 400

/** Files allowed past {@link MAX_LINES} (paths relative to src/), and why. */
const ALLOWED_LONG_FILES: Readonly<Record<string, string>> = {}

/** Lines as an editor counts them: `wc -l`, plus a last line without a newline. */
function lineCount(text: string): number {
  if (text === '') return 0
  const newlines = text.split('\n').length - 1
  return text.endsWith('\n') ? newlines : newlines + 1
}

/** `file: N lines` for each file past `limit` that `allowed` does not name. */
function findLongFiles(
  files: ReadonlyMap<string, string>,
  limit: number,
  allowed: Readonly<Record<string, string>>,
): string[] {
  const offenders: string[] = []
  for (const [rel, text] of files) {
    const lines = lineCount(text)
    if (lines > limit && !(rel in allowed)) offenders.push(`${rel}: ${lines} lines`)
  }
  return offenders.sort()
}

/** Allowlist entries whose file is gone or back under `limit`. */
function findStaleAllowances(
  files: ReadonlyMap<string, string>,
  limit: number,
  allowed: Readonly<Record<string, string>>,
): string[] {
  return Object.keys(allowed)
    .filter((rel) => {
      const text = files.get(rel)
      return text === undefined || lineCount(text) <= limit
    })
    .sort()
}

describe('file size', () => {
  const files = readSourceFiles(SRC)

  it(`keeps every non-test source file under src/ at ${MAX_LINES} lines or fewer, but the listed ones`, () => {
    expect(files.size).toBeGreaterThan(100)
    expect(findLongFiles(files, MAX_LINES, ALLOWED_LONG_FILES)).toEqual([])
  })

  it('lists only files that exist and are still past the limit, each with a reason', () => {
    expect(findStaleAllowances(files, MAX_LINES, ALLOWED_LONG_FILES)).toEqual([])
    for (const [rel, reason] of Object.entries(ALLOWED_LONG_FILES)) expect(reason.trim(), rel).not.toBe('')
  })

  // The checks above pass on a clean tree; these make sure they would fail on a dirty one.
  const long = `${'const x = 1\n'.repeat(MAX_LINES)}export {}\n`
  const atLimit = 'const x = 1\n'.repeat(MAX_LINES)

  it('catches a file one line past the limit', () => {
    const planted = new Map([
      ['server/planted.ts', long],
      ['server/fine.ts', atLimit],
    ])
    expect(findLongFiles(planted, MAX_LINES, {})).toEqual([`server/planted.ts: ${MAX_LINES + 1} lines`])
  })

  it('counts a last line without a newline, as wc -l does not but an editor does', () => {
    expect(findLongFiles(new Map([['cli/planted.tsx', `${atLimit}x`]]), MAX_LINES, {})).toEqual([
      `cli/planted.tsx: ${MAX_LINES + 1} lines`,
    ])
  })

  it('lets a listed file stay long, and flags the entry once the file is short or gone', () => {
    const planted = new Map([
      ['core/long.ts', long],
      ['core/short.ts', atLimit],
    ])
    const allowed = { 'core/long.ts': 'why', 'core/short.ts': 'why', 'core/gone.ts': 'why' }
    expect(findLongFiles(planted, MAX_LINES, allowed)).toEqual([])
    expect(findStaleAllowances(planted, MAX_LINES, allowed)).toEqual(['core/gone.ts', 'core/short.ts'])
  })
})
