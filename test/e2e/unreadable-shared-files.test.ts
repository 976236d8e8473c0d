// Files idc cannot round-trip: a config or credentials file that is not UTF-8, or does not parse,
// is refused by the built idc with the AWS CLI v2's message and exit code, for reading and for
// writing, and stays byte for byte as it was. Each case runs the real AWS CLI v2 on a copy of the
// same home first, so the expectation is what AWS prints, not what we remember it printing.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { IDC_BIN, findAwsV2, requireTool } from '../helpers/tools.js'

const awsV2 = requireTool(findAwsV2())
const scratch = mkdtempSync(join(tmpdir(), 'idc-e2e-unreadable-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const LATIN1_CONFIG = Buffer.from('[default]\nregion = us-east-1\n# caf\xe9 (Latin-1)\n', 'latin1')
const LATIN1_CREDENTIALS = Buffer.from('[default]\naws_access_key_id = AKIDEXAMPLE\n# na\xefve\n', 'latin1')
const UNPARSABLE_CONFIG = Buffer.from('[default\nregion = us-east-1\n')

function home(name: string, files: { config?: Buffer; credentials?: Buffer }): string {
  const dir = join(scratch, name)
  mkdirSync(join(dir, '.aws'), { recursive: true })
  if (files.config) writeFileSync(join(dir, '.aws', 'config'), files.config)
  if (files.credentials) writeFileSync(join(dir, '.aws', 'credentials'), files.credentials)
  return dir
}

function run(program: 'aws' | 'idc', dir: string, args: string[]) {
  const [command, prefix] = program === 'aws' ? [awsV2!, []] : [process.execPath, [IDC_BIN]]
  const result = spawnSync(command, [...prefix, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: dir },
    encoding: 'utf8',
  })
  // The AWS CLI and idc name themselves in the message; the rest must match.
  return { status: result.status, stderr: result.stderr.replaceAll(`${program}: [ERROR]`, 'CLI: [ERROR]') }
}

const CASES = [
  ['a config file that is not UTF-8', { config: LATIN1_CONFIG }, 'config'],
  ['a credentials file that is not UTF-8', { credentials: LATIN1_CREDENTIALS }, 'credentials'],
  ['a config file that does not parse', { config: UNPARSABLE_CONFIG }, 'config'],
] as const

const COMMANDS = [
  ['configure', 'set', 'region', 'eu-west-1'],
  ['configure', 'set', 'aws_access_key_id', 'AKIDOTHER'],
  ['configure', 'get', 'region'],
  ['configure', 'export-credentials'],
]

describe.skipIf(!awsV2)('shared files that cannot be round-tripped', () => {
  it.each(CASES)('%s is refused as AWS CLI v2 refuses it, and left untouched', (name, files, which) => {
    const slug = name.replace(/\W+/g, '-')
    const original = (files as { config?: Buffer; credentials?: Buffer })[which]!
    for (const args of COMMANDS) {
      const awsHome = home(`${slug}-aws-${args.join('-')}`, files)
      const idcHome = home(`${slug}-idc-${args.join('-')}`, files)
      const aws = run('aws', awsHome, args)
      const idc = run('idc', idcHome, args)
      expect(aws.stderr).toContain(`Unable to parse config file: ${join(awsHome, '.aws', which)}`)
      expect({ args, status: idc.status }).toEqual({ args, status: aws.status })
      // idc adds the line for a parse error; the AWS CLI's text must be there as it is.
      const awsLine = aws.stderr.trim().replace(awsHome, '<HOME>')
      expect(idc.stderr.trim().replace(idcHome, '<HOME>')).toContain(awsLine)
      expect(readFileSync(join(idcHome, '.aws', which)).equals(original)).toBe(true)
    }
  })

  it('a directory where the config file should be reads as no file and fails a write naming the file, as in AWS CLI v2', () => {
    for (const args of COMMANDS) {
      const awsHome = home(`directory-aws-${args.join('-')}`, {})
      const idcHome = home(`directory-idc-${args.join('-')}`, {})
      mkdirSync(join(awsHome, '.aws', 'config'))
      mkdirSync(join(idcHome, '.aws', 'config'))
      const aws = run('aws', awsHome, args)
      const idc = run('idc', idcHome, args)
      expect({ args, status: idc.status }).toEqual({ args, status: aws.status })
      if (args[1] === 'set' && args[2] === 'region') {
        // The AWS CLI prints Python's "[Errno 21] Is a directory: '<path>'"; idc names the file in words.
        expect(aws.stderr).toContain(join(awsHome, '.aws', 'config'))
        expect(idc.stderr).toContain(`Unable to write file ${join(idcHome, '.aws', 'config')}: it is a directory`)
      }
    }
  })
})
