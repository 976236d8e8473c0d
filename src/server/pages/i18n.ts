/**
 * Page text in English and Japanese, chosen by `Accept-Language` (Japanese wording follows the AWS
 * console: 「確認して続行」, 「アクセスを許可」).
 *
 * @module
 */

/** A supported page language. */
export type Lang = 'en' | 'ja'

const en = {
  appName: 'IAM Identity Center (local)',
  pageTitle: (title: string) => `${title} | IAM Identity Center (local)`,
  /** The issuer an authenticator app shows next to the account (kept in English in every language). */
  totpIssuer: 'IAM Identity Center (local)',
  signInTitle: 'Sign in',
  username: 'Username',
  password: 'Password',
  mfaCode: 'MFA code',
  mfaHint: 'Enter the 6-digit code from your authenticator app.',
  signIn: 'Sign in',
  signOut: 'Sign out',
  next: 'Next',
  badCredentials: 'Incorrect username or password.',
  badMfa: 'The MFA code is not valid.',
  throttled: (seconds: number) =>
    `Too many failed attempts. Wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'} and try again.`,
  csrf: 'Your session expired or the form was submitted twice. Please try again.',
  deviceTitle: 'Authorization requested',
  deviceEnter: 'Enter the code shown in your terminal.',
  deviceCodeLabel: 'Code',
  deviceCompare: 'Check that this code matches the one shown in your terminal.',
  confirmAndContinue: 'Confirm and continue',
  badUserCode: 'This code is not valid or has expired. Start the sign-in again from your terminal.',
  /** AWS names the client as it registered (RegisterClient's clientName, e.g. botocore-client-my-sso). */
  changePasswordTitle: 'Set new password',
  changePasswordBody: 'You signed in with a one-time password. Choose a new password to continue.',
  passwordReused: 'Choose a password other than your one-time password.',
  consentTitle: (client: string) => `Allow ${client} to access your data?`,
  consentBody: (client: string) =>
    `${client} is asking to use your IAM Identity Center sign-in to get credentials for the AWS accounts and roles you can use. Allow access only if you started this sign-in yourself.`,
  consentScopes: 'Requested permissions',
  signedInAs: (user: string) => `Signed in as ${user}`,
  allowAccess: 'Allow access',
  denyAccess: 'Deny access',
  approvedTitle: 'Request approved',
  approvedBody: 'You can close this window and return to your terminal.',
  deniedTitle: 'Request denied',
  deniedBody: 'The application was not given access. You can close this window.',
  errorTitle: 'Something went wrong',
  notFoundTitle: 'Page not found',
  notFoundBody: 'There is no page at this address. Check the link.',
  badClient: 'This application is not registered, or its registration has expired. Sign in again from your terminal.',
  badRedirect: 'This application asked to return to an address it did not register, so the request was stopped.',
  noAccess: 'You do not have access to this role in this account.',
  portalTitle: 'AWS access portal',
  accounts: (count: number) => `AWS accounts (${count})`,
  noAccounts: 'You do not have access to any AWS account.',
  accessKeys: 'Access keys',
  managementConsole: 'Management console',
  accessKeysTitle: (account: string, role: string) => `Get credentials for ${role} in ${account}`,
  ssoStartUrl: 'SSO start URL',
  ssoRegion: 'SSO region',
  ssoHint:
    'Use the AWS CLI or an AWS SDK with these values (aws configure sso) to get credentials that refresh automatically.',
  recommended: 'AWS IAM Identity Center credentials (Recommended)',
  expiresAtLabel: 'Credentials expire at',
  tabUnix: 'macOS and Linux',
  tabWindows: 'Windows',
  tabPowershell: 'PowerShell',
  option1: 'Option 1: Set AWS environment variables (Short-term credentials)',
  option2: 'Option 2: Add a profile to your AWS credentials file (Short-term credentials)',
  option3: 'Option 3: Use individual values in your AWS service client (Short-term credentials)',
  accessKeyId: 'AWS access key ID',
  secretAccessKey: 'AWS secret access key',
  sessionToken: 'AWS session token',
  copy: 'Copy',
  copied: 'Copied',
  shortTerm: 'Short-term credentials',
  expiresAt: (when: string) => `Valid until ${when}`,
  bash: 'macOS and Linux (bash, zsh)',
  powershell: 'Windows PowerShell',
  cmd: 'Windows Command Prompt',
  credentialsFile: 'AWS credentials file',
  back: 'Back to the portal',
  inviteTitle: 'Set up your account',
  inviteWelcome: (user: string) => `Welcome, ${user}. Choose a password to finish setting up your account.`,
  newPassword: 'New password',
  confirmPassword: 'Confirm password',
  passwordPolicy: 'At least 12 characters, with an upper-case letter, a lower-case letter and a digit.',
  passwordWeak: 'The password does not meet the policy.',
  passwordMismatch: 'The passwords do not match.',
  setPassword: 'Set password',
  mfaTitle: 'Register an MFA device',
  mfaScan: 'Scan this QR code with an authenticator app, or enter the secret key by hand, then enter the current code.',
  secretKey: 'Secret key',
  registerMfa: 'Register MFA device',
  mfaDevices: 'MFA devices',
  mfaRegistered: 'An authenticator app is registered. Sign-in asks for its code.',
  removeMfa: 'Remove MFA device',
  inviteInvalid: 'This invitation link is not valid or has expired. Ask your administrator for a new one.',
  inviteDone: 'Your account is ready. Sign in with your new password.',
  consoleTitle: 'Sign in to the AWS CLI',
  consoleIntro: 'Sign in with your AWS console credentials to give the command line short-term credentials.',
  consoleAccount: 'Account ID (12 digits) or account alias',
  consoleUserName: 'IAM user name',
  consoleIamUser: 'IAM user',
  consoleIamUserHint: 'User within an account that performs daily tasks.',
  consoleRootUser: 'Root user',
  consoleRootUserHint: 'Account owner that performs tasks requiring unrestricted access.',
  consoleRootEmail: 'Root user email address',
  consoleBadCredentials: 'Your authentication information is incorrect. Please try again.',
  consoleBadRequest: 'This sign-in request is not valid or has expired. Run the login command again.',
  consoleCodeTitle: 'Authorization code',
  consoleCodeBody: 'Copy this code and paste it into your terminal to finish signing in.',
}

