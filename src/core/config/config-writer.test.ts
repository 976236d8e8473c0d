import { chmod, lstat, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError } from '../errors.js'
import {
  editSharedConfigText,
  profileSectionName,
  updateSharedConfigFile,
  type SectionUpdate,
} from './config-writer.js'
import { parseSharedConfigFile, type SharedConfig } from './parse-config-file.js'
import { createRandom, envWith } from './testdata/vectors.js'

function edit(text: string, section: string, change: Omit<SectionUpdate, 'file' | 'section'>): string {
  return editSharedConfigText(text, [{ file: 'f', section, ...change }])
}

describe('editSharedConfigText', () => {
  const original = [
    '# my settings',
    '[default]',
    'region=us-east-1   # where I work',
    '',
    '; old stuff',
    '[profile dev]   ',
    'output   =   json',
    'sso_session = corp',
    '',
    '# trailing comment of dev',
    '',
    '[plugins]',
    'cli_legacy_plugin_path = /x',
    '[sso-session corp]',
    'sso_region = us-east-1',
    '',
  ].join('\n')

  it('replaces an existing key in place and keeps every other byte', () => {
    const result = edit(original, 'default', { set: { region: 'eu-west-1' } })
    expect(result).toBe(original.replace('region=us-east-1   # where I work', 'region = eu-west-1'))
  })

  it('leaves a line alone when it already holds the value', () => {
    expect(edit(original, 'default', { set: { region: 'us-east-1' } })).toBe(original)
  })

  it('inserts a missing key after the last key line of the section, before its trailing comments', () => {
    const result = edit(original, 'profile dev', { set: { sso_role_name: 'Admin', sso_account_id: '111122223333' } })
    expect(result).toBe(
      original.replace(
        'sso_session = corp\n',
        'sso_session = corp\nsso_role_name = Admin\nsso_account_id = 111122223333\n',
      ),
    )
  })

  it('appends a missing section at the end with no blank line before it', () => {
    expect(edit(original, 'profile new', { set: { region: 'x' } })).toBe(`${original}[profile new]\nregion = x\n`)
    expect(edit('[default]\nregion = a', 'profile new', { set: { region: 'x' } })).toBe(
      '[default]\nregion = a\n[profile new]\nregion = x\n',
    )
  })

  it('creates the content of a new file', () => {
    expect(
      edit('', 'sso-session corp', {
        set: { sso_start_url: 'https://d-1.awsapps.com/start', sso_region: 'us-east-1' },
      }),
    ).toBe('[sso-session corp]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = us-east-1\n')
  })

  it('keeps CRLF line endings and uses them for new lines', () => {
    const crlf = '[default]\r\nregion = a\r\n\r\n[profile b]\r\noutput = json'
    expect(edit(crlf, 'default', { set: { region: 'z', output: 'text' } })).toBe(
      '[default]\r\nregion = z\r\noutput = text\r\n\r\n[profile b]\r\noutput = json',
    )
    expect(edit(crlf, 'profile c', { set: { region: 'y' } })).toBe(`${crlf}\r\n[profile c]\r\nregion = y\r\n`)
  })

  it('finds sections whatever the spacing inside the brackets and a trailing comment', () => {
    expect(edit('[  profile   dev ] ; mine\nregion = a\n', 'profile dev', { set: { region: 'b' } })).toBe(
      '[  profile   dev ] ; mine\nregion = b\n',
    )
  })

  it('matches quoted and unquoted spellings of a name with spaces', () => {
    const section = profileSectionName('my team', 'config')
    expect(section).toBe("profile 'my team'")
    expect(edit('[profile "my team"]\nregion = a\n', section, { set: { region: 'b' } })).toBe(
      '[profile "my team"]\nregion = b\n',
    )
    expect(edit("[profile 'my team']\nregion = a\n", section, { set: { region: 'b' } })).toBe(
      "[profile 'my team']\nregion = b\n",
    )
    expect(edit('', section, { set: { region: 'b' } })).toBe("[profile 'my team']\nregion = b\n")
  })

  it('ignores section headers inside comments', () => {
    expect(edit('# [profile dev]\n[default]\n', 'profile dev', { set: { a: 'b' } })).toBe(
      '# [profile dev]\n[default]\n[profile dev]\na = b\n',
    )
  })

  it('matches keys without regard to case, as the parser does', () => {
    expect(edit('[default]\nRegion = a\n', 'default', { set: { region: 'b' } })).toBe('[default]\nregion = b\n')
  })

  it('removes unset keys with their continuation and sub-property lines', () => {
    const text =
      '[default]\ns3 =\n  max_concurrency = 10\n\n  use_accelerate_endpoint = true\nregion = a\nnote = one\n  two\n# end\n'
    expect(edit(text, 'default', { unset: ['s3', 'note'] })).toBe('[default]\nregion = a\n# end\n')
    expect(edit(text, 'profile missing', { unset: ['region'] })).toBe(text)
  })

  it('replaces a multi-line value whole', () => {
    expect(edit('[default]\nnote = one\n  two\nregion = a\n', 'default', { set: { note: 'single' } })).toBe(
      '[default]\nnote = single\nregion = a\n',
    )
  })

  it('writes and merges sub-properties', () => {
    expect(
      edit('[services local]\n', 'services local', { set: { sso_oidc: { endpoint_url: 'http://127.0.0.1:1' } } }),
    ).toBe('[services local]\nsso_oidc =\n    endpoint_url = http://127.0.0.1:1\n')
    const text =
      '[default]\ns3 =\n  max_concurrency = 10\n#use_accelerate_endpoint = false\n  addressing_style = path\nregion = a\n'
    expect(edit(text, 'default', { set: { s3: { max_concurrency: '20', use_accelerate_endpoint: 'true' } } })).toBe(
      '[default]\ns3 =\n  max_concurrency = 20\n#use_accelerate_endpoint = false\n  addressing_style = path\n  use_accelerate_endpoint = true\nregion = a\n',
    )
  })

  it('edits [profile default] when present, since it hides [default]', () => {
    const text = '[default]\nregion = a\n[profile default]\noutput = json\n'
    expect(edit(text, 'default', { set: { region: 'b' } })).toBe(
      '[default]\nregion = a\n[profile default]\noutput = json\nregion = b\n',
    )
    expect(edit('[default]\nregion = a\n', 'profile default', { set: { region: 'b' } })).toBe('[default]\nregion = b\n')
  })

  it('edits [default] in the credentials file, where [profile default] means nothing', () => {
    const text = '[profile default]\nx = 1\n[default]\naws_access_key_id = a\n'
    expect(edit(text, 'default', { set: { aws_access_key_id: 'b' }, kind: 'credentials' })).toBe(
      '[profile default]\nx = 1\n[default]\naws_access_key_id = b\n',
    )
  })

  it('rewrites every copy of a duplicated key so the value read back is the new one', () => {
    const text = '[profile a]\nregion = 1\n[profile b]\n[profile a]\nregion = 2\n'
    const result = edit(text, 'profile a', { set: { region: '3', output: 'json' } })
    expect(result).toBe('[profile a]\nregion = 3\n[profile b]\n[profile a]\nregion = 3\noutput = json\n')
    expect(parseSharedConfigFile(result, { kind: 'config' }).profiles.a).toEqual({ region: '3', output: 'json' })
  })

  it.each([
    ['a value with a line feed', { set: { region: 'a\nb' } }],
    ['a value with a carriage return', { set: { region: 'a\rb' } }],
    ['a sub-property value with a line feed', { set: { s3: { x: 'a\nb' } } }],
    ['a key with a space', { set: { 'a b': 'c' } }],
    ['a key with an equals sign', { set: { 'a=b': 'c' } }],
    ['an empty key', { unset: [''] }],
  ])('rejects %s', (_name, change) => {
    expect(() => edit('', 'default', change)).toThrow(ConfigError)
  })

  it.each(['', 'a\nb', 'profile x]'])('rejects the section name %j', (section) => {
    expect(() => edit('', section, { set: { a: 'b' } })).toThrow(ConfigError)
  })

  it('produces files that read back with the values set', () => {
    let text = original
    for (let i = 0; i < 30; i++) {
      const section = i % 3 === 0 ? 'default' : i % 3 === 1 ? `profile p${i % 4}` : 'sso-session corp'
      text = edit(text, section, { set: { [`k${i % 5}`]: `v${i}` }, unset: i % 7 === 0 ? ['k1'] : [] })
    }
    const parsed = parseSharedConfigFile(text, { kind: 'config' })
    expect(parsed.profiles.default?.k4).toBe('v24')
    expect(parsed.ssoSessions.corp?.k4).toBe('v29')
    expect(text.startsWith('# my settings\n[default]\n')).toBe(true)
  })
})

