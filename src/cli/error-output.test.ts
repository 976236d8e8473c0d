import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../test/helpers/cli-test-env.js'
import { ConfigError } from '../core/errors.js'
import { formatErrorReport, resolveErrorFormat } from './error-output.js'

const CONFIG =
  '[default]\ncli_error_format = yaml\n\n[profile dev]\ncli_error_format = TABLE\n\n[profile odd]\ncli_error_format = xml\n'

describe('resolveErrorFormat (the AWS CLI order)', () => {
  it.each([
    [
      'the option wins over the variable and the profile',
      ['--cli-error-format', 'json'],
      { AWS_CLI_ERROR_FORMAT: 'text' },
      'json',
    ],
    ['the option may be written with =', ['--cli-error-format=text'], {}, 'text'],
    ['an option value that is not a choice counts for nothing', ['--cli-error-format', 'JSON'], {}, 'yaml'],
    ['the variable wins over the profile', [], { AWS_CLI_ERROR_FORMAT: 'legacy' }, 'legacy'],
    ['a variable set to nothing means enhanced', [], { AWS_CLI_ERROR_FORMAT: '' }, 'enhanced'],
    ["the default profile's setting", [], {}, 'yaml'],
    ["a named profile's setting, in any case", ['--profile', 'dev'], {}, 'table'],
    ['AWS_PROFILE names the profile too', [], { AWS_PROFILE: 'dev' }, 'table'],
    ['an unknown setting means enhanced', ['--profile', 'odd'], {}, 'enhanced'],
    ['an unknown profile leaves no format: errors print plainly', ['--profile', 'nope'], {}, undefined],
  ])('%s', async (_name, argv, vars, expected) => {
    const env = createTestCliEnv({ vars, files: { '.aws/config': CONFIG } })
    expect(await resolveErrorFormat(['sts', 'get-caller-identity', ...argv], env)).toBe(expected)
  })

  it('is enhanced without any config file, and plain when the config file cannot be parsed', async () => {
    expect(await resolveErrorFormat([], createTestCliEnv())).toBe('enhanced')
    const broken = createTestCliEnv({ files: { '.aws/config': '[default\nregion = x\n' } })
    expect(await resolveErrorFormat([], broken)).toBeUndefined()
  })
})

describe('formatErrorReport', () => {
  it('renders a structured error in the json format as the CLI does', async () => {
    const error = new ConfigError('An error occurred (NoRegion): You must specify a region.')
    expect(await formatErrorReport(error, { format: 'json', debug: false })).toEqual({
      exitCode: 253,
      message: '{\n    "Code": "NoRegion",\n    "Message": "You must specify a region."\n}\n',
    })
  })
})
