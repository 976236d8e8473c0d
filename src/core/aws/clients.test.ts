// Every client of the factory sends its requests to the target's endpoint, or to the service's AWS
// endpoint when the target has none: never to an endpoint_url or services section the SDK would
// find on its own in [default] (see the module comment of clients.ts). Requests are caught in the
// middleware stack before they leave, so nothing goes to the network.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ListAccountsCommand } from '@aws-sdk/client-sso'
import { RegisterClientCommand } from '@aws-sdk/client-sso-oidc'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { ListBucketsCommand } from '@aws-sdk/client-s3'
import { CreateOAuth2TokenCommand } from '@aws-sdk/nested-clients/signin'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAwsClientFactory, type ClientTarget } from './clients.js'

const ELSEWHERE = 'http://127.0.0.1:9/default-profile-endpoint'
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }

let dir: string
const saved = { ...process.env }
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idc-clients-'))
  const config = join(dir, 'config')
  await writeFile(
    config,
    `[default]\nendpoint_url = ${ELSEWHERE}\nservices = elsewhere\n[services elsewhere]\nsts =\n  endpoint_url = ${ELSEWHERE}\n`,
  )
  // The SDK reads the real process environment; this test file runs in its own worker.
  for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name]
  process.env.AWS_CONFIG_FILE = config
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials')
})
afterAll(async () => {
  process.env = saved
  await rm(dir, { recursive: true, force: true })
})

interface Sendable {
  middlewareStack: { add: (...args: any[]) => void }
  send: (command: any) => Promise<unknown>
}

/** The URL the client would send the command to. */
async function urlOf(client: Sendable, command: unknown): Promise<string> {
  let url = ''
  client.middlewareStack.add(
    () => async (args: { request: { protocol: string; hostname: string; port?: number; path: string } }) => {
      const { protocol, hostname, port, path } = args.request
      url = `${protocol}//${hostname}${port ? `:${port}` : ''}${path}`
      throw new Error('caught before sending')
    },
    { step: 'finalizeRequest', priority: 'low' },
  )
  await expect(client.send(command)).rejects.toThrow('caught before sending')
  return url
}

const factory = createAwsClientFactory()
const clients = [
  ['SSO', (t: ClientTarget) => factory.sso(t), new ListAccountsCommand({ accessToken: 't' }), 'portal.sso.'],
  [
    'SSO OIDC',
    (t: ClientTarget) => factory.ssoOidc(t),
    new RegisterClientCommand({ clientName: 'c', clientType: 'public' }),
    'oidc.',
  ],
  ['STS', (t: ClientTarget) => factory.sts(t, credentials), new GetCallerIdentityCommand({}), 'sts.'],
  ['S3', (t: ClientTarget) => factory.s3(t, credentials), new ListBucketsCommand({}), 's3.'],
  [
    'Sign-In',
    (t: ClientTarget) => factory.signin(t, () => 'proof'),
    new CreateOAuth2TokenCommand({
      tokenInput: { clientId: 'c', grantType: 'refresh_token', refreshToken: 'r' },
    } as never),
    'signin.',
  ],
] as const

describe('createAwsClientFactory', () => {
  it.each(clients)(
    '%s: no target endpoint means the AWS endpoint, not [default]’s',
    async (_name, make, command, host) => {
      const url = await urlOf((await make({ region: 'eu-west-1' })) as Sendable, command)
      expect(url).not.toContain('127.0.0.1')
      expect(url).toContain(host)
    },
  )

  it.each(clients)('%s: the target endpoint is used as given', async (_name, make, command) => {
    const url = await urlOf(
      (await make({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:8/mine' })) as Sendable,
      command,
    )
    expect(url.startsWith('http://127.0.0.1:8/mine')).toBe(true)
  })
})

describe('FIPS and dual-stack endpoints', () => {
  it("follow the selected profile's use_fips_endpoint and use_dualstack_endpoint, not [default]'s", async () => {
    const { createHttpHandler } = await import('./http-handler.js')
    const { createNodeEnv } = await import('../node-env.js')
    const config = {
      profiles: {
        default: { use_fips_endpoint: 'false' },
        fips: { use_fips_endpoint: 'true' },
        dual: { use_dualstack_endpoint: 'TRUE' },
      },
    } as never
    const urlFor = async (profile: string) => {
      const http = await createHttpHandler(createNodeEnv(), { profile, config })
      const sts = await createAwsClientFactory(http).sts({ region: 'us-east-1' }, credentials)
      return urlOf(sts as Sendable, new GetCallerIdentityCommand({}))
    }
    expect(await urlFor('fips')).toBe('https://sts-fips.us-east-1.amazonaws.com/')
    expect(await urlFor('dual')).toBe('https://sts.us-east-1.api.aws/')
    expect(await urlFor('default')).toBe('https://sts.us-east-1.amazonaws.com/')
  })

  it('give way to an endpoint of the target, as in the AWS CLI (the SDK alone would refuse FIPS with it)', async () => {
    const { createHttpHandler } = await import('./http-handler.js')
    const { createNodeEnv } = await import('../node-env.js')
    const config = { profiles: { fips: { use_fips_endpoint: 'true', use_dualstack_endpoint: 'true' } } } as never
    const http = await createHttpHandler(createNodeEnv(), { profile: 'fips', config })
    const target = { region: 'us-east-1', endpoint: 'http://127.0.0.1:8/local' }
    const sts = await createAwsClientFactory(http).sts(target, credentials)
    expect(await urlOf(sts as Sendable, new GetCallerIdentityCommand({}))).toBe('http://127.0.0.1:8/local/')
  })
})
