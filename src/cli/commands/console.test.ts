import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { runCli } from '../run-cli.js'

const NOW = Date.parse('2026-11-22T00:00:00Z')
const CONFIG =
  '[profile temp]\naws_access_key_id = ASIATEMP\naws_secret_access_key = secret\naws_session_token = token\nregion = eu-west-1\n' +
  '[profile keys]\naws_access_key_id = AKIAKEYS\naws_secret_access_key = secret\n'

function setup(options: { status?: number; browserOpens?: boolean; vars?: Record<string, string> } = {}) {
  const requested: string[] = []
  const env = createTestCliEnv({
    now: NOW,
    vars: options.vars,
    browserOpens: options.browserOpens,
    files: { '.aws/config': CONFIG },
    getText: async (url) => {
      requested.push(url)
      return options.status === undefined || options.status === 200
        ? { status: 200, body: '{"SigninToken":"tok-123"}' }
        : { status: options.status, body: 'Bad Request' }
    },
  })
  return { env, requested }
}

describe('idc console', () => {
  it('trades the credentials for a sign-in token and opens the login URL', async () => {
    const { env, requested } = setup()
    expect(await runCli(['console', '--profile', 'temp'], env)).toBe(0)
    const token = new URL(requested[0]!)
    expect(token.origin + token.pathname).toBe('https://signin.aws.amazon.com/federation')
    expect(token.searchParams.get('Action')).toBe('getSigninToken')
    expect(JSON.parse(token.searchParams.get('Session')!)).toEqual({
      sessionId: 'ASIATEMP',
      sessionKey: 'secret',
      sessionToken: 'token',
    })
    expect(token.searchParams.has('SessionDuration')).toBe(false)
    expect(env.openedUrls).toEqual([
      'https://signin.aws.amazon.com/federation?Action=login&Issuer=idc&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fconsole%2Fhome%3Fregion%3Deu-west-1&SigninToken=tok-123',
    ])
    expect(env.out.text).toBe('')
  })

  it('follows the sign-in endpoint override and a destination, and prints with --print', async () => {
    const { env, requested } = setup({ vars: { AWS_ENDPOINT_URL_SIGNIN: 'http://127.0.0.1:9/ignored/path' } })
    const destination = 'http://127.0.0.1:9/console/home?region=ap-northeast-1'
    expect(await runCli(['console', '--profile', 'temp', '--print', '--destination', destination], env)).toBe(0)
    expect(requested[0]).toMatch(/^http:\/\/127\.0\.0\.1:9\/federation\?Action=getSigninToken&Session=/)
    expect(env.out.text).toBe(
      `http://127.0.0.1:9/federation?Action=login&Issuer=idc&Destination=${encodeURIComponent(destination)}&SigninToken=tok-123\n`,
    )
    expect(env.openedUrls).toEqual([])
  })

  it('prints the URL when no browser opens, and JSON with --json', async () => {
    const noBrowser = setup({ browserOpens: false })
    expect(await runCli(['console', '--profile', 'temp'], noBrowser.env)).toBe(0)
    expect(noBrowser.env.out.text).toMatch(/^https:\/\/signin\.aws\.amazon\.com\/federation\?Action=login&/)
    expect(noBrowser.env.err.text).toContain('No browser could be opened')
    const json = setup()
    await runCli(['console', '--profile', 'temp', '--json'], json.env)
    expect(JSON.parse(json.env.out.text)).toMatchObject({
      Destination: 'https://console.aws.amazon.com/console/home?region=eu-west-1',
    })
  })

  it('refuses long-term keys without calling the endpoint (exit 253), and reports a refusal (exit 254)', async () => {
    const keys = setup()
    expect(await runCli(['console', '--profile', 'keys'], keys.env)).toBe(253)
    expect(keys.requested).toEqual([])
    const refused = setup({ status: 400 })
    expect(await runCli(['console', '--profile', 'temp'], refused.env)).toBe(254)
    expect(refused.env.err.text).toContain('The federation endpoint refused the credentials (HTTP 400)')
  })
})

describe('consoleSessionSeconds', () => {
  it.each([
    [undefined, undefined],
    [60, 900],
    [3600, 3600],
    [86_400, 43_200],
  ])('credentials with %s s left give a %s s console session', async (left, expected) => {
    const { consoleSessionSeconds } = await import('../../core/console/federation.js')
    expect(consoleSessionSeconds(left === undefined ? undefined : new Date(NOW + left * 1000), NOW)).toBe(expected)
  })
})
