import { describe, expect, it } from 'vitest'
import type { LoopbackRequest } from '../../core/credentials/container-endpoint.js'
import { startLoopbackServer } from './loopback-server.js'

describe('loopback server', () => {
  it('binds 127.0.0.1, hands over method, URL and Authorization, and answers JSON', async () => {
    const seen: LoopbackRequest[] = []
    const server = await startLoopbackServer({
      handle: async (request) => {
        seen.push(request)
        return { status: request.authorization === 'tok' ? 200 : 403, body: '{"ok":true}' }
      },
    })
    try {
      const ok = await fetch(`http://127.0.0.1:${server.port}/v1/credentials?x=1`, {
        headers: { Authorization: 'tok' },
      })
      expect(ok.status).toBe(200)
      expect(ok.headers.get('content-type')).toBe('application/json')
      expect(await ok.json()).toEqual({ ok: true })
      const refused = await fetch(`http://127.0.0.1:${server.port}/`, { method: 'POST' })
      expect(refused.status).toBe(403)
      expect(seen).toEqual([
        { method: 'GET', url: '/v1/credentials?x=1', authorization: 'tok' },
        { method: 'POST', url: '/', authorization: undefined },
      ])
    } finally {
      await server.close()
    }
  })

  it('answers 500 when the handler throws', async () => {
    const server = await startLoopbackServer({
      handle: async () => {
        throw new Error('boom')
      },
    })
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/`)
      expect(res.status).toBe(500)
      expect(await res.text()).not.toContain('boom')
    } finally {
      await server.close()
    }
  })
})
