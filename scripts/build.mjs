// Bundles the CLI and the library with esbuild. Code splitting keeps every command and every
// heavy dependency (AWS SDK clients, the server, prompts) in chunks that load only when used;
// node_modules stay external so the installed packages are used as they are.
import { build } from 'esbuild'
import { readFile, rename, rm } from 'node:fs/promises'

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'))
// Build beside dist/ and swap it in, so an `idc` already running (or a parallel test run) never
// sees a half-written dist/.
const staging = `dist.building-${process.pid}`
await rm(staging, { recursive: true, force: true })
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

// The warm credential path (`configure export-credentials`, run by every tool through
// credential_process) is one file: with code splitting it would load some fifteen small shared
// chunks, and each ES module costs start-up time. The main build loads that file instead of the
// command's chunk; its own copies of the shared modules hold no state (CONTRIBUTING: no
// module-level caches), and errors cross the boundary by duck typing (`isIdcError`).
const WARM_COMMANDS = { 'export-credentials': 'src/cli/commands/configure/export-credentials.ts' }
const warmRedirect = {
  name: 'warm-commands',
  setup(b) {
    b.onResolve({ filter: /^\.\/configure\/export-credentials\.js$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: './warm/export-credentials.js', external: true } : undefined,
    )
  },
}
await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/core/index.ts' },
  outdir: staging,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [warmRedirect],
})
// In one file, the SSO refresh code (inlined but only run on a cache miss) would import
// node:crypto at start-up; this shim requires it on first use instead. A new named import fails
// the build here rather than slowing the warm path.
const lazyCrypto = {
  name: 'lazy-node-crypto',
  setup(b) {
    b.onResolve({ filter: /^node:crypto$/ }, () => ({ path: 'node:crypto', namespace: 'lazy-crypto' }))
    b.onLoad({ filter: /.*/, namespace: 'lazy-crypto' }, () => ({
      contents: [
        "import { createRequire } from 'node:module'",
        'const require = createRequire(import.meta.url)',
        "export function createHash(...args) { return require('node:crypto').createHash(...args) }",
      ].join('\n'),
      loader: 'js',
      resolveDir: '.',
    }))
  },
}
await build({ ...common, entryPoints: WARM_COMMANDS, outdir: `${staging}/warm`, splitting: false, plugins: [lazyCrypto] })

const old = `dist.old-${process.pid}`
await rename('dist', old).catch(() => {})
await rename(staging, 'dist')
await rm(old, { recursive: true, force: true })
