import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { parseOrgFile } from './org-file.js'
import { DEMO_ORG } from './demo-org.js'

describe('parseOrgFile', () => {
  it('accepts the demo organisation written as YAML and as JSON', () => {
    expect(parseOrgFile(stringify(DEMO_ORG), 'demo.yaml')).toEqual(DEMO_ORG)
    expect(parseOrgFile(JSON.stringify(DEMO_ORG, null, 2), 'demo.json')).toEqual(DEMO_ORG)
  })

  it.each([
    [
      'an account id that is not 12 digits',
      'accounts:\n  - id: "1234"\n    name: A\n    email: a@example.com\n',
      'org.yaml:2:9: accounts[0].id: must be 12 digits',
    ],
    [
      'a missing account name',
      'accounts:\n  - id: "123456789012"\n    email: a@example.com\n',
      'org.yaml:2:5: accounts[0].name: is required',
    ],
    [
      'an unknown field',
      'users:\n  - userName: carol\n    pasword: x\n',
      'org.yaml:3:14: users[0].pasword: unknown field',
    ],
    [
      'a session duration over 12 hours',
      'permissionSets:\n  - name: Long\n    sessionDuration: PT13H\n',
      'org.yaml:3:22: permissionSets[0].sessionDuration: must be an ISO 8601 duration',
    ],
    [
      'a session duration under a minute',
      'permissionSets:\n  - name: Short\n    sessionDuration: PT30S\n',
      'org.yaml:3:22: permissionSets[0].sessionDuration: must be an ISO 8601 duration from PT1M to PT12H',
    ],
    [
      'an instance session duration under an hour',
      'instance:\n  id: d-1234567890\n  region: eu-west-1\n  sessionDuration: PT30M\n',
      'org.yaml:4:20: instance.sessionDuration: must be an ISO 8601 duration from PT1H to PT12H',
    ],
    [
      'an unknown managed policy',
      'permissionSets:\n  - name: P\n    managedPolicies: [Nope]\n',
      'org.yaml:3:23: permissionSets[0].managedPolicies[0]: must be an AWS-managed policy name',
    ],
    [
      'an assignment with both user and group',
      'assignments:\n  - account: A\n    permissionSet: P\n    user: u\n    group: g\n',
      'org.yaml:2:5: assignments[0]: must name exactly one of user or group',
    ],
    [
      'a root user without a console password',
      'accounts:\n  - id: "123456789012"\n    name: A\n    email: a@example.com\n    rootUser:\n      email: root@a.example.com\n',
      'accounts[0].rootUser.consolePassword: is required',
    ],
    [
      'a root MFA device with a secret that is not base32',
      'accounts:\n  - id: "123456789012"\n    name: A\n    email: a@example.com\n    rootUser:\n      email: r@a.example.com\n      consolePassword: P-1\n      mfaDevice: { totpSecret: "not-base32" }\n',
      'accounts[0].rootUser.mfaDevice.totpSecret: must be a base32 secret',
    ],
    [
      'an SMTP URL of another scheme',
      'mail:\n  smtp: http://mail.example.com\n',
      'org.yaml:2:9: mail.smtp: the SMTP URL must start with smtp:// or smtps://',
    ],
    ['an unknown mail field', 'mail:\n  imap: x\n', 'org.yaml:2:9: mail.imap: unknown field (expected one of: smtp)'],
    ['broken YAML', 'accounts: [\n', 'org.yaml:2:1:'],
  ])('names the line and field for %s', (_name, text, message) => {
    expect(() => parseOrgFile(text, 'org.yaml')).toThrow(message)
  })

  it('reads mail.smtp, the org file form of idc server --smtp', () => {
    const spec = parseOrgFile('mail:\n  smtp: smtps://idc:pw-1234@mail.example.com:465\n', 'org.yaml')
    expect(spec.mail).toEqual({ smtp: 'smtps://idc:pw-1234@mail.example.com:465' })
  })
})

describe('the documented example (docs/org-file.md)', () => {
  it('parses and applies, twice, to the same state', async () => {
    const { readFileSync } = await import('node:fs')
    const { openStore } = await import('../store/store.js')
    const { applyOrg } = await import('./org.js')
    const { createSeededIds } = await import('../ids.js')
    const doc = readFileSync(new URL('../../../docs/org-file.md', import.meta.url), 'utf8')
    const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!
    const spec = parseOrgFile(yaml, 'org-file.md')
    const store = openStore({ path: ':memory:' })
    const { createTestPasswordHasher } = await import('../../../test/helpers/server/test-deps.js')
    const ids = createSeededIds(3)
    const ctx = { store, ids, clock: () => 0, passwords: createTestPasswordHasher(ids) }
    const first = applyOrg(ctx, spec)
    expect(first.invitedUserIds).toHaveLength(1)
    const snapshot = JSON.stringify([
      store.listUsers(),
      store.listAssignments(),
      store.listPermissionSets(),
      store.getRole('arn:aws:iam::111122223333:role/Deploy'),
    ])
    expect(applyOrg(ctx, spec).invitedUserIds).toEqual([])
    expect(
      JSON.stringify([
        store.listUsers(),
        store.listAssignments(),
        store.listPermissionSets(),
        store.getRole('arn:aws:iam::111122223333:role/Deploy'),
      ]),
    ).toBe(snapshot)
    expect(store.findMfaDevice('arn:aws:iam::111122223333:mfa/ci')?.userName).toBe('ci')
  })
})
