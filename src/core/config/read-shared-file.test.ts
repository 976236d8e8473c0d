import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigParseError, FileError } from '../errors.js'
import { updateSharedConfigFile } from './config-writer.js'
import { loadSharedConfigWithOrigins } from './load-shared-config.js'
import { decodeSharedFile, readSharedFileText } from './read-shared-file.js'
import { envWith } from './testdata/vectors.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idc-read-shared-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function catchError(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  return undefined
}

const LATIN1 = Buffer.from('[default]\nregion = us-east-1\n# caf\xe9\n', 'latin1')

describe('decodeSharedFile', () => {
  it.each([
    ['a Latin-1 byte', Buffer.from([0x5b, 0xe9, 0x5d])],
    ['a truncated sequence', Buffer.from([0x61, 0xe2, 0x82])],
    ['an overlong encoding', Buffer.from([0xc0, 0xaf])],
    ['a UTF-16 surrogate', Buffer.from([0xed, 0xa0, 0x80])],
  ])('refuses %s with the AWS CLI message naming the file', (_name, bytes) => {
    const error = catchError(() => decodeSharedFile(bytes, '/h/.aws/config'))
    expect(error).toBeInstanceOf(ConfigParseError)
    expect((error as Error).message).toBe('Unable to parse config file: /h/.aws/config')
  })

  it('keeps a byte-order mark and any valid UTF-8, so the text writes back byte for byte', () => {
    const bytes = Buffer.from('\ufeff[default]\n# ナイーブ ✓\n', 'utf8')
    expect(Buffer.from(decodeSharedFile(bytes, 'f'), 'utf8').equals(bytes)).toBe(true)
  })
})

describe('readSharedFileText', () => {
  it('reads a missing file, or one under a path that is not a directory, as undefined', async () => {
    await writeFile(join(dir, 'file'), '')
    expect(await readSharedFileText(envWith({}), join(dir, 'missing'), 'config')).toBeUndefined()
    expect(await readSharedFileText(envWith({}), join(dir, 'file', 'config'), 'config')).toBeUndefined()
  })

  it('reads a directory where the file should be as no file, as the AWS CLI does', async () => {
    await mkdir(join(dir, 'config'))
    expect(await readSharedFileText(envWith({}), join(dir, 'config'), 'config')).toBeUndefined()
  })
})

describe('shared files that cannot be round-tripped', () => {
  it.each([
    ['config', LATIN1, 'Unable to parse config file: {file}'],
    ['credentials', Buffer.from('[dev]\naws_access_key_id = \xff\n', 'latin1'), 'Unable to parse config file: {file}'],
    [
      'config',
      Buffer.from('[default\nregion = a\n'),
      "Unable to parse config file: {file}, line 1: Profile definition must end with ']'",
    ],
    [
      'config',
      Buffer.from('region = a\n[default]\n'),
      'Unable to parse config file: {file}, line 1: Expected a profile definition',
    ],
  ] as const)('a %s file (%#) is refused by the writer and left byte for byte', async (kind, bytes, message) => {
    const file = join(dir, kind)
    await writeFile(file, bytes)
    const update = { file, kind, section: kind === 'config' ? 'default' : 'dev', set: { region: 'eu-west-1' } }
    const error = await updateSharedConfigFile(envWith({}), update).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigParseError)
    expect((error as Error).message).toBe(message.replace('{file}', file))
    expect((error as ConfigParseError).kind).toBe('general') // exit 255, as the AWS CLI
    expect((await readFile(file)).equals(bytes)).toBe(true)
  })

  it('is refused by the reader too, naming the credentials file', async () => {
    const credentials = join(dir, 'credentials')
    await writeFile(credentials, Buffer.from('[default]\naws_secret_access_key = \xe9t\xe9\n', 'latin1'))
    const error = await loadSharedConfigWithOrigins(envWith({}), {
      configFile: join(dir, 'config'),
      credentialsFile: credentials,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigParseError)
    expect((error as Error).message).toBe(`Unable to parse config file: ${credentials}`)
  })

  it('names the file when the config file the writer should edit is a directory (exit 255, as the AWS CLI)', async () => {
    await mkdir(join(dir, 'config'))
    const error = await updateSharedConfigFile(envWith({}), {
      file: join(dir, 'config'),
      section: 'default',
      set: { region: 'x' },
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FileError)
    expect(error).toMatchObject({
      message: `Unable to write file ${join(dir, 'config')}: it is a directory`,
      code: 'EISDIR',
      kind: 'general',
    })
  })
})
