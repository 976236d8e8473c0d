import { describe, expect, it } from 'vitest'
import { decodeStartingToken, encodePagingToken, parsePythonInt } from './paging-token.js'

describe('paging tokens', () => {
  it('encodes as botocore does: base64 of json.dumps with its spacing', () => {
    const token = encodePagingToken(
      new Map<string, string | number | null>([
        ['nextToken', 'a/é'],
        ['boto_truncate_amount', 2],
      ]),
    )
    expect(Buffer.from(token, 'base64').toString()).toBe('{"nextToken": "a/\\u00e9", "boto_truncate_amount": 2}')
  })

  it('reads back what it writes, the amount apart', () => {
    const token = encodePagingToken(
      new Map<string, string | number | null>([
        ['nextToken', null],
        ['boto_truncate_amount', 3],
      ]),
    )
    expect(decodeStartingToken(token)).toEqual({ token: new Map([['nextToken', null]]), skip: 3 })
  })

  it.each([
    ['abc', 'abc', 0],
    ['abc___4', 'abc', 4],
    ['None___1', null, 1],
    ['abc___x', 'abc___x', 0],
    ['YWJj', 'YWJj', 0],
  ])('reads %j as the service token %j, skipping %i', (text, service, skip) => {
    expect(decodeStartingToken(text)).toEqual({ token: new Map([['nextToken', service]]), skip })
  })

  it.each([
    ['a___b___c', 'Bad starting token: a___b___c'],
    [Buffer.from('"x"').toString('base64'), "'str' object has no attribute 'pop'"],
    [Buffer.from('null').toString('base64'), "'NoneType' object has no attribute 'pop'"],
  ])('refuses %j with Python words', (text, message) => {
    expect(() => decodeStartingToken(text)).toThrow(message)
  })

  it.each([
    ['3', 3],
    [' -12 ', -12],
    ['+1_000', 1000],
    ['1__0', undefined],
    ['2.5', undefined],
    ['', undefined],
  ])('int(%j) is %j', (text, value) => {
    expect(parsePythonInt(text)).toBe(value)
  })
})
