import { Hono } from 'hono'
import type { ServerDeps } from '../deps.js'

/** Placeholder. */
export function createPages(_deps: ServerDeps): Hono {
  return new Hono()
}
