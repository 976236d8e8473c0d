import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { runCli } from '../run-cli.js'

function harness() {
  const signals = new Map<NodeJS.Signals, () => void>()
  const env = createTestCliEnv()
  Object.assign(env, {
    onSignal: (signal: NodeJS.Signals, handler: () => void) => {
      signals.set(signal, handler)
      return () => signals.delete(signal)
    },
  })
  return { env, signals }
}

describe('idc server', () => {
  it('starts on a free loopback port, prints the banner and ready file, and stops on SIGTERM', async () => {
    const { env, signals } = harness()
    const ready = join(env.home, 'ready.json')
    const running = runCli(
      [
        'server',
        '--demo',
        '--port',
        '0',
        '--data',
        join(env.home, 'data'),
        '--ready-file',
        ready,
        '--log-file',
        join(env.home, 'req.log'),
      ],
      env,
    )
    while (!signals.has('SIGTERM')) await new Promise((r) => setTimeout(r, 20))
    const endpoint = /^idc server listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(env.out.text)?.[1]
    expect(endpoint).toBeDefined()
    expect(env.out.text).toContain(`export AWS_ENDPOINT_URL=${endpoint}`)
    expect(env.out.text).toContain('SSO start URL:  https://d-9567a1b2c3.awsapps.com/start')
    expect(env.out.text).toContain('SSO region:     ap-northeast-1')
    expect((await fetch(`${endpoint}/_idc/health`)).status).toBe(200)
    signals.get('SIGTERM')!()
    expect(await running).toBe(0)
  })

  it.each([
    ['a port that is not a number', ['--port', 'http']],
    ['an unknown option', ['--bogus']],
  ])('refuses %s with a usage error (252)', async (_name, args) => {
    const { env } = harness()
    expect(await runCli(['server', ...args], env)).toBe(252)
  })

  it('names the line and field of an invalid organisation file (253)', async () => {
    const { env } = harness()
    const file = join(env.home, 'org.yaml')
    writeFileSync(file, 'accounts:\n  - id: "12"\n    name: A\n    email: a@example.com\n')
    expect(await runCli(['server', '--port', '0', '--org', file, '--data', join(env.home, 'data')], env)).toBe(253)
    expect(env.err.text).toContain('org.yaml:2:9: accounts[0].id: must be 12 digits')
  })
})
