// The smithy-rs provider-chain cases (test/vectors/credential-providers/): each case's env.json
// is the whole environment, its fs/ tree the file system (HOME moved to a temporary copy), and its
// recorded HTTP traffic is replayed by a loopback server that checks each request's method, path
// and query. The real SDK clients talk to that server. Error texts are smithy-rs wording, so each
// error case names the error idc raises instead (EXPECTED_ERRORS). Unsupported cases are reported
// as skipped, with the reason. FIPS and dual-stack cases run too: they only change host names,
// which the replay server does not check.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { execFile } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SSOClient } from '@aws-sdk/client-sso'
import { STSClient } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AwsClientFactory } from '../aws/clients.js'
import { ConfigParseError, CredentialsError, ServiceError } from '../errors.js'
import { createNodeEnv } from '../node-env.js'
import { resolveCredentials } from './resolve-credentials.js'
import type { ProcessRunner } from './types.js'
import { vectorPath } from '../../../test/helpers/vectors.js'

const ROOT = vectorPath('credential-providers')

/** Cases idc does not run, with the reason. */
const SKIPPED: Record<string, string> = {
  ecs_assume_role: 'ECS container credentials are not supported by idc',
  ecs_credentials: 'ECS container credentials are not supported by idc',
  ecs_credentials_invalid_profile: 'ECS container credentials are not supported by idc',
  eks_pod_identity_credentials: 'EKS Pod Identity is not supported by idc',
  eks_pod_identity_no_token_file: 'EKS Pod Identity is not supported by idc',
  imds_assume_role: 'EC2 instance metadata (IMDS) is not supported by idc',
  imds_config_with_no_creds: 'EC2 instance metadata (IMDS) is not supported by idc',
  imds_default_chain_error: 'EC2 instance metadata (IMDS) is not supported by idc',
  imds_default_chain_retries: 'EC2 instance metadata (IMDS) is not supported by idc',
  imds_default_chain_success: 'EC2 instance metadata (IMDS) is not supported by idc',
  imds_disabled: 'EC2 instance metadata (IMDS) is not supported by idc',
  imds_no_iam_role: 'EC2 instance metadata (IMDS) is not supported by idc',
  imds_token_fail: 'EC2 instance metadata (IMDS) is not supported by idc',
  web_identity_source_profile_no_env: 'web identity credentials are not supported by idc',
  web_identity_token_env: 'web identity credentials are not supported by idc',
  web_identity_token_invalid_jwt: 'web identity credentials are not supported by idc',
  web_identity_token_profile: 'web identity credentials are not supported by idc',
  web_identity_token_source_profile: 'web identity credentials are not supported by idc',
  empty_config:
    'smithy-rs profile-provider case: the profile provider alone is "not enabled" without a profile; idc only runs the whole chain',
}

/** The error idc raises for each error case: its class, and the AWS CLI wording idc uses. */
const EXPECTED_ERRORS: Record<string, [new (...args: any[]) => Error, string]> = {
  profile_overrides_web_identity: [
    CredentialsError,
    'Error when retrieving credentials from Environment: No credentials found in credential_source referenced in profile A',
  ],
  sso_no_token_file: [
    CredentialsError,
    'Error loading SSO Token: Token for https://ssotest.awsapps.com/start does not exist',
  ],
  sso_server_error: [
    ServiceError,
    'An error occurred (503) when calling the GetRoleCredentials operation: Service Unavailable',
  ],
  credential_process_failure: [CredentialsError, 'Error when retrieving credentials from custom-process'],
  credential_process_invalid: [
    CredentialsError,
    'Error when retrieving credentials from custom-process: invalid JSON in response',
  ],
  invalid_config: [ConfigParseError, 'line 2: Property did not have a name'],
  // Profiles that only resolve a bearer token hold no AWS credentials, as for the AWS CLI.
  invalid_sso_credentials_config: [CredentialsError, 'Unable to locate credentials'],
  sso_token: [CredentialsError, 'Unable to locate credentials'],
}

interface Exchange {
  method: string
  uri: string
  status: number
  headers: Record<string, string[]>
  body: string
}

function readTraffic(dir: string): Exchange[] {
  const file = join(dir, 'http-traffic.json')
  if (!existsSync(file)) return []
  const { events } = JSON.parse(readFileSync(file, 'utf8')) as {
    events: { connection_id: number; action: Record<string, any> }[]
  }
  const byConnection = new Map<number, Exchange>()
  for (const { connection_id: id, action } of events) {
    const exchange = byConnection.get(id) ?? ({ method: '', uri: '', status: 0, headers: {}, body: '' } as Exchange)
    byConnection.set(id, exchange)
    if (action.Request)
      Object.assign(exchange, { method: action.Request.request.method, uri: action.Request.request.uri })
    if (action.Response?.response?.Ok)
      Object.assign(exchange, {
        status: action.Response.response.Ok.status,
        headers: action.Response.response.Ok.headers,
      })
    if (action.Data?.direction === 'Response') exchange.body += action.Data.data.Utf8 ?? ''
  }
  return [...byConnection.values()]
}

