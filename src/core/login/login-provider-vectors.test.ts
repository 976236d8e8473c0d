import { createPublicKey, verify } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { readVector } from '../../../test/helpers/vectors.js'
import { createAwsClientFactory } from '../aws/clients.js'
import { resolveCredentials } from '../credentials/resolve-credentials.js'
import { CredentialsError, ServiceError } from '../errors.js'
import { loadDpopKey } from './dpop.js'

// The botocore set and the smithy-rs copy (SEC1 keys instead of PKCS#8), vendored under test/vectors/.
const VECTOR_FILES = [
  'login-provider/login-provider-test-cases.json',
  'credential-providers/login-provider-test-cases.json',
]
const NOW = Date.parse('2025-11-19T00:00:00Z')

interface VectorCase {
  documentation: string
  configContents: string
  cacheContents: Record<string, Record<string, unknown>>
  mockApiCalls?: {
    request: { tokenInput: Record<string, unknown> }
    response?: { tokenOutput: Record<string, unknown> }
    responseCode?: number
  }[]
  outcomes: ({ result: 'credentials' | 'error' | 'cacheContents' } & Record<string, unknown>)[]
}

/** The error idc raises for each failing case (the vectors say only "error"): its class and wording. */
const MISSING_FIELDS = 'Error loading login session token: Failed to load access token from token cache'
const EXPECTED_ERRORS: Record<string, [new (...args: any[]) => Error, string]> = {
  'Failure - No cache file': [
    CredentialsError,
    'Error loading login session token: Unable to load a existing login session',
  ],
  'Failure - Missing accessToken': [CredentialsError, MISSING_FIELDS],
  'Failure - Missing refreshToken': [CredentialsError, MISSING_FIELDS],
  'Failure - Missing clientId in cache': [CredentialsError, MISSING_FIELDS],
  'Failure - Missing dpopKey': [CredentialsError, MISSING_FIELDS],
  'Failure - Expired token triggers failed refresh': [ServiceError, 'when calling the CreateOAuth2Token operation'],
}

interface Recorded {
  body: unknown
  dpop: string | undefined
  url: string
}

const recorded: Recorded[] = []
let reply: { status: number; body: unknown } = { status: 500, body: {} }
const server = createServer((req: IncomingMessage, res) => {
  let body = ''
  req.on('data', (chunk: Buffer) => (body += chunk.toString()))
  req.on('end', () => {
    recorded.push({
      body: JSON.parse(body || 'null'),
      dpop: req.headers.dpop as string | undefined,
      url: req.url ?? '',
    })
    res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body))
  })
})
let endpoint = ''

beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(() => new Promise<void>((done) => server.close(() => done())))

function loadCases(file: string): VectorCase[] {
  return readVector<VectorCase[]>(file)
}

function checkProof(proof: string | undefined, dpopKey: string, url: string): void {
  expect(proof).toBeDefined()
  const [header, payload, signature] = (proof as string).split('.') as [string, string, string]
  const head = JSON.parse(Buffer.from(header, 'base64url').toString())
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
  expect(head).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256' } })
  expect(claims).toMatchObject({ htm: 'POST', htu: url, iat: NOW / 1000 })
  const expected = createPublicKey(loadDpopKey(dpopKey)).export({ format: 'jwk' })
  expect(head.jwk).toEqual({ kty: 'EC', x: expected.x, y: expected.y, crv: 'P-256' })
  const ok = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key: createPublicKey({ key: head.jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  )
  expect(ok).toBe(true)
}

for (const file of VECTOR_FILES) {
  describe(`login provider vectors (${file})`, () => {
    it.each(loadCases(file).map((c) => [c.documentation, c] as const))('%s', async (_name, vector) => {
      recorded.length = 0
      const env = createTestCliEnv({
        now: NOW,
        vars: { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_SIGNIN: endpoint },
        files: { '.aws/config': vector.configContents },
      })
      const cacheDir = join(env.home, '.aws', 'login', 'cache')
      const cacheFiles: Record<string, string> = {}
      for (const [name, content] of Object.entries(vector.cacheContents)) {
        cacheFiles[name] = JSON.stringify(content)
      }
      const { mkdirSync, writeFileSync } = await import('node:fs')
      mkdirSync(cacheDir, { recursive: true })
      for (const [name, text] of Object.entries(cacheFiles)) writeFileSync(join(cacheDir, name), text)
      const mock = vector.mockApiCalls?.[0]
      reply = mock?.response
        ? { status: 200, body: mock.response.tokenOutput }
        : { status: mock?.responseCode ?? 500, body: {} }

      const result = resolveCredentials(env, { profile: 'signin', clients: createAwsClientFactory() })
      const [expectedCredentials] = vector.outcomes.filter((o) => o.result === 'credentials')
      if (!expectedCredentials) {
        const expected = EXPECTED_ERRORS[vector.documentation]
        if (!expected) throw new Error(`no idc error recorded for the failing case "${vector.documentation}"`)
        const error = await result.then(
          () => undefined,
          (e: unknown) => e,
        )
        expect(error).toBeInstanceOf(expected[0])
        expect((error as Error).message).toContain(expected[1])
      } else {
        const credentials = await result
        expect({
          accessKeyId: credentials.accessKeyId,
          secretAccessKey: credentials.secretAccessKey,
          sessionToken: credentials.sessionToken,
          accountId: credentials.accountId,
          expiresAt: credentials.expiration?.toISOString().replace('.000Z', 'Z'),
        }).toEqual({
          accessKeyId: expectedCredentials.accessKeyId,
          secretAccessKey: expectedCredentials.secretAccessKey,
          sessionToken: expectedCredentials.sessionToken,
          accountId: expectedCredentials.accountId,
          expiresAt: expectedCredentials.expiresAt,
        })
      }
      // Calls: exactly the mocked ones, with the vector's body and a valid proof from the cached key.
      expect(recorded.map((r) => r.body)).toEqual((vector.mockApiCalls ?? []).map((m) => m.request.tokenInput))
      for (const call of recorded) {
        const cached = Object.values(vector.cacheContents)[0] as { dpopKey: string }
        expect(call.url).toBe('/v1/token')
        checkProof(call.dpop, cached.dpopKey, `${endpoint}/v1/token`)
      }
      const expectedCache = vector.outcomes.find((o) => o.result === 'cacheContents')
      for (const [name, content] of Object.entries(expectedCache ?? {})) {
        if (name === 'result') continue
        const path = join(cacheDir, name)
        expect(existsSync(path)).toBe(true)
        const text = readFileSync(path, 'utf8')
        expect(JSON.parse(text)).toEqual(content)
        // The AWS CLI's layout: one line with Python's separators.
        expect(text).not.toContain('\n  ')
        expect(text.startsWith('{"accessToken": {"accessKeyId": ')).toBe(true)
      }
    })
  })
}
