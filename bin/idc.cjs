#!/usr/bin/env node
// @ts-check
'use strict'
// The `idc` command. Every command runs from the split ES-module build (dist/cli.js) except
// `idc configure export-credentials`, the warm credential path that tools run through
// credential_process for every AWS call they make: it runs from a one-file CommonJS build
// (dist/warm/cli.cjs, see scripts/build.mjs) with a V8 code cache, because most of its time would
// otherwise go to starting Node's ES-module loader and compiling idc's code.
const [group, command] = process.argv.slice(2)
if ((group === 'configure' && command === 'export-credentials') || group === 'status') runWarm()
else void import('../dist/cli.js')

/**
 * Runs dist/warm/cli.cjs as the CommonJS loader would, but compiled with the code cache in
 * dist/warm/cli.codecache: V8 then reuses the bytecode of every function the warm path ran when the
 * cache was made instead of compiling them again. Node 20 has no public way to give the CommonJS
 * loader a code cache (Node 22's `module.enableCompileCache` is the later equivalent), so this
 * does it with `vm.Script`. V8 checks that a cache fits the source, the V8 version and its flags;
 * when it does not (another Node version, or no cache yet) the code compiles as usual and a fresh
 * cache is written when the process ends, atomically, if the directory is writable.
 */
function runWarm() {
  const { readFileSync, renameSync, writeFileSync, unlinkSync } = require('node:fs')
  const { dirname, join, resolve } = require('node:path')
  const { Script } = require('node:vm')
  const dir = join(__dirname, '..', 'dist', 'warm')
  const file = join(dir, 'cli.cjs')
  const cacheFile = join(dir, 'cli.codecache')
  let cachedData
  try {
    cachedData = readFileSync(cacheFile)
  } catch {
    cachedData = undefined
  }
  const source = readFileSync(file, 'utf8')
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __idcImport) {${source}\n})`, {
    filename: file,
    cachedData,
  })
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      const temp = `${cacheFile}.${process.pid}.tmp`
      try {
        writeFileSync(temp, script.createCachedData(), { mode: 0o644 })
        renameSync(temp, cacheFile)
      } catch {
        try {
          unlinkSync(temp)
        } catch {
          // Nothing was written: a read-only installation keeps compiling as usual.
        }
      }
    })
  }
  // A function compiled by vm.Script cannot call import() on Node 20 without an experimental flag,
  // so the build turns the bundle's import() calls (the lazily loaded parts of the main build)
  // into calls of this function, which imports from here on the bundle's behalf.
  /** @param {string} specifier */
  const importFromBundle = (specifier) =>
    import(specifier.startsWith('.') ? require('node:url').pathToFileURL(resolve(dir, specifier)).href : specifier)
  const module = { exports: {} }
  script.runInThisContext()(module.exports, require, module, file, dirname(file), importFromBundle)
}
