// `idc sso login` end to end: the built idc, a real `idc server --demo`, headless Chromium for the
// user's side, and the real AWS CLI v2 sharing ~/.aws with idc in both directions.
//  - alice signs in with the authorization-code flow (PKCE): BROWSER is a script that hands the
//    authorize URL to the test, which approves it in Chromium; the callback reaches idc's listener.
//  - bob signs in with the device-code flow and a TOTP MFA code.
//  - AWS CLI v2 uses idc's token; idc uses a token `aws sso login` wrote; `idc sso logout` signs both out.
import { spawn } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { ALICE, BOB, approveInBrowser, launchChromium } from '../helpers/sso-browser.js'
import { IDC_BIN, REPO_ROOT, findAwsV1, findAwsV2, findChromium, requireTool } from '../helpers/tools.js'

const chromiumPath = requireTool(findChromium())
const awsV2 = requireTool(findAwsV2())
const awsV1 = requireTool(findAwsV1())

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** A running child whose output can be awaited line by line. */
interface Running {
  stdout(): string
  stderr(): string
  done: Promise<Run>
}

function start(command: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(command, args, { env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
  void done.then(() => clearTimeout(timer))
  return { stdout: () => stdout, stderr: () => stderr, done }
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex')

describe.skipIf(!chromiumPath || !awsV2)('idc sso login against idc server --demo', () => {
  let server: ServerProcess
  let browser: Browser
  let home: string
  let urlFile: string
  let env: Record<string, string>

  beforeAll(async () => {
    server = await startServerProcess({ demo: true })
    browser = await launchChromium(chromiumPath)
    home = mkdtempSync(join(tmpdir(), 'idc-e2e-sso-'))
    mkdirSync(join(home, '.aws'), { recursive: true })
    urlFile = join(home, 'opened-urls')
    const browserScript = join(home, 'browser.sh')
    writeFileSync(browserScript, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${urlFile}'\n`)
    chmodSync(browserScript, 0o755)
    writeFileSync(
      join(home, '.aws', 'config'),
      [
        '[profile alice]',
        'sso_session = demo-alice',
        'sso_account_id = 123456789011',
        'sso_role_name = AdministratorAccess',
        'region = ap-northeast-1',
        '[profile bob]',
        'sso_session = demo-bob',
        'region = ap-northeast-1',
        '[profile aws-alice]',
        'sso_session = demo-aws',
        'sso_account_id = 123456789011',
        'sso_role_name = AdministratorAccess',
        'region = ap-northeast-1',
        ...['demo-alice', 'demo-bob', 'demo-aws'].flatMap((name) => [
          `[sso-session ${name}]`,
          `sso_start_url = ${server.startUrl}`,
          `sso_region = ${server.region}`,
          'sso_registration_scopes = sso:account:access',
        ]),
        '',
      ].join('\n'),
    )
    env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      AWS_ENDPOINT_URL: server.endpoint,
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      BROWSER: browserScript,
      // pyenv's shim for AWS CLI v1 finds its installs through PYENV_ROOT, not the test HOME.
      PYENV_ROOT: process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'),
    }
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    if (home) rmSync(home, { recursive: true, force: true })
  })

  function openedUrls(): string[] {
    return existsSync(urlFile) ? readFileSync(urlFile, 'utf8').split('\n').filter(Boolean) : []
  }

  it('alice signs in with PKCE in the browser and AWS CLI v2 uses the token', async () => {
    const before = openedUrls().length
    const login = start(process.execPath, [IDC_BIN, 'sso', 'login', '--profile', 'alice'], env)
    const url = await waitFor('the authorize URL', () => openedUrls()[before])
    expect(url).toMatch(
      new RegExp(
        `^${server.endpoint}/authorize\\?response_type=code&client_id=[^&]+&redirect_uri=http%3A%2F%2F127\\.0\\.0\\.1%3A\\d+%2Foauth%2Fcallback&state=[0-9a-f-]{36}&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=[\\w-]{43}$`,
      ),
    )
    const page = await approveInBrowser(browser, url, ALICE)
    expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?code=/)
    expect(await page.textContent('body')).toContain('You can close this tab')
    const result = await login.done
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe(
      'Attempting to open your default browser. If the browser does not open, open the following URL.\n' +
        "If you are unable to open the URL on this device, run this command again with the '--use-device-code' option.\n" +
        `\n${url}\n\n` +
        `Successfully logged into Start URL: ${server.startUrl}\n`,
    )
    const token = JSON.parse(readFileSync(join(home, '.aws', 'sso', 'cache', `${sha1('demo-alice')}.json`), 'utf8'))
    expect(Object.keys(token)).toEqual([
      'startUrl',
      'region',
      'accessToken',
      'expiresAt',
      'clientId',
      'clientSecret',
      'registrationExpiresAt',
      'refreshToken',
    ])
    expect(token.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)

    const aws = await start(awsV2!, ['sts', 'get-caller-identity', '--profile', 'alice', '--output', 'json'], env).done
    expect(aws.code, aws.stderr).toBe(0)
    expect(JSON.parse(aws.stdout).Arn).toMatch(
      /^arn:aws:sts::123456789011:assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]+\/alice$/,
    )
  })

  // Outside CI a missing AWS CLI v1 skips this case (reported as skipped); in CI requireTool fails.
  it.skipIf(!awsV1)('AWS CLI v1 uses the token idc wrote', async () => {
    const v1 = await start(awsV1!, ['sts', 'get-caller-identity', '--profile', 'alice', '--output', 'json'], env).done
    expect(v1.code, v1.stderr).toBe(0)
    expect(JSON.parse(v1.stdout).Account).toBe('123456789011')
  })

  it('the JS SDK v3 uses the token idc wrote', async () => {
    const script = [
      "const { fromSSO } = await import('@aws-sdk/credential-providers')",
      "const creds = await fromSSO({ profile: 'alice' })()",
      'console.log(JSON.stringify({ ok: creds.accessKeyId.length > 0, expiration: creds.expiration }))',
    ].join('\n')
    const js = await start(process.execPath, ['--input-type=module', '-e', script], {
      ...env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    }).done
    expect(js.code, js.stderr).toBe(0)
    expect(JSON.parse(js.stdout).ok).toBe(true)
  })

  it('bob signs in with the device code and MFA, then lists his accounts', async () => {
    const login = start(
      process.execPath,
      [IDC_BIN, 'sso', 'login', '--profile', 'bob', '--use-device-code', '--no-browser'],
      env,
    )
    const complete = await waitFor(
      'the device code',
      () => /autofill the code upon loading:\n(\S+)\n/.exec(login.stdout())?.[1],
    )
    const page = await approveInBrowser(browser, complete, BOB)
    expect(page.url()).not.toContain('/signin')
    const result = await login.done
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(
      /^Browser will not be automatically opened\.\nPlease visit the following URL:\n\n\S+\n\nThen enter the code:\n\n[A-Z0-9]{4}-[A-Z0-9]{4}\n\nAlternatively, you may visit the following URL which will autofill the code upon loading:\n\S+\nSuccessfully logged into Start URL: /,
    )
    const accounts = await start(process.execPath, [IDC_BIN, 'sso', 'list-accounts', '--profile', 'bob'], env).done
    expect(accounts.code, accounts.stderr).toBe(0)
    expect(JSON.parse(accounts.stdout).accountList.length).toBeGreaterThanOrEqual(2)
  })

  it('refreshes a token inside the 15-minute window with the real CreateToken refresh grant', async () => {
    const path = join(home, '.aws', 'sso', 'cache', `${sha1('demo-alice')}.json`)
    const before = JSON.parse(readFileSync(path, 'utf8'))
    const soon = `${new Date(Date.now() + 5 * 60_000).toISOString().slice(0, 19)}Z`
    writeFileSync(path, JSON.stringify({ ...before, expiresAt: soon }))
    const result = await start(process.execPath, [IDC_BIN, 'sso', 'list-accounts', '--profile', 'alice'], env).done
    expect(result.code, result.stderr).toBe(0)
    const after = JSON.parse(readFileSync(path, 'utf8'))
    expect(after.accessToken).not.toBe(before.accessToken)
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.now() + 15 * 60_000)
    expect(after.refreshToken).toBeTruthy()
  })

  it('signs in once when two logins race: one browser, the other waits and reuses the token', async () => {
    const before = openedUrls().length
    const first = start(process.execPath, [IDC_BIN, 'sso', 'login', '--profile', 'alice'], env)
    const url = await waitFor('the authorize URL', () => openedUrls()[before])
    const second = start(process.execPath, [IDC_BIN, 'sso', 'login', '--profile', 'alice'], env)
    await waitFor('the second login to wait', () =>
      second.stderr().includes('waiting for it to finish') ? true : undefined,
    )
    await approveInBrowser(browser, url, ALICE)
    const [a, b] = await Promise.all([first.done, second.done])
    expect(a.code, a.stderr).toBe(0)
    expect(b.code, b.stderr).toBe(0)
    expect(openedUrls().length - before).toBe(1)
    expect(b.stderr).toContain('Another idc process is already signing in to demo-alice; waiting for it to finish')
    expect(b.stdout).toBe(`Successfully logged into Start URL: ${server.startUrl}\n`)
  })

  it('configure sso runs without a terminal from flags, signing in with PKCE', async () => {
    const before = openedUrls().length
    const wizard = start(
      process.execPath,
      [
        IDC_BIN,
        'configure',
        'sso',
        '--sso-session',
        'wizard',
        '--sso-start-url',
        server.startUrl,
        '--sso-region',
        server.region,
        '--account-id',
        '123456789011',
        '--role-name',
        'AdministratorAccess',
        '--region',
        'ap-northeast-1',
        '--profile-name',
        'from-flags',
      ],
      env,
    )
    const url = await waitFor('the wizard authorize URL', () => openedUrls()[before])
    await approveInBrowser(browser, url, ALICE)
    const result = await wizard.done
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('Using the account ID 123456789011\nUsing the role name "AdministratorAccess"\n')
    expect(result.stdout).toMatch(/\nidc sts get-caller-identity --profile from-flags\n$/)
    expect(readFileSync(join(home, '.aws', 'config'), 'utf8')).toContain(
      '[profile from-flags]\nsso_session = wizard\nsso_account_id = 123456789011\nsso_role_name = AdministratorAccess\nregion = ap-northeast-1\n' +
        `[sso-session wizard]\nsso_start_url = ${server.startUrl}\nsso_region = ${server.region}\nsso_registration_scopes = sso:account:access\n`,
    )
    const identity = await start(
      process.execPath,
      [IDC_BIN, 'sts', 'get-caller-identity', '--profile', 'from-flags', '--output', 'json'],
      env,
    ).done
    expect(identity.code, identity.stderr).toBe(0)
    expect(JSON.parse(identity.stdout).Account).toBe('123456789011')
  })

  it('idc uses a token that `aws sso login` wrote, and `idc sso logout` signs both out', async () => {
    const before = openedUrls().length
    const awsLogin = start(awsV2!, ['sso', 'login', '--profile', 'aws-alice'], env)
    const url = await waitFor('the AWS CLI authorize URL', () => openedUrls()[before])
    await approveInBrowser(browser, url, ALICE)
    const awsResult = await awsLogin.done
    expect(awsResult.code, awsResult.stderr).toBe(0)
    expect(awsResult.stdout).toContain(`Successfully logged into Start URL: ${server.startUrl}`)

    const roles = await start(
      process.execPath,
      [IDC_BIN, 'sso', 'list-account-roles', '--profile', 'aws-alice', '--account-id', '123456789011'],
      env,
    ).done
    expect(roles.code, roles.stderr).toBe(0)
    expect(JSON.parse(roles.stdout).roleList).toEqual([{ roleName: 'AdministratorAccess', accountId: '123456789011' }])

    const cacheDir = join(home, '.aws', 'sso', 'cache')
    expect(readdirSync(cacheDir)).toEqual(
      expect.arrayContaining([`${sha1('demo-alice')}.json`, `${sha1('demo-aws')}.json`]),
    )
    const logout = await start(process.execPath, [IDC_BIN, 'sso', 'logout'], env).done
    expect(logout).toMatchObject({ code: 0, stdout: '', stderr: '' })
    for (const name of ['demo-alice', 'demo-bob', 'demo-aws', 'wizard'])
      expect(existsSync(join(cacheDir, `${sha1(name)}.json`))).toBe(false)
    const cliCache = join(home, '.aws', 'cli', 'cache')
    for (const file of existsSync(cliCache) ? readdirSync(cliCache).filter((f) => f.endsWith('.json')) : []) {
      expect(JSON.parse(readFileSync(join(cliCache, file), 'utf8')).ProviderType).not.toBe('sso')
    }

    const afterAws = await start(awsV2!, ['sts', 'get-caller-identity', '--profile', 'alice'], env).done
    expect(afterAws.code).not.toBe(0)
    const afterIdc = await start(process.execPath, [IDC_BIN, 'sso', 'list-accounts', '--profile', 'aws-alice'], env)
      .done
    expect(afterIdc.code).toBe(255)
    expect(afterIdc.stderr).toContain('Error loading SSO Token: Token for demo-aws does not exist')
    expect(afterIdc.stderr).toContain('idc sso login --profile aws-alice')
  })
})
