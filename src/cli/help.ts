/**
 * Help pages, laid out like the AWS CLI's (NAME, DESCRIPTION, SYNOPSIS, OPTIONS, EXAMPLES), in
 * plain text so they read the same in a terminal and in a test.
 *
 * @module
 */
import type { CommandSpec, OptionSpec } from './command.js'
import type { CommandEntry } from './commands/index.js'
import { GLOBAL_OPTIONS } from './globals.js'

/** The usage block printed before usage errors. */
export const USAGE_LINES = [
  'usage: idc [options] <command> <subcommand> [<subcommand> ...] [parameters]',
  'To see help text, you can run:',
  '',
  '  idc help',
  '  idc <command> help',
  '  idc <command> <subcommand> help',
].join('\n')

/** Help for a group of commands (or the root when `name` is empty). */
export function formatGroupHelp(name: string, children: readonly CommandEntry[]): string {
  const title = name === '' ? 'idc' : `idc ${name}`
  const lines = [title, '', 'DESCRIPTION']
  lines.push(
    name === ''
      ? '  idc signs you in to AWS with IAM Identity Center and hands short-term credentials to your tools.\n  It reads and writes the same files as the AWS CLI (~/.aws/config, ~/.aws/credentials, ~/.aws/sso/cache).'
      : `  Commands under "${title}".`,
  )
  lines.push('', 'SYNOPSIS', `  ${title} <command> [parameters]`, '', 'AVAILABLE COMMANDS')
  const width = Math.max(0, ...children.map((c) => lastWord(c.name).length))
  for (const child of children) lines.push(`  o ${lastWord(child.name).padEnd(width)}  ${child.summary}`)
  lines.push('', 'GLOBAL OPTIONS', ...formatOptions(GLOBAL_OPTIONS))
  return `${lines.join('\n')}\n`
}

/** Help for one command. */
export function formatCommandHelp(command: CommandSpec<unknown>, children: readonly CommandEntry[] = []): string {
  const lines = [`idc ${command.name}`, '', 'DESCRIPTION']
  for (const paragraph of command.description.split('\n')) lines.push(paragraph ? `  ${paragraph}` : '')
  const synopsis = [`idc ${command.name}`]
  for (const [name, spec] of Object.entries(command.options ?? {})) {
    const flag = spec.type === 'boolean' ? `--${name}` : `--${name} ${spec.placeholder ?? '<value>'}`
    synopsis.push(spec.required ? flag : `[${flag}]`)
  }
  for (const p of command.positionals ?? []) synopsis.push(p.required ? `<${p.name}>` : `[<${p.name}>]`)
  lines.push('', 'SYNOPSIS', `  ${synopsis.join(' ')}`)
  if (children.length > 0) {
    lines.push('', 'AVAILABLE COMMANDS')
    for (const child of children) lines.push(`  o ${lastWord(child.name)}  ${child.summary}`)
  }
  if (command.positionals?.length) {
    lines.push('', 'ARGUMENTS')
    for (const p of command.positionals) lines.push(`  ${p.name}`, `      ${p.description}`)
  }
  if (command.options && Object.keys(command.options).length > 0)
    lines.push('', 'OPTIONS', ...formatOptions(command.options))
  lines.push('', 'GLOBAL OPTIONS', ...formatOptions(GLOBAL_OPTIONS))
  if (command.examples?.length) {
    lines.push('', 'EXAMPLES')
    for (const example of command.examples) lines.push(`  ${example}`)
  }
  return `${lines.join('\n')}\n`
}

function formatOptions(options: Readonly<Record<string, OptionSpec>>): string[] {
  const lines: string[] = []
  for (const [name, spec] of Object.entries(options)) {
    const flag = spec.type === 'boolean' ? `--${name}` : `--${name} ${spec.placeholder ?? '<value>'}`
    lines.push(`  ${flag}`, `      ${spec.description}`)
    if (spec.choices) lines.push(`      Allowed values: ${spec.choices.join(', ')}`)
  }
  return lines
}

function lastWord(name: string): string {
  return name.split(' ').at(-1) ?? name
}
