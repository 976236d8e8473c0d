/**
 * Makes a private copy of the built `idc` (bin/ + dist/) for the benchmark run. Other work in the
 * same tree (the end-to-end tests) rebuilds dist/ at any time, deleting it first; timing a copy
 * keeps a long run from failing half-way. dist/ is built first if it is missing or older than src/.
 *
 * @module
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT, SCRATCH_DIR } from './paths.js'

/** The copy to run. */
export interface IdcSnapshot {
  /** `node <bin> …` runs idc. */
  bin: string
  dir: string
  /** Whether dist/ was (re)built for this run. */
  rebuilt: boolean
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path))
    else if (!entry.name.includes('.test.')) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

function needsBuild(): boolean {
  const cli = join(REPO_ROOT, 'dist', 'cli.js')
  if (!existsSync(cli)) return true
  return newestMtime(join(REPO_ROOT, 'src')) > statSync(cli).mtimeMs
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/** Builds dist/ if needed and copies bin/ + dist/ to a private directory. */
export function snapshotIdc(options: { build: boolean }): IdcSnapshot {
  let rebuilt = false
  if (options.build && needsBuild()) {
    process.stderr.write('bench: building dist/ (node scripts/build.mjs)\n')
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' })
    rebuilt = true
  }
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli.js'))) {
    throw new Error('dist/cli.js is missing: run `npm run build` (or drop --no-build)')
  }
  const dir = join(SCRATCH_DIR, `idc-${process.pid}`)
  // A concurrent rebuild may delete dist/ while we copy: retry a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      rmSync(dir, { recursive: true, force: true })
      mkdirSync(dir, { recursive: true })
      cpSync(join(REPO_ROOT, 'bin'), join(dir, 'bin'), { recursive: true })
      cpSync(join(REPO_ROOT, 'dist'), join(dir, 'dist'), { recursive: true })
      if (!existsSync(join(dir, 'dist', 'cli.js'))) throw new Error('dist/cli.js vanished during the copy')
      break
    } catch (error) {
      if (attempt >= 10) throw error
      sleep(1000)
    }
  }
  // ESM like the package; node_modules resolve upwards to the repository's.
  writeFileSync(join(dir, 'package.json'), '{"type":"module","private":true}\n')
  return { bin: join(dir, 'bin', 'idc.cjs'), dir, rebuilt }
}

/** Deletes the copy. */
export function removeSnapshot(snapshot: IdcSnapshot): void {
  rmSync(snapshot.dir, { recursive: true, force: true })
}
