// The folder layout is the architecture: src/core (the library), src/cli (the command) and
// src/server (the local Identity Center). The CLI depends on the core; the server never depends
// on the CLI; the core depends on neither. IO (files, processes, sockets, fetch, timers, the
// environment variables and the clock) is reached only through the injected environment, whose
// real implementations live in the few files listed in ENVIRONMENT_MODULES below.
import { readFileSync } from 'node:fs'
import { join, relative, resolve, dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSourceFiles, typeScriptFiles } from './helpers/source-tree.js'

const SRC = resolve(import.meta.dirname, '..', 'src')

/** The files that build the real environment, and why each may touch Node's IO directly. */
const ENVIRONMENT_MODULES: Readonly<Record<string, string>> = {
  'core/node-env.ts': 'builds the core Env: node:fs, process.env, the clock, timers/promises',
  'core/credentials/node-process-runner.ts':
    "the library's credential_process runner for callers outside the CLI (node:child_process)",
  'core/aws/http-handler.ts':
    'the one HTTP handler of the AWS clients, the start-URL probe and the console GET: node:https agents with the CA bundle, proxy agents',
  'cli/node-cli-env.ts': 'builds the CliEnv: streams, child processes, the shared HTTP handler, timers',
  'cli/main.ts': 'the entry point: argv, process.env (the SDK warning switch) and the exit code',
  'cli/io/callback-server.ts': 'the node:http loopback listener behind env.startCallbackListener()',
  'cli/io/loopback-server.ts':
    'the node:http loopback listener behind env.startLoopbackServer() (container credentials)',
  'cli/io/open-url.ts': 'spawns the browser behind env.openUrl() (node:child_process)',
}

/** The server's exceptions: its composition root and the socket fast path. */
const SERVER_IO_MODULES: Readonly<Record<string, string>> = {
  'server/main.ts':
    'the composition root: opens the port (node:http), the data directory and request log (node:fs), owns the real clock and the purge and log-flush timers',
  'server/node-listener.ts':
    'batches the responses of the node:http fast path with setImmediate; delays those with an injected latency fault',
  'server/data-dir.ts': 'creates the data directory and the database file with their modes (node:fs)',
}

/** Files that only tests import (they read fixtures from disk). */
const TEST_SUPPORT = /(^|\/)testdata\//

