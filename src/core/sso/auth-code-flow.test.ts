import { describe, expect, it } from 'vitest'
import { InvalidGrantException } from '@aws-sdk/client-sso-oidc'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { createFakeAwsClients } from '../../../test/helpers/fake-aws-clients.js'
import {
  buildAuthorizeUrl,
  defaultOidcEndpoint,
  quotePython,
  runAuthCodeFlow,
  type AuthCodeCallback,
  type CallbackListener,
} from './auth-code-flow.js'

function listener(answer: (url: string) => AuthCodeCallback): {
  listener: CallbackListener
  onAuthorizeUrl(url: string): void
} {
  let result: AuthCodeCallback | undefined
  return {
    listener: { port: 36731, waitForCallback: async () => result!, close: async () => {} },
    onAuthorizeUrl: (url) => void (result = answer(url)),
  }
}

const registration = { clientId: 'cid', clientSecret: 'cs', expiresAtMs: 0 }

describe('buildAuthorizeUrl', () => {
  it('matches the URL the AWS CLI printed', () => {
    expect(
      buildAuthorizeUrl({
        oidcEndpoint: 'https://oidc.us-east-1.amazonaws.com',
        clientId: 'cid-bd555211',
        redirectUri: 'http://127.0.0.1:36731/oauth/callback',
        state: 'c0dd2a5c-5da8-49f8-9c49-4e84b7b1ede5',
        scopes: ['sso:account:access'],
        codeChallenge: 'nEajSsXuCDfukjvZVjFRMAKm2Ga-mm_m_M97Xf5xq80',
      }),
    ).toBe(
      'https://oidc.us-east-1.amazonaws.com/authorize?response_type=code&client_id=cid-bd555211&redirect_uri=http%3A%2F%2F127.0.0.1%3A36731%2Foauth%2Fcallback&state=c0dd2a5c-5da8-49f8-9c49-4e84b7b1ede5&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=nEajSsXuCDfukjvZVjFRMAKm2Ga-mm_m_M97Xf5xq80',
    )
  })
  it('drops the path of an endpoint override and joins scopes with %20', () => {
    const url = buildAuthorizeUrl({
      oidcEndpoint: 'http://127.0.0.1:18001/oidc',
      clientId: 'c',
      redirectUri: 'r',
      state: 's',
      scopes: ['a:b', 'c'],
      codeChallenge: 'x',
    })
    expect(url).toBe(
      'http://127.0.0.1:18001/authorize?response_type=code&client_id=c&redirect_uri=r&state=s&code_challenge_method=S256&scopes=a%3Ab%20c&code_challenge=x',
    )
  })
  it('quotes like Python urllib (only -_.~ stay)', () => {
    expect(quotePython("a-b_c.d~e!'()* /")).toBe('a-b_c.d~e%21%27%28%29%2A%20%2F')
  })
  it('knows the default endpoints', () => {
    expect(defaultOidcEndpoint('eu-west-1')).toBe('https://oidc.eu-west-1.amazonaws.com')
    expect(defaultOidcEndpoint('cn-north-1')).toBe('https://oidc.cn-north-1.amazonaws.com.cn')
  })
})

describe('runAuthCodeFlow', () => {
  it('reports an error redirect with the CLI message', async () => {
    const l = listener(() => ({ error: 'access_denied' }))
    await expect(
      runAuthCodeFlow(createTestCliEnv(), {
        clients: createFakeAwsClients({}),
        target: { region: 'us-east-1' },
        registration,
        ...l,
      }),
    ).rejects.toThrow('Error loading authorization code: Failed to retrieve an authorization code.')
  })
  it('turns a rejected code into the CLI service error', async () => {
    const l = listener((url) => ({ code: 'c', state: new URL(url).searchParams.get('state')! }))
    const clients = createFakeAwsClients({
      CreateTokenCommand: () => {
        throw new InvalidGrantException({ message: 'Invalid grant provided', $metadata: {} })
      },
    })
    await expect(
      runAuthCodeFlow(createTestCliEnv(), { clients, target: { region: 'us-east-1' }, registration, ...l }),
    ).rejects.toThrow(
      'An error occurred (InvalidGrantException) when calling the CreateToken operation: Invalid grant provided',
    )
  })
})