/** The strings a page may show. */
export type Messages = typeof en

const ja: Messages = {
  appName: 'IAM Identity Center（ローカル）',
  pageTitle: (title) => `${title} | IAM Identity Center（ローカル）`,
  totpIssuer: 'IAM Identity Center (local)',
  signInTitle: 'サインイン',
  username: 'ユーザー名',
  password: 'パスワード',
  mfaCode: 'MFA コード',
  mfaHint: '認証アプリに表示されている 6 桁のコードを入力してください。',
  signIn: 'サインイン',
  signOut: 'サインアウト',
  next: '次へ',
  badCredentials: 'ユーザー名またはパスワードが正しくありません。',
  badMfa: 'MFA コードが正しくありません。',
  throttled: (seconds) => `失敗した試行が多すぎます。${seconds} 秒待ってから再試行してください。`,
  csrf: 'セッションの有効期限が切れたか、フォームが二重に送信されました。もう一度お試しください。',
  deviceTitle: '承認がリクエストされました',
  deviceEnter: 'ターミナルに表示されているコードを入力してください。',
  deviceCodeLabel: 'コード',
  deviceCompare: 'このコードがターミナルに表示されているコードと一致することを確認してください。',
  confirmAndContinue: '確認して続行',
  badUserCode: 'このコードは無効か有効期限が切れています。ターミナルからサインインをやり直してください。',
  changePasswordTitle: '新しいパスワードを設定',
  changePasswordBody: 'ワンタイムパスワードでサインインしました。続行するには新しいパスワードを設定してください。',
  passwordReused: 'ワンタイムパスワードとは異なるパスワードを設定してください。',
  consentTitle: (client) => `${client} にデータへのアクセスを許可しますか?`,
  consentBody: (client) =>
    `${client} は、IAM Identity Center へのサインインを使用して、あなたが利用できる AWS アカウントとロールの認証情報を取得しようとしています。このサインインを自分で開始した場合にのみ、アクセスを許可してください。`,
  consentScopes: 'リクエストされた権限',
  signedInAs: (user) => `${user} としてサインイン中`,
  allowAccess: 'アクセスを許可',
  denyAccess: 'アクセスを拒否',
  approvedTitle: 'リクエストが承認されました',
  approvedBody: 'このウィンドウを閉じて、ターミナルに戻ってください。',
  deniedTitle: 'リクエストが拒否されました',
  deniedBody: 'アプリケーションにアクセスは許可されませんでした。このウィンドウを閉じてください。',
  errorTitle: 'エラーが発生しました',
  notFoundTitle: 'ページが見つかりません',
  notFoundBody: 'このアドレスにはページがありません。リンクを確認してください。',
  badClient:
    'このアプリケーションは登録されていないか、登録の有効期限が切れています。ターミナルからサインインをやり直してください。',
  badRedirect: 'このアプリケーションは登録していないアドレスへの戻りを要求したため、リクエストを停止しました。',
  noAccess: 'このアカウントのこのロールへのアクセス権がありません。',
  portalTitle: 'AWS アクセスポータル',
  accounts: (count) => `AWS アカウント (${count})`,
  noAccounts: 'アクセスできる AWS アカウントはありません。',
  accessKeys: 'アクセスキー',
  managementConsole: 'マネジメントコンソール',
  accessKeysTitle: (account, role) => `${account} の ${role} の認証情報を取得`,
  ssoStartUrl: 'SSO 開始 URL',
  ssoRegion: 'SSO リージョン',
  ssoHint: 'AWS CLI または AWS SDK でこれらの値 (aws configure sso) を使用すると、認証情報が自動的に更新されます。',
  recommended: 'AWS IAM Identity Center の認証情報 (推奨)',
  expiresAtLabel: '認証情報の有効期限',
  tabUnix: 'macOS と Linux',
  tabWindows: 'Windows',
  tabPowershell: 'PowerShell',
  option1: 'オプション 1: AWS 環境変数を設定する (短期認証情報)',
  option2: 'オプション 2: AWS 認証情報ファイルにプロファイルを追加する (短期認証情報)',
  option3: 'オプション 3: AWS サービスクライアントで個別の値を使用する (短期認証情報)',
  accessKeyId: 'AWS アクセスキー ID',
  secretAccessKey: 'AWS シークレットアクセスキー',
  sessionToken: 'AWS セッショントークン',
  copy: 'コピー',
  copied: 'コピーしました',
  shortTerm: '短期認証情報',
  expiresAt: (when) => `有効期限: ${when}`,
  bash: 'macOS と Linux（bash、zsh）',
  powershell: 'Windows PowerShell',
  cmd: 'Windows コマンドプロンプト',
  credentialsFile: 'AWS 認証情報ファイル',
  back: 'ポータルに戻る',
  inviteTitle: 'アカウントの設定',
  inviteWelcome: (user) => `ようこそ、${user} さん。パスワードを設定してアカウントの設定を完了してください。`,
  newPassword: '新しいパスワード',
  confirmPassword: 'パスワードの確認',
  passwordPolicy: '12 文字以上で、大文字、小文字、数字をそれぞれ 1 文字以上含めてください。',
  passwordWeak: 'パスワードがポリシーを満たしていません。',
  passwordMismatch: 'パスワードが一致しません。',
  setPassword: 'パスワードを設定',
  mfaTitle: 'MFA デバイスの登録',
  mfaScan:
    '認証アプリでこの QR コードをスキャンするか、シークレットキーを手動で入力し、表示されたコードを入力してください。',
  secretKey: 'シークレットキー',
  registerMfa: 'MFA デバイスを登録',
  mfaDevices: 'MFA デバイス',
  mfaRegistered: '認証アプリケーションが登録されています。サインイン時にそのコードを求められます。',
  removeMfa: 'MFA デバイスを削除',
  inviteInvalid: 'この招待リンクは無効か有効期限が切れています。管理者に新しいリンクを依頼してください。',
  inviteDone: 'アカウントの準備ができました。新しいパスワードでサインインしてください。',
  consoleTitle: 'AWS CLI にサインイン',
  consoleIntro: 'AWS コンソールの認証情報でサインインすると、コマンドラインに短期認証情報が渡されます。',
  consoleAccount: 'アカウント ID (12 桁) またはアカウントエイリアス',
  consoleUserName: 'IAM ユーザー名',
  consoleIamUser: 'IAM ユーザー',
  consoleIamUserHint: '日常的なタスクを実行するアカウント内のユーザー。',
  consoleRootUser: 'ルートユーザー',
  consoleRootUserHint: '無制限のアクセス権限を必要とするタスクを実行するアカウント所有者。',
  consoleRootEmail: 'ルートユーザーの E メールアドレス',
  consoleBadCredentials: '認証情報が正しくありません。もう一度お試しください。',
  consoleBadRequest:
    'このサインインリクエストは無効か有効期限が切れています。ログインコマンドをもう一度実行してください。',
  consoleCodeTitle: '認証コード',
  consoleCodeBody: 'このコードをコピーしてターミナルに貼り付け、サインインを完了してください。',
}

const MESSAGES: Record<Lang, Messages> = { en, ja }

/** Picks the best supported language from an `Accept-Language` header (default English). */
export function pickLanguage(header: string | undefined): Lang {
  const ranked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean)
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q), index }
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  for (const { tag } of ranked) {
    const base = tag.split('-')[0]
    if (base === 'ja') return 'ja'
    if (base === 'en') return 'en'
  }
  return 'en'
}

/** The messages of a language. */
export function messagesFor(lang: Lang): Messages {
  return MESSAGES[lang]
}

/** Password policy: at least 12 characters, upper case, lower case and a digit. */
export function meetsPasswordPolicy(password: string): boolean {
  return (
    password.length >= 12 &&
    password.length <= 128 &&
    /[A-Z]/.test(password) &&
    /[a-z]/.test(password) &&
    /\d/.test(password)
  )
}
