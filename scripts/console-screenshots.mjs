// Takes the screenshots of the administrator's console in docs/images/ with Debian's Chromium:
// starts the built `idc server --demo` on a free loopback port, signs in as the demo console
// administrator and captures the main pages, in English (console-*.png) and in Japanese
// (console-*.ja.png, which needs a CJK font such as Debian's fonts-noto-cjk). When pngquant or
// optipng is installed the images are shrunk with it. Run after `node scripts/build.mjs`:
//   node scripts/console-screenshots.mjs
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'

/** Shrinks the PNGs in place with pngquant (256 colours are plenty for UI) and optipng, when installed. */
function shrink(files) {
  const has = (tool) => {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  }
  if (has('pngquant'))
    execFileSync('pngquant', ['--force', '--skip-if-larger', '--ext', '.png', '--quality', '70-95', '--', ...files])
  if (has('optipng')) execFileSync('optipng', ['-quiet', '-o2', '--', ...files])
}

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
  const shots = [
    ['console-dashboard', '/admin'],
    ['console-users', '/admin/users'],
    ['console-add-user', '/admin/users/new'],
    ['console-permission-set', '/admin/permission-sets/new'],
    ['console-account', '/admin/accounts/123456789011'],
    ['console-settings', '/admin/settings'],
  ]
  const languages = [
    { suffix: '', locale: 'en-US', timezoneId: 'UTC', username: 'Username', password: 'Password', signIn: 'Sign in' },
    {
      suffix: '.ja',
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
      username: 'ユーザー名',
      password: 'パスワード',
      signIn: 'サインイン',
    },
  ]
  const written = []
  for (const lang of languages) {
    // The browser's locale becomes Accept-Language, which picks the pages' language.
    const context = await browser.newContext({
      viewport: { width: 1100, height: 720 },
      locale: lang.locale,
      timezoneId: lang.timezoneId,
    })
    const page = await context.newPage()
    await page.goto(`${endpoint}/admin/signin`)
    await page.getByLabel(lang.username, { exact: true }).fill('admin')
    await page.getByLabel(lang.password, { exact: true }).fill('Admin-demo-pass-1')
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: lang.signIn }).click()])
    for (const [name, path] of shots) {
      await page.goto(`${endpoint}${path}`)
      const file = join(out, `${name}${lang.suffix}.png`)
      await page.screenshot({ path: file, fullPage: true })
      written.push(file)
    }
    await context.close()
  }
  shrink(written)
  await browser.close()
} finally {
  server.kill('SIGTERM')
  rmSync(scratch, { recursive: true, force: true })
}
