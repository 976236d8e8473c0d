import { describe, expect, it } from 'vitest'
import { splitCommand } from './split-command.js'

describe('splitCommand', () => {
  it.each([
    [
      'splits on whitespace',
      'idc configure export-credentials  --profile p',
      ['idc', 'configure', 'export-credentials', '--profile', 'p'],
    ],
    ['keeps single-quoted text literal', `echo 'a b \\ "c"'`, ['echo', 'a b \\ "c"']],
    ['lets double quotes escape quotes and backslashes', 'echo "a \\"b\\" \\\\ \\n"', ['echo', 'a "b" \\ \\n']],
    ['escapes any character outside quotes', 'echo a\\ b', ['echo', 'a b']],
    ['joins adjacent quoted parts into one word', `a'b'"c"`, ['abc']],
    ['keeps an empty quoted word', `a '' b`, ['a', '', 'b']],
    ['does not treat # as a comment', 'a #b', ['a', '#b']],
    ['returns nothing for blank text', '   ', []],
  ])('%s', (_name, input, expected) => {
    expect(splitCommand(input)).toEqual(expected)
  })

  it.each([
    ['an unclosed quote', `echo 'abc`, 'No closing quotation'],
    ['a trailing backslash', 'echo \\', 'No escaped character'],
  ])('rejects %s', (_name, input, message) => {
    expect(() => splitCommand(input)).toThrow(message)
  })
})
