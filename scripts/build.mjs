// Bundles the CLI and the library with esbuild. Code splitting keeps every command and every
// heavy dependency (AWS SDK clients, the server, prompts) in chunks that load only when used;
// node_modules stay external so the installed packages are used as they are.
import { build } from 'esbuild'
import { readFile, rename, rm } from 'node:fs/promises'
import { relative, resolve } from 'node:path'

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
 * credential_process) as one file, dist/warm/cli.js, which bin/idc.mjs loads for that command:
 * with code splitting it would load some twenty small shared chunks, and each ES module costs
 * start-up time. Everything it imports lazily (other commands, prompts, the SSO refresh code, the
 * SDK client factory) points at the main build's chunks, so nothing else is duplicated. Its own
 * copies of the shared modules hold no state (CONTRIBUTING: no module-level caches), and errors
 * cross the boundary by duck typing (`isIdcError`).
 */
async function buildWarmCli({ metafile }) {
  const chunkOf = new Map()
  for (const [output, info] of Object.entries(metafile.outputs)) {
    if (info.entryPoint) chunkOf.set(resolve(info.entryPoint), resolve(output.replace(staging, 'dist')))
  }
  const warmDir = resolve('dist/warm')
  const lazyToMainChunks = {
    name: 'lazy-imports-to-main-chunks',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind !== 'dynamic-import' || args.path.endsWith('/export-credentials.js')) return undefined
        const source = resolve(args.resolveDir, args.path).replace(/\.js$/, '')
        const chunk = chunkOf.get(`${source}.ts`) ?? chunkOf.get(`${source}.tsx`)
        if (!chunk) return undefined
        return { path: `./${relative(warmDir, chunk)}`, external: true }
      })
    },
  }
  await build({ ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: `${staging}/warm`, splitting: false, plugins: [lazyToMainChunks] })
}

const old = `dist.old-${process.pid}`
await rename('dist', old).catch(() => {})
await rename(staging, 'dist')
await rm(old, { recursive: true, force: true })
