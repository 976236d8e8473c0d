/**
 * A real listening server over the demo organisation, for the end-to-end AWS CLI tests and the
 * throughput benchmark while `idc server` is not wired yet: the whole `createApp` on
 * `@hono/node-server`, the real clock and CSPRNG, and a SQLite file (or memory) store. Not used by
 * the running server.
 *
 * @module
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from '../app.js'
import type { Logger, ServerDeps } from '../deps.js'
import { applyOrg, ensureAdminCredentials } from '../domain/org.js'
import { DEMO_ORG } from '../domain/demo-org.js'
import { createRandomIds } from '../ids.js'
import { createMetrics } from '../metrics.js'
import { openStore } from '../store/store.js'

/** A started server. */
export interface TestServer {
  deps: ServerDeps
  url: string
  port: number
  /** Log lines so far (`info …`, `warn …`; request lines only when `keepRequestLog`). */
  lines: string[]
  close(): Promise<void>
}

/** Options for {@link startTestServer}. */
export interface TestServerOptions {
  /** SQLite path; default `':memory:'`. */
  dbPath?: string
  keepRequestLog?: boolean
}

/** Starts the demo organisation's server on 127.0.0.1 at a free port. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const lines: string[] = []
  const logger: Logger = {
    info: (l) => lines.push(`info ${l}`),
    warn: (l) => lines.push(`warn ${l}`),
    request: (l) => {
      if (options.keepRequestLog) lines.push(`request ${l}`)
    },
  }
  const metrics = createMetrics()
  let baseUrl = 'http://127.0.0.1'
  const deps: ServerDeps = {
    store: openStore({ path: options.dbPath ?? ':memory:' }),
    clock: () => Date.now(),
    ids: createRandomIds(),
    logger,
    options: { strictRefreshRotation: false },
    baseUrl: () => baseUrl,
    metrics,
    recordRequest: (op, outcome, labels) => metrics.recordRequest(op, outcome, labels),
  }
  applyOrg(deps, DEMO_ORG)
  ensureAdminCredentials(deps)
  const app = createApp(deps)
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const port = (server.address() as AddressInfo).port
  baseUrl = `http://127.0.0.1:${port}`
  return {
    deps, url: baseUrl, port, lines,
    close: () => new Promise<void>((resolve) => server.close(() => {
      deps.store.close()
      resolve()
    })),
  }
}
