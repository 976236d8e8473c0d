/**
 * SCIM PATCH (RFC 7644 §3.5.2) applied to a resource's JSON: `add`, `replace` and `remove` with
 * the paths identity providers send — `active`, `name.givenName`, `emails[type eq "work"].value`,
 * the enterprise extension's `urn:…:enterprise:2.0:User:department`, or no path and an object of
 * attributes. Entra ID capitalises op names and sends booleans as "True"/"False"; both are read.
 * Hand-written for the same reason as the filter: the subset is small and precise.
 *
 * @module
 */
import { ScimError } from './errors.js'

/** The enterprise user extension's schema URN. */
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

type Json = Record<string, unknown>

const PATH = /^([A-Za-z][\w]*)(?:\[\s*([A-Za-z][\w]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*\])?(?:\.([A-Za-z][\w]*))?$/
const MAX_OPERATIONS = 100

function keyOf(obj: Json, name: string): string {
  return Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name
}

function invalidPath(path: string): ScimError {
  return new ScimError(400, `Unsupported path: ${path.slice(0, 200)}`, 'invalidPath')
}

function applyPath(target: Json, op: string, path: string, value: unknown): void {
  if (path.toLowerCase().startsWith(`${ENTERPRISE_USER.toLowerCase()}:`)) {
    const key = keyOf(target, ENTERPRISE_USER)
    const extension = (target[key] ?? {}) as Json
    target[key] = extension
    applyPath(extension, op, path.slice(ENTERPRISE_USER.length + 1), value)
    return
  }
  const m = PATH.exec(path)
  if (!m) throw invalidPath(path)
  const [, attr = '', filterAttr, filterValue, sub] = m
  const key = keyOf(target, attr)
  if (filterAttr !== undefined) {
    const list = Array.isArray(target[key]) ? (target[key] as Json[]) : []
    const matches = (item: Json) => String(item[keyOf(item, filterAttr)]) === filterValue
    if (op === 'remove') {
      target[key] =
        sub === undefined ? list.filter((i) => !matches(i)) : list.map((i) => (matches(i) ? omit(i, sub) : i))
      return
    }
    const found = list.filter(matches)
    if (found.length === 0) list.push(sub === undefined ? (value as Json) : { [filterAttr]: filterValue, [sub]: value })
    for (const item of found) {
      if (sub === undefined) Object.assign(item, value as Json)
      else item[keyOf(item, sub)] = value
    }
    target[key] = list
    return
  }
  if (sub !== undefined) {
    const inner = (target[key] ?? {}) as Json
    if (op === 'remove') delete inner[keyOf(inner, sub)]
    else inner[keyOf(inner, sub)] = value
    target[key] = inner
    return
  }
  if (op === 'remove') delete target[key]
  else if (op === 'add' && Array.isArray(target[key]) && Array.isArray(value))
    target[key] = [...(target[key] as unknown[]), ...value]
  else target[key] = value
}

function omit(obj: Json, name: string): Json {
  const copy = { ...obj }
  delete copy[keyOf(copy, name)]
  return copy
}

/** The op name, lower-cased; throws for anything but add, replace and remove. */
export function patchOpOf(operation: Json): 'add' | 'replace' | 'remove' {
  const op = typeof operation.op === 'string' ? operation.op.toLowerCase() : ''
  if (op !== 'add' && op !== 'replace' && op !== 'remove')
    throw new ScimError(400, `Unsupported op: ${String(operation.op).slice(0, 20)}`, 'invalidSyntax')
  return op
}

/** The request's `Operations`, checked. */
export function patchOperations(body: unknown): Json[] {
  const operations = (body as Json | null)?.Operations
  if (!Array.isArray(operations) || operations.length === 0 || operations.length > MAX_OPERATIONS)
    throw new ScimError(400, `Operations must hold 1 to ${MAX_OPERATIONS} operations`, 'invalidSyntax')
  return operations as Json[]
}

/** Applies a PATCH request's operations to a copy of `resource` and returns it. */
export function applyScimPatch(resource: Json, body: unknown): Json {
  const result = structuredClone(resource)
  for (const operation of patchOperations(body)) {
    const op = patchOpOf(operation)
    const path = typeof operation.path === 'string' ? operation.path : undefined
    if (path !== undefined) {
      if (op !== 'remove' && operation.value === undefined)
        throw new ScimError(400, `The ${op} operation needs a value`, 'invalidValue')
      applyPath(result, op, path, operation.value)
      continue
    }
    if (op === 'remove') throw new ScimError(400, 'A remove operation needs a path', 'noTarget')
    const value = operation.value
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new ScimError(400, 'An operation without a path needs an object value', 'invalidValue')
    for (const [name, v] of Object.entries(value as Json)) {
      if (name.toLowerCase() === ENTERPRISE_USER.toLowerCase() && v && typeof v === 'object') {
        for (const [inner, w] of Object.entries(v as Json)) applyPath(result, op, `${ENTERPRISE_USER}:${inner}`, w)
      } else {
        applyPath(result, op, name, v)
      }
    }
  }
  return result
}
