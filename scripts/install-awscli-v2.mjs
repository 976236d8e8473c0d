// Extracts the official AWS CLI v2 (Linux x86_64) from the npm package @aws-cdk/asset-awscli-v2
// into .cache/awscli-v2, once. `unzip` keeps the entries' executable bits. Run directly, it prints
// the binary's path; scripts/setup-test-tools.mjs (npm test's pretest) imports it.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const target = join(root, '.cache', 'awscli-v2')

/** The extracted `aws` binary, or undefined when it is not there yet. */
export function findAwsCliV2() {
  const base = join(target, 'awscli', 'v2')
  if (!existsSync(base)) return undefined
  for (const version of readdirSync(base).sort().reverse()) {
    const bin = join(base, version, 'dist', 'aws')
    if (existsSync(bin)) return bin
  }
  return undefined
}

/** Extracts AWS CLI v2 unless it is already there; returns the binary's path. Needs `unzip`. */
export function installAwsCliV2() {
  const found = findAwsCliV2()
  if (found) return found
  const require = createRequire(join(root, 'package.json'))
  const zip = join(dirname(require.resolve('@aws-cdk/asset-awscli-v2/package.json')), 'lib', 'layer.zip')
  mkdirSync(target, { recursive: true })
  execFileSync('unzip', ['-q', '-o', zip, '-d', target], { stdio: 'inherit' })
  const bin = findAwsCliV2()
  if (!bin) throw new Error(`AWS CLI v2 not found after extracting ${zip}`)
  return bin
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(installAwsCliV2())
}
