import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  BOTOCORE_DIVERGENCES,
  detectBotocoreDivergences,
  detectBotocoreDivergencesInSharedFiles,
  type BotocoreDivergenceId,
} from './divergences.js'
import { envWith, readVector } from './testdata/vectors.js'

interface DivergenceCase {
  index: number
  name: string
  verdict: 'agree' | 'differs' | 'not-compared'
}

const suite = readVector<{ tests: { input: { configFile?: string }; output: object }[] }>(
  'profile-parser/profile-parser-tests.json',
)
const divergence = readVector<{ cases: DivergenceCase[] }>('profile-parser/botocore-divergence.json')

function divergenceFor(index: number) {
  return BOTOCORE_DIVERGENCES.find((d) => d.suiteCases.includes(index))
}

describe('BOTOCORE_DIVERGENCES', () => {
  it('accounts for every suite case botocore reads differently, and for no other', () => {
    const differs = divergence.cases.filter((c) => c.verdict === 'differs').map((c) => c.index)
    const listed = BOTOCORE_DIVERGENCES.flatMap((d) => d.suiteCases).sort((a, b) => a - b)
    expect(listed).toEqual(differs)
  })

  it('has unique ids', () => {
    expect(new Set(BOTOCORE_DIVERGENCES.map((d) => d.id)).size).toBe(BOTOCORE_DIVERGENCES.length)
  })
})

describe('detectBotocoreDivergences', () => {
  // Cases botocore and the SDKs both reject say nothing about divergences; leave them out.
  const compared = divergence.cases.filter(
    (c) => c.verdict === 'differs' || (c.verdict === 'agree' && !('errorContaining' in suite.tests[c.index]!.output)),
  )

  it.each(compared.map((c) => [`#${c.index} ${c.name} (${c.verdict})`, c] as const))(
    'flags %s as expected',
    (_label, c) => {
      const findings = detectBotocoreDivergences(suite.tests[c.index]!.input.configFile ?? '', { kind: 'config' })
      const expected = divergenceFor(c.index)
      if (c.verdict === 'differs' && expected?.idcFollows === 'sdk') {
        expect(findings.map((f) => f.id)).toContain(expected.id)
      } else {
        expect(findings).toEqual([])
      }
    },
  )

  it.each<[string, string, BotocoreDivergenceId[]]>([
    ['an indented comment', '[default]\nregion = a\n  # note\n', ['indented-comment']],
    ['a quoted profile name', '[profile "my team"]\nregion = a\n', ['invalid-section-name']],
    ['[default] after [profile default]', '[profile default]\na = 1\n[default]\nb = 2\n', ['default-precedence']],
    [
      'a clean SSO config',
      '[default]\nregion = us-east-1\n[profile dev]\nsso_session = corp\n[sso-session corp]\nsso_start_url = https://d-1.awsapps.com/start\n',
      [],
    ],
  ])('reports %s', (_name, text, ids) => {
    expect(detectBotocoreDivergences(text, { kind: 'config' }).map((f) => f.id)).toEqual(ids)
  })

  it('reports line numbers and text, also in CRLF files', () => {
    expect(detectBotocoreDivergences('[default]\r\nregion = a ; b\r\n', { kind: 'config' })).toEqual([
      { id: 'inline-comment', line: 2, text: 'region = a ; b' },
    ])
  })

  it('flags credentials profiles that botocore uses but the SDKs ignore', () => {
    expect(
      detectBotocoreDivergences('[foo!bar]\naws_access_key_id = x\n[ok]\n', { kind: 'credentials' }).map((f) => f.id),
    ).toEqual(['invalid-section-name'])
  })

  it('never throws on malformed files', () => {
    for (const text of ['[', '[profile', ' = ', '\n\n  =\n[a]\n  =', ']]]', '=']) {
      expect(() => detectBotocoreDivergences(text, { kind: 'config' })).not.toThrow()
    }
  })
})

describe('detectBotocoreDivergencesInSharedFiles', () => {
  it('checks the config and credentials files under HOME and skips missing ones', async () => {
    const home = await mkdtemp(join(tmpdir(), 'idc-divergence-'))
    try {
      await mkdir(join(home, '.aws'))
      await writeFile(join(home, '.aws', 'config'), '[default]\nregion = us-east-1 # home\n')
      const results = await detectBotocoreDivergencesInSharedFiles(envWith({ HOME: home }))
      expect(results).toEqual([
        {
          file: join(home, '.aws', 'config'),
          kind: 'config',
          findings: [{ id: 'inline-comment', line: 2, text: 'region = us-east-1 # home' }],
        },
      ])
    } finally {
      await rm(home, { recursive: true, force: true })
    }
  })
})
