import { readFileSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { InvalidGrantException } from '@aws-sdk/client-sso-oidc'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { createFakeAwsClients } from '../../../test/helpers/fake-aws-clients.js'
import { CredentialsError } from '../errors.js'
import { ssoTokenCachePath } from './cache.js'
import { resolveSsoAccessToken, type SsoSessionConfig } from './token-provider.js'
import { vectorPath } from '../../../test/helpers/vectors.js'

const vectors = JSON.parse(readFileSync(vectorPath('sso/sso-token-provider.json'), 'utf8'))

async function seed(env: ReturnType<typeof createTestCliEnv>, identifier: string, token: unknown): Promise<string> {
  const path = ssoTokenCachePath(env, identifier)
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, JSON.stringify(token))
  return path
}

const session: SsoSessionConfig = {
  sessionName: 'admin',
  startUrl: 'https://d-123.awsapps.com/start',
  region: 'us-west-2',
}

const expectedMessages: Record<string, RegExp> = {
  SSOTokenLoadError: /^Error loading SSO Token: Token for https:\/\/d-123\.awsapps\.com\/start is invalid$/,
  TokenRetrievalError: /^Error when retrieving token from sso: Token has expired and refresh failed$/,
}

describe('resolveSsoAccessToken (botocore refresh vectors)', () => {
  it.each<[string, any]>(vectors.refresh.cases.map((c: any): [string, any] => [c.documentation, c]))(
    '%s',
    async (_name: string, c: any) => {
      const env = createTestCliEnv({ now: Date.parse(c.currentTime) })
      const path = await seed(env, 'admin', c.cachedToken)
      const clients = createFakeAwsClients({
        CreateTokenCommand: (input) => {
          expect(input).toEqual({
            grantType: 'refresh_token',
            clientId: c.cachedToken.clientId,
            clientSecret: c.cachedToken.clientSecret,
            refreshToken: c.cachedToken.refreshToken,
          })
          if (!c.refreshResponse) throw new InvalidGrantException({ message: 'no', $metadata: {} })
          return c.refreshResponse
        },
      })
      const result = resolveSsoAccessToken(env, session, { clients })
      if (c.expectedException) {
        await expect(result).rejects.toThrow(expectedMessages[c.expectedException]!)
        await expect(result).rejects.toBeInstanceOf(CredentialsError)
        return
      }
      const token = await result
      expect(token.accessToken).toBe(c.expectedToken.token)
      expect(token.expiresAt.toISOString()).toBe(new Date(c.expectedToken.expiration).toISOString())
      if (c.expectedTokenWriteback) expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(c.expectedTokenWriteback)
      else expect(clients.calls).toHaveLength(0)
    },
  )
})

