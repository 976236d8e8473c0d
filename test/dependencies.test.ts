// package.json declares exactly what the code imports. The shipped code's imports come from
// esbuild bundling the two entry points as scripts/build.mjs does (so lazy `import()`s count and
// type-only imports do not); they must be the runtime dependencies, no more and no fewer. Every
// other file (tests, helpers, scripts, benchmarks, configs) may also use devDependencies; each
// devDependency must be used by something. better-sqlite3, the server's one native package, is an
// optional dependency that only the server's lazily loaded code imports.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, relative } from 'node:path'
import { build, type Metafile } from 'esbuild'
import ts from 'typescript'
import { beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from './helpers/tools.js'

interface PackageJson {
  name: string
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  scripts?: Record<string, string>
}

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson
const runtime = { ...pkg.dependencies, ...pkg.optionalDependencies }
const declared = new Set(Object.keys({ ...runtime, ...pkg.devDependencies }))
const builtins = new Set(builtinModules)

/** The package a bare import specifier names (`@scope/name/sub` → `@scope/name`), or undefined. */
function packageOf(specifier: string): string | undefined {
  if (/^(\.|\/|node:)/.test(specifier)) return undefined
  const parts = specifier.split('/')
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string)
  // idc itself, as a consumer imports it (test/e2e/package-types.test.ts), is no dependency.
  return builtins.has(name) || name === pkg.name ? undefined : name
}

/** Source files outside node_modules, build output and the vendored data. */
function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (['node_modules', 'dist', '.cache', '.git', 'vectors', 'coverage'].includes(name) || name.startsWith('dist.'))
      return []
    if (statSync(path).isDirectory()) return codeFiles(path)
    return /\.(ts|tsx|mjs|cjs|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** Bare specifiers in import/export-from, import() and require() of one file. */
function specifiersIn(file: string): string[] {
  // TypeScript's own scanner, so that a message that merely reads "from '…'" is no import.
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
  return importedFiles.map((f) => f.fileName)
}

let metafile: Metafile

beforeAll(async () => {
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: { cli: 'src/cli/main.ts', index: 'src/core/index.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    define: { __IDC_VERSION__: '"0.0.0"' },
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  metafile = result.metafile
}, 60_000)

/** Packages imported by the built output files reachable from `entry` through the given import kinds. */
function packagesReachable(entry: string, kinds: readonly string[]): Set<string> {
  const packages = new Set<string>()
  const seen = new Set<string>()
  const walk = (output: string) => {
    if (seen.has(output)) return
    seen.add(output)
    for (const imported of metafile.outputs[output]?.imports ?? []) {
      if (!kinds.includes(imported.kind)) continue
      if (imported.external) {
        const name = packageOf(imported.path)
        if (name) packages.add(name)
      } else walk(imported.path)
    }
  }
  walk(`out/${entry}.js`)
  return packages
}

const ALL_KINDS = ['import-statement', 'dynamic-import', 'require-call'] as const

describe('package.json dependencies', () => {
  it('lists as runtime dependencies exactly the packages the shipped code imports', () => {
    const shipped = new Set([...packagesReachable('cli', ALL_KINDS), ...packagesReachable('index', ALL_KINDS)])
    expect([...shipped].sort()).toEqual(Object.keys(runtime).sort())
  })

  it('declares every package that tests, scripts, benchmarks and configs import', () => {
    const undeclared: string[] = []
    for (const file of codeFiles(REPO_ROOT)) {
      for (const specifier of specifiersIn(file)) {
        const name = packageOf(specifier)
        if (name && !declared.has(name)) undeclared.push(`${relative(REPO_ROOT, file)}: ${specifier}`)
      }
    }
    expect(undeclared).toEqual([])
  })

  it('uses every devDependency: imported, run by an npm script, resolved by a script, or the types of a dependency', () => {
    const imported = new Set(
      codeFiles(REPO_ROOT).flatMap((file) => specifiersIn(file).flatMap((s) => packageOf(s) ?? [])),
    )
    const scriptText = Object.values(pkg.scripts ?? {}).join('\n')
    const scriptSources = codeFiles(join(REPO_ROOT, 'scripts'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n')
    const unused = Object.keys(pkg.devDependencies ?? {}).filter((name) => {
      if (imported.has(name) || scriptSources.includes(`'${name}/`)) return false
      if (name.startsWith('@types/')) {
        const typed = name.slice('@types/'.length)
        return !(typed === 'node' || declared.has(typed))
      }
      const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
        bin?: string | Record<string, string>
      }
      const bins = typeof manifest.bin === 'string' ? [name] : Object.keys(manifest.bin ?? {})
      return ![name, ...bins].some((word) => new RegExp(`(^|[\\s&|;])${word}(\\s|$)`, 'm').test(scriptText))
    })
    expect(unused).toEqual([])
  })

  it('keeps better-sqlite3 optional and out of everything but the lazily loaded server', () => {
    expect(pkg.optionalDependencies).toHaveProperty('better-sqlite3')
    expect(pkg.dependencies).not.toHaveProperty('better-sqlite3')
    const staticImports = ['import-statement', 'require-call']
    expect(packagesReachable('cli', staticImports)).not.toContain('better-sqlite3')
    expect(packagesReachable('index', ALL_KINDS)).not.toContain('better-sqlite3')
    // Positive control: the walk does find it behind the CLI's lazy imports.
    expect(packagesReachable('cli', ALL_KINDS)).toContain('better-sqlite3')
  })
})
