import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { programExists } from './find-program.js'

describe('programExists', () => {
  it.each([
    ['a program on PATH', 'sh', true],
    ['a path to a file', '/bin/sh', true],
    ['a program on no PATH directory', 'no-such-program-idc', false],
    ['a path to a directory', '/bin', false],
  ])('finds %s: %s -> %s', async (_name, program, expected) => {
    const env = createTestCliEnv({ vars: { PATH: '/nonexistent:/bin' } })
    expect(await programExists(env, program)).toBe(expected)
  })
})
