// Takes the screenshots of the administrator's console in docs/images/ with Debian's Chromium:
// starts the built `idc server --demo` on a free loopback port, signs in as the demo console
// administrator and captures the main pages. Run after `node scripts/build.mjs`:
//   node scripts/console-screenshots.mjs
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'

const root = resolve(import.meta.dirname, '..')
const out = join(root, 'docs', 'images')
mkdirSync(out, { recursive: true })
const scratch = mkdtempSync(join(tmpdir(), 'idc-shots-'))
const ready = join(scratch, 'ready.json')
const server = spawn(
  process.execPath,
  [
    join(root, 'bin', 'idc.cjs'),
    'server',
    '--demo',
    '--port',
    '0',
    '--data',
    join(scratch, 'data'),
    '--ready-file',
    ready,
  ],
  { stdio: 'ignore' },
)
try {
  while (!existsSync(ready)) await new Promise((r) => setTimeout(r, 50))
  const { endpoint } = JSON.parse(readFileSync(ready, 'utf8'))
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  })
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, locale: 'en-US', timezoneId: 'UTC' })
  await page.goto(`${endpoint}/admin/signin`)
  await page.getByLabel('Username', { exact: true }).fill('admin')
  await page.getByLabel('Password', { exact: true }).fill('Admin-demo-pass-1')
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()])
  const shots = [
    ['console-dashboard', '/admin'],
    ['console-users', '/admin/users'],
    ['console-add-user', '/admin/users/new'],
    ['console-permission-set', '/admin/permission-sets/new'],
    ['console-account', '/admin/accounts/123456789011'],
    ['console-settings', '/admin/settings'],
  ]
  for (const [name, path] of shots) {
    await page.goto(`${endpoint}${path}`)
    await page.screenshot({ path: join(out, `${name}.png`), fullPage: true })
  }
  await browser.close()
} finally {
  server.kill('SIGTERM')
  rmSync(scratch, { recursive: true, force: true })
}
