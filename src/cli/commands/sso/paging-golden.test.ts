// Golden tests of paging: every case of test/golden/sso-paging.json was run by the real AWS CLI v2
// against `idc server --generate-org 25` (test/golden/capture-sso-paging.ts). Here idc runs the
// same arguments against the same server, in process: the server app on an in-memory store with
// the same organisation, reached by the real SDK client through a request handler (no socket).
// stdout, stderr and the exit code must be the CLI's, with idc's name where the CLI says `aws`.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SSOClient } from '@aws-sdk/client-sso'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../../test/helpers/cli-test-env.js'
import { storeAccessToken } from '../../../../test/helpers/server/oidc-flows.js'
import { appRequestHandler } from '../../../../test/helpers/server/test-clients.js'
import { createTestDeps } from '../../../../test/helpers/server/test-deps.js'
import { createAwsClientFactory, type AwsClientFactory } from '../../../core/aws/clients.js'
import { createApp } from '../../../server/app.js'
import { generateOrg, GENERATED_ORG_USER } from '../../../server/domain/generated-org.js'
import { runCli } from '../../run-cli.js'

interface GoldenCase {
  name: string
  args: string[]
  exitCode: number
  stdout: string
  stderr: string
}

const golden = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'test', 'golden', 'sso-paging.json'), 'utf8'),
) as { awsCliVersion: string; accounts: number; cases: GoldenCase[] }

const ENDPOINT = 'http://127.0.0.1:4566'

/** The CLI's text with idc's name for the program. */
function asIdc(text: string): string {
  return text
    .replace(/(^|[\s"'])aws(?=[\s:"'])/gm, '$1idc')
    .split('<ENDPOINT>')
    .join(ENDPOINT)
}

let clients: AwsClientFactory
let accessToken: string

beforeAll(() => {
  const deps = createTestDeps({ org: generateOrg(golden.accounts) })
  const app = createApp(deps)
  accessToken = storeAccessToken(deps, GENERATED_ORG_USER.userName, 'golden')
  clients = {
    ...createAwsClientFactory(),
    sso: async (target) =>
      new SSOClient({
        region: target.region,
        endpoint: target.endpoint,
        credentials: { accessKeyId: '', secretAccessKey: '' },
        requestHandler: appRequestHandler(app) as never,
      }),
  }
})

describe(`idc sso list-accounts / list-account-roles page as AWS CLI ${golden.awsCliVersion}`, () => {
  it.each(golden.cases)('$name', async (c) => {
    const env = createTestCliEnv({
      vars: { AWS_ENDPOINT_URL: ENDPOINT, AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' },
      clients,
    })
    const code = await runCli(['sso', ...c.args, '--access-token', accessToken], env)
    expect({ exitCode: code, stdout: env.out.text, stderr: env.err.text }).toEqual({
      exitCode: c.exitCode,
      stdout: asIdc(c.stdout),
      stderr: asIdc(c.stderr),
    })
  })
})
