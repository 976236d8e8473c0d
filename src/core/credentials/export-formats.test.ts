import { describe, expect, it } from 'vitest'
import { formatExportedCredentials, type ExportFormat } from './export-formats.js'

const session = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'se/cret+key',
  sessionToken: 'tok==',
  expiration: new Date('2026-11-22T02:31:18Z'),
  accountId: '123456789011',
}

describe('formatExportedCredentials', () => {
  it('prints the process format as json.dumps(indent=2) with +00:00 and no AccountId', () => {
    expect(formatExportedCredentials(session, 'process')).toBe(
      '{\n  "Version": 1,\n  "AccessKeyId": "ASIAEXAMPLE",\n  "SecretAccessKey": "se/cret+key",\n  "SessionToken": "tok==",\n  "Expiration": "2026-11-22T02:31:18+00:00"\n}\n',
    )
  })

  it.each<[ExportFormat, string]>([
    [
      'env',
      'export AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=se/cret+key\nexport AWS_SESSION_TOKEN=tok==\nexport AWS_CREDENTIAL_EXPIRATION=2026-11-22T02:31:18+00:00\n',
    ],
    [
      'env-no-export',
      'AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nAWS_SECRET_ACCESS_KEY=se/cret+key\nAWS_SESSION_TOKEN=tok==\nAWS_CREDENTIAL_EXPIRATION=2026-11-22T02:31:18+00:00\n',
    ],
    [
      'powershell',
      '$Env:AWS_ACCESS_KEY_ID="ASIAEXAMPLE"\n$Env:AWS_SECRET_ACCESS_KEY="se/cret+key"\n$Env:AWS_SESSION_TOKEN="tok=="\n$Env:AWS_CREDENTIAL_EXPIRATION="2026-11-22T02:31:18+00:00"\n',
    ],
    [
      'windows-cmd',
      'set AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nset AWS_SECRET_ACCESS_KEY=se/cret+key\nset AWS_SESSION_TOKEN=tok==\nset AWS_CREDENTIAL_EXPIRATION=2026-11-22T02:31:18+00:00\n',
    ],
    [
      'fish',
      'set -gx AWS_ACCESS_KEY_ID "ASIAEXAMPLE"\nset -gx AWS_SECRET_ACCESS_KEY "se/cret+key"\nset -gx AWS_SESSION_TOKEN "tok=="\nset -gx AWS_CREDENTIAL_EXPIRATION "2026-11-22T02:31:18+00:00"\n',
    ],
  ])('prints the %s format line by line', (format, expected) => {
    expect(formatExportedCredentials(session, format)).toBe(expected)
  })

  it('leaves out the session token and expiration of static keys', () => {
    const keys = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' }
    expect(formatExportedCredentials(keys, 'process')).toBe(
      '{\n  "Version": 1,\n  "AccessKeyId": "AKIAEXAMPLE",\n  "SecretAccessKey": "secret"\n}\n',
    )
    expect(formatExportedCredentials(keys, 'env')).toBe(
      'export AWS_ACCESS_KEY_ID=AKIAEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=secret\n',
    )
  })

  it('prints fractional seconds as Python does', () => {
    const out = formatExportedCredentials(
      { ...session, expiration: new Date('2026-11-22T02:31:18.250Z') },
      'env-no-export',
    )
    expect(out).toContain('AWS_CREDENTIAL_EXPIRATION=2026-11-22T02:31:18.250000+00:00\n')
  })
})
