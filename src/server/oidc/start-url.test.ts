// Abuse cases: a start URL that is not the instance's (a typo in sso_start_url) is refused by
// StartDeviceAuthorization and by /authorize, as AWS does, instead of signing in and being saved
// into the user's config.
import { describe, expect, it } from 'vitest'
import { isInstanceStartUrl } from '../domain/start-url.js'
import {
  registerClient,
  setupOidc as setup,
  START_URL as START,
  startDeviceAuthorization,
} from '../../../test/helpers/server/oidc-flows.js'

describe('the start URL', () => {
  it.each([
    [START, true],
    [`${START}/`, true],
    [`${START}#/`, true],
    ['https://D-9567A1B2C3.awsapps.com/start', true],
    ['https://d-9567a1b2c4.awsapps.com/start', false],
    ['https://d-9567a1b2c3.awsapps.com/strat', false],
    ['http://d-9567a1b2c3.awsapps.com/start', false],
    ['x', false],
  ])('%s is the instance start URL: %s', (url, same) => {
    expect(isInstanceStartUrl(START, url)).toBe(same)
  })

  it('StartDeviceAuthorization refuses a start URL that is not the instance one, with InvalidRequestException', async () => {
    const s = setup()
    const c = await registerClient(s.post)
    const typo = await s.post('/device_authorization', {
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      startUrl: 'https://d-9567a1b2c4.awsapps.com/start',
    })
    expect([typo.status, typo.type, typo.body.error]).toEqual([400, 'InvalidRequestException', 'invalid_request'])
    const ok = await startDeviceAuthorization(s.post, c)
    expect(ok.status).toBe(200)
  })

  it('/authorize sends a client registered for another portal back with invalid_request', async () => {
    const s = setup()
    const register = (issuerUrl: string) =>
      s.post('/client/register', {
        clientName: 'botocore-client-my-sso',
        clientType: 'public',
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: ['http://127.0.0.1/oauth/callback'],
        issuerUrl,
      })
    const authorize = async (clientId: string) => {
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: 'http://127.0.0.1:54321/oauth/callback',
        state: 's1',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
        scopes: 'sso:account:access',
      })
      return s.app.request(`/authorize?${q}`)
    }
    const typo = await authorize((await register('https://d-9567a1b2c4.awsapps.com/start')).body.clientId)
    expect(typo.status).toBe(302)
    const back = new URL(typo.headers.get('location') ?? '')
    expect([back.origin, back.searchParams.get('error'), back.searchParams.get('state')]).toEqual([
      'http://127.0.0.1:54321',
      'invalid_request',
      's1',
    ])
    const ok = await authorize((await register(START)).body.clientId)
    expect(ok.headers.get('location') ?? '').toMatch(/^\/signin\?next=/)
  })
})
