// The "browser" of `npm run demo`: `idc sso login` opens the sign-in URL with $BROWSER, which
// runs this script with the URL. It signs in to the local Identity Center as the demo user alice in
// headless Chromium and approves the request, as a person would.
import { ALICE, approveInBrowser, launchChromium } from '../test/helpers/sso-browser.js'

const url = process.argv[2]
if (!url) {
  process.stderr.write('usage: demo-browser <url>\n')
  process.exit(2)
}
const browser = await launchChromium()
try {
  await approveInBrowser(browser, url, ALICE)
} finally {
  await browser.close()
}
