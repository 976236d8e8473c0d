// The folder layout is the architecture: src/core (the library), src/cli (the command) and
// src/server (the local Identity Center). The CLI depends on the core; the server never depends
// on the CLI; the core depends on neither. IO globals stay in the few files that build the
// environment.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve, dirname } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = resolve(import.meta.dirname, '..', 'src')

function sourceFiles(dir: string): string[] {
  const files: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path))
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) files.push(path)
  }
  return files
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specs: string[] = []
  for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)) specs.push(match[1] as string)
  return specs
}

function partOf(path: string): string {
  return relative(SRC, path).split(/[\\/]/)[0] ?? ''
}

describe('architecture', () => {
  const files = sourceFiles(SRC)

  it('has the three parts', () => {
    expect(new Set(files.map(partOf))).toEqual(new Set(['core', 'cli', 'server']))
  })

  it.each([
    ['core', ['cli', 'server']],
    ['server', ['cli']],
  ])('%s never imports %j', (part, forbidden) => {
    const offenders: string[] = []
    for (const file of files.filter((f) => partOf(f) === part)) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue
        const target = partOf(resolve(dirname(file), spec))
        if ((forbidden as string[]).includes(target)) offenders.push(`${relative(SRC, file)} -> ${spec}`)
      }
    }
    expect(offenders).toEqual([])
  })

  it('keeps process.env, Date.now and console out of library and command code', () => {
    const allowed = new Set(['core/node-env.ts', 'cli/node-cli-env.ts', 'cli/main.ts', 'server/main.ts'])
    const offenders: string[] = []
    for (const file of files) {
      const rel = relative(SRC, file).replaceAll('\\', '/')
      if (allowed.has(rel) || rel.startsWith('server/')) continue
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '')
      for (const pattern of [/process\.env\b/, /\bDate\.now\(/, /\bconsole\.\w+\(/]) {
        if (pattern.test(text)) offenders.push(`${rel}: ${pattern.source}`)
      }
    }
    expect(offenders).toEqual([])
  })

  it('keeps test helpers out of src: no source file imports anything outside src', () => {
    const offenders: string[] = []
    // testdata/ folders hold fixtures for the tests beside them, not production code.
    for (const file of files.filter((f) => !/[\\/]testdata[\\/]/.test(f))) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.') && relative(SRC, resolve(dirname(file), spec)).startsWith('..'))
          offenders.push(`${relative(SRC, file)} -> ${spec}`)
      }
    }
    expect(offenders).toEqual([])
    expect(files.filter((f) => /(^|[\\/])test-[^\\/]*\.tsx?$/.test(f)).map((f) => relative(SRC, f))).toEqual([])
  })

  it('keeps SQL and the database handle inside src/server/store', () => {
    const ROOT = resolve(SRC, '..')
    const everywhere = [SRC, join(ROOT, 'test'), join(ROOT, 'bench')].flatMap(allTypeScript)
    const offenders: string[] = []
    for (const file of everywhere) {
      const rel = relative(ROOT, file).replaceAll('\\', '/')
      if (rel.startsWith('src/server/store/') || rel === 'test/architecture.test.ts') continue
      const text = readFileSync(file, 'utf8')
      for (const pattern of [
        /\.prepare\(/,
        /\bdb\.(exec|pragma|transaction)\(/,
        /\.db\.\w/,
        /\bstore\.db\b/,
        /better-sqlite3/,
      ]) {
        if (pattern.test(text)) offenders.push(`${rel}: ${pattern.source}`)
      }
    }
    expect(offenders).toEqual([])
  })
})

function allTypeScript(dir: string): string[] {
  const files: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) files.push(...allTypeScript(path))
    else if (/\.tsx?$/.test(name)) files.push(path)
  }
  return files
}
