/**
 * The SCIM filters Identity Center accepts (RFC 7644 §3.4.2.2, the subset AWS documents): one
 * `attribute eq "value"`, or two joined by `and` (`id eq "…" and members eq "…"` for membership
 * checks). Anything else is `invalidFilter`. Hand-written: the grammar needed is this small, and
 * a full SCIM filter library would accept filters Identity Center refuses.
 *
 * @module
 */
import { ScimError } from './errors.js'

/** One equality. */
export interface ScimEquality {
  /** The attribute path, lower-cased (`username`, `name.givenname`, `externalid`). */
  attribute: string
  value: string
}

const EQUALITY = /^\s*([A-Za-z][\w.]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i
const MAX_FILTER = 1024

/** Parses `filter` into its equalities (one or two); throws `invalidFilter`. */
export function parseScimFilter(filter: string, attributes: readonly string[]): ScimEquality[] {
  if (filter.length > MAX_FILTER) throw new ScimError(400, 'The filter is too long', 'invalidFilter')
  const parts = filter.split(/\s+and\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/i)
  if (parts.length > 2)
    throw new ScimError(400, 'At most two conditions joined by "and" are supported', 'invalidFilter')
  return parts.map((part) => {
    const m = EQUALITY.exec(part)
    if (!m) throw new ScimError(400, `Unsupported filter: ${part.trim().slice(0, 100)}`, 'invalidFilter')
    const attribute = (m[1] as string).toLowerCase()
    if (!attributes.includes(attribute))
      throw new ScimError(400, `Filtering on ${m[1]} is not supported`, 'invalidFilter')
    return { attribute, value: (m[2] as string).replace(/\\(.)/g, '$1') }
  })
}
