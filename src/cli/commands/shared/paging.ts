/**
 * Paging of the SSO portal's list commands as the AWS CLI v2 pages them: `--max-items`,
 * `--page-size`, `--starting-token` and `--no-paginate`, plus the service's own `--max-results`
 * and `--next-token`, which turn paging off. With paging on, idc walks the pages the way botocore's
 * paginator does, cuts the output at `--max-items` and prints botocore's own resume token
 * (`paging-token.ts`), so a `NextToken` from idc continues in the AWS CLI and the other way round.
 * The printed shape is the CLI's too: one merged result with `NextToken` for json, yaml and table,
 * page by page for text and yaml-stream, the raw response with `--no-paginate`.
 *
 * Hand-written because no JavaScript library reproduces botocore's paginator: the AWS SDK's
 * paginators know nothing of `--max-items` or its tokens.
 *
 * @module
 */
import { IdcError, UsageError } from '../../../core/errors.js'
import type { CliEnv } from '../../cli-env.js'
import type { OptionSpec, ParsedArgs } from '../../command.js'
import type { GlobalOptions } from '../../globals.js'
import { pythonTypeName } from '../../output/format-text.js'
import { printResult, resolveOutputFormat, type PrintContext } from '../../output/print.js'
import { pythonStr, toPlainData, type PlainValue } from '../../output/python-repr.js'
import { decodeStartingToken, encodePagingToken, parsePythonInt, SERVICE_TOKEN } from './paging-token.js'

/** The paging flags of a list command. */
export interface PagingOptions {
  maxItems?: number | undefined
  pageSize?: number | undefined
  startingToken?: string | undefined
  noPaginate: boolean
  /** `--max-results`, as typed (the CLI converts it only when it makes the call). */
  maxResults?: string | undefined
  /** `--next-token`: the service's own token. */
  nextToken?: string | undefined
}

/** The paging flags, as the AWS CLI names them. */
export const PAGING_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'max-items': {
    type: 'string',
    description:
      'The most items to print. When there are more, the output ends with a NextToken to pass to --starting-token.',
    placeholder: '<value>',
  },
  'page-size': {
    type: 'string',
    description: 'How many items to ask for in each call to the service (more calls, the same output).',
    placeholder: '<value>',
  },
  'starting-token': {
    type: 'string',
    description: 'Continue where an earlier listing stopped: the NextToken it printed (from idc or the AWS CLI).',
    placeholder: '<value>',
  },
  'max-results': {
    type: 'string',
    description: 'Make one call asking for this many items (turns paging off, as in the AWS CLI).',
    placeholder: '<value>',
  },
  'next-token': {
    type: 'string',
    description: "Make one call starting at the service's own nextToken (turns paging off).",
    placeholder: '<value>',
  },
}

/**
 * Reads {@link PAGING_OPTIONS} and the global `--no-paginate`; `--max-items` and `--page-size`
 * must be whole numbers, as argparse checks.
 */
export function parsePaging(args: ParsedArgs, globals: Pick<GlobalOptions, 'noPaginate'>): PagingOptions {
  const whole = (name: string): number | undefined => {
    const text = args.values[name] as string | undefined
    if (text === undefined) return undefined
    const value = parsePythonInt(text)
    if (value === undefined) throw new UsageError(`argument --${name}: invalid int value: '${text}'`)
    return value
  }
  return {
    maxItems: whole('max-items'),
    pageSize: whole('page-size'),
    startingToken: args.values['starting-token'] as string | undefined,
    noPaginate: globals.noPaginate,
    maxResults: args.values['max-results'] as string | undefined,
    nextToken: args.values['next-token'] as string | undefined,
  }
}

/** True when the pages are walked: not `--no-paginate`, and neither of the service's own paging flags. */
function isPaginated(paging: PagingOptions): boolean {
  return !paging.noPaginate && paging.maxResults === undefined && paging.nextToken === undefined
}

/**
 * The checks the AWS CLI makes before any call: paging flags with paging off are an error (only
 * those with a value Python finds true, as the CLI tests them), and a `--max-items` below 1 draws
 * its warning.
 */
export function checkPaging(paging: PagingOptions, env: CliEnv): void {
  if (!isPaginated(paging)) {
    const used = [
      paging.startingToken ? '--starting-token' : undefined,
      paging.pageSize ? '--page-size' : undefined,
      paging.maxItems ? '--max-items' : undefined,
    ].filter((flag) => flag !== undefined)
    if (used.length > 0)
      throw new IdcError(
        'usage',
        `An error occurred (ParamValidation): Cannot specify --no-paginate along with pagination arguments: ${used.join(', ')}`,
      )
  }
  if (paging.maxItems !== undefined && paging.maxItems <= 0)
    env.stderr.write('warning: Non-positive values for --max-items may result in undefined behavior.\n')
}

