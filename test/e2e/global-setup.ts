// Builds dist/ once before the end-to-end tests, which run the built `idc` as a user would.
import { execFileSync } from 'node:child_process'

export default function setup(): void {
  if (process.env.IDC_SKIP_BUILD === '1') return
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' })
}
