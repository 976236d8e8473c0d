/**
 * A {@link CliEnv} for tests: a temporary HOME on the real file system, a fake clock (settable;
 * `sleep` and `repeat` run on it in virtual time, concurrent sleeps waking in order of their
 * wake-up times; see {@link createFakeClock}), captured stdout and stderr,
 * scripted prompt answers, a recording browser, an in-memory callback listener and AWS clients
 * and an HTTP probe that fail unless the test supplies them. No mocks of idc's own modules are
 * needed. A HOME it creates is deleted when the test that created it finishes (or, when created
 * in a `beforeAll` or a describe body, after the file's tests), so runs leave nothing in the
 * temporary directory.
 */
import * as fsp from 'node:fs/promises'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { randomBytes, randomUUID } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { afterAll, onTestFinished } from 'vitest'
import { CancelledError } from '../../src/core/errors.js'
import type { ChildHandle, CliEnv, OutStream, SpawnOptions } from '../../src/cli/cli-env.js'
import type { AwsClientFactory } from '../../src/core/aws/clients.js'
import type {
  LoopbackHandler,
  LoopbackRequest,
  LoopbackResponse,
} from '../../src/core/credentials/container-endpoint.js'
import type { AuthCodeCallback, CallbackListener } from '../../src/core/sso/auth-code-flow.js'
import type { StartUrlProbe } from '../../src/core/sso/start-url.js'
import { createFakeClock } from './fake-clock.js'
import type { InputPromptOptions, Prompter, SelectChoice } from '../../src/cli/io/prompter.js'

/** A scripted answer: a string for `input`/`secret`, or a label (or predicate) for `select`. */
export type Answer = string | { select: string } | { cancel: true }

/** Options for {@link createTestCliEnv}. */
export interface TestCliEnvOptions {
  /** Environment variables; HOME defaults to a fresh temporary directory. */
  vars?: Record<string, string | undefined>
  /** Files to create first, by path relative to HOME (e.g. `{ '.aws/config': '…' }`). */
  files?: Record<string, string>
  /** Start time in ms (default 2026-11-22T00:00:00Z). */
  now?: number
  /** Answers given to prompts, in order. */
  answers?: Answer[]
  /** Pretend stdin/stdout are terminals (default true when answers are given). */
  interactive?: boolean
  /** What `openUrl` reports (default true). */
  browserOpens?: boolean
  /** Handles spawned processes (default: fails the test). */
  spawn?: (command: string, args: readonly string[], options: SpawnOptions) => ChildHandle
  /** The AWS clients (default: every call fails the test). */
  clients?: AwsClientFactory
  /** Answers start-URL probes (default: every probe fails the test). */
  probeHttp?: StartUrlProbe
  /** Answers GET requests (default: every request fails the test). */
  getText?: (url: string) => Promise<{ status: number; body: string }>
  /** Loads the server's code (default: the real module). */
  loadServer?: CliEnv['loadServer']
  /** Starts the callback listener (default: an in-memory one, answered with `deliverCallback`). */
  startCallbackListener?: (options?: { port?: number | undefined }) => Promise<CallbackListener>
  /** Starts the loopback server (default: an in-memory one, called with `loopbackRequest`). */
  startLoopbackServer?: CliEnv['startLoopbackServer']
}

/** A captured output stream. */
export interface CapturedStream extends OutStream {
  text: string
}

/** The test environment plus handles to inspect and steer it. */
export interface TestCliEnv extends CliEnv {
  readonly home: string
  readonly out: CapturedStream
  readonly err: CapturedStream
  /** URLs passed to `openUrl`. */
  readonly openedUrls: string[]
  /** Prompts asked, as the text shown. */
  readonly promptsShown: string[]
  /** Moves the clock forward at once, waking sleeps and running `repeat` ticks that come due. */
  advance(ms: number): void
  setNow(ms: number): void
  /** Hands a redirect to the latest in-memory callback listener, as a browser would. */
  deliverCallback(callback: AuthCodeCallback): void
  /** The number of `repeat` timers still running. */
  readonly runningTimers: number
  /** Sends a request to the in-memory loopback server, as a client on 127.0.0.1 would. */
  loopbackRequest(request: LoopbackRequest): Promise<LoopbackResponse>
  /** The in-memory loopback server's state: its port, and whether it is running. */
  readonly loopback: { port: number; running: boolean } | undefined
  /** What `configureHttp` was last given (`runCli` passes `--ca-bundle` and `--profile`). */
  readonly httpOptions: Parameters<CliEnv['configureHttp']>[0] | undefined
}

