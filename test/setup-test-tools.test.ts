// npm test's pretest, on a machine where it can install nothing (no apt-get, no python3 on PATH):
// it names the command to run in one line per gap, and never fails the run.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from './helpers/tools.js'

describe('scripts/setup-test-tools.mjs', () => {
  it('names the install commands for what it cannot install, and exits 0', () => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'idc-setup-path-'))
    try {
      const run = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'setup-test-tools.mjs')], {
        env: { PATH: emptyPath, HOME: emptyPath },
        encoding: 'utf8',
      })
      expect(run.status).toBe(0)
      expect(run.stderr).toMatch(
        /^setup-test-tools: missing (chromium, )?tmux, unzip; install with: sudo apt-get install -y --no-install-recommends (chromium )?tmux unzip$/m,
      )
      expect(run.stderr).toContain('install AWS CLI v1 with: pipx install awscli')
      expect(run.stdout).toBe('')
    } finally {
      rmSync(emptyPath, { recursive: true, force: true })
    }
  })
})
