import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { AuthorizationPendingException } from '@aws-sdk/client-sso-oidc'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { createFakeAwsClients } from '../../../test/helpers/fake-aws-clients.js'
import { ssoTokenCachePath } from './cache.js'
import { loginToSso } from './login.js'

const session = { sessionName: 'my-sso', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1' }

describe('loginToSso', () => {
  it('lets one of two concurrent sign-ins show a code; the other waits and reuses its token', async () => {
    // The test clock runs concurrent sleeps in order of their wake-up times (virtual time).
    const env = createTestCliEnv()
    let polls = 0
    let tokens = 0
    const clients = createFakeAwsClients({
      RegisterClientCommand: () => ({ clientId: 'c', clientSecret: 's', clientSecretExpiresAt: 1_900_000_000 }),
      StartDeviceAuthorizationCommand: () => ({
        deviceCode: 'd',
        userCode: 'U',
        verificationUri: 'v',
        verificationUriComplete: 'vc',
        expiresIn: 600,
        interval: 0,
      }),
      CreateTokenCommand: async () => {
        await env.sleep(30)
        if (++polls < 4) throw new AuthorizationPendingException({ message: 'pending', $metadata: {} })
        return { accessToken: `at-${++tokens}`, expiresIn: 3600, refreshToken: 'rt' }
      },
    })
    const prompts: string[] = []
    const waits: string[] = []
    const login = (name: string) =>
      loginToSso(env, session, {
        clients,
        flow: 'device-code',
        onDeviceCode: () => void prompts.push(name),
        onWaitingForOtherLogin: () => void waits.push(name),
      })
    const first = login('first')
    // Start the second once the first holds the lock and shows its code.
    while (prompts.length === 0) await env.sleep(2)
    const [a, b] = await Promise.all([first, login('second')])
    expect(prompts).toEqual(['first'])
    expect(waits).toEqual(['second'])
    expect([a.reusedFromOtherProcess, b.reusedFromOtherProcess]).toEqual([false, true])
    expect(b.accessToken).toBe(a.accessToken)
    expect(clients.calls.filter((c) => c.command === 'StartDeviceAuthorizationCommand')).toHaveLength(1)
    expect(JSON.parse(await readFile(ssoTokenCachePath(env, 'my-sso'), 'utf8')).accessToken).toBe('at-1')
  })
})
