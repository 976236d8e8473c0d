import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../test/helpers/cli-test-env.js'
import { createDebugLog, redact, redactValue } from './debug-log.js'

describe('redact', () => {
  it.each([
    [
      'a JSON access token',
      '{"accessToken": "eyJhbGciOi", "expiresIn": 28800}',
      '{"accessToken": "****", "expiresIn": 28800}',
    ],
    [
      'a JSON client secret and refresh token',
      '{"clientSecret":"abc\\"def","refreshToken":"r1","clientId":"c1"}',
      '{"clientSecret":"****","refreshToken":"****","clientId":"c1"}',
    ],
    [
      'role credentials',
      '{"accessKeyId":"ASIA1","secretAccessKey":"s3cr3t","sessionToken":"FwoG"}',
      '{"accessKeyId":"ASIA1","secretAccessKey":"****","sessionToken":"****"}',
    ],
    [
      'credentials file lines',
      'aws_access_key_id = AKIA1\naws_secret_access_key = wJalr\naws_session_token=FwoG',
      'aws_access_key_id = AKIA1\naws_secret_access_key = ****\naws_session_token=****',
    ],
    [
      'HTTP headers',
      'x-amz-sso_bearer_token: aoa123\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIA/2026',
      'x-amz-sso_bearer_token: ****\nAuthorization: ****',
    ],
    ['a bearer token in prose', 'sending Bearer abc.def-ghi to the portal', 'sending Bearer **** to the portal'],
    [
      'form bodies and query strings',
      'POST /token?client_secret=xyz&grant_type=refresh_token&refresh_token=r2',
      'POST /token?client_secret=****&grant_type=refresh_token&refresh_token=****',
    ],
    ['passwords', 'password: hunter2', 'password: ****'],
  ])('masks %s', (_name, input, expected) => {
    expect(redact(input)).toBe(expected)
  })

  it('leaves ordinary text alone', () => {
    const text =
      'Loading profile dev from /home/a/.aws/config (region: us-east-1, sso_start_url = https://x.awsapps.com/start)'
    expect(redact(text)).toBe(text)
  })

  it('masks secret members of objects', () => {
    expect(
      redactValue({ AccessKeyId: 'AKIA', SecretAccessKey: 's', nested: [{ sessionToken: 't', region: 'us-east-1' }] }),
    ).toEqual({
      AccessKeyId: 'AKIA',
      SecretAccessKey: '****',
      nested: [{ sessionToken: '****', region: 'us-east-1' }],
    })
  })
})

describe('createDebugLog', () => {
  it('writes timestamped, redacted lines to stderr when enabled', () => {
    const env = createTestCliEnv({ now: Date.parse('2026-11-22T01:02:03.045Z') })
    createDebugLog(env, true)('token response {"accessToken": "secret-value"}')
    expect(env.err.text).toBe(
      '2026-11-22 01:02:03,045 - MainThread - idc - DEBUG - token response {"accessToken": "****"}\n',
    )
    expect(env.out.text).toBe('')
  })

  it('writes nothing when disabled', () => {
    const env = createTestCliEnv()
    createDebugLog(env, false)('anything')
    expect(env.err.text).toBe('')
  })
})

describe('--debug', () => {
  it('logs the command and global options on stderr, leaving stdout to the data', async () => {
    const { runCli } = await import('./run-cli.js')
    const env = createTestCliEnv()
    expect(await runCli(['configure', 'list-profiles', '--debug', '--region', 'eu-west-1'], env)).toBe(0)
    expect(env.err.text).toMatch(
      /^2026-11-22 00:00:00,000 - MainThread - idc - DEBUG - idc\/.* command: idc configure list-profiles globals: \{.*"region":"eu-west-1"/,
    )
    expect(env.out.text).toBe('')
  })
})
