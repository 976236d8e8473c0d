/**
 * Where the AWS CLI (botocore's `configloader`, built on Python's `configparser`) reads a shared
 * file differently from the cross-SDK rules that idc follows. The list comes from running
 * botocore on the SDK test suite (`test/vectors/profile-parser/botocore-divergence.json`).
 * idc keeps the SDK behaviour on purpose, so the same file means the same thing to idc, the
 * JavaScript, Java, Rust and Go SDKs; {@link detectBotocoreDivergences} lets `idc doctor`
 * (`src/core/doctor/file-checks.ts`) point at the lines where `aws` would see something else.
 *
 * @module
 */
import type { Env } from '../env.js'
import { expandHome, getConfigFilePath, getCredentialsFilePath } from './file-paths.js'
import { readSharedFileText } from './read-shared-file.js'
import {
  classifySection,
  isIdentifier,
  stripComment,
  trimWhitespace,
  type ConfigFileKind,
} from './parse-config-file.js'

/** The constructs botocore reads differently. */
export type BotocoreDivergenceId =
  | 'inline-comment'
  | 'colon-separator'
  | 'invalid-section-name'
  | 'invalid-property-name'
  | 'duplicate-section'
  | 'duplicate-key'
  | 'default-precedence'
  | 'empty-sub-property-name'
  | 'leading-whitespace-in-brackets'
  | 'indented-comment'
  | 'sub-property-shape'

/** One construct read differently by botocore and the SDKs. */
export interface BotocoreDivergence {
  id: BotocoreDivergenceId
  /** What the construct looks like. */
  construct: string
  /** What the SDKs (and idc) do with it. */
  sdk: string
  /** What botocore (the AWS CLI) does with it. */
  botocore: string
  /** Whose reading idc follows. */
  idcFollows: 'sdk' | 'botocore'
  /** Indexes of the profile-parser suite cases that show it. */
  suiteCases: readonly number[]
}

/** Every construct where botocore and the SDK rules disagree; the single list idc keeps. */
export const BOTOCORE_DIVERGENCES: readonly BotocoreDivergence[] = [
  {
    id: 'inline-comment',
    construct: 'a `#` or `;` after whitespace in a value: `region = us-east-1 # note`',
    sdk: 'the comment is cut off',
    botocore: 'the comment is part of the value',
    idcFollows: 'sdk',
    suiteCases: [20, 21, 22, 23],
  },
  {
    id: 'colon-separator',
    construct: 'a `:` before the first `=` on a property line: `region: us-east-1`',
    sdk: 'the line splits at `=` only (no `=` is a parse error)',
    botocore: 'the line splits at the first `:` or `=`',
    idcFollows: 'sdk',
    suiteCases: [16],
  },
  {
    id: 'invalid-section-name',
    construct: 'a profile or section name outside `[A-Za-z0-9_-/.%@:+]`, e.g. `[profile foo!bar]` or a quoted name',
    sdk: 'the section is ignored',
    botocore: 'the section is used (quotes removed)',
    idcFollows: 'sdk',
    suiteCases: [2],
  },
  {
    id: 'invalid-property-name',
    construct: 'a property name outside `[A-Za-z0-9_-/.%@:+]`, e.g. `in valid = x`',
    sdk: 'the property is ignored',
    botocore: 'the property is kept',
    idcFollows: 'sdk',
    suiteCases: [41],
  },
  {
    id: 'duplicate-section',
    construct: 'the same section header twice in one file',
    sdk: 'the sections merge, later keys winning',
    botocore: 'the whole file fails to parse',
    idcFollows: 'sdk',
    suiteCases: [34, 36, 37, 51],
  },
  {
    id: 'duplicate-key',
    construct: 'the same key twice in one section (names compare case-insensitively)',
    sdk: 'the last value wins',
    botocore: 'the whole file fails to parse',
    idcFollows: 'sdk',
    suiteCases: [35],
  },
  {
    id: 'default-precedence',
    construct: '`[default]` written after `[profile default]`',
    sdk: '`[profile default]` is used and `[default]` ignored',
    botocore: 'the later section replaces the earlier one',
    idcFollows: 'sdk',
    suiteCases: [38],
  },
  {
    id: 'empty-sub-property-name',
    construct: 'an indented sub-property line without a name: `  = value`',
    sdk: 'a parse error',
    botocore: 'a sub-property with an empty name',
    idcFollows: 'sdk',
    suiteCases: [47],
  },
  {
    id: 'leading-whitespace-in-brackets',
    construct: 'whitespace after the opening bracket: `[ profile foo ]`',
    sdk: 'the whitespace is trimmed and the section used',
    botocore: 'the section is ignored',
    idcFollows: 'sdk',
    suiteCases: [59],
  },
  {
    id: 'indented-comment',
    construct: 'an indented line starting with `#` or `;`',
    sdk: 'a continuation line (part of the previous value, or a parse error)',
    botocore: 'a comment',
    idcFollows: 'sdk',
    suiteCases: [],
  },
  {
    id: 'sub-property-shape',
    construct: 'a property with indented sub-properties: `s3 =` then `  max_concurrency = 10`',
    sdk: 'the raw text `"\\nmax_concurrency = 10"` (the suite\'s representation)',
    botocore: 'a nested map',
    idcFollows: 'botocore',
    suiteCases: [44, 46, 48, 49],
  },
]

