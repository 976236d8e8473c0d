import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTestCliEnv } from '../../../test/helpers/cli-test-env.js'
import { createGlobalOptions } from '../globals.js'
import { printResult, resolveOutputFormat } from './print.js'
import { formatPythonIsoformat } from '../../core/credentials/time-format.js'
import { formatPythonFloat } from '../../core/sso/python-json.js'
import { pythonStr, toPlainData } from './python-repr.js'

function writeConfig(home: string, text: string): void {
  mkdirSync(join(home, '.aws'), { recursive: true })
  writeFileSync(join(home, '.aws', 'config'), text)
}

const identity = { UserId: 'AIDA', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/alice' }

describe('resolveOutputFormat', () => {
  it('uses --output first', async () => {
    const env = createTestCliEnv({ vars: { AWS_DEFAULT_OUTPUT: 'text' } })
    expect(await resolveOutputFormat({ env, globals: createGlobalOptions({ output: 'yaml' }) })).toBe('yaml')
  })
  it('uses AWS_DEFAULT_OUTPUT before the config file', async () => {
    const env = createTestCliEnv({ vars: { AWS_DEFAULT_OUTPUT: 'text' } })
    writeConfig(env.home, '[default]\noutput = table\n')
    expect(await resolveOutputFormat({ env, globals: createGlobalOptions() })).toBe('text')
  })
  it("uses the selected profile's output key", async () => {
    const env = createTestCliEnv({ vars: { AWS_PROFILE: 'dev' } })
    writeConfig(env.home, '[default]\noutput = table\n[profile dev]\noutput = yaml\n')
    expect(await resolveOutputFormat({ env, globals: createGlobalOptions() })).toBe('yaml')
    expect(await resolveOutputFormat({ env, globals: createGlobalOptions({ profile: 'default' }) })).toBe('table')
  })
  it('falls back to json', async () => {
    expect(await resolveOutputFormat({ env: createTestCliEnv(), globals: createGlobalOptions() })).toBe('json')
  })
  it('rejects an unknown format from the environment as the CLI does', async () => {
    const env = createTestCliEnv({ vars: { AWS_DEFAULT_OUTPUT: 'bogus' } })
    await expect(resolveOutputFormat({ env, globals: createGlobalOptions() })).rejects.toThrow(
      'Unknown output type: bogus',
    )
  })
})

describe('printResult', () => {
  it('prints json with four-space indentation by default', async () => {
    const env = createTestCliEnv()
    await printResult(identity, { env, globals: createGlobalOptions() })
    expect(env.out.text).toBe(
      '{\n    "UserId": "AIDA",\n    "Account": "123456789012",\n    "Arn": "arn:aws:iam::123456789012:user/alice"\n}\n',
    )
  })
  it('uses the title for tables', async () => {
    const env = createTestCliEnv()
    await printResult(
      { Account: '1', Arn: 'a' },
      { env, globals: createGlobalOptions({ output: 'table' }) },
      { title: 'GetCallerIdentity' },
    )
    expect(env.out.text.split('\n')[1]).toBe('| GetCallerIdentity|')
  })
  it('applies --query before formatting', async () => {
    const env = createTestCliEnv()
    await printResult(identity, { env, globals: createGlobalOptions({ output: 'text', query: 'Account' }) })
    expect(env.out.text).toBe('123456789012\n')
  })
  it('prints null for a query that matches nothing', async () => {
    const env = createTestCliEnv()
    await printResult(identity, { env, globals: createGlobalOptions({ query: 'Nope' }) })
    expect(env.out.text).toBe('null\n')
  })
  it('reports a bad query as a parameter error (exit 252)', async () => {
    const env = createTestCliEnv()
    const failure = printResult(identity, { env, globals: createGlobalOptions({ query: 'foo[' }) })
    await expect(failure).rejects.toMatchObject({
      kind: 'usage',
      message: expect.stringMatching(
        /^An error occurred \(ParamValidation\): Bad value for --query foo\[: Invalid jmespath expression: /,
      ),
    })
  })
  it('reports a failing function as a general error (exit 255)', async () => {
    const env = createTestCliEnv()
    await expect(
      printResult(identity, { env, globals: createGlobalOptions({ query: 'abs(Account)' }) }),
    ).rejects.toMatchObject({
      kind: 'general',
    })
  })
  it('drops the SDK $metadata and undefined members and prints dates as the CLI v2', async () => {
    const env = createTestCliEnv()
    const result = {
      $metadata: { httpStatusCode: 200 },
      Expiration: new Date('2026-11-22T01:02:03Z'),
      Missing: undefined,
    }
    await printResult(result, { env, globals: createGlobalOptions({ output: 'yaml' }) })
    expect(env.out.text).toBe("Expiration: '2026-11-22T01:02:03+00:00'\n")
  })
  it('prints the lines the text format wrote before the CLI would fail, then fails with 255', async () => {
    const env = createTestCliEnv()
    const failure = printResult(
      { a: 'first', b: [{ c: 1 }, 'oops'] },
      { env, globals: createGlobalOptions({ output: 'text' }) },
    )
    await expect(failure).rejects.toMatchObject({ kind: 'general', message: "'str' object has no attribute 'items'" })
    expect(env.out.text).toBe('first\n')
  })
  it('prints nothing with --output off', async () => {
    const env = createTestCliEnv({ vars: { AWS_DEFAULT_OUTPUT: 'off' } })
    await printResult(identity, { env, globals: createGlobalOptions() })
    expect(env.out.text).toBe('')
  })
})

describe('python-repr', () => {
  it.each([
    [1.5, '1.5'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e-7, '1e-07'],
    [123456789.5, '123456789.5'],
    [1.5e300, '1.5e+300'],
    [1e16, '1e+16'],
    [-2.25, '-2.25'],
  ])('formats %d as Python repr %s', (value, expected) => {
    expect(formatPythonFloat(value)).toBe(expected)
  })
  it('prints scalars as Python str()', () => {
    expect([true, false, null, 42, 'x'].map((v) => pythonStr(v))).toEqual(['True', 'False', 'None', '42', 'x'])
  })
  it('prints dates with microseconds only when there are milliseconds', () => {
    expect(formatPythonIsoformat(new Date('2026-11-22T00:00:00.123Z'))).toBe('2026-11-22T00:00:00.123000+00:00')
    expect(toPlainData({ d: new Date('2026-11-22T00:00:00Z') })).toEqual({ d: '2026-11-22T00:00:00+00:00' })
  })
})
