import { describe, expect, it } from 'vitest'
import {
  expandHome,
  getCliCacheDir,
  getConfigFilePath,
  getCredentialsFilePath,
  getHomeDir,
  getSsoCacheDir,
} from './file-paths.js'
import { resolveProfileName } from './profile.js'
import { envWith, readVector, splitOf } from './testdata/vectors.js'

interface LocationCase {
  name: string
  environment: Record<string, string>
  platform: 'linux' | 'windows'
  profile?: string
  configLocation: string
  credentialsLocation: string
}

const suite = readVector<{ tests: LocationCase[] }>('profile-file-location/file-location-tests.json')
const cases = suite.tests.map((test, index) => ({ ...test, index, split: splitOf('profile-file-location', index) }))

describe.each(['public', 'holdout'] as const)('profile-file-location vectors (%s half)', (half) => {
  it.each(cases.filter((c) => c.split === half).map((c) => [`#${c.index} ${c.name} (${c.platform})`, c] as const))(
    '%s',
    (_label, test) => {
      const env = envWith(test.environment, { platform: test.platform === 'windows' ? 'win32' : 'linux' })
      expect(getConfigFilePath(env)).toBe(test.configLocation)
      expect(getCredentialsFilePath(env)).toBe(test.credentialsLocation)
      if (test.profile !== undefined) expect(resolveProfileName(env)).toBe(test.profile)
    },
  )
})

describe('getHomeDir', () => {
  it.each([
    ['HOME first', { HOME: '/h', USERPROFILE: '/u' }, '/h'],
    ['USERPROFILE when HOME is empty', { HOME: '', USERPROFILE: '/u' }, '/u'],
    ['HOMEDRIVE plus HOMEPATH next', { HOMEDRIVE: 'D:', HOMEPATH: '\\me' }, 'D:\\me'],
    ['the operating system last', {}, '/os-home'],
  ])('uses %s', (_name, vars, expected) => {
    expect(getHomeDir(envWith(vars))).toBe(expected)
  })
})

describe('expandHome', () => {
  const env = envWith({ HOME: '/home/me/' })
  it.each([
    ['~', '/home/me/'],
    ['~/.aws/config', '/home/me/.aws/config'],
    ['/abs/~/x', '/abs/~/x'],
    ['~other/x', '~other/x'],
    ['relative/path', 'relative/path'],
  ])('expands %j to %j', (input, expected) => {
    expect(expandHome(env, input)).toBe(expected)
  })

  it('expands ~\\ on Windows', () => {
    expect(expandHome(envWith({ HOME: 'C:\\Users\\me' }, { platform: 'win32' }), '~\\cfg')).toBe('C:\\Users\\me\\cfg')
  })

  it('expands AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', () => {
    const vars = { HOME: '/home/me', AWS_CONFIG_FILE: '~/alt/config', AWS_SHARED_CREDENTIALS_FILE: '~/alt/creds' }
    expect(getConfigFilePath(envWith(vars))).toBe('/home/me/alt/config')
    expect(getCredentialsFilePath(envWith(vars))).toBe('/home/me/alt/creds')
  })
})

describe('cache directories', () => {
  it('live under ~/.aws without a double slash when HOME ends with one', () => {
    const env = envWith({ HOME: '/home/me/' })
    expect(getSsoCacheDir(env)).toBe('/home/me/.aws/sso/cache')
    expect(getCliCacheDir(env)).toBe('/home/me/.aws/cli/cache')
  })
})
