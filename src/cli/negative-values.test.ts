import { describe, expect, it } from 'vitest'
import type { OptionSpec } from './command.js'
import { joinNegativeValues } from './negative-values.js'

const specs: Record<string, OptionSpec> = {
  'max-items': { type: 'string', description: 'x' },
  'no-paginate': { type: 'boolean', description: 'x' },
}

describe('joinNegativeValues', () => {
  it.each([
    [['--max-items', '-1'], ['--max-items=-1']],
    [['--max-items', '-.5'], ['--max-items=-.5']],
    [
      ['--max-items', '-2.25', '--no-paginate'],
      ['--max-items=-2.25', '--no-paginate'],
    ],
    [
      ['--max-items', '-x'],
      ['--max-items', '-x'],
    ],
    [
      ['--no-paginate', '-1'],
      ['--no-paginate', '-1'],
    ],
    [
      ['--other', '-1'],
      ['--other', '-1'],
    ],
    [
      ['--', '--max-items', '-1'],
      ['--', '--max-items', '-1'],
    ],
  ])('%j reads as %j', (tokens, expected) => {
    expect(joinNegativeValues(tokens, specs)).toEqual(expected)
  })
})
