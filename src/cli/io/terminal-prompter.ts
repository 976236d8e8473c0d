/**
 * The terminal implementation of {@link Prompter}. Line prompts use `node:readline` so they look
 * exactly like the AWS CLI's (`Text [current]: `, no decoration); menus use `@inquirer/prompts`
 * (arrow keys, type to filter). Loaded only when a command actually prompts.
 *
 * @module
 */
import { createInterface } from 'node:readline/promises'
import { Writable } from 'node:stream'
import { CancelledError } from '../../core/errors.js'
import type { CliEnv } from '../cli-env.js'
import type { InputPromptOptions, Prompter, SelectChoice } from './prompter.js'

/** Creates the terminal prompter for `env`'s streams. */
export function createTerminalPrompter(env: CliEnv): Prompter {
  const output = env.stdout as unknown as NodeJS.WritableStream

  async function ask(question: string, options: { muted?: boolean; completions?: readonly string[] } = {}): Promise<string> {
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
    const aborted = new AbortController()
    rl.on('SIGINT', () => aborted.abort())
    try {
      const pending = rl.question(question, { signal: aborted.signal })
      muted = Boolean(options.muted)
      const answer = await pending
      if (options.muted) output.write('\n')
      return answer
    } catch (error) {
      if (aborted.signal.aborted || (error as { code?: string }).code === 'ABORT_ERR') throw new CancelledError()
      throw error
    } finally {
      rl.close()
    }
  }

  return {
    async input(message: string, opts: InputPromptOptions = {}) {
      for (;;) {
        const answer = (await ask(`${message} [${opts.current ?? 'None'}]: `, { completions: opts.completions })).trim()
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
      const { search } = await import('@inquirer/prompts')
      try {
        return await search<T>(
          {
            message,
            pageSize: 10,
            source: (term) => {
              const needle = (term ?? '').toLowerCase()
              return choices
                .filter((c) => c.label.toLowerCase().includes(needle))
                .map((c) => ({ name: c.label, value: c.value }))
            },
          },
          { input: env.stdin, output },
        )
      } catch (error) {
        if ((error as Error).name === 'ExitPromptError') throw new CancelledError()
        throw error
      }
    },
  }
}
