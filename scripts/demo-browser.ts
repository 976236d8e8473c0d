// The "browser" of `npm run demo`: `idc sso login` opens the sign-in URL with $BROWSER, which
// runs this script with the URL. It signs in to the local Identity Center as the demo user alice
// and approves the request: in headless Chromium when it is installed, otherwise by submitting the
// same pages' forms over HTTP. It returns at once and finishes in the background, because the CLI
// serves its callback only after $BROWSER has returned (as `aws sso login` does).
import { spawn } from 'node:child_process'
import { approveOverHttp } from '../test/helpers/http-sign-in.js'
import { ALICE, approveInBrowser, launchChromium } from '../test/helpers/sso-browser.js'
import { findChromium } from '../test/helpers/tools.js'

const [url, mode] = process.argv.slice(2)
if (!url) {
  process.stderr.write('usage: demo-browser <url>\n')
  process.exit(2)
}
if (mode !== '--now') {
  spawn(process.execPath, [...process.execArgv, process.argv[1]!, url, '--now'], {
    detached: true,
    stdio: 'inherit',
  }).unref()
  process.exit(0)
}
const chromium = findChromium().path
if (chromium) {
  const browser = await launchChromium(chromium)
  try {
    await approveInBrowser(browser, url, ALICE)
  } finally {
    await browser.close()
  }
} else {
  await approveOverHttp(url, ALICE)
}
