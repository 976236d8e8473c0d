import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv, TEST_LOOPBACK_PORT, type TestCliEnv } from '../../../test/helpers/cli-test-env.js'
import type { ChildHandle, SpawnResult } from '../cli-env.js'
import { runCli } from '../run-cli.js'
import { buildExecEnvironment } from './exec.js'

// A real child process (node), so exit codes and signals are the operating system's.
function realSpawn(
  command: string,
  args: readonly string[],
  options: { env: Record<string, string | undefined> },
  onOutput: (chunk: string) => void,
): ChildHandle {
  const child = spawn(command, args, { env: options.env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    stdout += c
    onOutput(c)
  })
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
  const done = new Promise<SpawnResult>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (exitCode, signal) => resolve({ exitCode, signal, stdout, stderr }))
  })
  return { kill: (signal) => void child.kill(signal), done }
}

interface Harness {
  env: TestCliEnv
  results: Promise<SpawnResult>[]
  signals: Map<NodeJS.Signals, () => void>
  /** Resolves once idc has registered a handler for `signal`. */
  handling(signal: NodeJS.Signals): Promise<void>
  /** Resolves once the child has written a line to its standard output. */
  childSpoke: Promise<void>
  /** What the child has written to its standard output so far. */
  output(): string
}

function harness(): Harness {
  const results: Promise<SpawnResult>[] = []
  const signals = new Map<NodeJS.Signals, () => void>()
  const waiting = new Map<NodeJS.Signals, () => void>()
  let spoke: () => void = () => {}
  const childSpoke = new Promise<void>((resolve) => (spoke = resolve))
  let written = ''
  const env = createTestCliEnv({
    vars: { PATH: process.env.PATH, AWS_PROFILE: 'dev', AWS_SESSION_TOKEN: 'stale' },
    files: {
      '.aws/config': '[profile dev]\nregion = eu-west-1\n',
      '.aws/credentials': '[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = dev-secret\n',
    },
    spawn: (command, args, options) => {
      const handle = realSpawn(command, args, options, (chunk) => {
        written += chunk
        if (written.includes('\n')) spoke()
      })
      results.push(handle.done)
      return handle
    },
  })
  Object.assign(env, {
    onSignal: (signal: NodeJS.Signals, handler: () => void) => {
      signals.set(signal, handler)
      waiting.get(signal)?.()
      return () => signals.delete(signal)
    },
  })
  const handling = (signal: NodeJS.Signals) =>
    signals.has(signal) ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(signal, resolve))
  return { env, results, signals, handling, childSpoke, output: () => written }
}

const node = process.execPath

describe('idc exec', () => {
  it('puts the credentials and region in the child environment and removes AWS_PROFILE', async () => {
    const { env, results } = harness()
    const script =
      'const e=process.env;console.log(JSON.stringify([e.AWS_ACCESS_KEY_ID,e.AWS_SECRET_ACCESS_KEY,e.AWS_SESSION_TOKEN,e.AWS_REGION,e.AWS_DEFAULT_REGION,e.AWS_PROFILE]))'
    const code = await runCli(['exec', '--', node, '-e', script], env)
    expect(code).toBe(0)
    const result = await results[0]
    expect(JSON.parse(result?.stdout ?? '')).toEqual(['AKIADEV', 'dev-secret', null, 'eu-west-1', 'eu-west-1', null])
  })

  it('passes the exit code through', async () => {
    const { env } = harness()
    expect(await runCli(['exec', '--', node, '-e', 'process.exit(42)'], env)).toBe(42)
  })

  it('forwards SIGTERM to the child and reports 128 + the signal number', async () => {
    const { env, signals, handling } = harness()
    const running = runCli(['exec', '--', node, '-e', 'setTimeout(() => {}, 10000)'], env)
    await handling('SIGTERM')
    expect([...signals.keys()].sort()).toEqual(['SIGHUP', 'SIGINT', 'SIGTERM'])
    signals.get('SIGTERM')?.()
    expect(await running).toBe(143)
    expect(signals.size).toBe(0)
  })

  it('lets the child handle a forwarded SIGINT', async () => {
    const { env, signals, childSpoke } = harness()
    const script = `process.on('SIGINT', () => process.exit(7)); setTimeout(() => {}, 10000); console.log('ready')`
    const running = runCli(['exec', '--', node, '-e', script], env)
    // The child says so once it has installed its handler.
    await childSpoke
    signals.get('SIGINT')?.()
    expect(await running).toBe(7)
  })

  it('reports a missing program with exit code 127', async () => {
    const { env } = harness()
    expect(await runCli(['exec', '--', 'idc-no-such-program'], env)).toBe(127)
    expect(env.err.text).toContain('command not found: idc-no-such-program')
  })

  it('with --container-credentials gives the child an endpoint and a token instead of keys, served while it runs', async () => {
    const { env, signals, childSpoke, output } = harness()
    const script =
      'const e=process.env;console.log(JSON.stringify([e.AWS_CONTAINER_CREDENTIALS_FULL_URI,e.AWS_CONTAINER_AUTHORIZATION_TOKEN,e.AWS_ACCESS_KEY_ID,e.AWS_SESSION_TOKEN,e.AWS_PROFILE,e.AWS_REGION]));setTimeout(()=>{},10000)'
    const running = runCli(['exec', '--container-credentials', '--', node, '-e', script], env)
    await childSpoke
    const [uri, token, keyId, sessionToken, profile, region] = JSON.parse(output()) as (string | null)[]
    expect(uri).toBe(`http://127.0.0.1:${TEST_LOOPBACK_PORT}/v1/credentials`)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect([keyId, sessionToken, profile, region]).toEqual([null, null, null, 'eu-west-1'])
    const served = await env.loopbackRequest({ method: 'GET', url: '/v1/credentials', authorization: token! })
    expect(served.status).toBe(200)
    expect(JSON.parse(served.body)).toMatchObject({ AccessKeyId: 'AKIADEV', SecretAccessKey: 'dev-secret' })
    expect((await env.loopbackRequest({ method: 'GET', url: '/v1/credentials', authorization: 'x' })).status).toBe(403)
    expect(env.err.text).not.toContain(token)
    signals.get('SIGTERM')?.()
    expect(await running).toBe(143)
    expect(env.loopback?.running).toBe(false)
  })

  it('with --container-credentials passes the exit code through and stops serving', async () => {
    const { env } = harness()
    expect(await runCli(['exec', '--container-credentials', '--', node, '-e', 'process.exit(3)'], env)).toBe(3)
    expect(env.loopback?.running).toBe(false)
  })

  it('requires a command', async () => {
    const { env } = harness()
    expect(await runCli(['exec'], env)).toBe(252)
    expect(env.err.text).toContain('the following arguments are required: command')
  })
})

describe('buildExecEnvironment', () => {
  it('keeps a session token and expiration of temporary credentials', () => {
    const vars = buildExecEnvironment(
      { HOME: '/h', AWS_PROFILE: 'p' },
      { accessKeyId: 'ASIA', secretAccessKey: 's', sessionToken: 't', expiration: new Date('2026-11-22T01:00:00Z') },
      undefined,
    )
    expect(vars).toEqual({
      HOME: '/h',
      AWS_ACCESS_KEY_ID: 'ASIA',
      AWS_SECRET_ACCESS_KEY: 's',
      AWS_SESSION_TOKEN: 't',
      AWS_CREDENTIAL_EXPIRATION: '2026-11-22T01:00:00+00:00',
    })
  })
})
