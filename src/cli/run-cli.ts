/**
 * Runs one `idc` invocation: takes the global options out of argv, finds the command, parses its
 * flags, runs it and maps any error to the AWS CLI's exit codes. Returns the exit code instead of
 * exiting, so tests can call it with a test environment.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from '../core/errors.js'
import type { CliEnv } from './cli-env.js'
import type { CommandSpec, OptionSpec, ParsedArgs } from './command.js'
import { createDebugLog } from './debug-log.js'
import { COMMANDS, type CommandEntry } from './commands/index.js'
import { joinNegativeValues } from './negative-values.js'
import {
  createGlobalOptions,
  GLOBAL_OPTIONS,
  OUTPUT_FORMATS,
  type GlobalOptions,
  type OutputFormat,
} from './globals.js'
import { formatCommandHelp, formatGroupHelp } from './help.js'
import { invalidChoiceError } from './usage-errors.js'
import { versionLine } from './version-line.js'

/** Runs idc with `argv` (without the node and script paths) and returns the exit code. */
export async function runCli(argv: readonly string[], env: CliEnv): Promise<number> {
  let debug = argv.includes('--debug')
  try {
    const { globals, rest: words, wantsHelp: helpFlag, wantsVersion } = extractGlobals(argv)
    debug = globals.debug
    // `idc help configure sso` is `idc configure sso help`, as in the AWS CLI.
    const helpFirst = words[0] === 'help' && words.length > 1
    const rest = helpFirst ? words.slice(1) : words
    const wantsHelp = helpFlag || helpFirst
    if (wantsVersion) {
      env.stdout.write(`${versionLine(env)}\n`)
      return 0
    }
    const { entry, consumed } = findCommand(rest)
    const tail = rest.slice(consumed)
    const helpWord = tail[0] === 'help' && tail.length === 1
    if (!entry || !entry.load) {
      const prefix = entry?.name ?? ''
      if (tail.length > 0 && !helpWord) throw invalidChoice(prefix, tail[0] ?? '')
      if (!wantsHelp && !helpWord) {
        throw new UsageError(`the following arguments are required: ${entry ? 'operation' : 'command'}`)
      }
      env.stdout.write(formatGroupHelp(prefix, childrenOf(prefix)))
      return 0
    }
    const { command } = await entry.load()
    if (wantsHelp || helpWord) {
      env.stdout.write(formatCommandHelp(command, childrenOf(command.name)))
      return 0
    }
    const args = parseCommandArgs(command, tail)
    if (globals.debug) {
      const { debug: _debug, ...shown } = globals
      createDebugLog(env, true)(`${versionLine(env)} command: idc ${command.name} globals: ${JSON.stringify(shown)}`)
    }
    env.configureHttp({
      caBundle: globals.caBundle,
      profile: globals.profile,
      debug: globals.debug ? createDebugLog(env, true) : undefined,
    })
    const options = await command.parse(args, { env, globals })
    const code = await command.run(options, env)
    return code ?? 0
  } catch (error) {
    const { formatErrorReport, resolveErrorFormat } = await import('./error-output.js')
    const report = await formatErrorReport(error, { format: await resolveErrorFormat(argv, env), debug })
    if (report.stdout) env.stdout.write(report.stdout)
    if (report.message) env.stderr.write(report.message)
    return report.exitCode
  }
}

/** Splits argv into global options and everything else. */
function extractGlobals(argv: readonly string[]): {
  globals: GlobalOptions
  rest: string[]
  wantsHelp: boolean
  wantsVersion: boolean
} {
  const found: Record<string, string | boolean> = {}
  const rest: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string
    if (token === '--') {
      rest.push(...argv.slice(i))
      break
    }
    const match = /^--([^=]+)(?:=(.*))?$/s.exec(token)
    const spec = match ? GLOBAL_OPTIONS[match[1] as string] : undefined
    if (!match || !spec) {
      rest.push(token)
      continue
    }
    const name = match[1] as string
    if (spec.type === 'boolean') {
      found[name] = true
      continue
    }
    const value = match[2] ?? argv[++i]
    if (value === undefined) throw new UsageError(`argument --${name}: expected one argument`)
    if (spec.choices && !spec.choices.includes(value)) throw invalidChoiceError(`--${name}`, value, spec.choices)
    found[name] = value
  }
  const globals = createGlobalOptions({
    profile: found.profile as string | undefined,
    region: found.region as string | undefined,
    output: found.output as OutputFormat | undefined,
    query: found.query as string | undefined,
    endpointUrl: found['endpoint-url'] as string | undefined,
    caBundle: found['ca-bundle'] as string | undefined,
    debug: found.debug === true,
    noCliPager: found['no-cli-pager'] === true,
    noPaginate: found['no-paginate'] === true,
    color: found.color as string | undefined,
  })
  if (globals.output && !OUTPUT_FORMATS.includes(globals.output))
    throw new UsageError(`Unknown output type: ${globals.output}`)
  return { globals, rest, wantsHelp: found.help === true, wantsVersion: found.version === true }
}

