import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigParseError } from '../errors.js'
import { loadSharedConfig, loadSharedConfigWithOrigins } from './load-shared-config.js'
import { createEmptySharedConfig } from './parse-config-file.js'
import { envWith } from './testdata/vectors.js'

let home: string

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'idc-config-'))
  await mkdir(join(home, '.aws'))
})

afterEach(async () => {
  await rm(home, { recursive: true, force: true })
})

describe('loadSharedConfig', () => {
  it('reads both files under HOME and merges credentials over config', async () => {
    await writeFile(
      join(home, '.aws', 'config'),
      '[default]\nregion = us-east-1\naws_access_key_id = from-config\n[sso-session corp]\nsso_region = eu-west-1\n',
    )
    await writeFile(
      join(home, '.aws', 'credentials'),
      '[default]\naws_access_key_id = from-credentials\n[only-creds]\naws_secret_access_key = s\n',
    )
    const config = await loadSharedConfig({ env: envWith({ HOME: home }) })
    expect(config.profiles.default).toEqual({ region: 'us-east-1', aws_access_key_id: 'from-credentials' })
    expect(config.profiles['only-creds']).toEqual({ aws_secret_access_key: 's' })
    expect(config.ssoSessions.corp).toEqual({ sso_region: 'eu-west-1' })
  })

  it('treats missing files as empty', async () => {
    const config = await loadSharedConfig({ env: envWith({ HOME: join(home, 'nowhere') }) })
    expect(config).toEqual({ profiles: {}, ssoSessions: {}, services: {} })
  })

  it('follows explicit paths over the environment', async () => {
    await writeFile(join(home, 'alt'), '[profile x]\nregion = r\n')
    const config = await loadSharedConfig({
      env: envWith({ HOME: home, AWS_CONFIG_FILE: '/nonexistent' }),
      configFile: join(home, 'alt'),
    })
    expect(config.profiles.x).toEqual({ region: 'r' })
  })

  it('follows AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', async () => {
    await writeFile(join(home, 'c1'), '[profile x]\nregion = r\n')
    await writeFile(join(home, 'c2'), '[x]\nregion = s\n')
    const config = await loadSharedConfig({
      env: envWith({ HOME: home, AWS_CONFIG_FILE: join(home, 'c1'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'c2') }),
    })
    expect(config.profiles.x).toEqual({ region: 's' })
  })

  it('raises ConfigParseError naming the credentials file', async () => {
    await writeFile(join(home, '.aws', 'credentials'), '[default]\nno equals here\n')
    await expect(loadSharedConfig({ env: envWith({ HOME: home }) })).rejects.toThrow(
      new ConfigParseError(join(home, '.aws', 'credentials'), 2, "Expected an '=' sign defining a property"),
    )
  })

  it('reads a directory where the config file should be as no file, as the AWS CLI does', async () => {
    await mkdir(join(home, '.aws', 'config'))
    expect(await loadSharedConfig({ env: envWith({ HOME: home }) })).toEqual(createEmptySharedConfig())
  })
})

describe('loadSharedConfigWithOrigins', () => {
  it('reports the paths and which file supplied each profile key', async () => {
    await writeFile(join(home, '.aws', 'config'), '[profile dev]\nregion = us-east-1\naws_access_key_id = a\n')
    await writeFile(join(home, '.aws', 'credentials'), '[dev]\naws_access_key_id = b\n')
    const result = await loadSharedConfigWithOrigins(envWith({ HOME: home }))
    expect(result.configFile).toBe(join(home, '.aws', 'config'))
    expect(result.credentialsFile).toBe(join(home, '.aws', 'credentials'))
    expect(result.profiles.dev).toEqual({ region: 'us-east-1', aws_access_key_id: 'b' })
    expect(result.origins.dev).toEqual({ region: 'config-file', aws_access_key_id: 'credentials-file' })
  })

  it('answers lookups, membership and listings of the merged profiles as a full parse would', async () => {
    await writeFile(
      join(home, '.aws', 'config'),
      '[profile b]\nregion = r1\n[default]\nregion = r0\n[profile a]\nregion = r2\n[sso-session a]\nsso_region = r3\n',
    )
    await writeFile(join(home, '.aws', 'credentials'), '[c]\naws_access_key_id = k\n[a]\naws_access_key_id = k2\n')
    const result = await loadSharedConfigWithOrigins(envWith({ HOME: home }))
    expect('c' in result.profiles).toBe(true)
    expect('nowhere' in result.profiles).toBe(false)
    expect(result.profiles.nowhere).toBeUndefined()
    expect(result.origins.nowhere).toBeUndefined()
    expect(result.profiles.a).toEqual({ region: 'r2', aws_access_key_id: 'k2' })
    expect(result.origins.c).toEqual({ aws_access_key_id: 'credentials-file' })
    expect(Object.keys(result.profiles)).toEqual(['b', 'default', 'a', 'c'])
    expect(Object.keys(result.origins)).toEqual(['b', 'default', 'a', 'c'])
    expect(Object.keys(result.ssoSessions)).toEqual(['a'])
  })
})
