// The CA bundle and the proxy variables on every call, end to end: the built idc and the real
// AWS CLI v2 reach `idc server --demo` only through an https front whose certificate comes from a
// throw-away CA, and through a real HTTP proxy on 127.0.0.1 that records each CONNECT tunnel.
//  - one sign-in (a vanity start URL, so the start-URL probe goes out too, then the device flow),
//    role credentials, a token refresh, STS and S3: each goes through the proxy and the front;
//    NO_PROXY sends the same calls straight to the front.
//  - console sign-in (`idc login`) and its refresh: the Sign-In token calls through HTTP_PROXY.
//  - the failures read as the AWS CLI's, compared with the real CLI on the same setup: no CA
//    bundle, a bundle that does not exist or holds no certificate, an empty setting, a proxy that
//    refuses the tunnel, a proxy that is not there.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_START_URL } from '../../src/server/domain/demo-org.js'
import { approveOverHttp } from '../helpers/http-sign-in.js'
import { clientEnv } from './credentials-login.js'
import { runIdc, runProgram, type Run } from '../helpers/run-idc.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { ALICE } from '../helpers/sso-browser.js'
import { IDC_BIN, findAwsV2, findChromium, requireTool } from '../helpers/tools.js'
import { openedUrl, signInToConsole, writeRecordingBrowser } from '../helpers/login-browser.js'
import { launchChromium } from '../helpers/sso-browser.js'
import {
  createTestPki,
  startCountingProxy,
  startTlsFront,
  type CountingProxy,
  type TestPki,
  type TlsFront,
} from '../helpers/tls-proxy.js'

const aws = requireTool(findAwsV2())
const chromiumPath = requireTool(findChromium())
const LEGACY_CI_KEYS =
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n'

let server: ServerProcess
let pki: TestPki
let front: TlsFront
let proxy: CountingProxy
let home: string

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'idc-e2e-tls-proxy-'))
  ;[server, pki, proxy] = await Promise.all([
    startServerProcess({ demo: true }),
    createTestPki(home),
    startCountingProxy(),
  ])
  front = await startTlsFront(server.endpoint, pki)
  // A vanity start URL on the front: the probe must pass the proxy and the CA bundle as well.
  front.redirect('/vanity', DEMO_START_URL)
  mkdirSync(join(home, '.aws'))
  writeFileSync(
    join(home, '.aws', 'config'),
    `[profile alice]
sso_session = vanity
sso_account_id = 123456789011
sso_role_name = AdministratorAccess
region = ${server.region}

[sso-session vanity]
sso_start_url = ${front.endpoint}/vanity
sso_region = ${server.region}
sso_registration_scopes = sso:account:access

[profile keys]
region = ${server.region}
${LEGACY_CI_KEYS}
[profile console]
region = ${server.region}

[profile fips]
region = ${server.region}
use_fips_endpoint = true
use_dualstack_endpoint = true
${LEGACY_CI_KEYS}
[profile bundled]
region = ${server.region}
ca_bundle = ${pki.caFile}
${LEGACY_CI_KEYS}`,
  )
}, 60_000)
afterAll(async () => {
  await Promise.all([front?.close(), proxy?.close(), server?.stop()])
  if (home) rmSync(home, { recursive: true, force: true })
})

/**
 * Exactly the variables a run gets: none of the machine's own CA or proxy settings (AWS_CA_BUNDLE,
 * REQUESTS_CA_BUNDLE, NODE_EXTRA_CA_CERTS, *_proxy) leak in.
 */
function toolEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...clientEnv(server, home),
    AWS_ENDPOINT_URL: front.endpoint,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  }
}
const throughProxy = (extra: Record<string, string> = {}) =>
  toolEnv({ AWS_CA_BUNDLE: pki.caFile, HTTPS_PROXY: proxy.url, ...extra })

