// npm test's `pretest`: makes sure the programs the end-to-end tests drive are here, installing
// what it can. Debian's chromium, tmux and unzip come from apt-get when running as root; otherwise
// one line names the command to run. AWS CLI v2 is extracted from the npm package
// @aws-cdk/asset-awscli-v2 (scripts/install-awscli-v2.mjs). AWS CLI v1 is the `aws` on PATH when
// that is v1, else a Python virtual environment in .cache/awscli-v1 that this script creates with
// pip. Nothing here fails the run: test/helpers/tools.ts fails the tests that need a missing tool
// in CI, and reports them skipped elsewhere. With everything present it only looks at files (the
// AWS CLI v1 version check is remembered in .cache/test-tools.json), so it takes well under 1 s.
import { execFileSync, spawnSync } from 'node:child_process'
import { accessSync, constants, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { delimiter, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findAwsCliV2, installAwsCliV2 } from './install-awscli-v2.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const cacheDir = join(root, '.cache')
const memoFile = join(cacheDir, 'test-tools.json')
const venv = join(cacheDir, 'awscli-v1')

/** Where the tests look for each Debian program (test/helpers/tools.ts), and its package. */
const DEBIAN = [
  { name: 'chromium', package: 'chromium', paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser'] },
  { name: 'tmux', package: 'tmux' },
  { name: 'unzip', package: 'unzip' },
]

function say(line) {
  process.stderr.write(`setup-test-tools: ${line}\n`)
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** The first executable `name` on PATH, without starting a shell. */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name)
  }
  return undefined
}

function debianPresent(tool) {
  return tool.paths ? tool.paths.some(isExecutable) : onPath(tool.name) !== undefined
}

const isRoot = process.getuid?.() === 0

/** Installs Debian packages with apt-get as root; otherwise names the command. Returns success. */
function aptInstall(packages) {
  const command = `apt-get install -y --no-install-recommends ${packages.join(' ')}`
  if (!isRoot || !onPath('apt-get')) {
    say(`missing ${packages.join(', ')}; install with: sudo ${command}`)
    return false
  }
  say(`installing ${packages.join(', ')} with apt-get`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env })
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  })
  if (update.status === 0 && install.status === 0) return true
  say(`apt-get could not install ${packages.join(', ')}; run: ${command}`)
  return false
}

function readMemo() {
  try {
    return JSON.parse(readFileSync(memoFile, 'utf8'))
  } catch {
    return {}
  }
}

/** Whether `aws` at `path` is AWS CLI v1; the answer is remembered while the file is unchanged. */
function isAwsV1(path) {
  const stamp = `${path}:${statSync(path).mtimeMs}`
  const memo = readMemo()
  if (memo.awsV1 === stamp) return true
  const run = spawnSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const v1 = run.status === 0 && `${run.stdout}${run.stderr}`.startsWith('aws-cli/1.')
  if (v1) {
    mkdirSync(cacheDir, { recursive: true })
    writeFileSync(memoFile, JSON.stringify({ ...memo, awsV1: stamp }))
  }
  return v1
}

/** AWS CLI v1 on PATH or in .cache/awscli-v1; installs it there with pip when missing. */
function ensureAwsV1() {
  const fromPath = onPath('aws')
  if (fromPath && isAwsV1(fromPath)) return
  const venvAws = join(venv, 'bin', 'aws')
  if (isExecutable(venvAws)) return
  const python = onPath('python3')
  const hint = 'install AWS CLI v1 with: pipx install awscli (or python3 -m pip install awscli)'
  if (!python) {
    say(`python3 is missing, so is AWS CLI v1; ${hint}`)
    return
  }
  if (spawnSync(python, ['-c', 'import venv, ensurepip'], { stdio: 'ignore' }).status !== 0) {
    if (!aptInstall(['python3-venv'])) return
  }
  say(`installing AWS CLI v1 with pip into ${venv}`)
  try {
    execFileSync(python, ['-m', 'venv', venv], { stdio: ['ignore', 'ignore', 'inherit'] })
    execFileSync(join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', 'awscli'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    })
  } catch {
    say(`pip could not install AWS CLI v1; ${hint}`)
  }
}

const missing = DEBIAN.filter((tool) => !debianPresent(tool))
if (missing.length > 0) aptInstall(missing.map((tool) => tool.package))

if (!findAwsCliV2()) {
  if (onPath('unzip')) {
    say('extracting AWS CLI v2 from @aws-cdk/asset-awscli-v2')
    installAwsCliV2()
  } else say('AWS CLI v2 needs unzip to be extracted (see above)')
}

ensureAwsV1()
