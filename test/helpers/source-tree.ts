/**
 * The repository's TypeScript files, read for the tests that check the tree as a whole
 * (test/architecture.test.ts, test/file-size.test.ts).
 *
 * @module
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/** `.ts` and `.tsx` files below `dir`; test files (`*.test.ts[x]`) only when `tests` is set. */
export function typeScriptFiles(dir: string, options: { tests: boolean }): string[] {
  const files: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) files.push(...typeScriptFiles(path, options))
    else if (/\.tsx?$/.test(name) && (options.tests || !/\.test\.tsx?$/.test(name))) files.push(path)
  }
  return files
}

/** The non-test source files below `root`, by `/`-separated path relative to it, with their text. */
export function readSourceFiles(root: string): Map<string, string> {
  return new Map(
    typeScriptFiles(root, { tests: false }).map((path) => [
      relative(root, path).replaceAll('\\', '/'),
      readFileSync(path, 'utf8'),
    ]),
  )
}
