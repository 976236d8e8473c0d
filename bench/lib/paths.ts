/**
 * Where things are: the repository, the scratch directory, the report.
 *
 * @module
 */
import { join, resolve } from 'node:path'

/** The repository root. */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..')

/** Scratch space for snapshots and raw results (git-ignored). */
export const SCRATCH_DIR = join(REPO_ROOT, '.cache', 'bench')

/** The committed report. */
export const REPORT_PATH = join(REPO_ROOT, 'docs', 'benchmarks.md')