/** A paged operation: its result list and its input members in the service model's order. */
export interface PagedOperation {
  /** The operation name, the table's title. */
  name: string
  /** The member holding the items, e.g. `accountList`. */
  resultKey: string
  /** The input members and their types, in model order (botocore lists them in its messages). */
  inputMembers: Readonly<Record<string, { type: 'string' | 'integer'; required?: boolean }>>
}

/** One response as botocore parses it: the output members in model order. */
export type Page = { [key: string]: PlainValue }

/** The input of one portal list call, validated. */
export interface PortalListInput {
  accessToken: string
  accountId?: string
  nextToken?: string
  maxResults?: number
}

/** Makes one call with validated input. */
export type FetchPage = (input: PortalListInput) => Promise<Page>

/** A response as a {@link Page}: undefined members dropped, as botocore leaves out what is absent. */
export function toPage(response: Record<string, unknown>): Page {
  return toPlainData(response) as Page
}

/** The pages of one listing, read once, and the token to continue from afterwards. */
export interface PageStream {
  operation: PagedOperation
  paginated: boolean
  pages: AsyncIterable<Page>
  /** botocore's resume token, once the pages are read, when `--max-items` stopped them early. */
  resumeToken(): string | undefined
}

/** Lists with the paging flags: `input` holds the operation's other parameters. */
export function paginate(
  operation: PagedOperation,
  paging: PagingOptions,
  input: Readonly<Record<string, string>>,
  fetchPage: FetchPage,
): PageStream {
  let resume: string | undefined
  const call = (params: Map<string, PlainValue>): Promise<Page> => fetchPage(validateInput(operation, params))

  async function* single(): AsyncGenerator<Page> {
    const params = new Map<string, PlainValue>()
    if (paging.nextToken !== undefined) params.set(SERVICE_TOKEN, paging.nextToken)
    if (paging.maxResults !== undefined) params.set('maxResults', pythonInt(paging.maxResults))
    for (const [key, value] of Object.entries(input)) params.set(key, value)
    // The CLI still hands the paging flags it let through (zero or empty) to the call, which refuses them.
    if (paging.maxItems !== undefined || paging.pageSize !== undefined || paging.startingToken !== undefined)
      params.set('PaginationConfig', {})
    yield await call(params)
  }

  async function* walk(): AsyncGenerator<Page> {
    const key = operation.resultKey
    const start = paging.startingToken === undefined ? undefined : decodeStartingToken(paging.startingToken)
    let next = start ? new Map(start.token) : new Map<string, PlainValue>([[SERVICE_TOKEN, null]])
    const params = new Map<string, PlainValue>(Object.entries(input))
    if (start) injectToken(params, start.token)
    if (paging.pageSize !== undefined) params.set('maxResults', paging.pageSize)
    let total = 0
    let previous: string | undefined
    for (let first = true; ; first = false) {
      const page = await call(params)
      // Only the first page is cut at the front, by the amount the starting token carries.
      const skipped: PlainValue = first && start ? start.skip : 0
      if (first && start) page[key] = sliceFrom(page[key] ?? null, start.skip)
      const items = Array.isArray(page[key]) ? (page[key] as PlainValue[]) : []
      const excess = paging.maxItems === undefined ? 0 : total + items.length - paging.maxItems
      if (excess > 0) {
        const keep = items.length - excess
        page[key] = items.slice(0, keep)
        next.set('boto_truncate_amount', addToInt(keep, skipped))
        resume = resumeTokenOf(next)
        yield page
        return
      }
      yield page
      total += items.length
      next = new Map([[SERVICE_TOKEN, page[SERVICE_TOKEN] || null]])
      if ([...next.values()].every((value) => value === null)) return
      if (paging.maxItems !== undefined && total === paging.maxItems) {
        resume = resumeTokenOf(next)
        return
      }
      const seen = JSON.stringify([...next])
      if (seen === previous)
        throw new IdcError(
          'general',
          `Error during pagination: The same next token was received twice: ${pythonStr(Object.fromEntries(next))}`,
        )
      injectToken(params, next)
      previous = seen
    }
  }

  const paginated = isPaginated(paging)
  return { operation, paginated, pages: paginated ? walk() : single(), resumeToken: () => resume }
}

/** Puts a token's values into the call's parameters; botocore drops `None` (and the text `None`). */
function injectToken(params: Map<string, PlainValue>, token: ReadonlyMap<string, PlainValue>): void {
  for (const [name, value] of token) {
    if (value !== null && value !== 'None') params.set(name, value)
    else params.delete(name)
  }
}

