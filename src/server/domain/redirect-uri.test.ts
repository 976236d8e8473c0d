import { describe, expect, it } from 'vitest'
import { isLoopbackRedirectUri, matchesRegisteredRedirectUri } from './redirect-uri.js'

describe('isLoopbackRedirectUri', () => {
  it.each([
    ['http://127.0.0.1:43210/oauth/callback', true],
    ['http://localhost/oauth/callback', true],
    ['http://[::1]:8080/cb', true],
    ['https://127.0.0.1/oauth/callback', false],
    ['http://127.0.0.2/oauth/callback', false],
    ['http://example.com/oauth/callback', false],
    ['http://127.0.0.1/oauth/callback#frag', false],
    ['http://user@127.0.0.1/cb', false],
    ['not a url', false],
  ])('%s is %s', (uri, expected) => {
    expect(isLoopbackRedirectUri(uri)).toBe(expected)
  })
})

describe('matchesRegisteredRedirectUri', () => {
  const registered = ['http://127.0.0.1/oauth/callback']
  it.each([
    ['the registered URI with a port', 'http://127.0.0.1:54321/oauth/callback', true],
    ['the registered URI itself', 'http://127.0.0.1/oauth/callback', true],
    ['another path', 'http://127.0.0.1:54321/other', false],
    ['another loopback host', 'http://localhost:54321/oauth/callback', false],
  ])('%s: %s', (_name, uri, expected) => {
    expect(matchesRegisteredRedirectUri(uri, registered)).toBe(expected)
  })
})
