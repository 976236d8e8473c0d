/**
 * The loopback listener of the authorization-code flow. It is bound to 127.0.0.1 on an ephemeral
 * port *before* the authorize URL is shown (a browser that is quicker than the listener gets
 * "connection refused", a known bug of other tools). Like the AWS CLI's handler it answers every
 * GET with a page, ignores requests without `code`+`state` or `error` (such as /favicon.ico), and
 * answers other methods with 501. Unlike the CLI it binds loopback only and sends a Content-Type.
 *
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { AuthCodeCallback, CallbackListener } from '../../core/sso/auth-code-flow.js'

/** Options for {@link startCallbackListener}. */
export interface CallbackListenerOptions {
  /** The port to bind; 0 (default) lets the OS choose. */
  port?: number
  /** The host to bind (default 127.0.0.1). */
  host?: string
}

/** Starts listening and resolves once the port is bound. */
export async function startCallbackListener(options: CallbackListenerOptions = {}): Promise<CallbackListener> {
  let settle: ((result: AuthCodeCallback) => void) | undefined
  let received: AuthCodeCallback | undefined
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET') {
      res.writeHead(501, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
      res.end('Not Implemented\n')
      return
    }
    const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams
    const error = query.get('error')
    const code = query.get('code')
    const state = query.get('state')
    const done = error !== null || (code !== null && state !== null)
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' })
    res.end(renderCallbackPage(error ?? undefined, query.get('error_description') ?? undefined))
    if (!done || received) return
    received = error !== null ? { error } : { code: code!, state: state! }
    settle?.(received)
  })
  server.keepAliveTimeout = 1
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', 5, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  return {
    port,
    waitForCallback(signal?: AbortSignal) {
      if (received) return Promise.resolve(received)
      return new Promise<AuthCodeCallback>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason)
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
        settle = resolve
      })
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The page the browser lands on after sign-in: done, or what went wrong. */
export function renderCallbackPage(error?: string, description?: string): string {
  const body = error
    ? `<div class="box error"><h2>Sign-in failed</h2><p>The authentication redirect failed with the following error: ${escapeHtml(error)}${
        description ? ` (${escapeHtml(description)})` : ''
      }</p><p>Return to your terminal and try again.</p></div>`
    : `<div class="box ok"><h2>Request approved</h2><p>Sign-in is complete: idc has received your credentials. You can close this tab and return to your terminal.</p></div>`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Amazon Web Services Sign-in</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f2f3f3;color:#16191f;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.2);padding:32px 40px;max-width:480px}
h1{font-size:22px;margin:0 0 16px}h2{font-size:16px;margin:0 0 8px}
.box{border-radius:6px;padding:12px 16px}.ok{background:#f2fcf3;border:1px solid #1d8102}.error{background:#fff7f7;border:1px solid #d13212}
@media (prefers-color-scheme:dark){body{background:#0f1b2a;color:#d1d5db}main{background:#192534}.ok{background:#0f2a17}.error{background:#2a0f12}}
</style></head>
<body><main><h1>Sign in to AWS</h1>${body}</main></body></html>
`
}
