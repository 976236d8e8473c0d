// `npm run demo`: starts the local Identity Center with its demo organisation and runs the
// workflow of the AWS guides with `aws` replaced by `idc`, in a temporary HOME so the user's real
// ~/.aws is never touched:
//   idc configure sso → idc sso login → idc sts get-caller-identity → idc s3 ls → idc sso logout
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServerProcess } from '../test/helpers/server-process.js'
import { IDC_BIN, REPO_ROOT, findChromium } from '../test/helpers/tools.js'

const chromium = findChromium()

if (!existsSync(join(REPO_ROOT, 'dist', 'cli.js'))) {
  spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' })
}

const say = (text: string) => process.stdout.write(`\n\x1b[1m${text}\x1b[0m\n`)
const home = mkdtempSync(join(tmpdir(), 'idc-demo-home-'))
say('Starting the local Identity Center: idc server --demo')
const server = await startServerProcess({ demo: true })
process.stdout.write(server.stdout())

const env: Record<string, string> = {}
for (const [key, value] of Object.entries(process.env)) {
  if (value !== undefined && !key.startsWith('AWS_')) env[key] = value
}
Object.assign(env, {
  HOME: home,
  AWS_ENDPOINT_URL: server.endpoint,
  BROWSER: `${process.execPath} --import tsx ${join(REPO_ROOT, 'scripts', 'demo-browser.ts')}`,
})

let failed = false
function idc(...args: string[]): void {
  if (failed) return
  process.stdout.write(`\n$ idc ${args.join(' ')}\n`)
  const run = spawnSync(process.execPath, [IDC_BIN, ...args], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 120_000,
  })
  if (run.status !== 0) {
    failed = true
    process.stderr.write(`demo: idc ${args[0]} exited with ${run.status ?? run.signal}\n`)
  }
}

try {
  say(`HOME=${home}  AWS_ENDPOINT_URL=${server.endpoint}`)
  say('1. Configure an SSO profile (the answers the wizard would ask for, given as flags)')
  idc(
    'configure',
    'sso',
    '--sso-session',
    'my-sso',
    '--sso-start-url',
    server.startUrl,
    '--sso-region',
    server.region,
    '--sso-registration-scopes',
    'sso:account:access',
    '--region',
    server.region,
    '--output-format',
    'json',
  )
  if (!failed) process.stdout.write(`\n~/.aws/config now reads:\n${readFileSync(join(home, '.aws', 'config'), 'utf8')}`)
  const profile = 'AdministratorAccess-123456789011'
  say(
    `2. Sign in again (browser flow; ${chromium.path ? 'headless Chromium' : 'an HTTP client submitting the sign-in forms'} signs in as alice)`,
  )
  idc('sso', 'login', '--profile', profile)
  say('3. Who am I?')
  idc('sts', 'get-caller-identity', '--profile', profile)
  say('4. List buckets with the short-term credentials')
  idc('s3', 'ls', '--profile', profile)
  say('5. Sign out (removes the cached token and role credentials)')
  idc('sso', 'logout')
} finally {
  await server.stop()
  rmSync(home, { recursive: true, force: true })
}
say(
  failed ? 'Demo failed.' : 'Demo finished: configure sso → sso login → sts get-caller-identity → s3 ls → sso logout.',
)
process.exit(failed ? 1 : 0)