/** Finds the longest command whose words start `rest`. */
function findCommand(rest: readonly string[]): { entry: CommandEntry | undefined; consumed: number } {
  let best: CommandEntry | undefined
  let consumed = 0
  const words: string[] = []
  for (const token of rest) {
    if (token.startsWith('-')) break
    words.push(token)
    const name = words.join(' ')
    const entry = COMMANDS.find((c) => c.name === name)
    if (entry) {
      best = entry
      consumed = words.length
    } else if (!COMMANDS.some((c) => c.name.startsWith(`${name} `))) {
      break
    }
  }
  return { entry: best, consumed }
}

/** The direct children of a command or group (`''` is the root). */
function childrenOf(name: string): CommandEntry[] {
  const depth = name === '' ? 1 : name.split(' ').length + 1
  return COMMANDS.filter((c) => c.name.split(' ').length === depth && (name === '' || c.name.startsWith(`${name} `)))
}

function invalidChoice(prefix: string, word: string): UsageError {
  const choices = childrenOf(prefix).map((c) => c.name.split(' ').at(-1) as string)
  return invalidChoiceError(prefix === '' ? 'command' : 'operation', word, choices)
}

/** Parses a command's own flags with `node:util`'s parser (strict: unknown flags are errors). */
function parseCommandArgs(command: CommandSpec<unknown>, tokens: readonly string[]): ParsedArgs {
  let own = [...tokens]
  let passed: string[] = []
  if (command.passThrough) {
    const dash = own.indexOf('--')
    if (dash >= 0) {
      passed = own.slice(dash + 1)
      own = own.slice(0, dash)
    }
  }
  const specs: Record<string, OptionSpec> = { ...command.options }
  own = joinNegativeValues(own, specs)
  const config: ParseArgsConfig['options'] = {}
  for (const [name, spec] of Object.entries(specs)) config[name] = { type: spec.type, multiple: spec.multiple ?? false }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: own, options: config, allowPositionals: true, strict: true })
  } catch (error) {
    const unknown = unknownTokens(own, specs, command.positionals?.length ?? 0)
    if (unknown.length > 0 && /Unknown option/.test(String(error))) {
      throw new UsageError(`Unknown options: ${unknown.join(', ')}`)
    }
    throw new UsageError(describeParseError(error))
  }
  const values = parsed.values as ParsedArgs['values']
  const missing: string[] = []
  for (const [name, spec] of Object.entries(specs)) {
    const value = values[name]
    if (spec.required && value === undefined) missing.push(`--${name}`)
    if (spec.choices && typeof value === 'string' && !spec.choices.includes(value)) {
      throw invalidChoiceError(`--${name}`, value, spec.choices)
    }
  }
  if (missing.length > 0) throw new UsageError(`the following arguments are required: ${missing.join(', ')}`)
  const positionals = [...parsed.positionals]
  const allowed = command.positionals ?? []
  if (!allowed.some((p) => p.variadic) && positionals.length > allowed.length) {
    throw new UsageError(`Unknown options: ${positionals.slice(allowed.length).join(', ')}`)
  }
  const required = allowed.filter((p) => p.required)
  if (positionals.length < required.length) {
    throw new UsageError(
      `the following arguments are required: ${required
        .slice(positionals.length)
        .map((p) => p.name)
        .join(', ')}`,
    )
  }
  return { values, positionals: command.passThrough ? [...positionals, ...passed] : positionals }
}

/**
 * Every token the command does not know, as the AWS CLI lists them after `Unknown options:`: unknown
 * flags, and the words after them that no flag or positional takes.
 */
function unknownTokens(tokens: readonly string[], specs: Record<string, OptionSpec>, positionals: number): string[] {
  const unknown: string[] = []
  let free = positionals
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string
    const flag = /^--([^=]+)(=.*)?$/s.exec(token)
    const spec = flag ? specs[flag[1] as string] : undefined
    if (flag && spec) {
      if (spec.type === 'string' && flag[2] === undefined) i++
    } else if (!token.startsWith('-') && free > 0) {
      free--
    } else {
      unknown.push(token)
    }
  }
  return unknown
}

function describeParseError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  const unknown = /Unknown option '([^']+)'/.exec(text)
  if (unknown) return `Unknown options: ${unknown[1]}`
  const missingValue = /Option '(?:-\w, )?(--[\w-]+)(?: <value>)?' argument missing/.exec(text)
  if (missingValue) return `argument ${missingValue[1]}: expected one argument`
  return text
}
