import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { runCli } from '../run-cli.js'
import type { CliEnv } from '../cli-env.js'
import { runServer, type ServerCommandOptions } from './server.js'

function harness() {
  const signals = new Map<NodeJS.Signals, () => void>()
  let listening: () => void = () => {}
  // idc server registers its SIGTERM handler once it serves.
  const serving = new Promise<void>((resolve) => (listening = resolve))
  const env = createTestCliEnv()
  Object.assign(env, {
    onSignal: (signal: NodeJS.Signals, handler: () => void) => {
      signals.set(signal, handler)
      if (signal === 'SIGTERM') listening()
      return () => signals.delete(signal)
    },
  })
  return { env, signals, serving }
}

describe('idc server', () => {
  it('starts on a free loopback port, prints the banner and ready file, and stops on SIGTERM', async () => {
    const { env, signals, serving } = harness()
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
    await serving
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

  it('refuses an SMTP URL it cannot use with a usage error (252) that hides the password', async () => {
    const { env } = harness()
    const args = ['server', '--port', '0', '--data', join(env.home, 'data'), '--smtp', 'http://ci:pw-1234@127.0.0.1:25']
    expect(await runCli(args, env)).toBe(252)
    expect(env.err.text).toContain(
      'argument --smtp: the SMTP URL must start with smtp:// or smtps://, not http://: http://ci:***@127.0.0.1:25',
    )
    expect(env.err.text).not.toContain('pw-1234')
  })

  it('names the line and field of an invalid organisation file (253)', async () => {
    const { env } = harness()
    const file = join(env.home, 'org.yaml')
    writeFileSync(file, 'accounts:\n  - id: "12"\n    name: A\n    email: a@example.com\n')
    expect(await runCli(['server', '--port', '0', '--org', file, '--data', join(env.home, 'data')], env)).toBe(253)
    expect(env.err.text).toContain('org.yaml:2:9: accounts[0].id: must be 12 digits')
  })

  describe('without the optional package better-sqlite3', () => {
    const options: ServerCommandOptions = {
      port: 0,
      host: '127.0.0.1',
      dataDir: undefined,
      orgFile: undefined,
      demo: false,
      strictRefreshRotation: false,
      logFile: undefined,
      readyFile: undefined,
    }
    const advice = 'Install it with: npm install better-sqlite3'

    it('stops with a message naming the install command when the package is not installed', async () => {
      const { env } = harness()
      // Node's own error for the missing package: a module outside the repository imports
      // better-sqlite3 as the server does, in a separate node (vitest's resolver would find the
      // repository's copy), which finds no node_modules above it. The loader fails with that error.
      const stand = join(env.home, 'server-main.mjs')
      writeFileSync(stand, "import 'better-sqlite3'\n")
      const probe = `import(${JSON.stringify(pathToFileURL(stand).href)}).then(() => console.log('{}'), (e) => console.log(JSON.stringify({ code: e.code, message: e.message })))`
      const nodeError = JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }))
      expect(nodeError.code).toBe('ERR_MODULE_NOT_FOUND')
      const loadServer = () => Promise.reject(Object.assign(new Error(nodeError.message), nodeError))
      const failure = await runServer(options, { ...env, loadServer }).catch((error: unknown) => error)
      expect(failure).toMatchObject({ name: 'IdcError', kind: 'general' })
      expect((failure as Error).message).toContain(advice)
      expect((failure as Error).cause).toMatchObject({ code: 'ERR_MODULE_NOT_FOUND' })
    })

    it('stops with the same message when the package is installed but its native part did not build', async () => {
      const { env } = harness()
      const loadServer = async () => ({
        startServer: async () => {
          throw new Error(
            'Could not locate the bindings file. Tried:\n → /x/node_modules/better-sqlite3/build/better_sqlite3.node',
          )
        },
      })
      await expect(runServer(options, { ...env, loadServer: loadServer as CliEnv['loadServer'] })).rejects.toThrow(
        advice,
      )
    })

    it('passes any other loading error on unchanged', async () => {
      const { env } = harness()
      const other = Object.assign(new Error("Cannot find package 'hono'"), { code: 'ERR_MODULE_NOT_FOUND' })
      await expect(runServer(options, { ...env, loadServer: () => Promise.reject(other) })).rejects.toBe(other)
    })
  })
})
