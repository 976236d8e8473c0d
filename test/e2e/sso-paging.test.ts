// Paging end to end: the built idc and the real AWS CLI v2 list the accounts of a real
// `idc server --generate-org 25` page by page. They print the same bytes, and each one's NextToken
// continues in the other, since both write botocore's token. idc also pages with the cached token
// of a profile, where the CLI needs --access-token. (Every paging case is compared byte for byte
// with the CLI's captured output in src/cli/commands/sso/paging-golden.test.ts.)
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GENERATED_ORG_USER } from '../../src/server/domain/generated-org.js'
import { approveOverHttp } from '../helpers/http-sign-in.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { IDC_BIN, findAwsV2, requireTool } from '../helpers/tools.js'
import { clientEnv, deviceLogin, writeTokenCache, type DeviceLogin } from './credentials-login.js'

const run = promisify(execFile)
const awsPath = requireTool(findAwsV2())

describe('sso list-accounts pages against idc server', () => {
  let server: ServerProcess
  let home: string
  let login: DeviceLogin

  beforeAll(async () => {
    server = await startServerProcess({ demo: false, args: ['--generate-org', '25'] })
    home = mkdtempSync(join(tmpdir(), 'idc-e2e-paging-'))
    const user = { username: GENERATED_ORG_USER.userName, password: GENERATED_ORG_USER.password }
    login = await deviceLogin(server, user, approveOverHttp)
    mkdirSync(join(home, '.aws'), { recursive: true, mode: 0o700 })
    writeFileSync(
      join(home, '.aws', 'config'),
      `[profile dev]\nsso_session = gen\n[sso-session gen]\nsso_start_url = ${server.startUrl}\nsso_region = ${server.region}\n`,
    )
    writeTokenCache(home, 'gen', server, login, Date.now() + 3600_000)
  })

  afterAll(async () => {
    await server?.stop()
    if (home) rmSync(home, { recursive: true, force: true })
  })

  /** Runs a CLI's `sso` command and returns its stdout (it must succeed). */
  async function sso(program: string[], args: string[]): Promise<string> {
    const [command, ...rest] = program
    const { stdout } = await run(command as string, [...rest, 'sso', ...args], {
      env: { ...clientEnv(server, home), AWS_REGION: server.region },
    })
    return stdout
  }
  const idc = [process.execPath, IDC_BIN]
  const accountIds = (json: string) =>
    (JSON.parse(json) as { accountList: { accountId: string }[] }).accountList.map((a) => a.accountId)

  it('idc with the cached token of a profile lists the first page and continues from its NextToken', async () => {
    const first = JSON.parse(
      await sso(idc, ['list-accounts', '--profile', 'dev', '--max-items', '3', '--page-size', '2']),
    )
    expect(first.accountList.map((a: { accountId: string }) => a.accountId)).toEqual([
      '200000000001',
      '200000000002',
      '200000000003',
    ])
    const rest = await sso(idc, ['list-accounts', '--profile', 'dev', '--starting-token', first.NextToken])
    expect(accountIds(rest)).toEqual(Array.from({ length: 22 }, (_, i) => String(200_000_000_004 + i)))
  })

  it.skipIf(!awsPath)('prints what the AWS CLI v2 prints, and the two continue from each other', async () => {
    const aws = [awsPath!]
    const token = ['--access-token', login.accessToken]
    const firstPage = ['list-accounts', ...token, '--max-items', '3', '--page-size', '2']
    const fromAws = await sso(aws, firstPage)
    expect(await sso(idc, firstPage)).toBe(fromAws)
    for (const output of ['text', 'table']) {
      expect(await sso(idc, [...firstPage, '--output', output])).toBe(
        await sso(aws, [...firstPage, '--output', output]),
      )
    }
    // The AWS CLI's token in idc, and idc's token in the AWS CLI.
    const next = ['list-accounts', ...token, '--max-items', '4', '--starting-token', JSON.parse(fromAws).NextToken]
    const fromIdc = await sso(idc, next)
    expect(fromIdc).toBe(await sso(aws, next))
    const last = ['list-accounts', ...token, '--starting-token', JSON.parse(fromIdc).NextToken]
    expect(await sso(aws, last)).toBe(await sso(idc, last))
    expect(accountIds(await sso(aws, last))[0]).toBe('200000000008')
  })
})
