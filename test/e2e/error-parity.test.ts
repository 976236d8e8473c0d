// Golden tests with the built idc and a real `idc server --demo`: the fixtures marked "server"
// under src/cli/parity/fixtures were captured from the real AWS CLI v2 by capture.mjs, run against
// such a server (and over the real network stack: the start-URL probe's refused connection and
// unknown host). Here the built idc runs the same case against another server, answering the same
// prompts one at a time, and must print the same bytes and exit with the same code, with its own
// name where the CLI says `aws`. Server errors, the error formats and `configure mfa-login`.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateTotp } from '../../src/server/domain/secrets.js'
import { expectedOutput, loadParityFixtures, scrubOutput, type ParityFixture } from '../helpers/parity-fixtures.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { IDC_BIN } from '../helpers/tools.js'

/** The demo IAM user's MFA secret (docs/server.md). */
const DEMO_MFA_SECRET = 'JBSWY3DPEHPK3PXP'

const fixtures = loadParityFixtures().filter((fixture) => fixture.server)
const scratch = mkdtempSync(join(tmpdir(), 'idc-e2e-error-parity-'))

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** The fixtures by the extra server arguments they need (`--fault`…), each group with its own server. */
const groups = new Map<string, ParityFixture[]>()
for (const fixture of fixtures) {
  const key = (fixture.serverArgs ?? []).join(' ')
  groups.set(key, [...(groups.get(key) ?? []), fixture])
}

interface Outcome {
  exitCode: number | null
  stdout: string
  stderr: string
}

/** Runs the built idc for a fixture, typing each answer once a prompt (`…: `) is waiting. */
function runCase(fixture: ParityFixture, home: string, server: ServerProcess): Promise<Outcome> {
  const fill = (text: string) => text.split('<ENDPOINT>').join(server.endpoint)
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...Object.fromEntries(Object.entries(fixture.env ?? {}).map(([k, v]) => [k, fill(v)])),
  }
  const answers = (fixture.answers ?? []).map((a) => (a === '<TOTP>' ? generateTotp(DEMO_MFA_SECRET, Date.now()) : a))
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [IDC_BIN, ...fixture.args.map(fill)], { env, stdio: 'pipe' })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      if (stdout.endsWith(': ') && answers.length > 0) child.stdin.write(`${answers.shift()}\n`)
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }))
    if (answers.length === 0) child.stdin.end()
  })
}

describe('idc prints what the AWS CLI v2 prints against idc server', () => {
  it('has fixtures captured against a server', () => {
    expect(fixtures.length).toBeGreaterThan(0)
  })
  for (const [serverArgs, group] of groups) {
    describe(`idc server --demo ${serverArgs}`.trim(), () => {
      let server: ServerProcess
      beforeAll(async () => {
        server = await startServerProcess({ demo: true, args: group[0]?.serverArgs ?? [] })
      })
      afterAll(async () => {
        await server?.stop()
      })
      for (const fixture of group) {
        it(`${fixture.name}: ${fixture.args.join(' ')}`, async () => {
          const home = join(scratch, fixture.name)
          for (const [path, text] of Object.entries(fixture.files ?? {})) {
            mkdirSync(dirname(join(home, path)), { recursive: true })
            writeFileSync(join(home, path), text.split('<ENDPOINT>').join(server.endpoint), { mode: 0o600 })
          }
          mkdirSync(home, { recursive: true })
          const outcome = await runCase(fixture, home, server)
          const scrub = (text: string) => scrubOutput(text, { home, endpoint: server.endpoint })
          expect({ exitCode: outcome.exitCode, stdout: scrub(outcome.stdout), stderr: scrub(outcome.stderr) }).toEqual(
            expectedOutput(fixture),
          )
        })
      }
    })
  }
})
