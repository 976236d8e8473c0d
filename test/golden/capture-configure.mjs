// Captures what the real AWS CLI v2 does for `aws configure` and `aws configure set` in the cases
// listed below, into configure.json beside this script; src/cli/commands/configure/golden.test.ts
// replays them against idc. Run: node test/golden/capture-configure.mjs (needs the AWS CLI v2 from
// scripts/install-awscli-v2.mjs). Temporary HOMEs are written as <HOME> in the fixture.
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const aws = execFileSync(process.execPath, [join(here, '..', '..', 'scripts', 'install-awscli-v2.mjs')], {
  encoding: 'utf8',
}).trim()
const version = execFileSync(aws, ['--version'], { encoding: 'utf8' }).split(' ')[0]

const ASIA =
  '[default]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = secretwxyz\naws_session_token = token1234\n'
const AKIA = '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secretwxyz\n'

/** Each case: args, the answers typed (one per line), the files before (content and mode). */
const cases = [
  {
    name: 'wizard: a new ASIA key asks for the session token',
    args: ['configure'],
    answers: ['ASIAIOSFODNN7EXAMPLE', 'secret', 'tok', 'us-east-1', 'json'],
  },
  {
    name: 'wizard: a kept ASIA key asks for the session token, masked',
    args: ['configure'],
    answers: ['', '', 'newtoken', '', ''],
    files: { credentials: [ASIA, 0o600] },
  },
  {
    name: 'wizard: an AKIA key replacing an ASIA key drops the session token',
    args: ['configure'],
    answers: ['AKIAIOSFODNN7EXAMPLE', '', '', ''],
    files: { credentials: [ASIA, 0o600] },
  },
  {
    name: 'wizard: an AKIA key asks no session token',
    args: ['configure'],
    answers: ['', '', 'eu-west-1', ''],
    files: { credentials: [AKIA, 0o600] },
  },
  {
    name: 'wizard: a kept AKIA key with a stray session token',
    args: ['configure'],
    answers: ['', '', '', '', ''],
    files: { credentials: [AKIA + 'aws_session_token = stray\n', 0o600] },
  },
  {
    name: 'wizard: a credentials file readable by others draws a warning when keys change',
    args: ['configure'],
    answers: ['AKIANEWKEY', '', '', ''],
    files: { credentials: [AKIA, 0o644] },
  },
  {
    name: 'wizard: no warning when only the config file changes',
    args: ['configure'],
    answers: ['', '', 'us-west-2', ''],
    files: { credentials: [AKIA, 0o644] },
  },
  { name: 'set: LF in a value', args: ['configure', 'set', 'region', 'us\neast'] },
  { name: 'set: CR in a value', args: ['configure', 'set', 'region', 'us\reast'] },
  { name: 'set: LF in a sub-property value', args: ['configure', 'set', 'profile.x.s3.foo', 'a\nb'] },
  { name: 'set: LF in a credentials value', args: ['configure', 'set', 'aws_access_key_id', 'a\nb'] },
  { name: 'set: LF in the key', args: ['configure', 'set', 'reg\nion', 'b'] },
  {
    name: 'set: a credentials file readable by the group',
    args: ['configure', 'set', 'aws_session_token', 't1'],
    files: { credentials: [ASIA, 0o640] },
  },
  {
    name: 'set: a credentials file readable by others',
    args: ['configure', 'set', 'aws_access_key_id', 'AKIAX'],
    files: { credentials: [ASIA, 0o604] },
  },
  {
    name: 'set: a config value with an open credentials file',
    args: ['configure', 'set', 'region', 'us-east-2'],
    files: { credentials: [ASIA, 0o644] },
  },
  {
    name: 'set: a credentials file of 0600',
    args: ['configure', 'set', 'aws_session_token', 't2'],
    files: { credentials: [ASIA, 0o600] },
  },
]

const results = []
for (const c of cases) {
  const home = mkdtempSync(join(tmpdir(), 'golden-'))
  try {
    mkdirSync(join(home, '.aws'), { mode: 0o700 })
    for (const [name, [text, mode]] of Object.entries(c.files ?? {})) {
      writeFileSync(join(home, '.aws', name), text)
      chmodSync(join(home, '.aws', name), mode)
    }
    const run = spawnSync(aws, c.args, {
      input: (c.answers ?? []).map((a) => `${a}\n`).join(''),
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' },
    })
    const after = {}
    for (const name of ['config', 'credentials']) {
      const path = join(home, '.aws', name)
      if (existsSync(path)) after[name] = { text: readFileSync(path, 'utf8'), mode: statSync(path).mode & 0o777 }
    }
    const scrub = (text) => text.split(home).join('<HOME>')
    const before = Object.fromEntries(Object.entries(c.files ?? {}).map(([n, [text, mode]]) => [n, { text, mode }]))
    results.push({
      ...c,
      files: before,
      exitCode: run.status,
      stdout: scrub(run.stdout),
      stderr: scrub(run.stderr),
      after,
    })
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}
writeFileSync(join(here, 'configure.json'), `${JSON.stringify({ awsCliVersion: version, cases: results }, null, 2)}\n`)
console.log(`captured ${results.length} cases from ${version}`)
