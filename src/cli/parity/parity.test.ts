// Golden tests against the real AWS CLI v2: each fixture under ./fixtures was captured from it by
// fixtures/capture.mjs (arguments, environment, files, and the CLI's exact stdout, stderr and exit
// code). idc runs the same case and must print the same, with its own name where the CLI says
// `aws`. Cases idc does not match yet are listed in PENDING with the reason and reported skipped.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { createAwsClientFactory } from '../../core/aws/clients.js'
import { runCli } from '../run-cli.js'

interface Fixture {
  name: string
  args: string[]
  env?: Record<string, string>
  files?: Record<string, string>
  exitCode: number
  stdout: string
  stderr: string
}

const dir = join(import.meta.dirname, 'fixtures')
const fixtures: Fixture[] = readdirSync(dir)
  .filter((file) => file.endsWith('.json') && file !== 'cases.json')
  .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Fixture)

/** Fixtures idc does not match yet, with why. */
const PENDING: Record<string, string> = {
  'missing-required-option': 'idc sso list-accounts takes the token from the profile, so --access-token is optional',
}

/** The CLI's text with idc's name for the program (`aws help` → `idc help`, `aws: [ERROR]`…). */
function asIdc(text: string): string {
  return text.replace(/(^|[\s"'])aws(?=[\s:"'])/gm, '$1idc')
}

describe('idc prints what the AWS CLI v2 prints', () => {
  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(0)
  })
  for (const fixture of fixtures) {
    const reason = PENDING[fixture.name]
    it.skipIf(reason !== undefined)(`${fixture.name}: ${fixture.args.join(' ')}`, async () => {
      const env = createTestCliEnv({
        vars: { AWS_EC2_METADATA_DISABLED: 'true', ...fixture.env },
        files: fixture.files,
        clients: createAwsClientFactory(),
      })
      const code = await runCli(fixture.args, env)
      expect({ exitCode: code, stdout: env.out.text, stderr: env.err.text }).toEqual({
        exitCode: fixture.exitCode,
        stdout: asIdc(fixture.stdout),
        stderr: asIdc(fixture.stderr),
      })
    })
  }
})
