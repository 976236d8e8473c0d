import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../../test/helpers/cli-test-env.js'
import { createFakeAwsClients } from '../../../../test/helpers/fake-aws-clients.js'
import { writeSsoToken } from '../../../core/sso/cache.js'
import { createGlobalOptions } from '../../globals.js'
import { runSsoListAccountRoles } from './list-account-roles.js'
import { runSsoListAccounts } from './list-accounts.js'

const globals = createGlobalOptions({ profile: 'dev' })

async function setup() {
  const env = createTestCliEnv({ vars: { AWS_ENDPOINT_URL_SSO: 'http://127.0.0.1:9' } })
  await mkdir(join(env.home, '.aws'), { recursive: true })
  await writeFile(
    join(env.home, '.aws', 'config'),
    '[profile dev]\nsso_session = s\n[sso-session s]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\n',
  )
  return env
}

describe('idc sso list-accounts / list-account-roles', () => {
  it('lists every page with the cached token and prints JSON', async () => {
    const env = await setup()
    await writeSsoToken(env, 's', { accessToken: 'tok', expiresAt: '2026-11-22T05:00:00Z' })
    const clients = createFakeAwsClients({
      ListAccountsCommand: (input) =>
        input.nextToken
          ? { accountList: [{ accountId: '2' }] }
          : { accountList: [{ accountId: '1', accountName: 'One' }], nextToken: 'p2' },
      ListAccountRolesCommand: () => ({ roleList: [{ roleName: 'R', accountId: '1' }] }),
    })
    await runSsoListAccounts({ profile: 'dev', globals, paging: { noPaginate: false } }, { ...env, clients })
    expect(JSON.parse(env.out.text)).toEqual({
      accountList: [{ accountId: '1', accountName: 'One' }, { accountId: '2' }],
    })
    expect(clients.calls.map((c) => [c.input.accessToken, c.target])).toEqual([
      ['tok', { region: 'eu-west-1', endpoint: 'http://127.0.0.1:9' }],
      ['tok', { region: 'eu-west-1', endpoint: 'http://127.0.0.1:9' }],
    ])
    env.out.text = ''
    await runSsoListAccountRoles(
      { profile: 'dev', accountId: '1', globals, paging: { noPaginate: false } },
      { ...env, clients },
    )
    expect(env.out.text).toBe(
      '{\n    "roleList": [\n        {\n            "roleName": "R",\n            "accountId": "1"\n        }\n    ]\n}\n',
    )
  })

  it('says which session has no token and how to sign in', async () => {
    const env = await setup()
    await expect(
      runSsoListAccounts(
        { profile: 'dev', globals, paging: { noPaginate: false } },
        { ...env, clients: createFakeAwsClients({}) },
      ),
    ).rejects.toMatchObject({
      message: 'Error loading SSO Token: Token for s does not exist',
      hint: expect.stringContaining('idc sso login --profile dev'),
    })
  })
})
