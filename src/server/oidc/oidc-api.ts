import { Hono } from 'hono'
import type { ServerDeps } from '../deps.js'

/** Placeholder. */
export function createOidcApi(_deps: ServerDeps): Hono {
  return new Hono()
}
