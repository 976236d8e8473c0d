import { describe, expect, it } from 'vitest'
import { CredentialsError } from '../errors.js'
import { chain, memoize } from './provider.js'

const creds = (id: string, expiration?: number) => ({
  accessKeyId: id,
  secretAccessKey: 's',
  ...(expiration ? { expiration: new Date(expiration) } : {}),
})

describe('chain', () => {
  it('moves on only for errors that allow the next link', async () => {
    const provider = chain(
      async () => Promise.reject(new CredentialsError('none here', { tryNextLink: true })),
      async () => creds('second'),
    )
    expect((await provider()).accessKeyId).toBe('second')
  })

  it('stops at a terminal error', async () => {
    const provider = chain(
      async () => Promise.reject(new CredentialsError('broken config')),
      async () => creds('never'),
    )
    await expect(provider()).rejects.toThrow('broken config')
  })
})

describe('memoize', () => {
  it('shares one pending call and keeps the result until the refresh window', async () => {
    let now = 0
    let calls = 0
    const provider = memoize(async () => creds(`c${++calls}`, now + 600_000), { env: { now: () => now } })
    const [a, b] = await Promise.all([provider(), provider()])
    expect([a.accessKeyId, b.accessKeyId, calls]).toEqual(['c1', 'c1', 1])
    now = 299_000
    expect((await provider()).accessKeyId).toBe('c1')
    now = 301_000
    expect((await provider()).accessKeyId).toBe('c2')
  })

  it('tries again after a failure', async () => {
    let fail = true
    const provider = memoize(async () => (fail ? Promise.reject(new Error('once')) : creds('ok')), {
      env: { now: () => 0 },
    })
    await expect(provider()).rejects.toThrow('once')
    fail = false
    expect((await provider()).accessKeyId).toBe('ok')
  })
})
