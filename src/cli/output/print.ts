/**
 * The one way commands print their result: `printResult(data, ctx)` applies `--query`, picks the
 * format (`--output`, `AWS_DEFAULT_OUTPUT`, the profile's `output`, else `json`) and renders it
 * as the AWS CLI v2 does. Formatters other than JSON, and the JMESPath library, load on demand.
 *
 * @module
 */
import { IdcError } from '../../core/errors.js'
import type { CliEnv } from '../cli-env.js'
import { OUTPUT_FORMATS, type GlobalOptions, type OutputFormat } from '../globals.js'
import { formatJson } from './format-json.js'
import { toPlainData, type PlainValue } from './python-repr.js'

/** What {@link printResult} needs from the command context. */
export interface PrintContext {
  env: CliEnv
  globals: Pick<GlobalOptions, 'output' | 'query' | 'profile' | 'color'>
}

/** Options for {@link printResult}. */
export interface PrintOptions {
  /** The operation name, used as the table title, e.g. `GetCallerIdentity`. */
  title?: string
}

/** Prints a command's result to stdout in the selected output format. */
export async function printResult(data: unknown, ctx: PrintContext, options: PrintOptions = {}): Promise<void> {
  const format = await resolveOutputFormat(ctx)
  let plain = toPlainData(data)
  if (ctx.globals.query !== undefined) {
    const { applyQuery } = await import('./query.js')
    plain = await applyQuery(plain, ctx.globals.query)
  }
  const renderOptions: RenderOptions = {
    title: options.title ?? '',
    terminalWidth: ctx.env.stdout.isTTY ? (ctx.env.stdout.columns ?? 80) : 80,
    color: ctx.globals.color === 'on' || (ctx.globals.color !== 'off' && ctx.env.stdout.isTTY === true),
  }
  let text: string
  try {
    text = await renderOutput(plain, format, renderOptions)
  } catch (error) {
    if (error instanceof PartialOutputError) {
      ctx.env.stdout.write(error.partial)
      throw error.cause
    }
    throw error
  }
  ctx.env.stdout.write(text)
}

/** Options for {@link renderOutput}. */
export interface RenderOptions {
  title: string
  terminalWidth?: number
  color?: boolean
}

/** Renders plain data in one format, without printing it. */
export async function renderOutput(data: PlainValue, format: OutputFormat, options: RenderOptions): Promise<string> {
  switch (format) {
    case 'json':
      return formatJson(data)
    case 'off':
      return ''
    case 'text': {
      const { formatText, TextFormatError } = await import('./format-text.js')
      try {
        return formatText(data)
      } catch (error) {
        // The CLI streams text, so what it printed before failing still reaches stdout.
        if (error instanceof TextFormatError && error.partial) throw new PartialOutputError(error.partial, error)
        throw error
      }
    }
    case 'table': {
      const { formatTable } = await import('./format-table.js')
      return formatTable(data, options)
    }
    case 'yaml':
    case 'yaml-stream': {
      const { formatYaml, formatYamlStream } = await import('./format-yaml.js')
      return format === 'yaml' ? formatYaml(data) : formatYamlStream(data)
    }
  }
}

/** An error raised after part of the output was rendered; the caller prints `partial` first. */
export class PartialOutputError extends IdcError {
  override readonly name = 'PartialOutputError'
  readonly partial: string
  constructor(partial: string, cause: IdcError) {
    super(cause.kind, cause.message, { cause })
    this.partial = partial
  }
}

/** The output format: `--output`, else `AWS_DEFAULT_OUTPUT`, else the profile's `output`, else json. */
export async function resolveOutputFormat(ctx: PrintContext): Promise<OutputFormat> {
  const explicit = ctx.globals.output as string | undefined
  if (explicit) return checkFormat(explicit)
  const fromEnv = ctx.env.vars.AWS_DEFAULT_OUTPUT
  if (fromEnv) return checkFormat(fromEnv)
  const { loadSharedConfigWithOrigins } = await import('../../core/config/load-shared-config.js')
  const { resolveProfileName } = await import('../../core/config/profile.js')
  const config = await loadSharedConfigWithOrigins(ctx.env)
  const profile = config.profiles[resolveProfileName(ctx.env, ctx.globals.profile)]
  const { configText } = await import('../../core/config/config-value.js')
  const fromConfig = configText(profile?.output)
  if (fromConfig) return checkFormat(fromConfig)
  return 'json'
}

function checkFormat(name: string): OutputFormat {
  if ((OUTPUT_FORMATS as readonly string[]).includes(name)) return name as OutputFormat
  throw new IdcError('general', `Unknown output type: ${name}`)
}
