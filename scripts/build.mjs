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
await build({
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/core/index.ts' },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: false,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  define: { __IDC_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
})

const old = `dist.old-${process.pid}`
await rename('dist', old).catch(() => {})
await rename(staging, 'dist')
await rm(old, { recursive: true, force: true })
