// Bundles the CLI and the library with esbuild. Code splitting keeps every command and every
// heavy dependency (AWS SDK clients, the server, prompts) in chunks that load only when used;
// node_modules stay external so the installed packages are used as they are. Also emits the
// library's type declarations (dist/types, package.json's `types`), so every build — `npm ci`'s
// `prepare` included — leaves a complete dist/.
import { build } from 'esbuild'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'))
// Build beside dist/ and swap it in, so an `idc` already running (or a parallel test run) never
// sees a half-written dist/.
const staging = `dist.building-${process.pid}`
await rm(staging, { recursive: true, force: true })
// The declarations come from tsc (esbuild emits none); it runs beside esbuild into the staging
// directory, with tsconfig.build.json's settings.
const typesDone = emitTypes(join(staging, 'types'))
const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: false,
  legalComments: 'none',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  define: { __IDC_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
}

await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/core/index.ts' },
  outdir: staging,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
}).then(buildWarmCli)

/**
 * The warm credential path (`idc configure export-credentials`, run by every tool through
 * credential_process) as one CommonJS file, dist/warm/cli.cjs, which bin/idc.cjs runs for that
 * command with a V8 code cache: with code splitting it would load some twenty small shared ES
 * modules, and starting the ES-module loader alone costs more than the credential work.
 * Everything it imports lazily (other commands, prompts, the SSO refresh code, the SDK client
 * factory) points at the main build's chunks, so nothing else is duplicated. Its own copies of the
 * shared modules hold no state (CONTRIBUTING: no module-level caches), and errors cross the
 * boundary by duck typing (`isIdcError`).
 */
async function buildWarmCli({ metafile }) {
  // The commands bundled into the warm build; bin/idc.cjs routes the same ones to it.
  const WARM_COMMANDS = ['/configure/export-credentials.js', './status.js']
  const chunkOf = new Map()
  for (const [output, info] of Object.entries(metafile.outputs)) {
    if (info.entryPoint) chunkOf.set(resolve(info.entryPoint), resolve(output.replace(staging, 'dist')))
  }
  const warmDir = resolve('dist/warm')
  const lazyToMainChunks = {
    name: 'lazy-imports-to-main-chunks',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind !== 'dynamic-import' || WARM_COMMANDS.some((file) => args.path.endsWith(file))) return undefined
        const source = resolve(args.resolveDir, args.path).replace(/\.js$/, '')
        const chunk = chunkOf.get(`${source}.ts`) ?? chunkOf.get(`${source}.tsx`)
        if (!chunk) return undefined
        return { path: `./${relative(warmDir, chunk)}`, external: true }
      })
    },
  }
  // bin/idc.cjs passes the CommonJS `require`; loading node:module for createRequire would only
  // cost start-up time.
  const moduleShim = {
    name: 'create-require-is-require',
    setup(b) {
      b.onResolve({ filter: /^node:module$/ }, () => ({ path: 'node:module', namespace: 'module-shim' }))
      b.onLoad({ filter: /.*/, namespace: 'module-shim' }, () => ({
        contents: 'export const createRequire = () => require',
        loader: 'js',
      }))
    },
  }
  const result = await build({
    ...common,
    format: 'cjs',
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: `${staging}/warm`,
    outExtension: { '.js': '.cjs' },
    splitting: false,
    write: false,
    plugins: [lazyToMainChunks, moduleShim],
    define: { ...common.define, 'import.meta.url': '__filename' },
  })
  for (const output of result.outputFiles) {
    // bin/idc.cjs compiles this file with vm.Script, where import() needs an experimental flag on
    // Node 20; it passes `__idcImport` to do the imports instead.
    const text = output.text.replace(/\bimport\((?=["'])/g, '__idcImport(')
    if (/\bimport\(/.test(text)) throw new Error(`${output.path}: an import() the warm build cannot redirect`)
    await mkdir(dirname(output.path), { recursive: true })
    await writeFile(output.path, text)
  }
}

/**
 * Makes dist/warm/cli.codecache by running the warm path once, as a credential_process would, on
 * a throw-away HOME with cached SSO role credentials: bin/idc.cjs writes the cache when there is
 * none, holding the bytecode of every function that run compiled.
 */
async function makeWarmCodeCache() {
  // The library's own cache-key function, from the build just swapped in.
  const { ssoRoleCacheKey } = await import('../dist/index.js')
  const home = mkdtempSync(join(tmpdir(), 'idc-build-warm-'))
  try {
    const cache = join(home, '.aws', 'cli', 'cache')
    mkdirSync(cache, { recursive: true })
    writeFileSync(
      join(home, '.aws', 'config'),
      '[profile warm]\nsso_session = warm\nsso_account_id = 111111111111\nsso_role_name = Warm\n\n[sso-session warm]\nsso_start_url = https://d-0000000000.awsapps.com/start\nsso_region = us-east-1\n',
    )
    const key = ssoRoleCacheKey({ accountId: '111111111111', roleName: 'Warm', sessionName: 'warm' })
    const expiration = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z')
    const credentials = {
      AccessKeyId: 'ASIAWARMCACHE',
      SecretAccessKey: 'x',
      SessionToken: 'x',
      Expiration: expiration,
      AccountId: '111111111111',
    }
    writeFileSync(join(cache, `${key}.json`), JSON.stringify({ ProviderType: 'sso', Credentials: credentials }))
    const run = spawnSync(process.execPath, ['bin/idc.cjs', 'configure', 'export-credentials', '--profile', 'warm'], {
      env: { PATH: process.env.PATH ?? '', HOME: home },
      encoding: 'utf8',
    })
    if (run.status !== 0 || !run.stdout.includes('ASIAWARMCACHE') || !existsSync('dist/warm/cli.codecache')) {
      throw new Error(`the warm path's code-cache run failed (exit ${run.status}): ${run.stderr}`)
    }
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}

/** Runs tsc for the library's declarations; resolves when it succeeds. */
function emitTypes(outDir) {
  const tsc = fileURLToPath(import.meta.resolve('typescript/bin/tsc'))
  const child = spawn(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], {
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  return new Promise((done, fail) =>
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`tsc (type declarations) exited with ${code}`)))),
  )
}

await typesDone
const old = `dist.old-${process.pid}`
await rename('dist', old).catch(() => {})
await rename(staging, 'dist')
await rm(old, { recursive: true, force: true })
await makeWarmCodeCache()
