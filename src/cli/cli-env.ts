/**
 * The CLI's environment: the core {@link Env} plus the terminal, prompts, the browser and child
 * processes. `createNodeCliEnv` (in `node-cli-env.ts`) builds the real one once, in `main.ts`;
 * tests build their own with `createTestCliEnv` from `test/helpers/cli-test-env.ts`.
 *
 * @module
 */
import type { Env } from '../core/env.js'
import type { Prompter } from './io/prompter.js'

/** A writable text stream (stdout or stderr). */
export interface OutStream {
  write(chunk: string): unknown
  /** True when the stream is a terminal. */
  readonly isTTY?: boolean
  /** Terminal width, when known. */
  readonly columns?: number
}

/** Options for spawning a child process (`idc exec`, `credential_process`). */
export interface SpawnOptions {
  env: Record<string, string | undefined>
  /** `inherit` passes the terminal through; `pipe` captures stdout and stderr. */
  stdio: 'inherit' | 'pipe'
  /** Standard input text when `stdio` is `pipe`. */
  input?: string
}

/** The outcome of a child process. */
export interface SpawnResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** A running child process. */
export interface ChildHandle {
  /** Sends a signal to the child. */
  kill(signal: NodeJS.Signals): void
  /** Resolves when the child ends. */
  readonly done: Promise<SpawnResult>
}

/** Everything a command may touch. */
export interface CliEnv extends Env {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean }
  readonly stdout: OutStream
  readonly stderr: OutStream
  /** True when a person can answer prompts: stdin and stdout are terminals. */
  canPrompt(): boolean
  /** The interactive prompts, loaded on first use. */
  prompter(): Promise<Prompter>
  /**
   * Opens a URL in the user's browser (honouring `BROWSER`). Resolves false when no browser could
   * be started, for example over SSH with no display.
   */
  openUrl(url: string): Promise<boolean>
  /** Starts a child process. */
  spawn(command: string, args: readonly string[], options: SpawnOptions): ChildHandle
  /** Registers a handler for a process signal; returns a function that removes it. */
  onSignal(signal: NodeJS.Signals, handler: () => void): () => void
  /** The path of the running `idc` entry script, for spawning idc again. */
  readonly selfCommand: readonly string[]
}