/** The resume token, after botocore's check that it holds exactly the input token (and the amount). */
function resumeTokenOf(token: ReadonlyMap<string, PlainValue>): string {
  const expected = [SERVICE_TOKEN, ...(token.has('boto_truncate_amount') ? ['boto_truncate_amount'] : [])].sort()
  if ([...token.keys()].sort().join('\0') !== expected.join('\0'))
    throw new IdcError('general', `Bad starting token: ${pythonStr(Object.fromEntries(token))}`)
  return encodePagingToken(token)
}

/** Python's `items[start:]` with a start read from a token: an int (or bool), None, or a TypeError. */
function sliceFrom(items: PlainValue, start: PlainValue): PlainValue {
  if (!Array.isArray(items)) return null
  if (start === null) return items
  if (typeof start === 'boolean') return items.slice(Number(start))
  if (typeof start === 'number' && Number.isInteger(start)) return items.slice(start)
  throw new IdcError('general', 'slice indices must be integers or None or have an __index__ method')
}

/** Python's `kept + skipped`, where `skipped` came from a token. */
function addToInt(kept: number, skipped: PlainValue): number {
  if (typeof skipped === 'number') return kept + skipped
  if (typeof skipped === 'boolean') return kept + Number(skipped)
  throw new IdcError(
    'general',
    `unsupported operand type(s) for +: 'int' and '${pythonTypeName(skipped as PlainValue)}'`,
  )
}

/** Python's `int(text)` for `--max-results`, with its error. */
function pythonInt(text: string): number {
  const value = parsePythonInt(text)
  if (value === undefined) throw new IdcError('general', `invalid literal for int() with base 10: '${text}'`)
  return value
}

/** botocore's parameter validation of one call's input, with its messages (exit 252). */
function validateInput(operation: PagedOperation, params: ReadonlyMap<string, PlainValue>): PortalListInput {
  const members = operation.inputMembers
  const errors: string[] = []
  for (const [name, member] of Object.entries(members)) {
    if (member.required && !params.has(name)) errors.push(`Missing required parameter in input: "${name}"`)
  }
  for (const name of params.keys()) {
    if (!Object.hasOwn(members, name))
      errors.push(`Unknown parameter in input: "${name}", must be one of: ${Object.keys(members).join(', ')}`)
  }
  const input: Record<string, string | number> = {}
  for (const [name, value] of params) {
    const type = members[name]?.type
    if (type === undefined) continue
    const valid = type === 'string' ? typeof value === 'string' : typeof value === 'number' && Number.isInteger(value)
    if (!valid) {
      const wanted = type === 'string' ? 'str' : 'int'
      errors.push(
        `Invalid type for parameter ${name}, value: ${pythonStr(value)}, type: <class '${pythonTypeName(value)}'>, valid types: <class '${wanted}'>`,
      )
    } else if (typeof value === 'number' && value < 1) {
      errors.push(`Invalid value for parameter ${name}, value: ${value}, valid min value: 1`)
    } else {
      input[name] = value as string | number
    }
  }
  if (errors.length > 0)
    throw new IdcError(
      'usage',
      `An error occurred (ParamValidation): Parameter validation failed:\n${errors.join('\n')}`,
    )
  return input as unknown as PortalListInput
}

/**
 * Prints a listing as the AWS CLI does: with paging off, the one response; text and yaml-stream
 * page by page (the `--query` applied to each page, then to `{"NextToken": {"NextToken": …}}`);
 * every other format the pages merged into one result ending with `NextToken`.
 */
export async function printPages(stream: PageStream, ctx: PrintContext): Promise<void> {
  const output = await resolveOutputFormat(ctx)
  const fixed: PrintContext = { env: ctx.env, globals: { ...ctx.globals, output } }
  const title = { title: stream.operation.name }
  const key = stream.operation.resultKey
  if (!stream.paginated || output === 'yaml-stream') {
    for await (const page of stream.pages) await printResult(page, fixed, title)
    return
  }
  if (output === 'text') {
    for await (const page of stream.pages) await printResult({ [key]: page[key] ?? null }, fixed, title)
    const token = stream.resumeToken()
    if (token !== undefined) await printResult({ NextToken: { NextToken: token } }, fixed, title)
    return
  }
  const merged: Page = {}
  for await (const page of stream.pages) {
    const items = page[key]
    if (items === undefined || items === null) continue
    const sofar = merged[key]
    if (Array.isArray(sofar) && Array.isArray(items)) sofar.push(...items)
    else merged[key] = items
  }
  const token = stream.resumeToken()
  if (token !== undefined) merged.NextToken = token
  await printResult(merged, fixed, title)
}
