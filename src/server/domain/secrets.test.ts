import { describe, expect, it } from 'vitest'
import { createSeededIds } from '../ids.js'
import { generateTotp, hashPassword, safeEqual, verifyPassword, verifyTotp } from './secrets.js'

describe('passwords', () => {
  it('hashes with scrypt and a salt, and verifies only the right password', () => {
    const ids = createSeededIds(7)
    const a = hashPassword('Alice-demo-pass-1', ids)
    const b = hashPassword('Alice-demo-pass-1', ids)
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/)
    expect(a).not.toBe(b)
    expect(verifyPassword('Alice-demo-pass-1', a)).toBe(true)
    expect(verifyPassword('alice-demo-pass-1', a)).toBe(false)
    expect(verifyPassword('anything', null)).toBe(false)
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
