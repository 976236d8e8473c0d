// Endpoint isolation: with `--profile x`, only x's own settings and the environment choose where
// idc sends x's bearer token and credentials. A real loopback listener stands in for an endpoint
// configured for another profile ([default]) and records every request it receives; it must
// receive none. A control case shows the same listener does receive x's calls when x itself
// points at it, so the witness can fail.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ssoTokenCacheKey } from '../../src/core/sso/cache.js'
import { runIdc } from '../helpers/run-idc.js'

const TOKEN = 'bearer-token-of-profile-x'

interface Recorded {
  method: string
  url: string
  headers: Record<string, string | string[] | undefined>
}

let server: Server
let witness: string
const recorded: Recorded[] = []
const scratch = mkdtempSync(join(tmpdir(), 'idc-e2e-endpoints-'))

beforeAll(async () => {
  server = createServer((request, response) => {
    recorded.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers })
    request.resume()
    response.writeHead(403, { 'content-type': 'application/json' }).end('{"message":"witness"}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  witness = `http://127.0.0.1:${address.port}`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(scratch, { recursive: true, force: true })
})
beforeEach(() => {
  recorded.length = 0
})

const PROFILE_X = [
  '[profile x]',
  'sso_session = s',
  'sso_account_id = 123456789011',
  'sso_role_name = Admin',
  'region = us-east-1',
]
const SESSION = ['[sso-session s]', 'sso_start_url = https://example.awsapps.com/start', 'sso_region = us-east-1']

/** A HOME with the given config and a valid cached token for session `s`. */
function home(name: string, config: string[]): string {
  const dir = join(scratch, name)
  mkdirSync(join(dir, '.aws', 'sso', 'cache'), { recursive: true })
  writeFileSync(join(dir, '.aws', 'config'), config.join('\n') + '\n')
  writeFileSync(
    join(dir, '.aws', 'sso', 'cache', `${ssoTokenCacheKey('s')}.json`),
    JSON.stringify({
      startUrl: 'https://example.awsapps.com/start',
      region: 'us-east-1',
      accessToken: TOKEN,
      expiresAt: new Date(Date.now() + 3600_000).toISOString().slice(0, 19) + 'Z',
    }),
  )
  return dir
}

function run(dir: string, args: string[]) {
  return runIdc(args, { PATH: process.env.PATH ?? '', HOME: dir })
}

const commands = [
  ['configure', 'export-credentials', '--profile', 'x'],
  ['sso', 'list-accounts', '--profile', 'x'],
]

describe('endpoints configured for another profile', () => {
  it.each([
    ['[default] endpoint_url', () => ['[default]', `endpoint_url = ${witness}`, ...PROFILE_X, ...SESSION]],
    [
      '[default] services',
      () => [
        '[default]',
        'services = elsewhere',
        '[services elsewhere]',
        'sso =',
        `  endpoint_url = ${witness}`,
        'sts =',
        `  endpoint_url = ${witness}`,
        ...PROFILE_X,
        ...SESSION,
      ],
    ],
    [
      "x's ignore_configured_endpoint_urls over x's own endpoint_url",
      () => [
        '[default]',
        `endpoint_url = ${witness}`,
        ...PROFILE_X,
        'ignore_configured_endpoint_urls = true',
        `endpoint_url = ${witness}`,
        ...SESSION,
      ],
    ],
  ])('never receive profile x’s token (%s)', async (name, config) => {
    const dir = home(name.replace(/\W+/g, '-'), config())
    for (const args of commands) {
      const result = await run(dir, args)
      // Without network, AWS's own endpoint cannot be reached; what matters is where calls went.
      expect(result.code, result.stderr).not.toBe(0)
    }
    expect(recorded).toEqual([])
  })

  it('control: x’s own endpoint_url does receive x’s calls, token included', async () => {
    const dir = home('control', ['[default]', ...PROFILE_X, `endpoint_url = ${witness}`, ...SESSION])
    await run(dir, ['sso', 'list-accounts', '--profile', 'x'])
    expect(recorded.length).toBeGreaterThan(0)
    expect(recorded.some((r) => r.headers['x-amz-sso_bearer_token'] === TOKEN)).toBe(true)
  })
})
