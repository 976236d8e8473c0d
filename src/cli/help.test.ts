import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../test/helpers/cli-test-env.js'
import { COMMANDS } from './commands/index.js'
import { GLOBAL_OPTIONS } from './globals.js'
import { runCli } from './run-cli.js'

/** Runs idc with `argv` in a fresh test env and returns the exit code and both streams. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const env = createTestCliEnv({ interactive: false })
  const code = await runCli(argv, env)
  return { code, out: env.out.text, err: env.err.text }
}

/** The text of the section `title` of a help page (up to the next upper-case heading). */
function section(page: string, title: string): string {
  const match = new RegExp(`\\n${title}\\n([\\s\\S]*?)(?=\\n[A-Z][A-Z ]+\\n|$)`).exec(page)
  return match?.[1] ?? ''
}

const commands = COMMANDS.filter((c) => c.load)
const groups = COMMANDS.filter((c) => !c.load)

describe('help for every command', () => {
  it.each(commands.map((c) => [c.name, c] as const))(
    'idc %s --help names every flag and shows an example',
    async (name, entry) => {
      const { command } = await entry.load!()
      const { code, out, err } = await run(...name.split(' '), '--help')
      expect(code).toBe(0)
      expect(err).toBe('')
      expect(out.startsWith(`idc ${name}\n\nDESCRIPTION\n  `)).toBe(true)
      const synopsis = section(out, 'SYNOPSIS')
      const options = section(out, 'OPTIONS')
      for (const [flag, spec] of Object.entries(command.options ?? {})) {
        expect(synopsis, `--${flag} in the synopsis`).toContain(`--${flag}`)
        expect(options, `--${flag} under OPTIONS`).toContain(`  --${flag}`)
        expect(options, `--${flag}'s description`).toContain(spec.description)
      }
      for (const flag of Object.keys(GLOBAL_OPTIONS)) expect(section(out, 'GLOBAL OPTIONS')).toContain(`  --${flag}`)
      const examples = section(out, 'EXAMPLES')
      expect(examples, 'an EXAMPLES section').toMatch(new RegExp(`^  (\\$ )?idc ${name}\\b`, 'm'))
    },
  )

  it.each(commands.map((c) => [c.name, c.name]))(
    'idc help %s and idc %s help print the same page as --help',
    async (name) => {
      const words = name.split(' ')
      const flag = await run(...words, '--help')
      expect(await run('help', ...words)).toEqual(flag)
      expect(await run(...words, 'help')).toEqual(flag)
    },
  )

  it.each(groups.map((g) => [g.name, g] as const))('idc %s help lists its commands', async (name, group) => {
    const children = COMMANDS.filter((c) => c.name.startsWith(`${name} `) && c.name.split(' ').length === 2)
    expect(children.length).toBeGreaterThan(0)
    for (const argv of [
      [name, 'help'],
      ['help', name],
      [name, '--help'],
    ]) {
      const { code, out } = await run(...argv)
      expect(code).toBe(0)
      expect(out.startsWith(`idc ${name}\n`)).toBe(true)
      const listed = section(out, 'AVAILABLE COMMANDS')
      for (const child of children) expect(listed).toContain(`o ${child.name.split(' ')[1]}`)
      expect(listed).toContain(children[0]!.summary)
      expect(group.summary).not.toBe('')
    }
  })

  it('idc help lists every top-level command and group', async () => {
    const { code, out } = await run('help')
    expect(code).toBe(0)
    const listed = section(out, 'AVAILABLE COMMANDS')
    for (const entry of COMMANDS.filter((c) => !c.name.includes(' '))) {
      expect(listed).toMatch(new RegExp(`o ${entry.name} +${entry.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
    }
    expect(await run('--help')).toEqual({ code, out, err: '' })
  })

  it.each([
    [['help', 'bogus'], "argument command: Found invalid choice 'bogus'"],
    [['help', 'sso', 'bogus'], "argument operation: Found invalid choice 'bogus'"],
    [['sso', 'bogus', '--help'], "argument operation: Found invalid choice 'bogus'"],
  ])('idc %j is a usage error naming the unknown word (252)', async (argv, message) => {
    const { code, out, err } = await run(...argv)
    expect(code).toBe(252)
    expect(out).toBe('')
    expect(err).toContain(message)
  })
})

describe('the help page of idc configure export-credentials', () => {
  it('reads as the golden file testdata/help-configure-export-credentials.txt', async () => {
    // Regenerate after a deliberate change: idc help configure export-credentials > that file.
    const golden = readFileSync(join(import.meta.dirname, 'testdata', 'help-configure-export-credentials.txt'), 'utf8')
    const { out } = await run('help', 'configure', 'export-credentials')
    expect(out).toBe(golden)
  })
})
