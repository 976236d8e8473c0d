// `idc status` with the built idc: it runs from the warm CommonJS build like
// `configure export-credentials` (shell prompts run it before every prompt), reads only the
// configuration and the caches, and reports the documented exit codes.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ssoRoleCacheKey } from '../../src/core/credentials/cache-keys.js'
import { ssoTokenCacheKey } from '../../src/core/sso/cache.js'
import { IDC_BIN, REPO_ROOT } from '../helpers/tools.js'

const scratch = mkdtempSync(join(tmpdir(), 'idc-e2e-status-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z'

function setupHome(name: string, signedIn: boolean): string {
  const home = join(scratch, name)
  mkdirSync(join(home, '.aws', 'cli', 'cache'), { recursive: true })
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true })
  writeFileSync(
    join(home, '.aws', 'config'),
    '[profile p]\nsso_session = s\nsso_account_id = 123456789011\nsso_role_name = AdministratorAccess\n\n[sso-session s]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n',
  )
  if (signedIn) {
    const key = ssoRoleCacheKey({ accountId: '123456789011', roleName: 'AdministratorAccess', sessionName: 's' })
    writeFileSync(
      join(home, '.aws', 'cli', 'cache', `${key}.json`),
      JSON.stringify({
        ProviderType: 'sso',
        Credentials: {
          AccessKeyId: 'ASIA',
          SecretAccessKey: 's',
          SessionToken: 't',
          Expiration: iso(Date.now() + 3600_000),
        },
      }),
    )
    writeFileSync(
      join(home, '.aws', 'sso', 'cache', `${ssoTokenCacheKey('s')}.json`),
      JSON.stringify({
        accessToken: 'a',
        expiresAt: iso(Date.now() + 2 * 3600_000),
        startUrl: 'https://example.awsapps.com/start',
      }),
    )
  }
  return home
}

function runStatus(home: string, args: string[]) {
  const report = join(scratch, 'loaded.json')
  const reporter = join(scratch, 'report.cjs')
  writeFileSync(
    reporter,
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify({ builtins: process.moduleLoadList, required: Object.keys(require.cache) })))\n`,
  )
  const result = spawnSync(process.execPath, ['-r', reporter, IDC_BIN, 'status', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: home },
    encoding: 'utf8',
  })
  const loaded = JSON.parse(readFileSync(report, 'utf8')) as { builtins: string[]; required: string[] }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ...loaded }
}

describe('idc status (built)', () => {
  it('runs from the warm build, loads nothing heavy and exits 0 when credentials are cached', () => {
    const run = runStatus(setupHome('ready', true), ['--profile', 'p'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^profile {5}p\nsource {6}IAM Identity Center, sso-session s\n/)
    expect(run.stdout).toMatch(/\nstatus {6}ready: cached role credentials \(1 h 59 min left\)\n$/)
    expect(run.required.map((file) => relative(REPO_ROOT, file)).filter((file) => !file.startsWith('..'))).toEqual([
      'bin/idc.cjs',
    ])
    for (const heavy of ['crypto', 'child_process', 'http', 'https', 'internal/modules/esm/loader']) {
      expect(run.builtins).not.toContain(`NativeModule ${heavy}`)
    }
  })

  it('prints the prompt segment, and exits 3 with the sign-in command when nobody signed in', () => {
    const ready = runStatus(setupHome('prompt', true), ['--profile', 'p', '--prompt'])
    expect(ready.stdout).toBe('p 119m\n')
    const home = setupHome('signed-out', false)
    const prompt = runStatus(home, ['--profile', 'p', '--prompt'])
    expect([prompt.status, prompt.stdout]).toEqual([3, 'p sign-in\n'])
    const json = runStatus(home, ['--profile', 'p', '--json'])
    expect(json.status).toBe(3)
    expect(JSON.parse(json.stdout)).toMatchObject({
      state: 'sign-in-needed',
      signInCommand: 'idc sso login --sso-session s',
    })
  })

  it('lists the sessions with --all, loading the session module from the main build', () => {
    const run = runStatus(setupHome('all', true), ['--all'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^SESSION +KIND +STATUS +TOKEN +PROFILES\ns +sso-session +ready +1 h 59 min left +p\n$/)
  })
})
