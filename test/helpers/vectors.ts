// The conformance vectors vendored under test/vectors/ (see its README.md and provenance.json):
// every test that reads a vector finds it through this folder, so a fresh clone passes alone.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** The vendored vectors folder, `test/vectors/`. */
export const VECTORS_DIR = resolve(import.meta.dirname, '..', 'vectors')

/** The absolute path of a file or folder under the vectors folder. */
export function vectorPath(...parts: string[]): string {
  return resolve(VECTORS_DIR, ...parts)
}

/** Reads and parses a JSON file under the vectors folder. */
export function readVector<T>(relativePath: string): T {
  return JSON.parse(readFileSync(vectorPath(relativePath), 'utf8')) as T
}