function pathAndQuery(uri: string): string {
  const url = new URL(uri, 'http://x')
  const query = [...url.searchParams].sort(([a], [b]) => a.localeCompare(b))
  return `${url.pathname}?${new URLSearchParams(query).toString()}`
}

async function startReplay(exchanges: Exchange[]): Promise<{ server: Server; url: string; problems: string[] }> {
  const queue = [...exchanges]
  const problems: string[] = []
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const next = queue.shift()
      if (!next || next.method !== req.method || pathAndQuery(next.uri) !== pathAndQuery(req.url ?? '')) {
        problems.push(
          `unexpected ${req.method} ${req.url}, expected ${next ? `${next.method} ${next.uri}` : 'nothing'}`,
        )
        res.writeHead(500).end()
        return
      }
      const headers: Record<string, string[]> = {}
      for (const [k, v] of Object.entries(next.headers))
        if (!/^(content-length|connection|transfer-encoding)$/i.test(k)) headers[k] = v
      res.writeHead(next.status, headers).end(next.body)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const address = server.address() as { port: number }
  return { server, url: `http://127.0.0.1:${address.port}`, problems }
}

function replayClients(url: string, maxAttempts: number): AwsClientFactory {
  const noCredentials = async () => ({ accessKeyId: '', secretAccessKey: '' })
  return {
    ssoOidc: () => Promise.reject(new Error('no OIDC calls in these cases')),
    sso: async (target) =>
      new SSOClient({ region: target.region, endpoint: url, credentials: noCredentials, maxAttempts }),
    sts: async (target, credentials) =>
      new STSClient({ region: target.region, endpoint: url, credentials, maxAttempts }),
    s3: () => Promise.reject(new Error('no S3 calls in these cases')),
    signin: () => Promise.reject(new Error('no Sign-In calls in these cases')),
  }
}

// The recorded configs hold shell pipelines (`echo … | base64 --decode`); run the words again in sh.
const shellRunner: ProcessRunner = (command, args) =>
  new Promise((done) => {
    execFile('sh', ['-c', [command, ...args].join(' ')], (error, stdout, stderr) => {
      done({ exitCode: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    })
  })

interface TestCase {
  name: string
  result: {
    Ok?: {
      access_key_id: string
      secret_access_key: string
      session_token?: string
      account_id?: string
      expiry?: number
    }
    ErrorContains?: string
  }
}

const sets = ['default-credential-provider-chain', 'profile-provider'] as const
const allCases = sets.flatMap((set) =>
  readdirSync(join(ROOT, set))
    .filter((name) => existsSync(join(ROOT, set, name, 'test-case.json')))
    .map((name) => [`${set}/${name}`, set, name] as const),
)
const cases = allCases.filter(([, , name]) => !SKIPPED[name])

describe('credential provider chain vectors', () => {
  let scratch: string
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'idc-chain-vectors-'))
  })
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  for (const [label, , name] of allCases) {
    const reason = SKIPPED[name]
    if (reason) it.skip(`${label} (skipped: ${reason})`, () => {})
  }

  it.each(cases)('%s', async (_label, _set, name) => {
    const dir = join(ROOT, _set, name)
    const testCase = JSON.parse(readFileSync(join(dir, 'test-case.json'), 'utf8')) as TestCase
    const vars = JSON.parse(readFileSync(join(dir, 'env.json'), 'utf8')) as Record<string, string>
    const root = mkdtempSync(join(scratch, `${name}-`))
    if (existsSync(join(dir, 'fs'))) cpSync(join(dir, 'fs'), root, { recursive: true })
    const home = join(root, (vars.HOME ?? '/home').replace(/^\//, ''))
    const env = { ...createNodeEnv(), vars: { ...vars, HOME: home }, osHomeDir: () => home }
    const replay = await startReplay(readTraffic(dir))
    try {
      // sso_server_error is recorded with retries off; the others use the SDK's default retries.
      const clients = replayClients(replay.url, name === 'sso_server_error' ? 1 : 3)
      // The profile-provider cases run the profile provider alone: no environment credentials.
      const profile = _set === 'profile-provider' ? (vars.AWS_PROFILE ?? 'default') : undefined
      const attempt = resolveCredentials(env, { profile, clients, runProcess: shellRunner })
      if (testCase.result.Ok) {
        const expected = testCase.result.Ok
        const credentials = await attempt
        expect(replay.problems).toEqual([])
        expect({
          access_key_id: credentials.accessKeyId,
          secret_access_key: credentials.secretAccessKey,
          ...(expected.session_token !== undefined ? { session_token: credentials.sessionToken } : {}),
          ...(expected.account_id !== undefined ? { account_id: credentials.accountId } : {}),
          ...(expected.expiry !== undefined
            ? { expiry: credentials.expiration && credentials.expiration.getTime() / 1000 }
            : {}),
        }).toEqual(expected)
      } else {
        const expected = EXPECTED_ERRORS[name]
        if (!expected) throw new Error(`no idc error recorded for the error case ${name}`)
        const error = await attempt.then(
          () => undefined,
          (e: unknown) => e,
        )
        expect(replay.problems).toEqual([])
        expect(error).toBeInstanceOf(expected[0])
        expect((error as Error).message).toContain(expected[1])
      }
    } finally {
      await new Promise((r) => replay.server.close(r))
    }
  })
})
