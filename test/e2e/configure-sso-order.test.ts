// `configure sso` offers accounts and roles in the AWS CLI's order (2.34.24: accounts with a name
// first, by lower-cased name; roles by lower-cased name), checked side by side with the real AWS
// CLI v2 in tmux. The local Identity Center answers in its own order (accounts by id, roles by
// name in byte order), which differs, so both tools must sort. Both reuse the same cached token of
// an existing sso-session, so no sign-in is needed; each wizard is left with Ctrl-C at the end.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { approveOverHttp } from '../helpers/http-sign-in.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { IDC_BIN, findAwsV2, findTmux, requireTool } from '../helpers/tools.js'
import { deviceLogin, writeTokenCache, type DeviceLogin } from './credentials-login.js'

const tmuxPath = requireTool(findTmux())
const awsPath = requireTool(findAwsV2())

const ACCOUNTS: [string, string][] = [
  ['300000000001', 'zeta'],
  ['300000000002', 'Alpha'],
  ['300000000003', 'beta'],
  ['300000000004', 'Ámbar'],
  ['300000000005', 'Delta'],
]
const ROLES = ['ReadOnly', 'admin', 'Billing', 'Zed']
const PASSWORD = 'Pat-pass-123456'

const ORG = `accounts:
${ACCOUNTS.map(([id, name]) => `  - { id: "${id}", name: "${name}", email: "owner-${id}@example.com" }`).join('\n')}
permissionSets:
${ROLES.map((name) => `  - { name: ${name}, managedPolicies: [ReadOnlyAccess] }`).join('\n')}
users:
  - { userName: pat, email: pat@example.com, givenName: Pat, familyName: Example, displayName: Pat Example, password: ${PASSWORD} }
assignments:
${ACCOUNTS.map(([id]) => `  - { account: "${id}", permissionSet: ReadOnly, user: pat }`).join('\n')}
${ROLES.slice(1)
  .map((name) => `  - { account: "300000000002", permissionSet: ${name}, user: pat }`)
  .join('\n')}
`

describe.skipIf(!tmuxPath || !awsPath)('configure sso lists accounts and roles in the AWS CLI order', () => {
  let server: ServerProcess
  let scratch: string
  let login: DeviceLogin
  const socket = `idc-e2e-order-${process.pid}`
  const tmux = (...args: string[]) => execFileSync(tmuxPath!, ['-L', socket, ...args], { encoding: 'utf8' })

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'idc-e2e-order-'))
    writeFileSync(join(scratch, 'org.yaml'), ORG)
    server = await startServerProcess({ demo: false, args: ['--org', join(scratch, 'org.yaml')] })
    login = await deviceLogin(server, { username: 'pat', password: PASSWORD }, approveOverHttp)
  })

  afterAll(async () => {
    try {
      tmux('kill-server')
    } catch {}
    await server?.stop()
    if (scratch) rmSync(scratch, { recursive: true, force: true })
  })

  /** Runs `configure sso` of one tool in tmux up to the role menu; returns both menus' rows. */
  async function menus(tool: string, program: string[]): Promise<{ accounts: string[]; roles: string[] }> {
    const home = join(scratch, tool)
    mkdirSync(join(home, '.aws'), { recursive: true, mode: 0o700 })
    writeFileSync(
      join(home, '.aws', 'config'),
      `[sso-session s]\nsso_start_url = ${server.startUrl}\nsso_region = ${server.region}\nsso_registration_scopes = sso:account:access\n`,
    )
    writeTokenCache(home, 's', server, login, Date.now() + 3600_000)
    const env = ['env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, `AWS_ENDPOINT_URL=${server.endpoint}`]
    const shell = `${[...env, 'TERM=xterm-256color', ...program].join(' ')} configure sso; sleep 600`
    tmux('new-session', '-d', '-s', tool, '-x', '140', '-y', '50', shell)
    const screen = () => tmux('capture-pane', '-p', '-t', tool)
    async function rowsAfter(heading: RegExp, count: number): Promise<string[]> {
      const deadline = Date.now() + 60_000
      for (;;) {
        const lines = screen().split('\n')
        const at = lines.findIndex((line) => heading.test(line))
        const rows = at < 0 ? [] : lines.slice(at + 1, at + 1 + count).map((line) => line.trimEnd())
        if (rows.length === count && rows.every((row) => row !== '')) return rows
        if (Date.now() > deadline) throw new Error(`${tool}: no menu after ${heading}:\n${screen()}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    async function waitFor(pattern: RegExp): Promise<void> {
      const deadline = Date.now() + 60_000
      while (!pattern.test(screen())) {
        if (Date.now() > deadline) throw new Error(`${tool}: screen never matched ${pattern}:\n${screen()}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    try {
      await waitFor(/SSO session name \(Recommended\):\s*$/m)
      tmux('send-keys', '-t', tool, 's', 'Enter')
      const accounts = await rowsAfter(/There are 5 AWS accounts available to you\./, ACCOUNTS.length)
      tmux('send-keys', '-t', tool, 'Enter')
      const roles = await rowsAfter(/There are 4 roles available to you\./, ROLES.length)
      return { accounts, roles }
    } finally {
      tmux('send-keys', '-t', tool, 'C-c')
    }
  }

  it('shows the same menus as the AWS CLI v2', async () => {
    const aws = await menus('aws', [awsPath!])
    const idc = await menus('idc', [process.execPath, IDC_BIN])
    expect(aws.accounts).toEqual([
      '> Alpha, owner-300000000002@example.com (300000000002)',
      '  beta, owner-300000000003@example.com (300000000003)',
      '  Delta, owner-300000000005@example.com (300000000005)',
      '  zeta, owner-300000000001@example.com (300000000001)',
      '  Ámbar, owner-300000000004@example.com (300000000004)',
    ])
    expect(aws.roles).toEqual(['> admin', '  Billing', '  ReadOnly', '  Zed'])
    expect(idc).toEqual(aws)
  })
})
