/**
 * Golden tests: every case in fixtures/aws-cli-outputs.json was printed by the real AWS CLI v2
 * (2.36.12) from the same data (fixtures/capture.py); idc must print the same bytes.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { OutputFormat } from '../globals.js'
import { renderOutput } from './print.js'
import type { PlainValue } from './python-repr.js'

interface CapturedCase {
  name: string
  title: string
  data: PlainValue
  v2: Record<OutputFormat | 'table-color', string>
}

const cases = JSON.parse(
  readFileSync(new URL('./fixtures/aws-cli-outputs.json', import.meta.url), 'utf8'),
) as CapturedCase[]
const formats: OutputFormat[] = ['json', 'yaml', 'yaml-stream', 'text', 'table']

describe('output formats match the AWS CLI v2 byte for byte', () => {
  for (const format of formats) {
    it.each(cases.filter((c) => !isCliFailure(c, format)))(`${format}: $name`, async (c) => {
      expect(await renderOutput(c.data, format, { title: c.title })).toBe(c.v2[format])
    })
  }
  it.each(cases.filter((c) => !isCliFailure(c, 'table')))('table with --color on: $name', async (c) => {
    expect(await renderOutput(c.data, 'table', { title: c.title, color: true })).toBe(c.v2['table-color'])
  })
})

/** Cases where the CLI itself fails (it prints nothing and exits 255). */
function isCliFailure(c: CapturedCase, format: OutputFormat): boolean {
  return c.name === 'mixed list' && (format === 'text' || format === 'table')
}

describe('data the AWS CLI cannot print fails the same way', () => {
  it.each([
    ['text', "'str' object has no attribute 'items'"],
    ['table', 'Row should have 1 elements, instead it has 2'],
  ] as const)('%s of a list mixing strings, lists and objects', async (format, message) => {
    const mixed = cases.find((c) => c.name === 'mixed list')!
    await expect(renderOutput(mixed.data, format, { title: 'X' })).rejects.toThrow(message)
  })
})

interface RandomCase {
  data: PlainValue
  v2: Record<'text' | 'table' | 'yaml', string>
}

const randomCases = JSON.parse(
  readFileSync(new URL('./fixtures/aws-cli-random-nested.json', import.meta.url), 'utf8'),
) as RandomCase[]

describe('random nested structures match the AWS CLI v2 (fixtures/capture-random.py)', () => {
  it.each(randomCases.map((c, i) => [i, c] as const))('case %i', async (_i, c) => {
    for (const format of ['text', 'table', 'yaml'] as const) {
      expect(await renderOutput(c.data, format, { title: 'GetCallerIdentity' })).toBe(c.v2[format])
    }
  })
})
