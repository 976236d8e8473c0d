import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  assumeRoleCacheKey,
  ssoRoleCacheKey,
  type AssumeRoleCacheKeyArgs,
  type SsoRoleCacheKeyArgs,
} from './cache-keys.js'
import { vectorPath } from '../../../test/helpers/vectors.js'

const vectors = JSON.parse(readFileSync(vectorPath('sso/cache-keys.json'), 'utf8')) as {
  ssoRoleCredentialCacheKey: { args: SsoRoleCacheKeyArgs; expectedCacheKey: string }[]
  assumeRoleCacheKey: { args: Record<string, unknown>; expectedCacheKey: string }[]
}

describe('ssoRoleCacheKey', () => {
  it.each(vectors.ssoRoleCredentialCacheKey.map((v) => [JSON.stringify(v.args), v] as const))(
    'hashes %s like the AWS CLI',
    (_name, vector) => {
      expect(ssoRoleCacheKey(vector.args)).toBe(vector.expectedCacheKey)
    },
  )

  it('matches the example of the specification', () => {
    expect(ssoRoleCacheKey({ accountId: '111111111111', roleName: 'ReadOnly', sessionName: 'my-sso' })).toBe(
      '7656329665c70f26bb8dc6f65f498aa9de8da4e0',
    )
  })
})

describe('assumeRoleCacheKey', () => {
  it.each(vectors.assumeRoleCacheKey.map((v) => [JSON.stringify(v.args), v] as const))(
    'hashes %s like the AWS CLI',
    (_name, vector) => {
      const args = { ...vector.args } as Record<string, unknown>
      // The request carries the policy as JSON text; the key parses it again.
      if (args.Policy !== undefined) args.Policy = JSON.stringify(args.Policy)
      expect(assumeRoleCacheKey(args as unknown as AssumeRoleCacheKeyArgs)).toBe(vector.expectedCacheKey)
    },
  )

  it('matches the example of the specification', () => {
    expect(assumeRoleCacheKey({ RoleArn: 'arn:aws:iam::999999999999:role/Target' })).toBe(
      '265b9bad3ce529fb7298f93cdee8560f85223557',
    )
  })

  it('leaves out parameters that are not set', () => {
    expect(assumeRoleCacheKey({ RoleArn: 'myrole', ExternalId: undefined })).toBe(
      assumeRoleCacheKey({ RoleArn: 'myrole' }),
    )
  })
})
