// The warm credential path: with valid cached role credentials, the built
// `idc configure export-credentials` reads the config and one cache file and loads nothing heavy —
// no AWS SDK, no lock library, no prompt library, no server, not even node:crypto — from very few
// ES modules. A module-resolution hook records every module the process loads.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { ssoRoleCacheKey } from '../../src/core/credentials/cache-keys.js'
import { IDC_BIN } from '../helpers/tools.js'

const scratch = mkdtempSync(join(tmpdir(), 'idc-e2e-warm-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function setupHome(): string {
  const home = join(scratch, 'home')
  mkdirSync(join(home, '.aws', 'cli', 'cache'), { recursive: true })
  writeFileSync(
    join(home, '.aws', 'config'),
    '[profile p]\nsso_session = s\nsso_account_id = 123456789011\nsso_role_name = AdministratorAccess\n\n[sso-session s]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n',
  )
  const key = ssoRoleCacheKey({ accountId: '123456789011', roleName: 'AdministratorAccess', sessionName: 's' })
  const expiration = new Date(Date.now() + 3600_000).toISOString().slice(0, 19) + 'Z'
  writeFileSync(
    join(home, '.aws', 'cli', 'cache', `${key}.json`),
    JSON.stringify({ ProviderType: 'sso', Credentials: { AccessKeyId: 'ASIAWARM', SecretAccessKey: 's', SessionToken: 't', Expiration: expiration, AccountId: '123456789011' } }),
  )
  return home
}

function writeHooks(log: string): string {
  const hooks = join(scratch, 'hooks.mjs')
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs'
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context)
  appendFileSync(${JSON.stringify(log)}, result.url + '\\n')
  return result
}
`,
  )
  const register = join(scratch, 'register.mjs')
  writeFileSync(register, `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`)
  return register
}

describe('the warm credential path', () => {
  it('loads two ES modules of idc and nothing heavy', () => {
    const home = setupHome()
    const log = join(scratch, 'loaded.txt')
    const register = writeHooks(log)
    const builtins = join(scratch, 'builtins.txt')
    const reportBuiltins = join(scratch, 'report.cjs')
    writeFileSync(reportBuiltins, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(builtins)}, process.moduleLoadList.join('\\n')))\n`)
    const result = spawnSync(process.execPath, ['--import', register, '-r', reportBuiltins, IDC_BIN, 'configure', 'export-credentials', '--profile', 'p'], {
      env: { PATH: process.env.PATH ?? '', HOME: home },
      encoding: 'utf8',
    })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ AccessKeyId: 'ASIAWARM' })

    const urls = readFileSync(log, 'utf8').trim().split('\n')
    const files = urls.filter((u) => u.startsWith('file:'))
    expect(files.filter((u) => u.includes('/node_modules/'))).toEqual([])
    expect(files.map((u) => u.replace(/^.*\/(bin|dist)\//, '$1/'))).toEqual(['bin/idc.mjs', 'dist/warm/cli.js'])
    const loadedBuiltins = readFileSync(builtins, 'utf8')
    for (const heavy of ['NativeModule crypto', 'NativeModule child_process', 'NativeModule http', 'NativeModule https']) {
      expect(loadedBuiltins.split('\n')).not.toContain(heavy)
    }
  })
})
