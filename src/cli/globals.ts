/**
 * The AWS CLI's global options, accepted before or after the command words.
 *
 * @module
 */
import type { OptionSpec } from './command.js'

/** Output formats, as the AWS CLI v2 names them (`off` prints nothing). */
export const OUTPUT_FORMATS = ['json', 'yaml', 'yaml-stream', 'text', 'table', 'off'] as const
/** An output format. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

/** Parsed global options. */
export interface GlobalOptions {
  profile: string | undefined
  region: string | undefined
  output: OutputFormat | undefined
  query: string | undefined
  endpointUrl: string | undefined
  /** `--ca-bundle`: the CA certificates every https call trusts instead of the default ones. */
  caBundle: string | undefined
  debug: boolean
  noCliPager: boolean
  /** `--no-paginate`: list commands make one call and print its answer as it is. */
  noPaginate: boolean
  color: string | undefined
}

/** Global options as when none are given, with `overrides` applied (tests and `runCli`). */
export function createGlobalOptions(overrides: Partial<GlobalOptions> = {}): GlobalOptions {
  return {
    profile: undefined,
    region: undefined,
    output: undefined,
    query: undefined,
    endpointUrl: undefined,
    caBundle: undefined,
    debug: false,
    noCliPager: false,
    noPaginate: false,
    color: undefined,
    ...overrides,
  }
}

/** The global options' declarations (shared by the parser and the help pages). */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  profile: {
    type: 'string',
    description: 'Use a specific profile from your config and credentials files.',
    placeholder: '<profile>',
  },
  region: {
    type: 'string',
    description: 'The region to use. Overrides config and environment settings.',
    placeholder: '<region>',
  },
  output: {
    type: 'string',
    description: 'The formatting style for command output.',
    choices: OUTPUT_FORMATS,
    placeholder: '<format>',
  },
  query: {
    type: 'string',
    description: 'A JMESPath query to use in filtering the response data.',
    placeholder: '<expression>',
  },
  'endpoint-url': {
    type: 'string',
    description: "Override the command's default URL with the given URL.",
    placeholder: '<url>',
  },
  'ca-bundle': {
    type: 'string',
    description: 'The CA certificate bundle to use when verifying SSL certificates. Overrides config/env settings.',
    placeholder: '<path>',
  },
  debug: { type: 'boolean', description: 'Turn on debug logging on standard error (secrets are never logged).' },
  'cli-error-format': {
    type: 'string',
    description: 'The format of error messages (legacy, json, yaml, text, table, enhanced).',
    choices: ['legacy', 'json', 'yaml', 'text', 'table', 'enhanced'],
    placeholder: '<format>',
  },
  'no-paginate': {
    type: 'boolean',
    description: "Make one call and print the service's answer as it is, in the commands that page their results.",
  },
  'no-cli-pager': {
    type: 'boolean',
    description: 'Disable the pager for output (idc never pages; accepted for compatibility).',
  },
  color: {
    type: 'string',
    description: 'Turn on/off color output (on, off, auto).',
    choices: ['on', 'off', 'auto'],
    placeholder: '<color>',
  },
  version: { type: 'boolean', description: 'Display the version of this tool.' },
  help: { type: 'boolean', description: 'Display help for the command.' },
}
