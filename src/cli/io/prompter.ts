/**
 * The prompts the CLI asks. Commands depend on this interface only; the terminal implementation
 * lives in `terminal-prompter.ts` and is loaded lazily so that commands that never prompt do not
 * pay for it.
 *
 * @module
 */

/** A line prompt in the AWS CLI's style: `Text [current]: `. */
export interface InputPromptOptions {
  /** Shown in brackets; `None` is shown when undefined, as the AWS CLI does. */
  current?: string | undefined
  /** The value returned when the user just presses Enter (defaults to `current`). */
  default?: string | undefined
  /** Returns an error message to show, or undefined when the value is acceptable. */
  validate?: (value: string) => string | undefined
  /** Values offered for completion with Tab. */
  completions?: readonly string[]
  /** Print `Text: ` without the bracketed current value (e.g. `SSO session name (Recommended): `). */
  bare?: boolean
  /** Stops waiting for an answer (rejecting with the signal's reason), e.g. when a listener won a race. */
  signal?: AbortSignal | undefined
}

/** One choice of a selection menu. */
export interface SelectChoice<T> {
  /** The row text. */
  label: string
  value: T
}

/** Interactive prompts. Every method rejects with `CancelledError` on Ctrl-C. */
export interface Prompter {
  /** Asks for one line of text; `message` is the prompt without brackets or colon. */
  input(message: string, options?: InputPromptOptions): Promise<string>
  /** Asks for a secret without echoing it; `prompt` is printed exactly. */
  secret(prompt: string): Promise<string>
  /** Arrow-key menu with type-to-filter; returns the chosen value. */
  select<T>(message: string, choices: readonly SelectChoice<T>[]): Promise<T>
}
