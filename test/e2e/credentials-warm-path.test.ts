// The warm credential path: with valid cached role credentials, the built
// `idc configure export-credentials` reads the config and one cache file and loads nothing heavy —
// no AWS SDK, no lock library, no prompt library, no server, no stream classes, not even
// node:crypto — from one CommonJS file compiled with the build's V8 code cache.
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  closeSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ssoRoleCacheKey } from '../../src/core/credentials/cache-keys.js'
import { IDC_BIN, REPO_ROOT } from '../helpers/tools.js'

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
    JSON.stringify({
      ProviderType: 'sso',
      Credentials: {
        AccessKeyId: 'ASIAWARM',
        SecretAccessKey: 's',
        SessionToken: 't',
        Expiration: expiration,
        AccountId: '123456789011',
      },
    }),
  )
  return home
}

interface Loaded {
  status: number | null
  stdout: string
  stderr: string
  /** Node's list of its own modules loaded (`NativeModule crypto`, …). */
  builtins: string[]
  /** CommonJS files loaded, absolute paths. */
  required: string[]
}

/** Runs `node -r <reporter> ...args` with HOME set, reporting the modules the process loaded. */
function runReporting(args: string[], home: string): Loaded {
  const report = join(scratch, 'loaded.json')
  const reporter = join(scratch, 'report.cjs')
  rmSync(report, { force: true })
  writeFileSync(
    reporter,
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify({ builtins: process.moduleLoadList, required: Object.keys(require.cache) })))\n`,
  )
  const result = spawnSync(process.execPath, ['-r', reporter, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: home },
    encoding: 'utf8',
  })
  const loaded = JSON.parse(readFileSync(report, 'utf8')) as { builtins: string[]; required: string[] }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ...loaded }
}

/** Runs the built idc's warm path for profile `p`, reporting the modules it loaded. */
function runWarm(home: string, bin = IDC_BIN): Loaded {
  return runReporting([bin, 'configure', 'export-credentials', '--profile', 'p'], home)
}

/** Node's modules the warm path must not load, as `process.moduleLoadList` names them. */
const HEAVY = [
  'crypto',
  'child_process',
  'http',
  'https',
  'stream',
  'fs/promises',
  'readline',
  'internal/modules/esm/loader',
]

/** idc's and node_modules' CommonJS files a run loaded, relative to the repository. */
function repositoryFiles(run: Loaded): string[] {
  return run.required.map((file) => relative(REPO_ROOT, file)).filter((file) => !file.startsWith('..'))
}

describe('the warm credential path', () => {
  it('runs one CommonJS file with its code cache and loads nothing heavy', () => {
    const home = setupHome()
    const codeCache = join(REPO_ROOT, 'dist', 'warm', 'cli.codecache')
    const before = statSync(codeCache).mtimeMs
    const run = runWarm(home)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ AccessKeyId: 'ASIAWARM' })

    // bin/idc.cjs compiles dist/warm/cli.cjs itself; nothing else of idc's or of node_modules loads.
    expect(repositoryFiles(run)).toEqual(['bin/idc.cjs'])
    for (const heavy of HEAVY) expect(run.builtins).not.toContain(`NativeModule ${heavy}`)
    // V8 accepted the build's code cache: bin/idc.cjs rewrites it only when it does not fit.
    expect(statSync(codeCache).mtimeMs).toBe(before)
  })

  it('sees every one of those modules, and package files, in a process that does load them (positive control)', () => {
    const script = join(scratch, 'loads-heavy.cjs')
    writeFileSync(
      script,
      [
        ...HEAVY.filter((name) => !name.startsWith('internal/')).map((name) => `require('node:${name}')`),
        `require(${JSON.stringify(join(REPO_ROOT, 'node_modules', 'yaml'))})`,
        // A dynamic import is what starts the ES-module loader.
        "import('node:os').then(() => {})",
        '',
      ].join('\n'),
    )
    const run = runReporting([script], scratch)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    for (const heavy of HEAVY) expect(run.builtins).toContain(`NativeModule ${heavy}`)
    expect(repositoryFiles(run)).toEqual(expect.arrayContaining([expect.stringMatching(/^node_modules\/yaml\//)]))
  })

  it('compiles as usual and writes a fresh code cache when the cache does not fit, or cannot be written', () => {
    const home = setupHome()
    const copy = join(scratch, 'package')
    cpSync(join(REPO_ROOT, 'bin'), join(copy, 'bin'), { recursive: true })
    cpSync(join(REPO_ROOT, 'dist'), join(copy, 'dist'), { recursive: true })
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'))
    const codeCache = join(copy, 'dist', 'warm', 'cli.codecache')
    const good = readFileSync(codeCache)
    writeFileSync(codeCache, Buffer.from('not a V8 code cache'))

    const run = runWarm(home, join(copy, 'bin', 'idc.cjs'))
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ AccessKeyId: 'ASIAWARM' })
    const rewritten = readFileSync(codeCache)
    expect(rewritten.length).toBeGreaterThan(good.length / 2)
    expect(readdirSync(join(copy, 'dist', 'warm')).sort()).toEqual(['cli.cjs', 'cli.codecache'])

    // A read-only installation: no cache at all, nothing written, same output.
    rmSync(codeCache)
    chmodSync(join(copy, 'dist', 'warm'), 0o555)
    try {
      const readOnly = runWarm(home, join(copy, 'bin', 'idc.cjs'))
      expect(readOnly.stderr).toBe('')
      expect(readOnly.status).toBe(0)
      expect(JSON.parse(readOnly.stdout)).toMatchObject({ AccessKeyId: 'ASIAWARM' })
    } finally {
      chmodSync(join(copy, 'dist', 'warm'), 0o755)
    }
  })

  it('writes the credentials to a file, and stops quietly when the reader goes away', () => {
    const home = setupHome()
    const out = join(scratch, 'out.json')
    const fd = openSync(out, 'w')
    try {
      const toFile = spawnSync(process.execPath, [IDC_BIN, 'configure', 'export-credentials', '--profile', 'p'], {
        env: { PATH: process.env.PATH ?? '', HOME: home },
        stdio: ['ignore', fd, 'pipe'],
        encoding: 'utf8',
      })
      expect(toFile.stderr).toBe('')
      expect(toFile.status).toBe(0)
    } finally {
      closeSync(fd)
    }
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ AccessKeyId: 'ASIAWARM' })

    // The reader exits without reading (the pipe is closed before or after idc writes).
    const closed = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${IDC_BIN}" configure export-credentials --profile p --format env | true; echo "\${PIPESTATUS[0]}"`,
      ],
      {
        env: { PATH: process.env.PATH ?? '', HOME: home },
        encoding: 'utf8',
      },
    )
    expect(closed.stderr).toBe('')
    expect(closed.stdout).toBe('0\n')
  })
})
