/**
 * How a command is declared. Each command lives in one file under `commands/` and exports
 * `command = defineCommand({...})`: its help text, its options, a `parse` step that turns parsed
 * flags (and the global options it needs) into a typed options object, and `run`, which is the
 * command's `runXxx(options, env)` function itself. Every command's run function has that one
 * shape; all IO is in `env`. Tests call `runXxx` directly, or go through `runCli` with argv.
 *
 * @module
 */
import type { CliEnv } from './cli-env.js'
import type { GlobalOptions } from './globals.js'

/** One command-line option (`--name`). */
export interface OptionSpec {
  type: 'string' | 'boolean'
  /** One sentence for the help page. */
  description: string
  /** Allowed values, checked before `parse`. */
  choices?: readonly string[]
  /** The value's placeholder in usage lines, e.g. `<value>`. */
  placeholder?: string
  /** May be given more than once. */
  multiple?: boolean
  /** Must be given. */
  required?: boolean
}

/** The flags a command received, after global options were taken out. */
export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>
  positionals: string[]
}

/** What `parse` gets besides the parsed flags. */
export interface CommandContext {
  env: CliEnv
  globals: GlobalOptions
}

/** The one shape of every command's behaviour: options in, IO through `env`, an exit code out. */
export type RunCommand<O> = (options: O, env: CliEnv) => Promise<number | void>

/** A command's declaration. */
export interface CommandSpec<O> {
  /** The words after `idc`, e.g. `configure export-credentials`. */
  name: string
  /** One line for the parent's command list. */
  summary: string
  /** Paragraphs for the help page. */
  description: string
  /** Shell lines shown under EXAMPLES. */
  examples?: readonly string[]
  /** The command's own options (global options are added by the runner). */
  options?: Readonly<Record<string, OptionSpec>>
  /** Names of positional arguments, for usage lines; omit when the command takes none. */
  positionals?: readonly { name: string; description: string; required?: boolean; variadic?: boolean }[]
  /** Everything after a literal `--` is passed through untouched (for `idc exec`). */
  passThrough?: boolean
  /**
   * Turns parsed flags into the command's options; throws `UsageError` on bad input. Global
   * options a command uses are copied into its options here (`globals` or single fields).
   */
  parse(args: ParsedArgs, ctx: CommandContext): O | Promise<O>
  /** Does the work (the command's `runXxx`); returns the exit code (0 when undefined). */
  run: RunCommand<O>
}

/** Declares a command; only gives the object its type. */
export function defineCommand<O>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec
}
