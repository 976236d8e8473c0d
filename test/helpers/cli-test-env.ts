/**
 * A {@link CliEnv} for tests: a temporary HOME on the real file system, a fixed (settable) clock,
 * captured stdout and stderr, scripted prompt answers and a recording browser. No mocks of idc's
 * own modules are needed.
 */
import * as fsp from 'node:fs/promises'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { randomBytes, randomUUID } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { CancelledError } from '../../src/core/errors.js'
import type { ChildHandle, CliEnv, OutStream, SpawnOptions } from '../../src/cli/cli-env.js'
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
  /** Moves the clock forward. */
  advance(ms: number): void
  setNow(ms: number): void
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

/** Creates a test environment with a fresh temporary HOME. */
export function createTestCliEnv(options: TestCliEnvOptions = {}): TestCliEnv {
  const home = options.vars?.HOME ?? mkdtempSync(join(tmpdir(), 'idc-test-home-'))
  for (const [path, text] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(home, path)), { recursive: true })
    writeFileSync(join(home, path), text)
  }
  let now = options.now ?? Date.parse('2026-11-22T00:00:00Z')
  const answers = [...(options.answers ?? [])]
  const interactive = options.interactive ?? answers.length > 0
  const out = capture(interactive)
  const err = capture(interactive)
  const openedUrls: string[] = []
  const promptsShown: string[] = []

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
    now: () => now,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted()
      now += ms
    },
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
    home,
    out,
    err,
    openedUrls,
    promptsShown,
    advance: (ms) => void (now += ms),
    setNow: (ms) => void (now = ms),
  }
  return env
}