const idc = (args: string[], env: Record<string, string>) => runIdc(args, env)
const cli = (args: string[], env: Record<string, string>) => runProgram(aws as string, args, env)

/** Runs `step` and returns how many tunnels to the front and requests to it it caused. */
async function traffic(step: () => Promise<void>): Promise<{ tunnels: number; requests: string[] }> {
  const tunnels = proxy.tunnels.length
  const requests = front.requests.length
  await step()
  return {
    tunnels: proxy.tunnels.slice(tunnels).filter((t) => t === `localhost:${front.port}`).length,
    requests: front.requests.slice(requests),
  }
}

function ok(run: Run): string {
  expect(run.code, run.stderr).toBe(0)
  return run.stdout
}

const tokenFile = () => join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('vanity').digest('hex')}.json`)

describe('every call through the proxy to a TLS endpoint the CA bundle vouches for', () => {
  it('sign-in: the start-URL probe and the device flow', async () => {
    const seen = await traffic(async () => {
      const child = spawn(
        process.execPath,
        [IDC_BIN, 'sso', 'login', '--profile', 'alice', '--use-device-code', '--no-browser'],
        { env: throughProxy(), stdio: ['ignore', 'pipe', 'pipe'] },
      )
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve))
      const deadline = Date.now() + 30_000
      let complete: string | undefined
      while (!(complete = /autofill the code upon loading:\n(\S+)\n/.exec(stdout)?.[1])) {
        if (Date.now() > deadline) throw new Error(`no device URL\n${stdout}\n${stderr}`)
        await new Promise((r) => setTimeout(r, 50))
      }
      // The server names its pages after the Host it was asked for (the front); the person opens
      // them on the server itself.
      await approveOverHttp(complete.replace(front.endpoint.replace('https:', 'http:'), server.endpoint), ALICE)
      expect(await closed, stderr).toBe(0)
      expect(stdout).toContain(`Successfully logged into Start URL: ${front.endpoint}/vanity`)
    })
    expect(seen.requests).toEqual(
      expect.arrayContaining(['HEAD /vanity', 'POST /client/register', 'POST /device_authorization', 'POST /token']),
    )
    expect(seen.tunnels).toBeGreaterThanOrEqual(1)
  })

  it('role credentials (GetRoleCredentials)', async () => {
    const seen = await traffic(async () => {
      const out = JSON.parse(ok(await idc(['configure', 'export-credentials', '--profile', 'alice'], throughProxy())))
      expect(out.AccessKeyId).toMatch(/^ASIA/)
    })
    expect(seen.requests.some((r) => r.startsWith('GET /federation/credentials'))).toBe(true)
    expect(seen.tunnels).toBeGreaterThanOrEqual(1)
  })

  it('a token refresh (CreateToken with the refresh token)', async () => {
    const before = JSON.parse(readFileSync(tokenFile(), 'utf8'))
    const soon = `${new Date(Date.now() + 5 * 60_000).toISOString().slice(0, 19)}Z`
    writeFileSync(tokenFile(), JSON.stringify({ ...before, expiresAt: soon }))
    const seen = await traffic(async () => {
      ok(await idc(['sso', 'list-accounts', '--profile', 'alice'], throughProxy()))
    })
    expect(JSON.parse(readFileSync(tokenFile(), 'utf8')).accessToken).not.toBe(before.accessToken)
    expect(seen.requests).toEqual(expect.arrayContaining(['POST /token']))
    expect(seen.tunnels).toBeGreaterThanOrEqual(1)
  })

  it('STS and S3, with the CA bundle from --ca-bundle and from the profile', async () => {
    const withFlag = await traffic(async () => {
      const env = throughProxy({ AWS_CA_BUNDLE: '' })
      delete env.AWS_CA_BUNDLE
      const who = JSON.parse(
        ok(await idc(['sts', 'get-caller-identity', '--profile', 'alice', '--ca-bundle', pki.caFile], env)),
      )
      expect(who.Arn).toMatch(/assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}\/alice$/)
      ok(await idc(['s3', 'ls', '--profile', 'alice', '--ca-bundle', pki.caFile], env))
    })
    expect(withFlag.requests.filter((r) => r === 'POST /')).toHaveLength(1)
    expect(withFlag.requests.filter((r) => r.startsWith('GET /?') || r === 'GET /')).toHaveLength(1)
    expect(withFlag.tunnels).toBeGreaterThanOrEqual(2)
    const fromProfile = await traffic(async () => {
      const env = toolEnv({ HTTPS_PROXY: proxy.url })
      const who = JSON.parse(ok(await idc(['sts', 'get-caller-identity', '--profile', 'bundled'], env)))
      expect(who.Arn).toBe('arn:aws:iam::123456789011:user/legacy-ci')
    })
    expect(fromProfile.tunnels).toBe(1)
  })

  it('NO_PROXY sends the same calls straight to the endpoint', async () => {
    const seen = await traffic(async () => {
      ok(await idc(['sts', 'get-caller-identity', '--profile', 'keys'], throughProxy({ NO_PROXY: 'localhost' })))
      ok(await idc(['sso', 'list-accounts', '--profile', 'alice'], throughProxy({ no_proxy: '.localhost,localhost' })))
    })
    expect(seen.requests.length).toBeGreaterThanOrEqual(2)
    expect(seen.tunnels).toBe(0)
  })

  it.skipIf(!aws)('the AWS CLI v2 goes the same way with the same settings, and answers the same', async () => {
    const run = (tool: typeof idc, extra: Record<string, string>) =>
      tool(['sts', 'get-caller-identity', '--profile', 'alice'], throughProxy(extra))
    const viaIdc = await traffic(async () => void ok(await run(idc, {})))
    let awsOut = ''
    const viaAws = await traffic(async () => void (awsOut = ok(await run(cli, {}))))
    expect(viaAws.tunnels).toBeGreaterThanOrEqual(1)
    expect(viaAws.requests).toEqual(viaIdc.requests)
    expect(JSON.parse(awsOut)).toEqual(JSON.parse(ok(await run(idc, {}))))
    const bypass = await traffic(async () => void ok(await run(cli, { NO_PROXY: 'localhost' })))
    expect(bypass.tunnels).toBe(0)
  })

  it.skipIf(!aws)(
    "a profile's use_fips_endpoint and use_dualstack_endpoint give way to its own endpoint, as in the AWS CLI",
    async () => {
      const args = ['sts', 'get-caller-identity', '--profile', 'fips']
      const [ours, theirs] = await Promise.all([idc(args, throughProxy()), cli(args, throughProxy())])
      expect(JSON.parse(ok(ours))).toEqual(JSON.parse(ok(theirs)))
    },
  )
})

describe.skipIf(!chromiumPath)('console sign-in (idc login) through the proxy', () => {
  // The Sign-In calls go to the server itself over plain http, through HTTP_PROXY: their DPoP
  // proofs name the URL idc calls, and behind the TLS front the server would see http:// where
  // the proof says https:// (a TLS terminator would have to tell it the scheme).
  it('signs in and refreshes with the Sign-In token calls (DPoP) going through the proxy', async () => {
    const browser = await launchChromium(chromiumPath)
    const token = `${server.endpoint}/v1/token`
    const forwarded = async (step: () => Promise<void>) => {
      const before = proxy.forwarded.length
      await step()
      return proxy.forwarded.slice(before)
    }
    try {
      const env = toolEnv({ AWS_ENDPOINT_URL: server.endpoint, HTTP_PROXY: proxy.url })
      const signIn = await forwarded(async () => {
        const login = idc(['login', '--profile', 'console'], { ...env, BROWSER: writeRecordingBrowser(home) })
        // The browser goes to the server directly; only idc's own calls use the proxy.
        const page = await signInToConsole(browser, await openedUrl(home))
        ok(await login)
        await page.close()
      })
      expect(signIn).toEqual([token])

      const dir = join(home, '.aws', 'login', 'cache')
      const [name] = readdirSync(dir).filter((n) => n.endsWith('.json'))
      const file = join(dir, name as string)
      const cached = JSON.parse(readFileSync(file, 'utf8'))
      cached.accessToken.expiresAt = `${new Date(Date.now() + 60_000).toISOString().slice(0, 19)}Z`
      writeFileSync(file, JSON.stringify(cached))
      const refresh = await forwarded(async () => {
        ok(await idc(['configure', 'export-credentials', '--profile', 'console'], env))
      })
      expect(refresh).toEqual([token])
      const bypass = await forwarded(async () => {
        ok(await idc(['configure', 'export-credentials', '--profile', 'console'], { ...env, NO_PROXY: '127.0.0.1' }))
      })
      expect(bypass).toEqual([])
    } finally {
      await browser.close()
    }
  })
})

describe.skipIf(!aws)('failures read as the AWS CLI v2 prints them, with its exit codes', () => {
  const sts = ['sts', 'get-caller-identity', '--profile', 'keys']
  const login = ['sso', 'login', '--profile', 'alice', '--use-device-code', '--no-browser']
  const message = (run: Run) => run.stderr.replace(/^\s*(aws|idc): \[ERROR\]: /, '').trim()

  it.each([
    ['a TLS endpoint without the CA bundle', () => ({ args: sts, env: toolEnv() })],
    [
      'a CA bundle that does not exist',
      () => ({ args: [...sts, '--ca-bundle', join(home, 'nowhere.pem')], env: toolEnv() }),
    ],
    [
      'a CA bundle with no certificate in it',
      () => ({ args: sts, env: toolEnv({ AWS_CA_BUNDLE: join(home, '.aws', 'config') }) }),
    ],
    [
      'an empty AWS_CA_BUNDLE',
      () => ({ args: sts, env: toolEnv({ AWS_CA_BUNDLE: '', REQUESTS_CA_BUNDLE: pki.caFile }) }),
    ],
    [
      'a proxy that is not listening',
      () => ({ args: sts, env: throughProxy({ HTTPS_PROXY: 'http://user:pw@127.0.0.1:1' }) }),
    ],
    ['a proxy that refuses the tunnel', () => ({ args: sts, env: throughProxy(), refuse: true })],
    ['the start-URL probe of a TLS endpoint without the CA bundle', () => ({ args: login, env: toolEnv() })],
    [
      'the start-URL probe with a CA bundle that does not exist',
      () => ({ args: login, env: toolEnv({ AWS_CA_BUNDLE: join(home, 'nowhere.pem') }) }),
    ],
    [
      'the start-URL probe through a proxy that is not listening',
      () => ({ args: login, env: throughProxy({ HTTPS_PROXY: 'http://127.0.0.1:1' }) }),
    ],
    [
      'the start-URL probe through a proxy that refuses the tunnel',
      () => ({ args: login, env: throughProxy(), refuse: true }),
    ],
  ])('%s', async (_name, setup) => {
    const { args, env, refuse } = setup() as { args: string[]; env: Record<string, string>; refuse?: boolean }
    proxy.refuse = Boolean(refuse)
    try {
      const [ours, theirs] = await Promise.all([idc(args, env), cli(args, env)])
      expect(ours.stdout).toBe('')
      expect(message(ours)).toMatch(
        /^(SSL validation failed for|Invalid CA bundle|Failed to connect to proxy URL|(An error occurred \(Configuration\): )?Failed to resolve start URL: \S|\[Errno 2\])/,
      )
      expect(message(ours)).toBe(message(theirs))
      expect(ours.code).toBe(theirs.code)
      expect(ours.stderr).not.toContain('pw@')
    } finally {
      proxy.refuse = false
    }
  })
})