/** The port the in-memory loopback server reports unless a port is asked for. */
export const TEST_LOOPBACK_PORT = 49153

/** The port the in-memory callback listener reports. */
export const TEST_CALLBACK_PORT = 49152

function failingClients(): AwsClientFactory {
  const fail = (service: string) => async () => {
    throw new Error(`test env: unexpected ${service} client; pass clients to createTestCliEnv`)
  }
  return { ssoOidc: fail('SSO OIDC'), sso: fail('SSO'), sts: fail('STS'), s3: fail('S3'), signin: fail('Sign-in') }
}

/** A listener without a socket: the test plays the browser with `deliver`. */
function createMemoryListener(
  port = TEST_CALLBACK_PORT,
): CallbackListener & { deliver(callback: AuthCodeCallback): void } {
  let received: AuthCodeCallback | undefined
  let settle: ((callback: AuthCodeCallback) => void) | undefined
  return {
    port,
    deliver(callback) {
      if (received) return
      received = callback
      settle?.(callback)
    },
    waitForCallback(signal) {
      if (received) return Promise.resolve(received)
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason)
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
        settle = resolve
      })
    },
    close: async () => {},
  }
}

function capture(isTTY: boolean): CapturedStream {
  const stream = {
    text: '',
    isTTY,
    columns: 80,
    write(chunk: string) {
      stream.text += chunk
      return true
    },
  }
  return stream
}

/** Homes created outside a running test, removed after the importing file's tests. */
const homesForTheFile: string[] = []
afterAll(() => {
  for (const home of homesForTheFile.splice(0)) removeHome(home)
})

function removeHome(home: string): void {
  rmSync(home, { recursive: true, force: true })
}

/** A fresh temporary HOME, removed when the current test finishes (or after the file's tests). */
function createHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'idc-test-home-'))
  try {
    onTestFinished(() => removeHome(home))
  } catch {
    // Not inside a test (a beforeAll or a describe body): the home outlives single tests.
    homesForTheFile.push(home)
  }
  return home
}

