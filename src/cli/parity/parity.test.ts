// Golden tests against the real AWS CLI v2: each fixture under ./fixtures was captured from it by
// fixtures/capture.mjs (arguments, environment, files, and the CLI's exact stdout, stderr and exit
// code). idc runs the same case and must print the same, with its own name where the CLI says
// `aws` and the line of advice it adds on purpose (test/helpers/parity-fixtures.ts). Cases idc does
// not match yet are listed in PENDING with the reason and reported skipped.
// Cases captured against a real `idc server` are replayed by test/e2e/error-parity.test.ts.
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { expectedOutput, loadParityFixtures, scrubOutput } from '../../../test/helpers/parity-fixtures.js'
import { createAwsClientFactory } from '../../core/aws/clients.js'
import { runCli } from '../run-cli.js'

const fixtures = loadParityFixtures().filter((fixture) => !fixture.server)

/** Fixtures idc does not match yet, with why. */
const PENDING: Record<string, string> = {
  'missing-required-option': 'idc sso list-accounts takes the token from the profile, so --access-token is optional',
  'no-credentials-yaml':
    'idc names "idc configure sso" as the way to configure credentials where the CLI names "aws login"',
  'unparsable-config-json': 'idc names the line and what is wrong with it; the CLI names only the file',
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
      const scrub = (text: string) => scrubOutput(text, { home: env.home })
      expect({ exitCode: code, stdout: scrub(env.out.text), stderr: scrub(env.err.text) }).toEqual(
        expectedOutput(fixture),
      )
    })
  }
})
