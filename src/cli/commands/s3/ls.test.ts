import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { S3ServiceException } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { createFakeAwsClients } from '../../../../test/helpers/fake-aws-clients.js'
import { createTestCliEnv } from '../../../../test/helpers/cli-test-env.js'
import { reportError } from '../../exit-codes.js'
import { createGlobalOptions } from '../../globals.js'
import { formatLocalTimestamp, runS3Ls } from './ls.js'

const globals = createGlobalOptions({ profile: 'dev' })

function setup() {
  const env = createTestCliEnv()
  mkdirSync(join(env.home, '.aws'), { recursive: true })
  return env
}

describe('idc s3 ls', () => {
  it('prints one line per bucket with the local creation time, following continuation tokens', async () => {
    const env = setup()
    writeFileSync(
      join(env.home, '.aws', 'config'),
      '[profile dev]\naws_access_key_id = AKIA\naws_secret_access_key = s\n',
    )
    const d1 = new Date(2024, 0, 2, 3, 4, 5)
    const d2 = new Date(2025, 11, 31, 23, 59, 59)
    const clients = createFakeAwsClients({
      ListBucketsCommand: (input) =>
        input.ContinuationToken
          ? { Buckets: [{ Name: 'second', CreationDate: d2 }] }
          : { Buckets: [{ Name: 'first', CreationDate: d1 }], ContinuationToken: 'next' },
    })
    expect(await runS3Ls({ globals: globals }, { ...env, clients })).toBe(0)
    expect(env.out.text).toBe('2024-01-02 03:04:05 first\n2025-12-31 23:59:59 second\n')
    expect(clients.calls[0]?.target).toEqual({ region: 'us-east-1', endpoint: undefined })
  })

  it('explains AccessDenied: which role lacked s3:ListAllMyBuckets and what to do (exit 254)', async () => {
    const env = setup()
    writeFileSync(
      join(env.home, '.aws', 'config'),
      '[profile base]\naws_access_key_id = AKIA\naws_secret_access_key = s\n[profile dev]\nrole_arn = arn:aws:iam::123456789022:role/Billing\nsource_profile = base\n',
    )
    const clients = createFakeAwsClients({
      AssumeRoleCommand: () => ({
        Credentials: {
          AccessKeyId: 'ASIA',
          SecretAccessKey: 's',
          SessionToken: 't',
          Expiration: new Date(Date.parse('2026-11-22T01:00:00Z')),
        },
        AssumedRoleUser: { Arn: 'arn:aws:sts::123456789022:assumed-role/Billing/x', AssumedRoleId: 'AROA:x' },
        $metadata: {},
      }),
      ListBucketsCommand: () => {
        throw new S3ServiceException({
          name: 'AccessDenied',
          message: 'Access Denied',
          $fault: 'client',
          $metadata: { httpStatusCode: 403 },
        })
      },
    })
    const error = await runS3Ls({ globals: globals }, { ...env, clients }).catch((e: unknown) => e)
    const report = reportError(error)
    expect(report.exitCode).toBe(254)
    expect(report.message).toContain(
      'An error occurred (AccessDenied) when calling the ListBuckets operation: Access Denied',
    )
    expect(report.message).toContain(
      'The role arn:aws:iam::123456789022:role/Billing (profile dev) is not allowed to list buckets (s3:ListAllMyBuckets).',
    )
  })

  it('formats timestamps with zero padding', () => {
    expect(formatLocalTimestamp(new Date(2024, 0, 2, 3, 4, 5))).toBe('2024-01-02 03:04:05')
  })
})