/** A place in a file where botocore would read something other than idc does. */
export interface BotocoreDivergenceFinding {
  id: BotocoreDivergenceId
  /** 1-based line number. */
  line: number
  /** The line as written (without its line break). */
  text: string
}

/** Options for {@link detectBotocoreDivergences}. */
export interface DetectBotocoreDivergencesOptions {
  /** Which file the text is. */
  kind: ConfigFileKind
}

/**
 * Lists the lines of a config or credentials file that botocore reads differently from idc
 * (constructs where idc already follows botocore are not reported). Never throws, even on
 * files that do not parse.
 */
export function detectBotocoreDivergences(
  text: string,
  options: DetectBotocoreDivergencesOptions,
): BotocoreDivergenceFinding[] {
  const findings: BotocoreDivergenceFinding[] = []
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
  const seenSections = new Set<string>()
  let keys: Set<string> | undefined
  let subProperties = false
  let lastDefault: { prefixed: boolean } | undefined
  let sawPrefixedDefault = false
  let bareDefaultAfterPrefixed: number | undefined
  lines.forEach((text, index) => {
    const line = index + 1
    const report = (id: BotocoreDivergenceId): void => {
      findings.push({ id, line, text })
    }
    const trimmed = trimWhitespace(text)
    if (trimmed === '') return
    const first = text.charCodeAt(0)
    if (first === 35 || first === 59) return
    if (first === 32 || first === 9) {
      if (trimmed.startsWith('#') || trimmed.startsWith(';')) report('indented-comment')
      else if (subProperties && keys !== undefined && trimmed.startsWith('=')) report('empty-sub-property-name')
      return
    }
    if (first === 91) {
      const inner = stripComment(text, false)
      keys = undefined
      subProperties = false
      if (!inner.endsWith(']')) return
      keys = new Set()
      const header = inner.slice(1, -1)
      const classified = classifySection(header, options.kind)
      if (classified !== undefined && (header.startsWith(' ') || header.startsWith('\t')))
        report('leading-whitespace-in-brackets')
      if (isKeptByBotocoreOnly(header, options.kind)) report('invalid-section-name')
      if (seenSections.has(header)) report('duplicate-section')
      seenSections.add(header)
      if (options.kind === 'config' && classified?.target === 'profiles' && classified.name === 'default') {
        lastDefault = { prefixed: classified.prefixed }
        if (classified.prefixed) sawPrefixedDefault = true
        else if (sawPrefixedDefault) bareDefaultAfterPrefixed = line
      }
      return
    }
    if (keys === undefined) return
    const colon = trimmed.indexOf(':')
    const equals = trimmed.indexOf('=')
    if (colon !== -1 && (equals === -1 || colon < equals)) report('colon-separator')
    const prepared = stripComment(text, true)
    if (prepared !== trimmed) report('inline-comment')
    const split = prepared.indexOf('=')
    if (split === -1) return
    const key = trimWhitespace(prepared.slice(0, split)).toLowerCase()
    subProperties = trimWhitespace(prepared.slice(split + 1)) === ''
    if (key === '') return
    if (!isIdentifier(key)) report('invalid-property-name')
    if (keys.has(key)) report('duplicate-key')
    keys.add(key)
  })
  if (lastDefault !== undefined && !lastDefault.prefixed && bareDefaultAfterPrefixed !== undefined) {
    findings.push({
      id: 'default-precedence',
      line: bareDefaultAfterPrefixed,
      text: lines[bareDefaultAfterPrefixed - 1] ?? '',
    })
    findings.sort((a, b) => a.line - b.line)
  }
  return findings
}

/** True for a section the SDKs ignore for its name but botocore uses (its name splits into exactly two shell words). */
function isKeptByBotocoreOnly(header: string, kind: ConfigFileKind): boolean {
  const trimmed = trimWhitespace(header)
  // botocore looks credentials sections up by their literal name, whatever characters it holds.
  if (kind === 'credentials') return trimmed !== '' && !isIdentifier(trimmed)
  const match = /^(profile|sso-session|services)[ \t]+(.*)$/.exec(trimmed)
  if (match === null) return false
  const name = match[2]!
  if (isIdentifier(name)) return false
  // One shell word: no unquoted whitespace. A fully quoted name such as "my team" counts as one.
  const quoted = /^(['"]).*\1$/.test(name) && !name.slice(1, -1).includes(name[0]!)
  return quoted || !/[ \t]/.test(name)
}

/** The findings for one shared file. */
export interface SharedFileDivergences {
  file: string
  kind: ConfigFileKind
  findings: BotocoreDivergenceFinding[]
}

/**
 * Runs {@link detectBotocoreDivergences} on the config and credentials files (default paths as
 * in `loadSharedConfig`); files that do not exist are skipped.
 */
export async function detectBotocoreDivergencesInSharedFiles(
  env: Env,
  options: { configFile?: string; credentialsFile?: string } = {},
): Promise<SharedFileDivergences[]> {
  const files: [string, ConfigFileKind][] = [
    [options.configFile === undefined ? getConfigFilePath(env) : expandHome(env, options.configFile), 'config'],
    [
      options.credentialsFile === undefined ? getCredentialsFilePath(env) : expandHome(env, options.credentialsFile),
      'credentials',
    ],
  ]
  const results: SharedFileDivergences[] = []
  for (const [file, kind] of files) {
    const text = await readSharedFileText(env, file, kind)
    if (text === undefined) continue
    results.push({ file, kind, findings: detectBotocoreDivergences(text, { kind }) })
  }
  return results
}
