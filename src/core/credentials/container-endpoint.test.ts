import { describe, expect, it } from 'vitest'
import type { AwsCredentials } from './types.js'
import {
  CONTAINER_CREDENTIALS_PATH,
  CONTAINER_REFRESH_WINDOW_MS,
  containerCredentialBody,
  createContainerCredentialHandler,
} from './container-endpoint.js'

const T0 = Date.parse('2026-12-06T09:00:00Z')
const HOUR = 60 * 60 * 1000
const TOKEN = 'the-right-token'

function setup(lifetimeMs = HOUR) {
  let now = T0
  let calls = 0
  let fail: Error | undefined
  const issue = async (): Promise<AwsCredentials> => {
    calls += 1
    if (fail) throw fail
    return {
      accessKeyId: `ASIA${calls}`,
      secretAccessKey: `secret-${calls}`,
      sessionToken: `token-${calls}`,
      expiration: new Date(now + lifetimeMs),
      accountId: '111122223333',
    }
  }
  const errors: unknown[] = []
  const endpoint = createContainerCredentialHandler({
    env: { now: () => now },
    provider: issue,
    token: TOKEN,
    onError: (error) => errors.push(error),
  })
  // null sends no Authorization header.
  const get = (authorization: string | null = TOKEN, url = CONTAINER_CREDENTIALS_PATH, method = 'GET') =>
    endpoint.handle({ method, url, authorization: authorization ?? undefined })
  return {
    get,
    errors,
    calls: () => calls,
    setNow: (ms: number) => void (now = ms),
    failWith: (error: Error | undefined) => void (fail = error),
  }
}

describe('container credential endpoint', () => {
  it('serves the container credential format with the token in Authorization', async () => {
    const { get } = setup()
    const response = await get()
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toEqual({
      AccessKeyId: 'ASIA1',
      SecretAccessKey: 'secret-1',
      Token: 'token-1',
      Expiration: '2026-12-06T10:00:00Z',
      AccountId: '111122223333',
    })
  })

  it('refuses a request without Authorization with 401 and without resolving', async () => {
    const { get, calls } = setup()
    expect((await get(null)).status).toBe(401)
    expect((await get('')).status).toBe(401)
    expect(calls()).toBe(0)
  })

  it('refuses a wrong token with 403, also one that is a prefix or extension of the right one', async () => {
    const { get, calls } = setup()
    for (const wrong of ['wrong', TOKEN.slice(0, -1), `${TOKEN}x`, `Bearer ${TOKEN}`]) {
      const response = await get(wrong)
      expect(response.status).toBe(403)
      expect(response.body).not.toContain(TOKEN)
    }
    expect(calls()).toBe(0)
  })

  it('answers other paths with 404 and other methods with 405, only after the token is checked', async () => {
    const { get } = setup()
    expect((await get(TOKEN, '/other')).status).toBe(404)
    expect((await get(TOKEN, CONTAINER_CREDENTIALS_PATH, 'POST')).status).toBe(405)
    expect((await get('wrong', '/other', 'POST')).status).toBe(403)
  })

  it('keeps the credentials until the refresh window, then resolves again', async () => {
    const { get, calls, setNow } = setup()
    await get()
    setNow(T0 + HOUR - CONTAINER_REFRESH_WINDOW_MS - 1000)
    expect(JSON.parse((await get()).body).AccessKeyId).toBe('ASIA1')
    expect(calls()).toBe(1)
    setNow(T0 + HOUR - CONTAINER_REFRESH_WINDOW_MS + 1000)
    expect(JSON.parse((await get()).body).AccessKeyId).toBe('ASIA2')
    expect(calls()).toBe(2)
  })

  it('resolves once for concurrent requests', async () => {
    const { get, calls } = setup()
    const answers = await Promise.all([get(), get(), get(), get()])
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200])
    expect(calls()).toBe(1)
  })

  it('never serves expired credentials: a failed refresh is a 500 without secrets', async () => {
    const { get, setNow, failWith, errors } = setup()
    await get()
    setNow(T0 + HOUR + 1)
    failWith(new Error('the token has expired'))
    const response = await get()
    expect(response.status).toBe(500)
    expect(response.body).not.toMatch(/secret-1|token-1|ASIA1/)
    expect(errors).toHaveLength(1)
  })

  it('refuses to serve credentials that the source returns already expired', async () => {
    const { get } = setup(-1)
    const response = await get()
    expect(response.status).toBe(500)
    expect(JSON.parse(response.body).Code).toBe('CredentialsExpired')
  })
})

describe('containerCredentialBody', () => {
  it('gives static keys an expiry an hour ahead and leaves out what is unknown', () => {
    expect(containerCredentialBody({ accessKeyId: 'AKIA', secretAccessKey: 's' }, T0)).toEqual({
      AccessKeyId: 'AKIA',
      SecretAccessKey: 's',
      Expiration: '2026-12-06T10:00:00Z',
    })
  })
})
