// The library's public API is what README.md and docs/ describe: every export of src/core/index.ts
// that is not marked @internal must be named there (the error classes the documented functions
// throw, and the SSO token cache the README lists as a whole, excepted).
import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..')
const INDEX = readFileSync(join(ROOT, 'src/core/index.ts'), 'utf8')
const DOCS = [
  readFileSync(join(ROOT, 'README.md'), 'utf8'),
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => readFileSync(join(ROOT, 'docs', name), 'utf8')),
].join('\n')

/** Modules exported as a whole, which the README names as a part ("the SSO token cache"). */
const DOCUMENTED_AS_A_PART = ['./sso/cache.js', './sso/token-provider.js', './errors.js', './env.js']

/** Each `export … from '…'` statement: its value names, its module and whether it is @internal. */
function exportStatements(text: string): { names: string[]; from: string; internal: boolean }[] {
  const statements: { names: string[]; from: string; internal: boolean }[] = []
  const pattern = /(\/\*\*[^]*?\*\/\s*)?export\s+(type\s+)?\{([^}]*)\}\s*from\s*'([^']+)'/g
  for (const match of text.matchAll(pattern)) {
    if (match[2]) continue // `export type { … }`: types only
    const names = (match[3] ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '' && !part.startsWith('type '))
    statements.push({ names, from: match[4] ?? '', internal: (match[1] ?? '').includes('@internal') })
  }
  return statements
}

describe('the public API', () => {
  const statements = exportStatements(INDEX)

  it('reads the export statements of src/core/index.ts', () => {
    expect(statements.length).toBeGreaterThan(20)
    expect(statements.some((s) => s.internal)).toBe(true)
    expect(statements.some((s) => !s.internal)).toBe(true)
  })

  it('documents every export that is not @internal', () => {
    const undocumented = statements
      .filter((s) => !s.internal && !DOCUMENTED_AS_A_PART.includes(s.from))
      .flatMap((s) => s.names)
      .filter((name) => !new RegExp(`\\b${name}\\b`).test(DOCS))
    expect(undocumented).toEqual([])
  })

  it('would notice an undocumented public export', () => {
    const planted = exportStatements("export { somethingNobodyDescribed } from './x.js'")
    expect(planted.filter((s) => !s.internal).flatMap((s) => s.names)).toEqual(['somethingNobodyDescribed'])
    expect(/\bsomethingNobodyDescribed\b/.test(DOCS)).toBe(false)
  })
})
