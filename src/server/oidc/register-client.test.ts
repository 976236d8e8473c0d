// RegisterClient through app.request(): the registration's shape, what it refuses, and clients
// that were registered before a restart with a temporary data directory.
import { describe, expect, it } from 'vitest'
import { setupOidc as setup, startDeviceAuthorization } from '../../../test/helpers/server/oidc-flows.js'

describe('RegisterClient', () => {
  it('returns a client with epoch-second timestamps and a 90-day secret', async () => {
    const s = setup()
    const r = await s.post('/client/register', { clientName: 'botocore-client-emu', clientType: 'public' })
    expect(r.status).toBe(200)
    expect(r.body.clientIdIssuedAt).toBe(Date.parse('2026-11-22T00:00:00Z') / 1000)
    expect(r.body.clientSecretExpiresAt).toBe(r.body.clientIdIssuedAt + 90 * 86400)
    expect(typeof r.body.clientId).toBe('string')
    expect(typeof r.body.clientSecret).toBe('string')
  })

  it.each([
    ['a missing clientName', { clientType: 'public' }, 'InvalidRequestException', 'invalid_request'],
    [
      'a confidential client',
      { clientName: 'x', clientType: 'confidential' },
      'InvalidClientMetadataException',
      'invalid_client_metadata',
    ],
    [
      'a non-loopback redirect URI',
      {
        clientName: 'x',
        clientType: 'public',
        grantTypes: ['authorization_code'],
        redirectUris: ['https://evil.example/cb'],
      },
      'InvalidRedirectUriException',
      'invalid_redirect_uri',
    ],
    [
      'an unknown grant type',
      { clientName: 'x', clientType: 'public', grantTypes: ['password'] },
      'UnsupportedGrantTypeException',
      'unsupported_grant_type',
    ],
  ])('rejects %s with x-amzn-ErrorType and an OAuth error body', async (_name, body, type, error) => {
    const s = setup()
    const r = await s.post('/client/register', body)
    expect(r.status).toBe(400)
    expect(r.type).toBe(type)
    expect(r.body).toEqual({ error, error_description: expect.any(String) })
  })

  it('rejects a body that is not JSON', async () => {
    const r = await setup().post('/client/register', 'not json')
    expect([r.status, r.type]).toEqual([400, 'InvalidRequestException'])
  })
})

describe('clients registered before a restart (temporary data directory)', () => {
  const cached = { clientId: 'cached-client-id-123', clientSecret: 'cached-secret' }

  it('are adopted on first use with their secret, and a wrong secret is refused afterwards', async () => {
    const s = setup({ options: { adoptUnknownClients: true } })
    const ok = await startDeviceAuthorization(s.post, cached)
    expect(ok.status).toBe(200)
    const wrong = await startDeviceAuthorization(s.post, { ...cached, clientSecret: 'other' })
    expect([wrong.status, wrong.type]).toEqual([401, 'InvalidClientException'])
    expect(s.deps.lines.some((l) => l.startsWith('warn ') && l.includes('registered before a restart'))).toBe(true)
  })

  it('are refused when the data directory is kept', async () => {
    const s = setup()
    const r = await startDeviceAuthorization(s.post, cached)
    expect([r.status, r.type]).toEqual([401, 'InvalidClientException'])
  })
})