describe('editSharedConfigText on generated files', () => {
  const headers = ['[default]', '[profile a]', '[ profile  b ] # b', '[profile "c d"]', '[sso-session s]']
  const bodies = [
    'k1 = v',
    'K2=v2',
    'k3 = v # c',
    '# comment',
    '',
    '   ',
    's3 =\n  x = 1\n\n  y = 2',
    'note = x\n  more',
    'k1 = again',
  ]
  const targets = [
    { section: 'default', read: (c: SharedConfig) => c.profiles.default },
    { section: 'profile a', read: (c: SharedConfig) => c.profiles.a },
    { section: 'profile b', read: (c: SharedConfig) => c.profiles.b },
    { section: 'sso-session s', read: (c: SharedConfig) => c.ssoSessions.s },
  ]
  const random = createRandom(7)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!

  it('sets and unsets exactly the keys asked for, in files of every shape', () => {
    for (let round = 0; round < 300; round++) {
      const eol = pick(['\n', '\r\n'])
      const parts: string[] = [pick(['', '# top'])]
      for (let i = pick([0, 1, 2, 3, 4]); i >= 0; i--) {
        parts.push(pick(headers))
        for (let j = pick([0, 1, 2, 3]); j > 0; j--) parts.push(pick(bodies))
      }
      const text = parts.join('\n').replaceAll('\n', eol) + pick(['', eol])
      const before = parseSharedConfigFile(text, { kind: 'config' })
      const target = pick(targets)
      const other = pick(targets.filter((t) => t !== target))
      const set = { [pick(['k1', 'k2', 'k9'])]: `new${round}` }
      const unset = [pick(['k3', 'note', 's3', 'missing'])].filter((k) => !(k in set))
      const after = parseSharedConfigFile(
        editSharedConfigText(text, [{ file: 'f', section: target.section, set, unset }]),
        { kind: 'config' },
      )
      const expected = { ...target.read(before) }
      for (const key of unset) delete expected[key]
      Object.assign(expected, set)
      expect(target.read(after)).toEqual(expected)
      expect(other.read(after)).toEqual(other.read(before))
    }
  })
})

