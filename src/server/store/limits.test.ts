import { describe, expect, it } from 'vitest'
import { checkLimits, STORE_LIMITS, StoreLimitError } from './limits.js'
import { openStore, type Store } from './store.js'

const long = (n: number) => 'x'.repeat(n)
const PS = {
  id: 'ps-0123456789abcdef',
  name: 'P',
  description: null,
  sessionDuration: 'PT1H',
  relayState: null,
  managedPolicies: [],
  inlinePolicy: null,
  roleSuffix: '0123456789abcdef',
  createdAt: 0,
}

describe('checkLimits', () => {
  it('passes values at the limit, absent values and null', () => {
    expect(() => checkLimits({ userName: long(128), email: null, displayName: undefined })).not.toThrow()
    expect(() => checkLimits({ scopes: Array(25).fill(long(256)) })).not.toThrow()
  })

  it.each([
    ['a string one past the limit', { userName: long(129) }, 'userName', 128, 'length'],
    ['a list with one item too many', { redirectUris: Array(11).fill('u') }, 'redirectUris', 10, 'items'],
    ['a list item one past the limit', { scopes: ['s', long(257)] }, 'scopes', 256, 'length'],
  ] as const)('refuses %s', (_name, values, field, limit, kind) => {
    expect(() => checkLimits(values)).toThrow(StoreLimitError)
    expect(() => checkLimits(values)).toThrow(expect.objectContaining({ field, limit, kind }))
  })

  it('names every limit with a source and a positive maximum', () => {
    for (const [field, limit] of Object.entries(STORE_LIMITS)) {
      expect(limit.maxLength, field).toBeGreaterThan(0)
      expect(limit.source, field).not.toBe('')
    }
  })
})

describe('store writes check their limits before writing', () => {
  const writes: [string, (s: Store) => void, string][] = [
    ['createUser', (s) => s.createUser({ id: 'u', userName: long(129), status: 'active', createdAt: 0 }), 'userName'],
    [
      'updateUserProfile',
      (s) => {
        s.createUser({ id: 'u', userName: 'u', status: 'active', createdAt: 0 })
        s.updateUserProfile('u', { displayName: long(1025) })
      },
      'displayName',
    ],
    [
      'createGroup',
      (s) => s.createGroup({ id: 'g', displayName: 'g', description: long(1025), createdAt: 0 }),
      'groupDescription',
    ],
    ['createPermissionSet', (s) => s.createPermissionSet({ ...PS, relayState: long(241) }), 'relayState'],
    [
      'putInlinePolicy',
      (s) => {
        s.createPermissionSet(PS)
        s.putInlinePolicy(PS.id, long(32769))
      },
      'inlinePolicy',
    ],
    [
      'setPermissionSetManagedPolicies',
      (s) => {
        s.createPermissionSet(PS)
        s.setPermissionSetManagedPolicies(
          PS.id,
          Array.from({ length: 21 }, (_, i) => `P${i}`),
        )
      },
      'managedPolicies',
    ],
    [
      'saveAccount',
      (s) => s.saveAccount({ id: '123456789012', name: long(51), email: 'a@b.c', createdAt: 0 }),
      'accountName',
    ],
    [
      'createSigninRequest',
      (s) =>
        s.createSigninRequest({
          id: 'r',
          clientId: 'arn:aws:signin:::devtools/same-device',
          redirectUri: 'http://127.0.0.1:1/',
          state: long(257),
          codeChallenge: 'c',
          pendingAccountId: null,
          pendingUserName: null,
          createdAt: 0,
          expiresAt: 1,
        }),
      'signinState',
    ],
  ]

  it.each(writes)('%s', (_name, write, field) => {
    const store = openStore({ path: ':memory:' })
    expect(() => write(store)).toThrow(expect.objectContaining({ name: 'StoreLimitError', field }))
    expect(store.listUsers().map((u) => u.userName)).not.toContain(long(129))
    store.close()
  })
})

describe('throttle keys', () => {
  it('keeps a key longer than the limit by its hash, and finds and clears it by the key', () => {
    const store = openStore({ path: ':memory:' })
    const key = `signin:${long(10_000)}`
    store.saveThrottle({ key, failures: 3, windowStart: 5, blockedUntil: 9 })
    expect(store.getThrottle(key)).toEqual({ key, failures: 3, windowStart: 5, blockedUntil: 9 })
    expect(store.getThrottle(`signin:${long(9_999)}`)).toBeUndefined()
    store.clearThrottle(key)
    expect(store.getThrottle(key)).toBeUndefined()
    store.close()
  })
})
