/**
 * The golden fixtures captured from the real AWS CLI v2 by `src/cli/parity/fixtures/capture.mjs`:
 * loading them and reading them as idc's expected output. `src/cli/parity/parity.test.ts` replays
 * the cases that need no server; `test/e2e/error-parity.test.ts` replays the `server` ones against
 * a real `idc server`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from './tools.js'

/** One captured case. */
export interface ParityFixture {
  name: string
  args: string[]
  env?: Record<string, string>
  files?: Record<string, string>
  /** Lines typed at the prompts; `<TOTP>` is the demo IAM user's current MFA code. */
  answers?: string[]
  /** Captured against `idc server --demo`; `<ENDPOINT>` stands for its URL. */
  server?: boolean
  /** Extra `idc server` arguments for this case (`--fault GetCallerIdentity=5xx:1`). */
  serverArgs?: string[]
  exitCode: number
  stdout: string
  stderr: string
}

const DIR = join(REPO_ROOT, 'src', 'cli', 'parity', 'fixtures')

/** Every captured fixture. */
export function loadParityFixtures(): ParityFixture[] {
  return readdirSync(DIR)
    .filter((file) => file.endsWith('.json') && file !== 'cases.json')
    .map((file) => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as ParityFixture)
}

/** The CLI's text with idc's name for the program (`aws help` → `idc help`, `aws: [ERROR]`…). */
export function asIdc(text: string): string {
  return text.replace(/(^|[\s"'])aws(?=[\s:"'])/gm, '$1idc')
}

/** Output with what changes from run to run replaced as the capture script replaces it. */
export function scrubOutput(text: string, run: { home: string; endpoint?: string }): string {
  let out = text.split(run.home).join('<HOME>')
  if (run.endpoint) out = out.split(run.endpoint).join('<ENDPOINT>')
  return out.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00/g, '<TIME>')
}

/** The line of advice idc prints after the CLI's error on purpose (a hint), by fixture. */
const HINTS: Readonly<Record<string, string>> = {
  'sso-token-expired': 'To sign in again, run: idc sso login --profile dev',
  'sso-token-expired-json': 'To sign in again, run: idc sso login --profile dev',
  'sso-token-missing-table': 'To sign in again, run: idc sso login --profile dev',
  'sso-token-unknown-to-service': 'To sign in again, run: idc sso login --profile dev',
  'sso-token-unknown-to-service-json': 'To sign in again, run: idc sso login --profile dev',
}

/** What idc must print for a fixture: the CLI's output in idc's name, and idc's hint if it adds one. */
export function expectedOutput(fixture: ParityFixture): { exitCode: number; stdout: string; stderr: string } {
  const hint = HINTS[fixture.name]
  return {
    exitCode: fixture.exitCode,
    stdout: asIdc(fixture.stdout),
    stderr: asIdc(fixture.stderr) + (hint === undefined ? '' : `${hint}\n`),
  }
}
