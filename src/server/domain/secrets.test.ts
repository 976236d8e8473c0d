import { describe, expect, it } from 'vitest'
import { createSeededIds } from '../ids.js'
import { createPasswordHasher, generateTotp, safeEqual, verifyTotp } from './secrets.js'

describe('passwords', () => {
  it('hashes with scrypt at the server cost and a salt, and verifies only the right password', () => {
    const hasher = createPasswordHasher({ ids: createSeededIds(7) })
    const a = hasher.hash('Alice-demo-pass-1')
    const b = hasher.hash('Alice-demo-pass-1')
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/)
    expect(a).not.toBe(b)
    expect(hasher.verify('Alice-demo-pass-1', a)).toBe(true)
    expect(hasher.verify('alice-demo-pass-1', a)).toBe(false)
    expect(hasher.verify('anything', null)).toBe(false)
  })

  it('verifies a hash by the cost it records, whatever the cost of new hashes', () => {
    const cheap = createPasswordHasher({ ids: createSeededIds(7), cost: { N: 16, r: 1, p: 1 } })
    const full = createPasswordHasher({ ids: createSeededIds(8) })
    const hash = cheap.hash('pässword')
    expect(hash).toMatch(/^scrypt\$16\$1\$1\$/)
    expect(full.verify('pässword', hash)).toBe(true)
    expect(cheap.verify('pa\u0308ssword', hash)).toBe(true)
    expect(cheap.verify('password', hash)).toBe(false)
  })
})

describe('verifyTotp', () => {
  const secret = 'JBSWY3DPEHPK3PXP'
  const now = Date.parse('2026-11-22T00:00:10Z')
  const step = Math.floor(now / 30_000)

  it.each([
    ['the current code', 0, step],
    ['the previous step', -30_000, step - 1],
    ['the next step', 30_000, step + 1],
  ])('accepts %s and reports its step', (_name, offset, expected) => {
    expect(verifyTotp(secret, generateTotp(secret, now + offset), now)).toBe(expected)
  })

  it.each([
    ['a code two steps old', generateTotp('JBSWY3DPEHPK3PXP', now - 60_000)],
    ['letters', 'abcdef'],
    ['five digits', '12345'],
  ])('refuses %s', (_name, code) => {
    expect(verifyTotp(secret, code, now)).toBeUndefined()
  })
})

describe('safeEqual', () => {
  it.each([
    ['a', 'a', true],
    ['a', 'b', false],
    ['abc', 'abcd', false],
  ])('%s vs %s is %s', (a, b, expected) => {
    expect(safeEqual(a, b)).toBe(expected)
  })
})
