import { describe, expect, it } from 'vitest'
import {
  CancelledError,
  ConfigError,
  CredentialsError,
  NetworkError,
  ServiceError,
  UsageError,
} from '../core/errors.js'
import { additionalDetails, hintAddsSomething, reportError } from './exit-codes.js'

describe('hints after an error', () => {
  it('are printed once, on their own line, when they add something', () => {
    const error = new CredentialsError("Your session has expired. Please reauthenticate using 'idc login'.", {
      hint: 'To sign in again, run: idc login --profile dev',
    })
    expect(reportError(error).message).toBe(
      "\nidc: [ERROR]: Your session has expired. Please reauthenticate using 'idc login'.\n" +
        'To sign in again, run: idc login --profile dev\n',
    )
  })

  it('are left out when the message already gives the same command or sentence', () => {
    const error = new CredentialsError("Your session has expired. Please reauthenticate using 'idc login'.", {
      hint: 'To sign in again, run: idc login',
    })
    expect(reportError(error).message).toBe(
      "\nidc: [ERROR]: Your session has expired. Please reauthenticate using 'idc login'.\n",
    )
    expect(hintAddsSomething('Run "idc sso login" first. To sign in again, run: x', 'To sign in again, run: x')).toBe(
      false,
    )
    expect(hintAddsSomething('Token expired.', 'To sign in again, run: idc sso login')).toBe(true)
  })

  it('are left out of the machine-readable formats', () => {
    const error = new ServiceError('AccessDenied', 'ListBuckets', 'Access Denied', { hint: 'Ask for access.' })
    const report = reportError(error, { format: 'json', render: (fields) => `${JSON.stringify(fields)}\n` })
    expect(report).toEqual({ exitCode: 254, message: '{"Code":"AccessDenied","Message":"Access Denied"}\n' })
  })
})

describe('reportError in each error format', () => {
  const oidc = new ServiceError('InvalidClientException', 'CreateToken', '', {
    details: { Message: '', Code: 'InvalidClientException', error: 'invalid_client', error_description: 'Bad client' },
  })

  it('adds the fields besides code and message under "Additional error details:" (enhanced)', () => {
    expect(reportError(oidc).message).toBe(
      '\nidc: [ERROR]: An error occurred (InvalidClientException) when calling the CreateToken operation:\n' +
        '\nAdditional error details:\nerror: invalid_client\nerror_description: Bad client\n',
    )
  })

  it('prints the one line alone in the legacy format', () => {
    expect(reportError(oidc, { format: 'legacy' }).message).toBe(
      '\nidc: [ERROR]: An error occurred (InvalidClientException) when calling the CreateToken operation:\n',
    )
  })

  it('prints a configuration error with its code in enhanced and without it in legacy', () => {
    const error = new ConfigError('An error occurred (Configuration): The specified sso-session does not exist: "x"')
    expect(reportError(error, { format: 'enhanced' })).toEqual({
      exitCode: 253,
      message: `\nidc: [ERROR]: ${error.message}\n`,
    })
    expect(reportError(error, { format: 'legacy' }).message).toBe(
      '\nidc: [ERROR]: The specified sso-session does not exist: "x"\n',
    )
    expect(reportError(error, { format: undefined }).message).toBe(
      '\nidc: [ERROR]: The specified sso-session does not exist: "x"\n',
    )
  })

  it('renders the fields of a structured error in the json, yaml, text and table formats', () => {
    const error = new ConfigError('An error occurred (NoRegion): You must specify a region.')
    const report = reportError(error, {
      format: 'yaml',
      render: (fields, format) => `${format} ${JSON.stringify(fields)}`,
    })
    expect(report.message).toBe('yaml {"Code":"NoRegion","Message":"You must specify a region."}')
  })

  it('prints other errors as one plain line in every format', () => {
    const error = new NetworkError('Could not connect to the endpoint URL: "http://127.0.0.1:1/"')
    for (const format of ['json', 'enhanced', 'legacy', undefined] as const) {
      expect(reportError(error, { format, render: () => 'never' })).toEqual({
        exitCode: 255,
        message: '\nidc: [ERROR]: Could not connect to the endpoint URL: "http://127.0.0.1:1/"\n',
      })
    }
  })

  it('gives argparse errors the usage lines and the ParamValidation code', () => {
    const report = reportError(new UsageError('argument --x: expected one argument'))
    expect(report.exitCode).toBe(252)
    expect(report.message).toMatch(
      /^\nidc: \[ERROR\]: An error occurred \(ParamValidation\): argument --x: expected one argument\n\nusage: idc /,
    )
  })
})

describe('Ctrl-C', () => {
  it('ends the interrupted prompt with a line break on stdout and exits 130, as the CLI does', () => {
    expect(reportError(new CancelledError())).toEqual({ exitCode: 130, message: '', stdout: '\n' })
  })
})

describe('additionalDetails', () => {
  it('is empty when only the code and message are there, whatever their case', () => {
    expect(additionalDetails({ Code: 'X', Message: 'm', message: 'm' })).toBe('')
  })

  it('shows simple values as Python prints them, small collections inline and big ones as complex', () => {
    expect(
      additionalDetails({
        Code: 'X',
        Retryable: true,
        Limit: 5,
        Missing: null,
        Names: ['a', 'b'],
        Tags: { env: 'dev' },
        Many: [1, 2, 3, 4, 5],
        Nested: [{ a: 1 }],
      }),
    ).toBe(
      '\nAdditional error details:\n' +
        'Retryable: True\nLimit: 5\nMissing: None\nNames: [a, b]\nTags: {env: dev}\n' +
        'Many: <complex value>\nNested: <complex value>\n' +
        'Use "--cli-error-format json" or another error format to see the full details.\n',
    )
  })
})
