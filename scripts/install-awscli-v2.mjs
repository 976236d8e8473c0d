// Extracts the official AWS CLI v2 (Linux x86_64) from the npm package @aws-cdk/asset-awscli-v2
// into .cache/awscli-v2, once. `unzip` keeps the entries' executable bits. Prints the binary path.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'

const root = resolve(dirname(new URL(import.meta.url).pathname), '..')
const target = join(root, '.cache', 'awscli-v2')

export function findAwsCliV2() {
  const base = join(target, 'awscli', 'v2')
  if (!existsSync(base)) return undefined
  for (const version of readdirSync(base).sort().reverse()) {
    const bin = join(base, version, 'dist', 'aws')
    if (existsSync(bin)) return bin
  }
  return undefined
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let bin = findAwsCliV2()
  if (!bin) {
    const require = createRequire(join(root, 'package.json'))
    const zip = join(dirname(require.resolve('@aws-cdk/asset-awscli-v2/package.json')), 'lib', 'layer.zip')
    mkdirSync(target, { recursive: true })
    execFileSync('unzip', ['-q', '-o', zip, '-d', target], { stdio: 'inherit' })
    bin = findAwsCliV2()
    if (!bin) throw new Error(`AWS CLI v2 not found after extracting ${zip}`)
  }
  console.log(bin)
}
