/**
 * The paging token the AWS CLI prints as `NextToken` and reads back from `--starting-token`:
 * botocore's own encoding, base64 of a JSON object holding the service's token and, when a page
 * was cut short by `--max-items`, `boto_truncate_amount` (how many items of that page were already
 * printed). Tokens travel between idc and the AWS CLI in both directions, so both the encoding
 * (Python's `json.dumps` spacing, padded base64) and the reading of odd tokens follow botocore:
 * anything that is not base64 JSON is the older `token___index` form, or else the service's own
 * token passed through untouched.
 *
 * @module
 */
import { IdcError } from '../../../core/errors.js'
import { pythonJsonDumps } from '../../../core/sso/python-json.js'
import { pythonTypeName } from '../../output/format-text.js'
import type { PlainValue } from '../../output/python-repr.js'

/** The name of the service's token in the ListAccounts/ListAccountRoles input and output. */
export const SERVICE_TOKEN = 'nextToken'

/** What a `--starting-token` stands for: the service token(s) to send, and items to skip. */
export interface StartingToken {
  /** The input-token members to send (in the token's order), as decoded: possibly not strings. */
  token: Map<string, PlainValue>
  /** The items of the first page already printed (`boto_truncate_amount`); not always a number. */
  skip: PlainValue
}

/** The token printed as `NextToken`: base64 of Python-style JSON. */
export function encodePagingToken(token: ReadonlyMap<string, PlainValue>): string {
  return Buffer.from(pythonJsonDumps(Object.fromEntries(token)), 'utf8').toString('base64')
}

/** Reads `--starting-token` as botocore does (see the module comment). */
export function decodeStartingToken(text: string): StartingToken {
  const decoded = decodeJsonToken(text)
  if (decoded === undefined) return decodeLegacyToken(text)
  const token = new Map(Object.entries(decoded))
  // botocore marks bytes values with this key; the portal's tokens are strings, so it is dropped.
  token.delete('boto_encoded_keys')
  const skip = token.has('boto_truncate_amount') ? (token.get('boto_truncate_amount') as PlainValue) : 0
  token.delete('boto_truncate_amount')
  return { token, skip }
}

/**
 * The JSON object inside a base64 token, or undefined when the text is not base64 of UTF-8 JSON
 * or holds a list (botocore then falls back to the older form). JSON that is a string, number or
 * null makes botocore fail outright, with Python's words.
 */
function decodeJsonToken(text: string): Record<string, PlainValue> | undefined {
  // Python's b64decode drops characters outside the alphabet but insists on correct padding.
  const data = text.replace(/[^A-Za-z0-9+/=]/g, '')
  if (data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return undefined
  let value: PlainValue
  try {
    const json = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(data, 'base64'))
    value = JSON.parse(json) as PlainValue
  } catch {
    return undefined
  }
  if (Array.isArray(value)) return undefined
  if (value === null || typeof value !== 'object') {
    throw new IdcError('general', `'${pythonTypeName(value)}' object has no attribute 'pop'`)
  }
  return value
}

/** The form before base64 tokens: `token___index`, or the service's own token as it is. */
function decodeLegacyToken(text: string): StartingToken {
  let parts = text.split('___')
  let skip = 0
  if (parts.length === 2) {
    const index = parsePythonInt(parts[1] as string)
    if (index === undefined) parts = [text]
    else {
      skip = index
      parts = parts.slice(0, 1)
    }
  }
  if (parts.length > 1) throw new IdcError('general', `Bad starting token: ${text}`)
  const value = parts[0] === 'None' ? null : (parts[0] as string)
  return { token: new Map([[SERVICE_TOKEN, value]]), skip }
}

/** Python's `int(text)`: optional blanks and sign, digits with single underscores between; else undefined. */
export function parsePythonInt(text: string): number | undefined {
  const match = /^\s*([+-]?)(\d(?:_?\d)*)\s*$/.exec(text)
  if (!match) return undefined
  const value = Number((match[2] as string).replace(/_/g, ''))
  return match[1] === '-' ? -value : value
}