/** What "touching IO directly" means, checked on the source with comments removed. */
const IO_PATTERNS: readonly { name: string; pattern: RegExp }[] = [
  {
    name: 'imports node:fs, node:child_process or node:http',
    pattern:
      /^(?!\s*import\s+type\b)[^\n]*\bfrom\s+['"]node:(?:fs|fs\/promises|child_process|http|https)['"]|(?<!typeof\s)\bimport\(\s*['"]node:(?:fs|fs\/promises|child_process|http|https)['"]|\brequire\(\s*['"]node:(?:fs|fs\/promises|child_process|http|https)['"]/m,
  },
  { name: 'calls fetch', pattern: /(?<![.\w])fetch\(/ },
  { name: 'starts a timer', pattern: /(?<![.\w])(?:setTimeout|setInterval|setImmediate)\(/ },
  { name: 'reads process.env', pattern: /\bprocess\.env\b/ },
  { name: 'reads the clock with Date.now()', pattern: /\bDate\.now\(/ },
  { name: 'reads the clock with new Date()', pattern: /\bnew Date\(\s*\)/ },
  { name: 'writes to the console', pattern: /\bconsole\.\w+\(/ },
]

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
}

function importsOf(text: string): string[] {
  const specs: string[] = []
  for (const match of withoutComments(text).matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g))
    specs.push(match[1] as string)
  return specs
}

/** `part -> forbidden part` imports in `files` (paths relative to src/ and their texts). */
function findForbiddenImports(
  files: ReadonlyMap<string, string>,
  rules: readonly (readonly [string, readonly string[]])[],
): string[] {
  const offenders: string[] = []
  for (const [rel, text] of files) {
    const part = rel.split('/')[0] ?? ''
    const forbidden = rules.find(([from]) => from === part)?.[1] ?? []
    for (const spec of importsOf(text)) {
      if (!spec.startsWith('.')) continue
      const target = relative(SRC, resolve(SRC, dirname(rel), spec)).split(/[\\/]/)[0] ?? ''
      if (forbidden.includes(target)) offenders.push(`${rel} -> ${spec}`)
    }
  }
  return offenders
}

/** Files outside the allowlists that touch IO directly, with what they do. */
function findDirectIo(files: ReadonlyMap<string, string>): string[] {
  const offenders: string[] = []
  for (const [rel, text] of files) {
    if (rel in ENVIRONMENT_MODULES || rel in SERVER_IO_MODULES || TEST_SUPPORT.test(rel)) continue
    const code = withoutComments(text)
    for (const { name, pattern } of IO_PATTERNS) if (pattern.test(code)) offenders.push(`${rel}: ${name}`)
  }
  return offenders
}

const LAYERS = [
  ['core', ['cli', 'server']],
  ['server', ['cli']],
] as const

describe('architecture', () => {
  const files = readSourceFiles(SRC)

  it('has the three parts', () => {
    expect(new Set([...files.keys()].map((f) => f.split('/')[0]))).toEqual(new Set(['core', 'cli', 'server']))
  })

  it.each(LAYERS)('%s never imports %j', (part, forbidden) => {
    const own = new Map([...files].filter(([rel]) => rel.startsWith(`${part}/`)))
    expect(findForbiddenImports(own, [[part, forbidden]])).toEqual([])
  })

  it('keeps direct IO in the environment modules and the listed server files', () => {
    expect(findDirectIo(files)).toEqual([])
  })

  it('lists only files that exist', () => {
    for (const rel of [...Object.keys(ENVIRONMENT_MODULES), ...Object.keys(SERVER_IO_MODULES)])
      expect(files.has(rel), rel).toBe(true)
  })

  // The checks above pass on a clean tree; these make sure they would fail on a dirty one.
  it.each([
    [
      'core/config/profile.ts',
      "import { runCli } from '../../cli/run-cli.js'",
      'core/config/profile.ts -> ../../cli/run-cli.js',
    ],
    ['core/sso/cache.ts', "export { app } from '../../server/app.js'", 'core/sso/cache.ts -> ../../server/app.js'],
    ['server/app.ts', "const m = await import('../cli/run-cli.js')", 'server/app.ts -> ../cli/run-cli.js'],
  ])('catches a forbidden import planted in %s', (rel, line, expected) => {
    expect(findForbiddenImports(new Map([[rel, line]]), LAYERS)).toEqual([expected])
  })

  it.each([
    ["import { readFileSync } from 'node:fs'", 'imports node:fs, node:child_process or node:http'],
    ["import * as fsp from 'node:fs/promises'", 'imports node:fs, node:child_process or node:http'],
    ["const { spawn } = await import('node:child_process')", 'imports node:fs, node:child_process or node:http'],
    ["import { createServer } from 'node:http'", 'imports node:fs, node:child_process or node:http'],
    ["const res = await fetch('https://example.com')", 'calls fetch'],
    ['setTimeout(done, 10)', 'starts a timer'],
    ['const t = setInterval(draw, 120)', 'starts a timer'],
    ['setImmediate(flush)', 'starts a timer'],
    ['const home = process.env.HOME', 'reads process.env'],
    ['const t = Date.now()', 'reads the clock with Date.now()'],
    ['const today = new Date()', 'reads the clock with new Date()'],
    ["console.log('hi')", 'writes to the console'],
  ])('catches direct IO planted in a command: %s', (line, name) => {
    expect(findDirectIo(new Map([['cli/commands/planted.ts', line]]))).toEqual([`cli/commands/planted.ts: ${name}`])
  })

  it.each([
    "import type { Stats } from 'node:fs'",
    "let kind: typeof import('node:fs') | undefined",
    'const expires = new Date(env.now() + 1000)',
    'const response = await app.fetch(request)',
    'const { credentials } = await options.fetch()',
    '// setTimeout(done, 10) in a comment',
  ])('leaves alone code that does no IO: %s', (line) => {
    expect(findDirectIo(new Map([['cli/commands/clean.ts', line]]))).toEqual([])
  })

  it('keeps test helpers out of src: no source file imports anything outside src', () => {
    const offenders: string[] = []
    // testdata/ folders hold fixtures for the tests beside them, not production code.
    for (const [rel, text] of files) {
      if (rel.includes('/testdata/')) continue
      for (const spec of importsOf(text)) {
        if (spec.startsWith('.') && relative(SRC, resolve(SRC, dirname(rel), spec)).startsWith('..'))
          offenders.push(`${rel} -> ${spec}`)
      }
    }
    expect(offenders).toEqual([])
    expect([...files.keys()].filter((f) => /(^|\/)test-[^/]*\.tsx?$/.test(f))).toEqual([])
  })

  it('keeps SQL and the database handle inside src/server/store', () => {
    const ROOT = resolve(SRC, '..')
    const everywhere = [SRC, join(ROOT, 'test'), join(ROOT, 'bench')].flatMap((dir) =>
      typeScriptFiles(dir, { tests: true }),
    )
    const offenders: string[] = []
    for (const file of everywhere) {
      const rel = relative(ROOT, file).replaceAll('\\', '/')
      if (rel.startsWith('src/server/store/') || rel === 'test/architecture.test.ts') continue
      // Naming the package is allowed (idc server's install advice, package.json checks); importing
      // it is not. The server command's test writes a stand-in module elsewhere that imports it, to
      // get Node's real error for a missing package.
      const importsSqlite = /(from|import|require\()\s*\(?['"]better-sqlite3['"]/
      const standIn = rel === 'src/cli/commands/server.test.ts'
      const text = readFileSync(file, 'utf8')
      for (const pattern of [
        /\.prepare\(/,
        /\bdb\.(exec|pragma|transaction)\(/,
        /\.db\.\w/,
        /\bstore\.db\b/,
        ...(standIn ? [] : [importsSqlite]),
      ]) {
        if (pattern.test(text)) offenders.push(`${rel}: ${pattern.source}`)
      }
    }
    expect(offenders).toEqual([])
  })
})
