// `idc doctor` with the built idc, against the AWS CLI v1 (botocore) on the same files: the lines
// doctor flags as read differently really are read differently by `aws`.
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runIdc } from '../helpers/run-idc.js'
import { findAwsV1, requireTool } from '../helpers/tools.js'

const scratch = mkdtempSync(join(tmpdir(), 'idc-e2e-doctor-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
const awsV1 = findAwsV1()

function home(config: string, mode: number): string {
  const dir = mkdtempSync(join(scratch, 'home-'))
  mkdirSync(join(dir, '.aws'))
  writeFileSync(join(dir, '.aws', 'config'), config)
  chmodSync(join(dir, '.aws', 'config'), mode)
  return dir
}

describe('idc doctor (built)', () => {
  it('exits 0 on a clean profile and 5 with warnings, naming the file and line', async () => {
    const clean = home(
      '[profile ci]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\nregion = eu-west-1\n',
      0o600,
    )
    const ok = await runIdc(['doctor', '--profile', 'ci'], { PATH: process.env.PATH ?? '', HOME: clean })
    expect([ok.code, ok.stderr]).toEqual([0, ''])
    expect(ok.stdout).toMatch(/\nNo problems found\.\n$/)

    const dir = home(
      '[profile ci]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\nregion = eu-west-1 # Ireland\n',
      0o644,
    )
    const run = await runIdc(['doctor', '--profile', 'ci', '--json'], { PATH: process.env.PATH ?? '', HOME: dir })
    expect(run.code).toBe(5)
    const report = JSON.parse(run.stdout) as { findings: { check: string; line?: number; file?: string }[] }
    const config = join(dir, '.aws', 'config')
    expect(report.findings.filter((f) => f.check !== 'ok')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'file-mode', file: config }),
        expect.objectContaining({ check: 'divergence:inline-comment', file: config, line: 4 }),
      ]),
    )
  })

  it.skipIf(!requireTool(awsV1))('flags an inline comment that the AWS CLI keeps in the value', async () => {
    const dir = home('[default]\nregion = eu-west-1 # Ireland\n', 0o600)
    const env = { PATH: process.env.PATH ?? '', HOME: dir }
    const fromAws = execFileSync(awsV1.path as string, ['configure', 'get', 'region'], { env, encoding: 'utf8' })
    expect(fromAws).toBe('eu-west-1 # Ireland\n')
    const doctor = await runIdc(['doctor'], env)
    expect(doctor.stdout).toContain(`The AWS CLI reads \`region = eu-west-1 # Ireland\` differently`)
    expect(doctor.stdout).toContain(`(${join(dir, '.aws', 'config')}:2)`)
  })
})
