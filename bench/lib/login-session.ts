/**
 * A real `aws login` session for the benchmarks: runs `idc login --remote` against the demo server
 * and plays the person at the browser over HTTP (the console sign-in form as legacy-ci, its MFA
 * code, the confirmation page's code pasted into idc's prompt). Returns the cache file, which each
 * burst copies into a fresh HOME.
 *
 * @module
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as OTPAuth from 'otpauth'

/** The demo's IAM user with a console password and MFA. */
const LEGACY_CI = { account: '123456789011', userName: 'legacy-ci', password: 'Legacy-ci-demo-pass-1' }
const TOTP_SECRET = 'JBSWY3DPEHPK3PXP'
/** The profile the benchmark's HOMEs use. */
export const LOGIN_PROFILE = 'bench-login'

/** A signed-in session: the cache file's name and content. */
export interface LoginSession {
  fileName: string
  token: Record<string, any>
}

function field(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)
  if (!match) throw new Error(`the sign-in page has no ${name} field`)
  return match[1] as string
}

/** Signs legacy-ci in through `idc login --remote` and returns its cache file. */
export async function obtainLoginSession(idcBin: string, serverUrl: string): Promise<LoginSession> {
  const home = mkdtempSync(join(tmpdir(), 'idc-bench-login-'))
  try {
    mkdirSync(join(home, '.aws'))
    writeFileSync(join(home, '.aws', 'config'), `[profile ${LOGIN_PROFILE}]\nregion = ap-northeast-1\n`)
    const child = spawn(process.execPath, [idcBin, 'login', '--remote', '--profile', LOGIN_PROFILE], {
      env: { PATH: process.env.PATH ?? '', HOME: home, AWS_ENDPOINT_URL: serverUrl },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d))
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d
        const match = /(http:\/\/\S+\/v1\/authorize\?\S+)/.exec(out)
        if (match) resolve(match[1] as string)
      })
      void exited.then(() => reject(new Error(`idc login ended early: ${err || out}`)))
    })
    const page = await fetch(url)
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] as string
    const html = await page.text()
    const post = (path: string, form: Record<string, string>) =>
      fetch(`${serverUrl}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf: field(html, 'csrf'), request: field(html, 'request'), ...form }),
      })
    await post('/v1/authorize/signin', {
      account: LEGACY_CI.account,
      username: LEGACY_CI.userName,
      password: LEGACY_CI.password,
    })
    const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(TOTP_SECRET) }).generate()
    const done = await post('/v1/authorize/mfa', { mfa_code: code })
    const location = done.headers.get('location')
    if (!location) throw new Error(`console sign-in failed (${done.status})`)
    const confirmation = await (await fetch(location)).text()
    const pasted = /<pre id="verification-code">([^<]+)<\/pre>/.exec(confirmation)?.[1]
    if (!pasted) throw new Error('the confirmation page shows no code')
    child.stdin.end(`${pasted}\n`)
    if ((await exited) !== 0) throw new Error(`idc login failed: ${err || out}`)
    const dir = join(home, '.aws', 'login', 'cache')
    const [fileName] = readdirSync(dir).filter((n) => n.endsWith('.json'))
    return { fileName: fileName as string, token: JSON.parse(readFileSync(join(dir, fileName as string), 'utf8')) }
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}

/** A HOME with the login profile and the session's cache file, its credentials expiring at `expiresAtMs`. */
export function writeLoginHome(session: LoginSession, expiresAtMs: number): string {
  const home = mkdtempSync(join(tmpdir(), 'idc-bench-login-home-'))
  mkdirSync(join(home, '.aws', 'login', 'cache'), { recursive: true, mode: 0o700 })
  writeFileSync(
    join(home, '.aws', 'config'),
    `[profile ${LOGIN_PROFILE}]\nlogin_session = ${session.token.idToken ? subOf(session.token.idToken) : ''}\nregion = ap-northeast-1\n`,
  )
  const token = structuredClone(session.token)
  token.accessToken.expiresAt = `${new Date(expiresAtMs).toISOString().slice(0, 19)}Z`
  writeFileSync(join(home, '.aws', 'login', 'cache', session.fileName), JSON.stringify(token), { mode: 0o600 })
  return home
}

function subOf(idToken: string): string {
  return JSON.parse(Buffer.from(idToken.split('.')[1] as string, 'base64url').toString('utf8')).sub as string
}
