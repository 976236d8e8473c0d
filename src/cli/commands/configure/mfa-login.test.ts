import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { STSServiceException } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../../test/helpers/cli-test-env.js'
import { createFakeAwsClients } from '../../../../test/helpers/fake-aws-clients.js'
import { runCli } from '../../run-cli.js'
import { defaultMfaProfileName } from './mfa-login.js'

const KEYS =
  '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n'
const SERIAL = 'arn:aws:iam::123456789011:mfa/legacy-ci'
const REGION = { AWS_REGION: 'us-east-1' }

function stsAnswering() {
  return createFakeAwsClients({
    GetSessionTokenCommand: (input) => {
      if (input.TokenCode !== '123456') {
        throw new STSServiceException({
          name: 'AccessDenied',
          $fault: 'client',
          $metadata: { httpStatusCode: 403 },
          message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
        })
      }
      return {
        Credentials: {
          AccessKeyId: 'ASIATEMPORARY',
          SecretAccessKey: 'tempsecret',
          SessionToken: 'temptoken',
          Expiration: new Date('2026-12-06T21:09:18Z'),
        },
      }
    },
  })
}

describe('idc configure mfa-login', () => {
  it('asks serial, code and profile as AWS CLI 2.36.12 does and writes the session credentials', async () => {
    const clients = stsAnswering()
    const env = createTestCliEnv({
      vars: REGION,
      files: { '.aws/credentials': KEYS },
      answers: [SERIAL, '123456', ''],
      clients,
    })
    expect(await runCli(['configure', 'mfa-login'], env)).toBe(0)
    expect(env.promptsShown).toEqual([
      'MFA serial number or ARN: ',
      'MFA token code: ',
      'Profile to update [123456789011-legacy-ci]: ',
    ])
    expect(env.out.text).toBe(
      "Temporary credentials written to profile '123456789011-legacy-ci'\n" +
        'Credentials will expire at 2026-12-06T21:09:18+00:00\n' +
        'To use these credentials, specify --profile 123456789011-legacy-ci when running AWS CLI commands\n',
    )
    expect(clients.calls.map((c) => [c.command, c.input])).toEqual([
      ['GetSessionTokenCommand', { SerialNumber: SERIAL, TokenCode: '123456' }],
    ])
    expect(readFileSync(join(env.home, '.aws', 'credentials'), 'utf8')).toBe(
      KEYS +
        '[123456789011-legacy-ci]\naws_access_key_id = ASIATEMPORARY\naws_secret_access_key = tempsecret\naws_session_token = temptoken\n',
    )
  })

  it("takes the profile's mfa_serial, --update-profile and --duration-seconds without asking", async () => {
    const clients = stsAnswering()
    const env = createTestCliEnv({
      vars: REGION,
      files: { '.aws/credentials': KEYS, '.aws/config': `[default]\nmfa_serial = ${SERIAL}\n` },
      answers: ['123456'],
      clients,
    })
    expect(await runCli(['configure', 'mfa-login', '--update-profile', 'tmp', '--duration-seconds', '900'], env)).toBe(
      0,
    )
    expect(env.promptsShown).toEqual(['MFA token code: '])
    expect(clients.calls[0]?.input).toEqual({ SerialNumber: SERIAL, TokenCode: '123456', DurationSeconds: 900 })
    expect(readFileSync(join(env.home, '.aws', 'credentials'), 'utf8')).toContain(
      '[tmp]\naws_access_key_id = ASIATEMPORARY\n',
    )
  })

  it('asks for keys when the profile has none, and refuses an empty key', async () => {
    const env = createTestCliEnv({
      vars: REGION,
      answers: [''],
      clients: stsAnswering(),
    })
    expect(await runCli(['configure', 'mfa-login', '--update-profile', 'x'], env)).toBe(1)
    expect(env.out.text).toBe('Please provide your AWS credentials:\n')
    expect(env.promptsShown).toEqual(['AWS Access Key ID: '])
    expect(env.err.text).toBe('\nidc: [ERROR]: AWS Access Key ID is required\n')
  })

  it("reports STS's refusal of a wrong code in the CLI's words and writes nothing", async () => {
    const env = createTestCliEnv({
      vars: REGION,
      files: { '.aws/credentials': KEYS },
      answers: [SERIAL, '000000', ''],
      clients: stsAnswering(),
    })
    expect(await runCli(['configure', 'mfa-login'], env)).toBe(1)
    expect(env.err.text).toBe(
      '\nidc: [ERROR]: An error occurred: An error occurred (AccessDenied) when calling the GetSessionToken operation: MultiFactorAuthentication failed with invalid MFA one time pass code.\n',
    )
    expect(readFileSync(join(env.home, '.aws', 'credentials'), 'utf8')).toBe(KEYS)
  })

  it('refuses a code that is not six characters before calling STS', async () => {
    const clients = stsAnswering()
    const env = createTestCliEnv({
      vars: REGION,
      files: { '.aws/credentials': KEYS },
      answers: [SERIAL, 'abc', ''],
      clients,
    })
    expect(await runCli(['configure', 'mfa-login'], env)).toBe(252)
    expect(env.err.text).toBe(
      '\nidc: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\n' +
        'Invalid length for parameter TokenCode, value: 3, valid min length: 6\n',
    )
    expect(clients.calls).toEqual([])
  })

  it('needs a region, as the CLI does for its STS client, and says so before checking the code', async () => {
    const clients = stsAnswering()
    const env = createTestCliEnv({ files: { '.aws/credentials': KEYS }, answers: [SERIAL, 'abc', ''], clients })
    expect(await runCli(['configure', 'mfa-login'], env)).toBe(253)
    expect(env.err.text).toBe(
      '\nidc: [ERROR]: An error occurred (NoRegion): You must specify a region. You can also configure your region by running "idc configure".\n',
    )
    expect(clients.calls).toEqual([])
  })

  it('prints its own refusals plainly and exits 1, whatever the error format', async () => {
    const env = createTestCliEnv({
      vars: { ...REGION, AWS_CLI_ERROR_FORMAT: 'json' },
      files: { '.aws/credentials': KEYS },
      answers: [SERIAL, ''],
    })
    expect(await runCli(['configure', 'mfa-login'], env)).toBe(1)
    expect(env.err.text).toBe('\nidc: [ERROR]: MFA token code is required\n')
  })

  it('names the default profile ACCOUNT-DEVICE from the serial ARN', () => {
    expect(defaultMfaProfileName('arn:aws:iam::1:mfa/zz')).toBe('1-zz')
    expect(defaultMfaProfileName(SERIAL)).toBe('123456789011-legacy-ci')
  })
})
