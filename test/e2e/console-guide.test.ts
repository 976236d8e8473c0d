// Guide 002's console steps end to end, in English and in Japanese: in a real Chromium against a
// real `idc server --org` (a console administrator and DeveloperAccount, nothing else), the
// administrator adds carol with an invitation email; carol accepts it from the mail outbox, sets
// a password and registers an authenticator app; the administrator creates a group, an 8-hour
// predefined AdministratorAccess permission set and assigns it on DeveloperAccount. Then
// `idc configure sso` as carol (flags, no terminal) gets credentials that expire 8 hours later,
// and the AWS CLI v2's `identitystore list-users` lists the user the page created.
import { execFileSync, spawn } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { approveInBrowser, launchChromium, totpCode } from '../helpers/sso-browser.js'
import { IDC_BIN, REPO_ROOT, findAwsV2, findChromium, requireTool } from '../helpers/tools.js'

const chromiumPath = requireTool(findChromium())
const awsV2 = requireTool(findAwsV2())

/** The labels a person reads in each language (the AWS console's wording). */
const LABELS = {
  en: {
    switchTo: undefined,
    signIn: 'Sign in',
    username: 'Username',
    password: 'Password',
    users: 'Users',
    addUser: 'Add user',
    sendEmail: 'Send an email to this user with password setup instructions.',
    email: 'Email address',
    confirmEmail: 'Confirm email address',
    firstName: 'First name',
    lastName: 'Last name',
    displayName: 'Display name',
    invitationSent: 'An invitation email was sent to carol@example.com.',
    newPassword: 'New password',
    confirmPassword: 'Confirm password',
    setPassword: 'Set password',
    mfaCode: 'MFA code',
    registerMfa: 'Register MFA device',
    groups: 'Groups',
    createGroup: 'Create group',
    groupName: 'Group name',
    permissionSets: 'Permission sets',
    createPermissionSet: 'Create permission set',
    predefined: 'Predefined permission set',
    sessionDuration: 'Session duration',
    accounts: 'AWS accounts',
    assign: 'Assign users or groups',
    submit: 'Submit',
    provisioned: 'Provisioned',
  },
  ja: {
    switchTo: '日本語',
    signIn: 'サインイン',
    username: 'ユーザー名',
    password: 'パスワード',
    users: 'ユーザー',
    addUser: 'ユーザーを追加',
    sendEmail: 'パスワードの設定手順が記載された E メールをこのユーザーに送信します。',
    email: 'E メールアドレス',
    confirmEmail: 'E メールアドレスを確認',
    firstName: '名',
    lastName: '姓',
    displayName: '表示名',
    invitationSent: '招待 E メールを carol@example.com に送信しました。',
    newPassword: '新しいパスワード',
    confirmPassword: 'パスワードの確認',
    setPassword: 'パスワードを設定',
    mfaCode: 'MFA コード',
    registerMfa: 'MFA デバイスを登録',
    groups: 'グループ',
    createGroup: 'グループを作成',
    groupName: 'グループ名',
    permissionSets: '許可セット',
    createPermissionSet: '許可セットを作成',
    predefined: '事前定義された許可セット',
    sessionDuration: 'セッション期間',
    accounts: 'AWS アカウント',
    assign: 'ユーザーまたはグループを割り当て',
    submit: '送信',
    provisioned: 'プロビジョニング済み',
  },
} as const

const ORG = `
instance: { id: d-906600cafe, region: us-east-1, sessionDuration: PT8H }
accounts:
  - { id: "123456789011", name: DeveloperAccount, email: developer@example.com }
consoleAdmins:
  - { userName: admin, password: Admin-guide-pass-1 }
`

const CAROL_PASSWORD = 'Carol-guide-pass-1'

async function click(page: Page, action: Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action])
}

