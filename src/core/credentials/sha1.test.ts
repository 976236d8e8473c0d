import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sha1Hex } from './sha1.js'

describe('sha1Hex', () => {
  it.each([
    ['', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '84983e441c3bd26ebaae4aa1f95129e5e54670f1'],
    ['my-sso', '0ad374308c5a4e22f723adf10145eafad7c4031c'],
  ])('hashes %j like the standard', (input, digest) => {
    expect(sha1Hex(input)).toBe(digest)
  })

  it('agrees with node:crypto for every length around the block boundaries and for non-ASCII text', () => {
    for (let length = 0; length < 200; length++) {
      const text = randomBytes(length).toString('base64').slice(0, length) + (length % 7 === 0 ? 'é漢😀' : '')
      expect(sha1Hex(text)).toBe(createHash('sha1').update(text, 'utf8').digest('hex'))
    }
  })
})
