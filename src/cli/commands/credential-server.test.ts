import { describe, expect, it } from 'vitest'
import { createTestCliEnv, TEST_LOOPBACK_PORT } from '../../../test/helpers/cli-test-env.js'
import { runCli } from '../run-cli.js'

function setup() {
  const env = createTestCliEnv({
    vars: { AWS_PROFILE: 'dev' },
    files: {
      '.aws/config': '[profile dev]\nregion = eu-west-1\n',
      '.aws/credentials': '[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = dev-secret\n',
    },
  })
  const signals = new Map<NodeJS.Signals, () => void>()
  let registered: () => void = () => {}
  const listening = new Promise<void>((resolve) => (registered = resolve))
  Object.assign(env, {
    onSignal: (signal: NodeJS.Signals, handler: () => void) => {
      signals.set(signal, handler)
      registered()
      return () => signals.delete(signal)
    },
  })
  return { env, signals, listening }
}

describe('idc credential-server', () => {
  it('prints the variables and a docker example, serves until SIGINT, then stops', async () => {
    const { env, signals, listening } = setup()
    const running = runCli(['credential-server', '--port', '9911'], env)
    await listening
    const token = /AWS_CONTAINER_AUTHORIZATION_TOKEN=(\S+)/.exec(env.out.text)?.[1]
    expect(env.out.text).toContain('export AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:9911/v1/credentials')
    expect(env.out.text).toContain('export AWS_REGION=eu-west-1')
    expect(env.out.text).toMatch(
      /docker run --rm --network host -e AWS_CONTAINER_CREDENTIALS_FULL_URI -e AWS_CONTAINER_AUTHORIZATION_TOKEN /,
    )
    expect(env.loopback).toEqual({ port: 9911, running: true })
    const served = await env.loopbackRequest({ method: 'GET', url: '/v1/credentials', authorization: token })
    expect(JSON.parse(served.body)).toMatchObject({ AccessKeyId: 'AKIADEV' })
    expect(
      (await env.loopbackRequest({ method: 'GET', url: '/v1/credentials', authorization: undefined })).status,
    ).toBe(401)
    signals.get('SIGINT')?.()
    expect(await running).toBe(0)
    expect(env.loopback?.running).toBe(false)
    expect(env.err.text).not.toContain(token)
  })

  it('picks a free port by default', async () => {
    const { env, signals, listening } = setup()
    const running = runCli(['credential-server'], env)
    await listening
    expect(env.out.text).toContain(`http://127.0.0.1:${TEST_LOOPBACK_PORT}/v1/credentials`)
    signals.get('SIGTERM')?.()
    expect(await running).toBe(0)
  })

  it('refuses a port that is not a number', async () => {
    const { env } = setup()
    expect(await runCli(['credential-server', '--port', 'http'], env)).toBe(252)
    expect(env.err.text).toContain('invalid port')
  })

  it('fails before serving when the profile has no credentials', async () => {
    const { env } = setup()
    expect(await runCli(['credential-server', '--profile', 'nope'], env)).not.toBe(0)
    expect(env.loopback).toBeUndefined()
  })
})