describe.skipIf(!chromiumPath || !awsV2).each(['en', 'ja'] as const)("guide 002's console steps (%s)", (lang) => {
  const L = LABELS[lang]
  let server: ServerProcess
  let browser: Browser
  let home: string
  let totpSecret = ''
  /** The TOTP time step carol's enrolment code used: the server refuses a code's step twice. */
  let enrolStep = 0

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), `idc-e2e-console-${lang}-`))
    const orgFile = join(home, 'org.yaml')
    writeFileSync(orgFile, ORG)
    server = await startServerProcess({ demo: false, args: ['--org', orgFile] })
    browser = await launchChromium(chromiumPath)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(home, { recursive: true, force: true })
  })

  it('walks the console steps in the browser', async () => {
    const context = await browser.newContext({ locale: 'en-US' })
    const page = await context.newPage()
    await page.goto(`${server.endpoint}/admin`)
    if (L.switchTo) {
      // The language switch is remembered: every later page is in Japanese without asking again.
      await click(page, page.getByRole('link', { name: L.switchTo }).click())
      expect(await page.getAttribute('html', 'lang')).toBe('ja')
    }
    await page.getByLabel(L.username, { exact: true }).fill('admin')
    await page.getByLabel(L.password, { exact: true }).fill('Admin-guide-pass-1')
    await click(page, page.getByRole('button', { name: L.signIn }).click())
    expect(await page.getByTestId('portal-url').textContent()).toBe('https://d-906600cafe.awsapps.com/start')
    expect(await page.getByTestId('region').textContent()).toBe('us-east-1')

    // ユーザーを追加: the invitation email option, email twice, first, last and display name.
    await click(page, page.getByRole('link', { name: L.users, exact: true }).click())
    await click(page, page.getByRole('link', { name: L.addUser }).click())
    await page.getByLabel(L.username, { exact: true }).fill('carol')
    await page.getByLabel(L.sendEmail).check()
    await page.getByLabel(L.email, { exact: true }).fill('carol@example.com')
    await page.getByLabel(L.confirmEmail, { exact: true }).fill('carol@example.com')
    await page.getByLabel(L.firstName, { exact: true }).fill('Carol')
    await page.getByLabel(L.lastName, { exact: true }).fill('Example')
    await page.getByLabel(L.displayName, { exact: true }).fill('Carol Example')
    await click(page, page.getByRole('button', { name: L.addUser }).click())
    expect(await page.textContent('body')).toContain(L.invitationSent)

    // The invitation, from the outbox: "Accept invitation", set a password, register an authenticator app.
    const outbox = (await (await fetch(`${server.endpoint}/_idc/outbox`)).json()) as { messages: any[] }
    expect(outbox.messages.map((m) => [m.to, m.subject])).toEqual([
      ['carol@example.com', 'Invitation to join AWS IAM Identity Center'],
    ])
    await page.goto(`${server.endpoint}/outbox`)
    await click(page, page.getByRole('link', { name: 'Invitation to join AWS IAM Identity Center' }).click())
    expect(await page.getByTestId('mail-body').textContent()).toContain('Accept invitation: http://')
    await click(page, page.getByTestId('mail-link').click())
    await page.getByLabel(L.newPassword, { exact: true }).fill(CAROL_PASSWORD)
    await page.getByLabel(L.confirmPassword, { exact: true }).fill(CAROL_PASSWORD)
    await click(page, page.getByRole('button', { name: L.setPassword }).click())
    totpSecret = (await page.getByTestId('totp-secret').textContent()) ?? ''
    expect(totpSecret).toMatch(/^[A-Z2-7]{16,}$/)
    const code = totpCode(totpSecret)
    enrolStep = Math.floor(Date.now() / 30_000)
    await page.getByLabel(L.mfaCode, { exact: true }).fill(code)
    await click(page, page.getByRole('button', { name: L.registerMfa }).click())
    expect(new URL(page.url()).pathname).toBe('/signin')

    // グループを作成 with carol.
    await page.goto(`${server.endpoint}/admin/groups`)
    await click(page, page.getByRole('link', { name: L.createGroup }).click())
    await page.getByLabel(L.groupName, { exact: true }).fill('Admins')
    await page.getByLabel('carol', { exact: true }).check()
    await click(page, page.getByRole('button', { name: L.createGroup }).click())
    expect(await page.locator('[data-member="carol"]').count()).toBe(1)

    // 許可セットを作成: predefined, AdministratorAccess, 8 hours.
    await click(page, page.getByRole('link', { name: L.permissionSets, exact: true }).click())
    await click(page, page.getByRole('link', { name: L.createPermissionSet }).click())
    await page.getByLabel(L.predefined).check()
    await page.getByRole('radio', { name: 'AdministratorAccess' }).check()
    await page.getByLabel(L.sessionDuration).selectOption('8')
    await click(page, page.getByRole('button', { name: L.createPermissionSet }).click())
    expect(await page.locator('h1').textContent()).toBe('AdministratorAccess')

    // AWS アカウント -> DeveloperAccount -> ユーザーまたはグループを割り当て: the group, the permission set, 送信.
    await click(page, page.getByRole('link', { name: L.accounts, exact: true }).click())
    await click(page, page.getByRole('link', { name: 'DeveloperAccount' }).click())
    await click(page, page.getByRole('link', { name: L.assign }).click())
    await page.getByLabel('Admins', { exact: true }).check()
    await page.getByRole('checkbox', { name: 'AdministratorAccess' }).check()
    await click(page, page.getByRole('button', { name: L.submit }).click())
    expect(await page.locator('[data-assignment="Admins:AdministratorAccess"]').textContent()).toContain(L.provisioned)
    await context.close()
  })

  it('lets carol run idc configure sso and get credentials that expire 8 hours later', async () => {
    expect(totpSecret, 'the browser steps ran').not.toBe('')
    mkdirSync(join(home, '.aws'), { recursive: true })
    const urlFile = join(home, 'opened-urls')
    const browserScript = join(home, 'browser.sh')
    writeFileSync(browserScript, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${urlFile}'\n`)
    chmodSync(browserScript, 0o755)
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      AWS_ENDPOINT_URL: server.endpoint,
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      BROWSER: browserScript,
    }
    const wizard = spawn(
      process.execPath,
      [
        IDC_BIN,
        'configure',
        'sso',
        '--sso-session',
        'my-sso',
        '--sso-start-url',
        server.startUrl,
        '--sso-region',
        'us-east-1',
        '--account-id',
        '123456789011',
        '--role-name',
        'AdministratorAccess',
        '--region',
        'ap-northeast-1',
        '--profile-name',
        'default',
      ],
      { env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stdout = ''
    let stderr = ''
    wizard.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    wizard.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const exited = new Promise<number | null>((resolve) => wizard.on('close', resolve))
    let url = ''
    for (let i = 0; i < 600 && !url; i++) {
      await new Promise((r) => setTimeout(r, 50))
      try {
        url = readFileSync(urlFile, 'utf8').split('\n')[0] ?? ''
      } catch {
        // not opened yet
      }
    }
    expect(url, stderr).toContain('/authorize')
    // Signing in needs a fresh code: wait for the time step after the enrolment's.
    while (Math.floor(Date.now() / 30_000) <= enrolStep) await new Promise((r) => setTimeout(r, 250))
    await approveInBrowser(browser, url, { username: 'carol', password: CAROL_PASSWORD, totpSecret })
    expect(await exited, stderr).toBe(0)
    expect(stdout).toContain('Using the account ID 123456789011')

    const before = Date.now()
    const exported = execFileSync(
      process.execPath,
      [IDC_BIN, 'configure', 'export-credentials', '--format', 'process'],
      {
        env,
        encoding: 'utf8',
      },
    )
    const after = Date.now()
    const expiration = Date.parse((JSON.parse(exported) as { Expiration: string }).Expiration)
    const eightHours = 8 * 3600_000
    expect(expiration).toBeGreaterThanOrEqual(before + eightHours - 60_000)
    expect(expiration).toBeLessThanOrEqual(after + eightHours + 60_000)

    const listed = execFileSync(
      awsV2!,
      ['identitystore', 'list-users', '--identity-store-id', 'd-906600cafe', '--region', 'us-east-1'],
      {
        env: { ...env, AWS_ACCESS_KEY_ID: server.adminAccessKeyId, AWS_SECRET_ACCESS_KEY: server.adminSecretAccessKey },
        encoding: 'utf8',
      },
    )
    expect((JSON.parse(listed) as { Users: { UserName: string; Emails: { Value: string }[] }[] }).Users).toMatchObject([
      { UserName: 'carol', Emails: [{ Value: 'carol@example.com' }] },
    ])
  })
})
