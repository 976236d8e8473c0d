// The library's types as a consumer sees them: package.json's `types` (and the `types` condition of
// its export) name files that the build — which `npm ci` runs as `prepare` — produces, and a
// TypeScript project that depends on idc type-checks its imports against them.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../helpers/tools.js'

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  types: string
  scripts: Record<string, string>
  exports: { '.': { types: string } }
}
const scratch = mkdtempSync(join(tmpdir(), 'idc-e2e-types-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const tsc = createRequire(join(REPO_ROOT, 'package.json')).resolve('typescript/bin/tsc')

/** Type-checks `source` in a project whose node_modules/idc is this repository; returns tsc's output (with the files it read). */
function typeCheck(source: string): { ok: boolean; output: string } {
  const project = mkdtempSync(join(scratch, 'consumer-'))
  mkdirSync(join(project, 'node_modules'))
  symlinkSync(REPO_ROOT, join(project, 'node_modules', 'idc'))
  writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }))
  writeFileSync(join(project, 'main.ts'), source)
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        typeRoots: [join(REPO_ROOT, 'node_modules', '@types')],
        types: ['node'],
      },
      files: ['main.ts'],
    }),
  )
  try {
    return {
      ok: true,
      output: execFileSync(process.execPath, [tsc, '-p', project, '--listFiles'], { encoding: 'utf8' }),
    }
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) }
  }
}

describe('the published types', () => {
  it('are named by package.json and made by the build that `npm ci` runs', () => {
    expect(pkg.scripts.prepare).toBe('node scripts/build.mjs')
    expect(pkg.exports['.'].types).toBe(pkg.types)
    expect(existsSync(join(REPO_ROOT, pkg.types))).toBe(true)
  })

  it('type-check a consumer of the library, which gets the declarations the build made', () => {
    const result = typeCheck(
      [
        "import { createNodeEnv, loadSharedConfig, resolveProfileName, type SharedConfig } from 'idc'",
        'const config: SharedConfig = await loadSharedConfig()',
        'const name: string = resolveProfileName(createNodeEnv())',
        'console.log(config.profiles[name])',
        // Positive control: were the types missing (any), this directive would be an error.
        '// @ts-expect-error a number is not an environment',
        'resolveProfileName(42)',
        '',
      ].join('\n'),
    )
    expect(result.output).not.toMatch(/error TS/)
    expect(result.ok).toBe(true)
    expect(result.output).toContain(join(REPO_ROOT, pkg.types))
  })
})
