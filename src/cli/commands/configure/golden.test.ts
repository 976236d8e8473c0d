// `idc configure` and `idc configure set` against what the real AWS CLI v2 did in the same cases,
// captured by test/golden/capture-configure.mjs into test/golden/configure.json: the questions
// asked, stderr (with `aws:` read as `idc:`), the exit code and both files afterwards, modes too.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import golden from '../../../../test/golden/configure.json' with { type: 'json' }
import { createTestCliEnv } from '../../../../test/helpers/cli-test-env.js'
import { runCli } from '../../run-cli.js'
import { NEW_PROFILE_TIP } from './configure.js'

interface GoldenFile {
  text: string
  mode: number
}

interface GoldenCase {
  name: string
  args: string[]
  answers?: string[]
  files: Record<string, GoldenFile>
  exitCode: number
  stdout: string
  stderr: string
  after: Record<string, GoldenFile>
}

/** The CLI's tip for a new profile, which idc words differently (it points to `idc configure sso`). */
const CLI_TIP = /^\nTip: [^\n]*\n\n/

describe(`configure against ${golden.awsCliVersion}`, () => {
  it.each((golden.cases as GoldenCase[]).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const env = createTestCliEnv({ answers: c.answers ?? [], interactive: true })
    const dir = join(env.home, '.aws')
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    for (const [name, file] of Object.entries(c.files)) {
      writeFileSync(join(dir, name), file.text)
      chmodSync(join(dir, name), file.mode)
    }

    expect(await runCli(c.args, env)).toBe(c.exitCode)

    expect(env.err.text).toBe(c.stderr.replaceAll('aws: [', 'idc: [').replaceAll('<HOME>', env.home))
    const cliPrompts = c.stdout.replace(CLI_TIP, '').match(/[^:[\]]*\[[^\]]*\]: /g) ?? []
    expect(env.promptsShown).toEqual(cliPrompts)
    expect(env.out.text).toBe(CLI_TIP.test(c.stdout) ? NEW_PROFILE_TIP : '')
    for (const name of ['config', 'credentials']) {
      const path = join(dir, name)
      const expected = c.after[name]
      // The one intentional difference: the CLI adds an empty section header to a config file
      // it had nothing to write to (when only keys changed); idc leaves that file alone.
      const emptySection = expected !== undefined && /^\[[^\]\n]+\]\n$/.test(expected.text) && !c.files[name]
      if (expected === undefined || emptySection) {
        expect(existsSync(path), `${name} should not exist`).toBe(false)
        continue
      }
      expect(readFileSync(path, 'utf8')).toBe(expected.text)
      expect((statSync(path).mode & 0o777).toString(8)).toBe(expected.mode.toString(8))
    }
  })
})