describe('profileSectionName', () => {
  it.each([
    ['default', 'config', 'default'],
    ['dev', 'config', 'profile dev'],
    ['dev', 'credentials', 'dev'],
    ["it's mine", 'config', `profile 'it'"'"'s mine'`],
    ['my team', 'credentials', 'my team'],
  ] as const)('names %j in the %s file %j', (profile, kind, expected) => {
    expect(profileSectionName(profile, kind)).toBe(expected)
  })
})

describe('updateSharedConfigFile', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'idc-writer-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('creates a missing file 0600 in a 0700 directory', async () => {
    const file = join(dir, 'home', '.aws', 'config')
    await updateSharedConfigFile(envWith({ HOME: join(dir, 'home') }), {
      file: '~/.aws/config',
      section: 'profile dev',
      set: { region: 'r' },
    })
    expect(await readFile(file, 'utf8')).toBe('[profile dev]\nregion = r\n')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect((await stat(join(dir, 'home', '.aws'))).mode & 0o777).toBe(0o700)
  })

  it('keeps the mode of an existing file and applies several sections in one write', async () => {
    const file = join(dir, 'config')
    await writeFile(file, '[default]\nregion = a\n')
    await chmod(file, 0o640)
    await updateSharedConfigFile(envWith({}), [
      { file, section: 'default', set: { region: 'b' } },
      { file, section: 'sso-session corp', set: { sso_region: 'us-east-1' } },
    ])
    expect(await readFile(file, 'utf8')).toBe('[default]\nregion = b\n[sso-session corp]\nsso_region = us-east-1\n')
    expect((await stat(file)).mode & 0o777).toBe(0o640)
  })

  it('writes through a symlinked file and keeps the link', async () => {
    const target = join(dir, 'dotfiles-config')
    const link = join(dir, 'config')
    await writeFile(target, '[default]\nregion = a\n')
    await symlink(target, link)
    await updateSharedConfigFile(envWith({}), { file: link, section: 'default', set: { region: 'b' } })
    expect((await lstat(link)).isSymbolicLink()).toBe(true)
    expect(await readFile(target, 'utf8')).toBe('[default]\nregion = b\n')
  })

  it('does not rewrite a file the update leaves as it is', async () => {
    const file = join(dir, 'config')
    await writeFile(file, '[default]\nregion=a # mine\n')
    const before = await stat(file)
    await updateSharedConfigFile(envWith({}), { file, section: 'default', set: { region: 'a' }, unset: ['output'] })
    expect((await stat(file)).ino).toBe(before.ino)
    expect(await readFile(file, 'utf8')).toBe('[default]\nregion=a # mine\n')
  })

  it('does not create a file for an unset that changes nothing', async () => {
    const file = join(dir, 'credentials')
    await updateSharedConfigFile(envWith({}), { file, section: 'dev', unset: ['aws_access_key_id'] })
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('refuses updates aimed at different files before touching either', async () => {
    await expect(
      updateSharedConfigFile(envWith({}), [
        { file: join(dir, 'a'), section: 'default', set: { x: '1' } },
        { file: join(dir, 'b'), section: 'default', set: { x: '1' } },
      ]),
    ).rejects.toThrow('All updates must target the same file')
    await expect(stat(join(dir, 'a'))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe('editSharedConfigText and a byte-order mark', () => {
  it('edits the first section of a file that starts with a byte-order mark (found by fuzzing)', () => {
    const text = '\ufeff[profile default]\nregion = a\n[default]\nregion = b\n'
    // [profile default] hides [default], so it is the section to edit, BOM or not.
    expect(edit(text, 'default', { set: { region: 'c' } })).toBe(
      '\ufeff[profile default]\nregion = c\n[default]\nregion = b\n',
    )
  })
})
