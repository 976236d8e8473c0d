import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../../test/helpers/cli-test-env.js'
import { createGlobalOptions } from '../../globals.js'
import { paginate, printPages, type Page, type PagedOperation, type PortalListInput } from './paging.js'

const OPERATION: PagedOperation = {
  name: 'ListThings',
  resultKey: 'items',
  inputMembers: {
    nextToken: { type: 'string' },
    maxResults: { type: 'integer' },
    accessToken: { type: 'string', required: true },
  },
}

/** A service of ten items, `size` a page, whose token is the next index; it records each call. */
function service(calls: PortalListInput[], answer?: (input: PortalListInput) => Page) {
  return async (input: PortalListInput): Promise<Page> => {
    calls.push(input)
    if (answer) return answer(input)
    const start = Number(input.nextToken ?? 0)
    const end = start + (input.maxResults ?? 4)
    const items = Array.from({ length: 10 }, (_, i) => `item-${i}`).slice(start, end)
    return end < 10 ? { nextToken: String(end), items } : { items }
  }
}

async function print(paging: Parameters<typeof paginate>[1], fetch: ReturnType<typeof service>, output = 'json') {
  const env = createTestCliEnv()
  const stream = paginate(OPERATION, paging, { accessToken: 't' }, fetch)
  await printPages(stream, { env, globals: createGlobalOptions({ output: output as 'json' }) })
  return env.out.text
}

describe('paginate', () => {
  it('walks every page and merges them', async () => {
    const calls: PortalListInput[] = []
    const out = JSON.parse(await print({ noPaginate: false }, service(calls)))
    expect(out.items).toHaveLength(10)
    expect(calls.map((c) => c.nextToken)).toEqual([undefined, '4', '8'])
  })

  it('stops at --max-items inside a page and resumes from the token it printed', async () => {
    const first = JSON.parse(await print({ noPaginate: false, maxItems: 6 }, service([])))
    expect(first.items).toEqual(['item-0', 'item-1', 'item-2', 'item-3', 'item-4', 'item-5'])
    expect(JSON.parse(Buffer.from(first.NextToken, 'base64').toString())).toEqual({
      nextToken: '4',
      boto_truncate_amount: 2,
    })
    const calls: PortalListInput[] = []
    const rest = JSON.parse(await print({ noPaginate: false, startingToken: first.NextToken }, service(calls)))
    expect(rest).toEqual({ items: ['item-6', 'item-7', 'item-8', 'item-9'] })
    expect(calls[0]).toEqual({ accessToken: 't', nextToken: '4' })
  })

  it('fails as botocore does when the service repeats its token', async () => {
    const repeat = service([], () => ({ nextToken: 'same', items: ['x'] }))
    await expect(print({ noPaginate: false }, repeat)).rejects.toThrow(
      "Error during pagination: The same next token was received twice: {'nextToken': 'same'}",
    )
  })

  it('with --no-paginate makes one call and prints its answer', async () => {
    const calls: PortalListInput[] = []
    const out = await print({ noPaginate: true }, service(calls), 'text')
    expect(out).toBe('4\nITEMS\titem-0\nITEMS\titem-1\nITEMS\titem-2\nITEMS\titem-3\n')
    expect(calls).toHaveLength(1)
  })
})
