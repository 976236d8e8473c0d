import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../test/helpers/cli-test-env.js'
import { runCli } from './run-cli.js'

describe('runCli', () => {
  it('hands --ca-bundle and --profile to the HTTP settings before the command runs, anywhere on the line', async () => {
    const env = createTestCliEnv({ vars: { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' } })
    await runCli(['sts', '--ca-bundle', '/etc/corp-ca.pem', 'get-caller-identity', '--profile', 'dev'], env)
    expect(env.httpOptions).toEqual({ caBundle: '/etc/corp-ca.pem', profile: 'dev' })
  })

  it('leaves them unset when not given', async () => {
    const env = createTestCliEnv()
    await runCli(['configure', 'list-profiles'], env)
    expect(env.httpOptions).toEqual({ caBundle: undefined, profile: undefined })
  })

  it("hands --debug's logger to the HTTP settings, which log each request's CA bundle and proxy through it", async () => {
    const env = createTestCliEnv()
    await runCli(['configure', 'list-profiles', '--debug'], env)
    env.httpOptions?.debug?.('Request to https://example.com:443: CA bundle: /ca.pem; proxy: none')
    expect(env.err.text).toMatch(
      / - idc - DEBUG - Request to https:\/\/example.com:443: CA bundle: \/ca.pem; proxy: none\n/,
    )
    const quiet = createTestCliEnv()
    await runCli(['configure', 'list-profiles'], quiet)
    expect(quiet.httpOptions?.debug).toBeUndefined()
  })
})