/** Creates a test environment with a fresh temporary HOME (unless `vars.HOME` names one). */
export function createTestCliEnv(options: TestCliEnvOptions = {}): TestCliEnv {
  const home = options.vars?.HOME ?? createHome()
  for (const [path, text] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(home, path)), { recursive: true })
    writeFileSync(join(home, path), text)
  }
  const answers = [...(options.answers ?? [])]
  const interactive = options.interactive ?? answers.length > 0
  const out = capture(interactive)
  const err = capture(interactive)
  const openedUrls: string[] = []
  const promptsShown: string[] = []
  const clock = createFakeClock(options.now ?? Date.parse('2026-11-22T00:00:00Z'))
  let listener: ReturnType<typeof createMemoryListener> | undefined
  let loopback: { state: { port: number; running: boolean }; handle: LoopbackHandler } | undefined
  let httpOptions: Parameters<CliEnv['configureHttp']>[0] | undefined

  function next(shown: string): Answer {
    promptsShown.push(shown)
    const answer = answers.shift()
    if (answer === undefined) throw new Error(`test env: no scripted answer for prompt ${JSON.stringify(shown)}`)
    if (typeof answer === 'object' && 'cancel' in answer) throw new CancelledError()
    return answer
  }

  const prompter: Prompter = {
    async input(message: string, opts: InputPromptOptions = {}) {
      const shown = opts.bare ? `${message}: ` : `${message} [${opts.current ?? 'None'}]: `
      const { signal } = opts
      if (signal && answers.length === 0) {
        // An abortable prompt with nothing scripted waits, as a person would, until it is aborted.
        promptsShown.push(shown)
        return new Promise<string>((_, reject) => {
          if (signal.aborted) reject(signal.reason)
          signal.addEventListener('abort', () => reject(signal.reason), { once: true })
        })
      }
      for (;;) {
        const answer = next(shown)
        if (typeof answer !== 'string') throw new Error(`test env: expected text for ${shown}`)
        const value = answer.trim() === '' ? (opts.default ?? opts.current ?? '') : answer.trim()
        const problem = opts.validate?.(value)
        if (!problem) return value
        err.text += `${problem}\n`
      }
    },
    async secret(prompt: string) {
      const answer = next(prompt)
      if (typeof answer !== 'string') throw new Error(`test env: expected text for ${prompt}`)
      return answer
    },
    async select<T>(message: string, choices: readonly SelectChoice<T>[]) {
      const answer = next(message)
      if (typeof answer !== 'object' || !('select' in answer))
        throw new Error(`test env: expected a selection for ${message}`)
      const choice = choices.find((c) => c.label === answer.select || c.label.includes(answer.select))
      if (!choice) throw new Error(`test env: no choice ${answer.select} in ${choices.map((c) => c.label).join(', ')}`)
      return choice.value
    },
  }

  const env: TestCliEnv = {
    fs: fsp,
    vars: { HOME: home, ...options.vars },
    osHomeDir: () => home,
    platform: 'linux',
    pid: 4242,
    hostname: () => 'test-host',
    // Only the test process itself (pid 4242 in lock records) is alive in a test home.
    isProcessAlive: (pid) => pid === 4242,
    now: clock.now,
    sleep: clock.sleep,
    randomBytes: (size) => randomBytes(size),
    randomUUID: () => randomUUID(),
    stdin: new PassThrough(),
    stdout: out,
    stderr: err,
    canPrompt: () => interactive,
    prompter: async () => prompter,
    openUrl: async (url) => {
      openedUrls.push(url)
      return options.browserOpens ?? true
    },
    spawn: (command, args, spawnOptions) => {
      if (!options.spawn) throw new Error(`test env: unexpected spawn of ${command}`)
      return options.spawn(command, args, spawnOptions)
    },
    onSignal: () => () => {},
    selfCommand: ['idc'],
    configureHttp: (httpSettings) => void (httpOptions = httpSettings),
    clients: options.clients ?? failingClients(),
    probeHttp:
      options.probeHttp ??
      (async (url) => {
        throw new Error(`test env: unexpected start URL probe of ${url}; pass probeHttp to createTestCliEnv`)
      }),
    getText:
      options.getText ??
      (async (url) => {
        throw new Error(`test env: unexpected GET ${url}; pass getText to createTestCliEnv`)
      }),
    startCallbackListener:
      options.startCallbackListener ??
      (async (listenerOptions) => (listener = createMemoryListener(listenerOptions?.port))),
    repeat: clock.repeat,
    startLoopbackServer:
      options.startLoopbackServer ??
      (async ({ port, handle }) => {
        const state = { port: port || TEST_LOOPBACK_PORT, running: true }
        loopback = { state, handle }
        return { port: state.port, close: async () => void (state.running = false) }
      }),
    loadServer: options.loadServer ?? (() => import('../../src/server/main.js')),
    runtime: { nodeVersion: 'v20.0.0', arch: 'x64' },
    home,
    out,
    err,
    openedUrls,
    promptsShown,
    advance: clock.advance,
    setNow: clock.setNow,
    deliverCallback: (callback) => {
      if (!listener) throw new Error('test env: no callback listener has been started')
      listener.deliver(callback)
    },
    get runningTimers() {
      return clock.runningTimers
    },
    loopbackRequest: async (request) => {
      if (!loopback?.state.running) throw new Error('test env: no loopback server is running')
      return loopback.handle(request)
    },
    get loopback() {
      return loopback?.state
    },
    get httpOptions() {
      return httpOptions
    },
  }
  return env
}
