import { describe, expect, it } from 'vitest'
import { PassThrough } from 'node:stream'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import {
  createTerminalPrompter,
  initialMenuState,
  menuKeypress,
  renderMenu,
  type MenuState,
} from './terminal-prompter.js'

const labels = ['Admin', 'Billing', 'DevOps', 'ReadOnly']

function press(state: MenuState, ...keys: string[]): MenuState {
  for (const k of keys) {
    const next = menuKeypress(labels, state, k.length === 1 ? { sequence: k, name: k.toLowerCase() } : { name: k })
    if (typeof next === 'string') throw new Error(next)
    state = next
  }
  return state
}

describe('terminal menu', () => {
  it('marks the current row with "> " and the others with two spaces', () => {
    expect(renderMenu(labels, initialMenuState(labels))).toEqual(['> Admin', '  Billing', '  DevOps', '  ReadOnly'])
  })
  it('moves with arrow keys and wraps around', () => {
    const s = initialMenuState(labels)
    expect(press(s, 'up').cursor).toBe(3)
    expect(press(s, 'down', 'down', 'down', 'down').cursor).toBe(0)
  })
  it('filters as you type, case-insensitively, and edits the filter', () => {
    let s = press(initialMenuState(labels), 'o', 'P')
    expect(renderMenu(labels, s)).toEqual(['> DevOps', 'Filter: oP'])
    s = press(s, 'backspace')
    expect(renderMenu(labels, s)).toEqual(['> DevOps', '  ReadOnly', 'Filter: o'])
    s = press(s, 'escape')
    expect(s.matches).toHaveLength(4)
  })
  it('selects with Enter and cancels with Ctrl-C', () => {
    expect(menuKeypress(labels, initialMenuState(labels), { name: 'return' })).toBe('select')
    expect(menuKeypress(labels, initialMenuState(labels), { name: 'c', ctrl: true })).toBe('cancel')
    expect(menuKeypress(labels, press(initialMenuState(labels), 'z', 'z'), { name: 'return' })).not.toBe('select')
  })
  it('shows at most 10 rows and scrolls with the cursor', () => {
    const many = Array.from({ length: 15 }, (_, i) => `role-${i}`)
    let s = initialMenuState(many)
    expect(renderMenu(many, s)).toHaveLength(10)
    for (let i = 0; i < 12; i++) s = menuKeypress(many, s, { name: 'down' }) as MenuState
    const rows = renderMenu(many, s)
    expect(rows).toHaveLength(10)
    expect(rows.at(-1)).toBe('> role-12')
  })
})

describe('terminal line prompts', () => {
  async function answer(prompt: (p: ReturnType<typeof createTerminalPrompter>) => Promise<string>, lines: string[]) {
    const env = createTestCliEnv({ interactive: false })
    // Each answer is typed once its question is on the screen (no waiting on the clock).
    let asked = 0
    let onAsked: (() => void) | undefined
    const write = env.out.write.bind(env.out)
    env.out.write = (chunk: string) => {
      const result = write(chunk)
      if (env.out.text.endsWith(': ')) {
        asked++
        onAsked?.()
      }
      return result
    }
    const questionShown = (n: number) =>
      new Promise<void>((resolve) => {
        onAsked = () => asked >= n && resolve()
        onAsked()
      })
    const prompter = createTerminalPrompter(env)
    const result = prompt(prompter)
    const stdin = env.stdin as PassThrough
    for (const [i, line] of lines.entries()) {
      await questionShown(i + 1)
      stdin.write(`${line}\n`)
    }
    return { value: await result, shown: env.out.text }
  }

  it('prints `Text [current]: ` and keeps the current value on Enter', async () => {
    const r = await answer((p) => p.input('Default client Region', { current: 'us-west-2' }), [''])
    expect(r).toEqual({ value: 'us-west-2', shown: 'Default client Region [us-west-2]: ' })
  })
  it('prints `None` when there is no current value and bare prompts without brackets', async () => {
    expect((await answer((p) => p.input('SSO region'), ['eu-west-1'])).shown).toBe('SSO region [None]: ')
    expect(
      await answer((p) => p.input('SSO session name (Recommended)', { bare: true, default: '' }), ['  my-sso  ']),
    ).toEqual({
      value: 'my-sso',
      shown: 'SSO session name (Recommended): ',
    })
  })
  it('shows the validator message and asks again', async () => {
    const r = await answer(
      (p) => p.input('SSO start URL', { validate: (v) => (v ? undefined : 'A value is required') }),
      ['', 'https://x.awsapps.com/start'],
    )
    expect(r).toEqual({
      value: 'https://x.awsapps.com/start',
      shown: 'SSO start URL [None]: A value is required\nSSO start URL [None]: ',
    })
  })
})