describe('resolveSsoAccessToken', () => {
  const full = {
    startUrl: session.startUrl,
    region: 'us-west-2',
    accessToken: 'old',
    clientId: 'cid',
    clientSecret: 'cs',
    registrationExpiresAt: '2030-01-01T00:00:00Z',
    refreshToken: 'rt',
  }
  const now = Date.parse('2026-11-22T00:00:00Z')

  it('names the session and the command to run when no token exists', async () => {
    const env = createTestCliEnv({ now })
    const error = await resolveSsoAccessToken(
      env,
      { ...session, sessionName: 'my-sso' },
      { clients: createFakeAwsClients({}), profileName: 'dev' },
    ).then(
      () => {
        throw new Error('expected a failure')
      },
      (e: unknown) => e as CredentialsError,
    )
    expect(error.message).toBe('Error loading SSO Token: Token for my-sso does not exist')
    expect(error.hint).toContain('idc sso login --profile dev')
    expect(error.kind).toBe('general')
  })

  it('suggests --sso-session when no profile is known', async () => {
    const env = createTestCliEnv({ now })
    const error = await resolveSsoAccessToken(env, session, { clients: createFakeAwsClients({}) }).then(
      () => {
        throw new Error('expected a failure')
      },
      (e: unknown) => e as CredentialsError,
    )
    expect(error.hint).toContain('idc sso login --sso-session admin')
  })

  it('keeps a still-valid token when the service rejects the refresh', async () => {
    const env = createTestCliEnv({ now })
    await seed(env, 'admin', { ...full, expiresAt: '2026-11-22T00:05:00Z' })
    const clients = createFakeAwsClients({
      CreateTokenCommand: () => {
        throw new InvalidGrantException({ message: 'revoked', $metadata: {} })
      },
    })
    const token = await resolveSsoAccessToken(env, session, { clients })
    expect(token.accessToken).toBe('old')
    expect(clients.calls).toHaveLength(1)
  })

  it('fails when the refresh cannot reach the service, even with minutes left', async () => {
    const env = createTestCliEnv({ now })
    await seed(env, 'admin', { ...full, expiresAt: '2026-11-22T00:05:00Z' })
    const clients = createFakeAwsClients({
      CreateTokenCommand: () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
      },
    })
    await expect(resolveSsoAccessToken(env, session, { clients })).rejects.toThrow(/ECONNREFUSED/)
  })

  it('does not refresh outside the 15-minute window', async () => {
    const env = createTestCliEnv({ now })
    await seed(env, 'admin', { ...full, expiresAt: '2026-11-22T00:15:01Z' })
    const clients = createFakeAwsClients({})
    expect((await resolveSsoAccessToken(env, session, { clients })).accessToken).toBe('old')
  })

  it('refreshes against the configured OIDC endpoint in the session region', async () => {
    const env = createTestCliEnv({ now })
    await seed(env, 'admin', { ...full, expiresAt: '2026-11-22T00:14:59Z' })
    const clients = createFakeAwsClients({
      CreateTokenCommand: () => ({ accessToken: 'new', expiresIn: 3600, refreshToken: 'rt2' }),
    })
    const token = await resolveSsoAccessToken(env, session, { clients, oidcEndpoint: 'http://127.0.0.1:9/' })
    expect(token.accessToken).toBe('new')
    expect(clients.calls[0]!.target).toEqual({ region: 'us-west-2', endpoint: 'http://127.0.0.1:9/' })
  })

  it('never refreshes legacy tokens and explains an expired one', async () => {
    const env = createTestCliEnv({ now })
    const legacy = { startUrl: session.startUrl, region: 'us-west-2' }
    await seed(env, session.startUrl, { ...full, expiresAt: '2026-11-22T00:05:00Z' })
    const clients = createFakeAwsClients({})
    expect((await resolveSsoAccessToken(env, legacy, { clients })).accessToken).toBe('old')
    env.advance(10 * 60 * 1000)
    const error = await resolveSsoAccessToken(env, legacy, { clients, profileName: 'old' }).then(
      () => {
        throw new Error('expected a failure')
      },
      (e: unknown) => e as CredentialsError,
    )
    expect(error.message).toBe(
      'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run idc sso login with the corresponding profile.',
    )
    expect(error.hint).toContain('idc sso login --profile old')
    expect(clients.calls).toHaveLength(0)
  })
})

describe('resolveSsoAccessToken single flight', () => {
  it('makes exactly one refresh when many callers race inside the window', async () => {
    // The lock's back-off runs on the virtual clock, interleaved with the winner's refresh.
    const env = createTestCliEnv({ now: Date.parse('2026-11-22T00:00:00Z') })
    await seed(env, 'admin', {
      startUrl: session.startUrl,
      region: 'us-west-2',
      accessToken: 'old',
      expiresAt: '2026-11-22T00:05:00Z',
      clientId: 'cid',
      clientSecret: 'cs',
      registrationExpiresAt: '2030-01-01T00:00:00Z',
      refreshToken: 'rt',
    })
    const clients = createFakeAwsClients({
      CreateTokenCommand: async () => {
        await env.sleep(50)
        return { accessToken: 'new', expiresIn: 3600, refreshToken: 'rt2' }
      },
    })
    const tokens = await Promise.all(Array.from({ length: 16 }, () => resolveSsoAccessToken(env, session, { clients })))
    expect(new Set(tokens.map((t) => t.accessToken))).toEqual(new Set(['new']))
    expect(clients.calls).toHaveLength(1)
  })
})
