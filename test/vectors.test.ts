// The vendored conformance vectors (test/vectors/) are the upstream bytes: every file there is listed
// in provenance.json, and its size, sha256 and (for upstream copies) git blob id match that entry.
// Each upstream repository's LICENSE and NOTICE travel with its files.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readVector, VECTORS_DIR } from './helpers/vectors.js'

interface ProvenanceEntry {
  file: string
  set: string
  repo?: string
  git_blob?: string
  generated?: boolean
  sha256: string
  bytes: number
}

/** Files under the vectors folder that describe it rather than being vectors. */
const DESCRIPTIONS = new Set(['README.md', 'provenance.json'])

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(VECTORS_DIR, path).replaceAll('\\', '/')]
  })
}

/** The id git gives a file's content (`git hash-object`). */
function gitBlobId(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}

const entries = readVector<{ files: ProvenanceEntry[] }>('provenance.json').files
const vendored = filesUnder(VECTORS_DIR).filter((file) => !DESCRIPTIONS.has(file))

describe('vendored conformance vectors', () => {
  it('lists every vendored file in provenance.json, and vendors every file it lists', () => {
    expect(vendored.length).toBeGreaterThan(0)
    expect(vendored.sort()).toEqual(entries.map((e) => e.file).sort())
  })

  it('holds each file with the recorded size, sha256 and git blob id', () => {
    const mismatches: string[] = []
    for (const entry of entries) {
      const bytes = readFileSync(join(VECTORS_DIR, entry.file))
      const actual = {
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        git_blob: entry.git_blob === undefined ? undefined : gitBlobId(bytes),
      }
      for (const key of ['bytes', 'sha256', 'git_blob'] as const)
        if (actual[key] !== entry[key]) mismatches.push(`${entry.file}: ${key} ${actual[key]} != ${entry[key]}`)
      // A file without an upstream blob id must be one the vectors' authors wrote themselves.
      if (entry.git_blob === undefined && entry.generated !== true) mismatches.push(`${entry.file}: no origin`)
    }
    expect(mismatches).toEqual([])
  })

  it('carries the LICENSE and NOTICE of every upstream repository it copies from', () => {
    const licensed = new Set(
      entries.filter((e) => e.set === 'LICENSES').map((e) => `${e.repo}:${e.file.replace(/^.*\./, '')}`),
    )
    const repos = new Set(entries.filter((e) => e.repo && e.set !== 'LICENSES').map((e) => e.repo as string))
    expect(repos.size).toBeGreaterThan(0)
    for (const repo of repos) {
      expect(licensed).toContain(`${repo}:LICENSE`)
      expect(licensed).toContain(`${repo}:NOTICE`)
    }
  })
})
