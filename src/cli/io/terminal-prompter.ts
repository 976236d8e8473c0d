/**
 * The terminal implementation of {@link Prompter}. Line prompts use `node:readline` so they look
 * exactly like the AWS CLI's (`Text [current]: `, no decoration). Menus are drawn here, like the
 * CLI's prompt_toolkit menu: at most 10 rows, the current row prefixed `> ` and the others with two
 * spaces, arrow keys move (wrapping around), Enter selects, Ctrl-C cancels; typing filters the rows
 * (case-insensitive substring), Backspace and Escape edit or clear the filter. Loaded only when a
 * command actually prompts.
 *
 * @module
 */
import { createInterface, emitKeypressEvents } from 'node:readline'
import { Writable } from 'node:stream'
import { CancelledError } from '../../core/errors.js'
import type { CliEnv } from '../cli-env.js'
import type { InputPromptOptions, Prompter, SelectChoice } from './prompter.js'

/** Rows a menu shows at once. */
export const MENU_PAGE_SIZE = 10

/** The state of a menu: filter text, the matching rows and the cursor. */
export interface MenuState {
  filter: string
  cursor: number
  /** Indexes into the choices of the rows that match the filter. */
  matches: number[]
}

/** A key as `readline` reports it. */
export interface MenuKey {
  name?: string | undefined
  ctrl?: boolean | undefined
  meta?: boolean | undefined
  sequence?: string | undefined
}

/** The first state of a menu over `labels`. */
export function initialMenuState(labels: readonly string[]): MenuState {
  return { filter: '', cursor: 0, matches: labels.map((_, i) => i) }
}

/** Applies one key; returns the new state, or `select`/`cancel`. */
export function menuKeypress(
  labels: readonly string[],
  state: MenuState,
  key: MenuKey,
): MenuState | 'select' | 'cancel' {
  const n = state.matches.length
  if (key.ctrl && (key.name === 'c' || key.name === 'd')) return 'cancel'
  if (key.name === 'return' || key.name === 'enter') return n > 0 ? 'select' : state
  if (key.name === 'up' || (key.ctrl && key.name === 'p'))
    return { ...state, cursor: n === 0 ? 0 : (state.cursor - 1 + n) % n }
  if (key.name === 'down' || (key.ctrl && key.name === 'n') || key.name === 'tab')
    return { ...state, cursor: n === 0 ? 0 : (state.cursor + 1) % n }
  if (key.name === 'escape') return withFilter(labels, '')
  if (key.name === 'backspace') return withFilter(labels, state.filter.slice(0, -1))
  const ch = key.sequence
  if (!key.ctrl && !key.meta && ch && ch.length === 1 && ch >= ' ' && ch !== '\x7f')
    return withFilter(labels, state.filter + ch)
  return state
}

function withFilter(labels: readonly string[], filter: string): MenuState {
  const needle = filter.toLowerCase()
  return { filter, cursor: 0, matches: labels.flatMap((label, i) => (label.toLowerCase().includes(needle) ? [i] : [])) }
}

/** The lines of the menu as drawn (without the message line). */
export function renderMenu(labels: readonly string[], state: MenuState): string[] {
  const { cursor, matches } = state
  const start = Math.min(Math.max(0, cursor - MENU_PAGE_SIZE + 1), Math.max(0, matches.length - MENU_PAGE_SIZE))
  const lines = matches
    .slice(start, start + MENU_PAGE_SIZE)
    .map((index, row) => `${start + row === cursor ? '> ' : '  '}${labels[index]}`)
  if (matches.length === 0) lines.push('  (no match)')
  if (state.filter) lines.push(`Filter: ${state.filter}`)
  return lines
}

/** Creates the terminal prompter for `env`'s streams. */
export function createTerminalPrompter(env: CliEnv): Prompter {
  const output = env.stdout as unknown as NodeJS.WritableStream

  async function ask(
    question: string,
    options: { muted?: boolean; completions?: readonly string[]; signal?: AbortSignal | undefined } = {},
  ): Promise<string> {
    let muted = false
    const sink = options.muted
      ? new Writable({
          write(chunk, _encoding, callback) {
            if (!muted) output.write(chunk)
            callback()
          },
        })
      : output
    const rl = createInterface({
      input: env.stdin,
      output: sink,
      terminal: Boolean(env.stdin.isTTY),
      completer: options.completions
        ? (line: string): [string[], string] => {
            const hits = options.completions!.filter((c) => c.startsWith(line))
            return [hits.length ? hits : [...options.completions!], line]
          }
        : undefined,
    })
    let answered = false
    try {
      return await new Promise<string>((resolve, reject) => {
        rl.on('SIGINT', () => reject(new CancelledError()))
        const { signal } = options
        if (signal?.aborted) return reject(signal.reason)
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
        // End of input (Ctrl-D, closed pipe) before an answer cancels, like Ctrl-C.
        rl.on('close', () => answered || reject(new CancelledError()))
        rl.question(question, (answer) => {
          answered = true
          if (options.muted) output.write('\n')
          resolve(answer)
        })
        muted = Boolean(options.muted)
      })
    } finally {
      // close() also detaches readline's keypress listener from stdin (never remove its 'close' handlers).
      answered = true
      rl.close()
    }
  }

  return {
    async input(message: string, opts: InputPromptOptions = {}) {
      const prompt = opts.bare ? `${message}: ` : `${message} [${opts.current ?? 'None'}]: `
      for (;;) {
        const answer = (await ask(prompt, { completions: opts.completions, signal: opts.signal })).trim()
        const value = answer === '' ? (opts.default ?? opts.current ?? '') : answer
        const problem = opts.validate?.(value)
        if (!problem) return value
        env.stdout.write(`${problem}\n`)
      }
    },
    async secret(prompt: string) {
      return ask(prompt, { muted: true })
    },
    async select<T>(message: string, choices: readonly SelectChoice<T>[]): Promise<T> {
      const labels = choices.map((c) => c.label)
      const stdin = env.stdin as NodeJS.ReadStream
      if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') throw new CancelledError('A menu needs a terminal')
      emitKeypressEvents(stdin)
      let state = initialMenuState(labels)
      let drawn = 0
      const draw = () => {
        // Move to the first line of the previous drawing, clear to the end of the screen, redraw.
        let text = drawn > 0 ? `\x1b[${drawn}F` : ''
        text += '\x1b[J'
        const lines = [...(message ? [message] : []), ...renderMenu(labels, state)]
        text += `${lines.join('\n')}\n`
        drawn = lines.length
        env.stdout.write(text)
      }
      env.stdout.write('\x1b[?25l')
      draw()
      stdin.setRawMode(true)
      stdin.resume()
      try {
        return await new Promise<T>((resolve, reject) => {
          const onKey = (_: string, key: MenuKey) => {
            const next = menuKeypress(labels, state, key ?? {})
            if (next === 'cancel' || next === 'select') {
              stdin.off('keypress', onKey)
              if (next === 'cancel') return reject(new CancelledError())
              return resolve(choices[state.matches[state.cursor]!]!.value)
            }
            state = next
            draw()
          }
          stdin.on('keypress', onKey)
        })
      } finally {
        stdin.setRawMode(false)
        stdin.pause()
        env.stdout.write(`${drawn > 0 ? `\x1b[${drawn}F` : ''}\x1b[J\x1b[?25h`)
      }
    },
  }
}
