/**
 * The CLI's environment: the core {@link Env} plus everything else a command touches — the
 * terminal, prompts, the browser, child processes, the AWS SDK clients, the start-URL probe, the
 * loopback callback listener, timers and the runtime's version facts. `createNodeCliEnv` (in
 * `node-cli-env.ts`) builds the real one once, in `main.ts`; tests build their own with
 * `createTestCliEnv` from `test/helpers/cli-test-env.ts`. Commands never reach these through
 * imports or default parameters: `runXxx(options, env)` is the only way in.
 *
 * @module
 */
import type { AwsClientFactory } from '../core/aws/clients.js'
import type { LoopbackHandler } from '../core/credentials/container-endpoint.js'
import type { Env } from '../core/env.js'
import type { CallbackListener } from '../core/sso/auth-code-flow.js'
import type { StartUrlProbe } from '../core/sso/start-url.js'
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

/** A listener started by {@link CliEnv.startLoopbackServer}. */
export interface LoopbackServer {
  /** The port it is bound to on 127.0.0.1. */
  readonly port: number
  close(): Promise<void>
}

/** Facts about the running JavaScript runtime, for `--version` and `--debug`. */
export interface RuntimeFacts {
  /** `process.version`, e.g. `v20.20.2`. */
  readonly nodeVersion: string
  /** `process.arch`, e.g. `x64`. */
  readonly arch: string
}

/** The local Identity Center's code, which only `idc server` loads. */
export type ServerModule = typeof import('../server/main.js')

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
  /**
   * Applies the global options every HTTP call depends on — `--ca-bundle`, and `--profile` for its
   * `ca_bundle` — to `clients`, `probeHttp` and `getText`. `runCli` calls it once, before the
   * command runs; the settings are resolved on the first network call.
   */
  configureHttp(options: {
    caBundle?: string | undefined
    profile?: string | undefined
    /** `--debug`'s logger, told the CA bundle and proxy of each request. */
    debug?: ((message: string) => void) | undefined
  }): void
  /** The AWS SDK clients; each SDK package loads on the first call that needs it. */
  readonly clients: AwsClientFactory
  /** The one HTTP request of start-URL resolution (HEAD or GET, redirects not followed). */
  readonly probeHttp: StartUrlProbe
  /** One GET request, redirects not followed, the body as text (the console's federation endpoint). */
  getText(url: string): Promise<{ status: number; body: string }>
  /** Binds the authorization-code flow's listener on 127.0.0.1 (`port`, or an ephemeral one). */
  startCallbackListener(options?: { port?: number | undefined }): Promise<CallbackListener>
  /**
   * Serves `handle` over HTTP on 127.0.0.1 (`port`, or an ephemeral one): the container credential
   * endpoint of `idc exec --container-credentials` and `idc credential-server`.
   */
  startLoopbackServer(options: { port?: number | undefined; handle: LoopbackHandler }): Promise<LoopbackServer>
  /** Calls `tick` every `ms` milliseconds until the returned function is called (the spinner's clock). */
  repeat(ms: number, tick: () => void): () => void
  /** Loads the server's code (and with it the optional package better-sqlite3). */
  loadServer(): Promise<ServerModule>
  /** The runtime's version and architecture. */
  readonly runtime: RuntimeFacts
}
