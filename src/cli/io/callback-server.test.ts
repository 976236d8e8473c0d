import { describe, expect, it } from 'vitest'
import { startCallbackListener } from './callback-server.js'

describe('startCallbackListener', () => {
  it('is bound on 127.0.0.1 before it resolves and hands back code and state', async () => {
    const listener = await startCallbackListener()
    try {
      expect(listener.port).toBeGreaterThan(0)
      const waiting = listener.waitForCallback()
      const favicon = await fetch(`http://127.0.0.1:${listener.port}/favicon.ico`)
      expect(favicon.status).toBe(200)
      const res = await fetch(`http://127.0.0.1:${listener.port}/oauth/callback?code=abc&state=xyz`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/text\/html/)
      expect(await res.text()).toContain('You can close this tab')
      expect(await waiting).toEqual({ code: 'abc', state: 'xyz' })
    } finally {
      await listener.close()
    }
  })

  it('reports an error redirect and shows it on the page', async () => {
    const listener = await startCallbackListener()
    try {
      const res = await fetch(`http://127.0.0.1:${listener.port}/oauth/callback?error=access_denied`)
      expect(await res.text()).toContain('access_denied')
      expect(await listener.waitForCallback()).toEqual({ error: 'access_denied' })
    } finally {
      await listener.close()
    }
  })

  it('answers other methods with 501', async () => {
    const listener = await startCallbackListener()
    try {
      const res = await fetch(`http://127.0.0.1:${listener.port}/oauth/callback`, { method: 'POST' })
      expect(res.status).toBe(501)
    } finally {
      await listener.close()
    }
  })

  it('stops waiting when aborted', async () => {
    const listener = await startCallbackListener()
    const controller = new AbortController()
    const waiting = listener.waitForCallback(controller.signal)
    controller.abort(new Error('stop'))
    await expect(waiting).rejects.toThrow('stop')
    await listener.close()
  })
})
