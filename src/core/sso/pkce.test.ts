import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { CODE_VERIFIER_ALPHABET, createCodeChallenge, createCodeVerifier, isValidCodeVerifier } from './pkce.js'
import { vectorPath } from '../../../test/helpers/vectors.js'

const vectors = JSON.parse(readFileSync(vectorPath('pkce/rfc7636.json'), 'utf8'))

describe('PKCE', () => {
  it('computes the RFC 7636 Appendix B challenge', () => {
    const c = vectors.cases.find((x: any) => x.id === 'rfc7636-appendix-b-s256')
    expect(Buffer.from(c.verifierOctets).toString('base64url')).toBe(c.codeVerifier)
    expect(createCodeChallenge(c.codeVerifier)).toBe(c.codeChallenge)
  })
  it('uses the unpadded challenge (43 characters)', () => {
    const c = vectors.cases.find((x: any) => x.id === 'padded-vs-unpadded')
    expect(createCodeChallenge(c.codeVerifier)).toBe(c.codeChallenge)
    expect(c.codeChallengeWithPadding).toBe(`${c.codeChallenge}=`)
  })
  it.each<[string, string]>(vectors.invalidVerifiers.map((v: any): [string, string] => [v.why, v.value]))(
    'rejects a verifier that is %s',
    (_why, value) => {
      expect(isValidCodeVerifier(value)).toBe(false)
    },
  )
  it('creates 64-character verifiers from the unreserved alphabet, as the CLI does', () => {
    const env = createTestCliEnv()
    const seen = new Set<string>()
    for (let i = 0; i < 50; i++) {
      const verifier = createCodeVerifier(env)
      expect(verifier).toHaveLength(64)
      expect(isValidCodeVerifier(verifier)).toBe(true)
      for (const ch of verifier) seen.add(ch)
    }
    expect([...seen].every((ch) => CODE_VERIFIER_ALPHABET.includes(ch))).toBe(true)
    expect(seen.size).toBeGreaterThan(50)
  })
})
